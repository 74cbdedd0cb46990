"""Location codes: the configurable pattern that tells a bin label from any other text."""

import re
from functools import lru_cache

# Aisle letter(s) with an optional number, then 1-4 dash-separated groups, at least one digit:
# A-03-02-04, A01-03-B, B2-14, AA-01-1-3.
DEFAULT_LOCATION_PATTERN = r"(?=.*\d)[A-Z]{1,3}\d{0,3}(?:-[A-Z0-9]{1,4}){1,4}"

# A location code is short; refusing long input keeps a user-configured pattern from
# backtracking over a 5 KB payload.
MAX_LOCATION_LENGTH = 64


@lru_cache(maxsize=32)
def compile_location_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a location pattern (matched against the whole payload); raises `re.error`."""
    return re.compile(pattern)


def match_location(text: str, pattern: str | re.Pattern[str] | None = None) -> str | None:
    """The location code if the whole of `text` is one, else None."""
    if not text or len(text) > MAX_LOCATION_LENGTH:
        return None
    if pattern is None:
        pattern = DEFAULT_LOCATION_PATTERN
    compiled = compile_location_pattern(pattern) if isinstance(pattern, str) else pattern
    return text if compiled.fullmatch(text) else None
