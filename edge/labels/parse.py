"""`parse_label`: one decoded or scanned payload → the contract's `fields`.

Order of recognition: safety checks (reject NUL, invalid UTF-8, oversize), control pictures
(␞ ␝ ␄ from scanners) back to control characters, an AIM symbology identifier (given or as a
`]Xm` prefix), then ISO/IEC 15434 envelope → GS1 (element string, HRI, Digital Link, GTIN) →
location pattern → `plain`. Pure logic: no I/O.
"""

import re
from typing import Any

from edge.labels import gs1, mh10
from edge.labels.errors import LabelError
from edge.labels.location import match_location

# Larger than any label a warehouse prints (a full QR holds ~4 KB of text); a payload past
# this is noise or an attack, and would not fit comfortably in an event's attributes.
MAX_PAYLOAD_CHARS = 4096

_CONTROL_PICTURES = str.maketrans({"\u241e": "\x1e", "\u241d": "\x1d", "\u2404": "\x04"})
_SYMBOLOGY_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# Control characters a label may legitimately carry: GS/RS/EOT/FS/US separators and
# whitespace. Anything else below U+0020 (and DEL) is binary, not a label.
_ALLOWED_CONTROLS = frozenset("\x1d\x1e\x04\x1c\x1f\t\r\n")
_DIGITAL_LINK = re.compile(r"https?://[^\s/]+/(?:.*/)?(?:00|01|8003|8004|414|417)/\S+", re.I)


def check_safe(text: str) -> None:
    """Raise LabelError for content that must not travel as a label."""
    if len(text) > MAX_PAYLOAD_CHARS:
        raise LabelError(f"payload too long ({len(text)} characters > {MAX_PAYLOAD_CHARS})")
    if "\x00" in text:
        raise LabelError("payload contains a NUL character")
    for index, char in enumerate(text):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise LabelError(f"payload is not valid UTF-8 (undecodable data at {index})")
        if (code < 0x20 or code == 0x7F) and char not in _ALLOWED_CONTROLS:
            raise LabelError(f"payload contains control character U+{code:04X} at {index}")


def split_symbology_identifier(text: str, given: str = "") -> tuple[str, str]:
    """(identifier, data): a `]Xm` prefix is taken off the text; a given identifier wins."""
    if _SYMBOLOGY_PREFIX.match(text):
        return given or text[:3], text[3:]
    return given, text


def parse_label(
    text: str,
    *,
    location_pattern: str | re.Pattern[str] | None = None,
    symbology_identifier: str = "",
) -> dict[str, Any]:
    """The contract's `fields` for one payload; raises LabelError for rejected content."""
    check_safe(text)
    text = text.translate(_CONTROL_PICTURES)
    sid, data = split_symbology_identifier(text, symbology_identifier)
    fields = _recognise(data, sid, location_pattern)
    if sid:
        fields["symbology_identifier"] = sid
    return fields


def parse_payload(
    data: bytes,
    *,
    location_pattern: str | re.Pattern[str] | None = None,
    symbology_identifier: str = "",
) -> dict[str, Any]:
    """As `parse_label`, for bytes as a serial scanner delivers them (strict UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LabelError(f"payload is not valid UTF-8 (byte {exc.start})") from exc
    return parse_label(
        text, location_pattern=location_pattern, symbology_identifier=symbology_identifier
    )


def _recognise(
    data: str, sid: str, location_pattern: str | re.Pattern[str] | None
) -> dict[str, Any]:
    if mh10.is_envelope(data):
        return mh10.parse_envelope(data)
    if sid in gs1.GS1_ELEMENT_STRING_IDS:
        # The symbol says "GS1": broken content is an error, not plain text.
        return gs1.parse_element_string(data)
    if sid in gs1.GTIN_SYMBOLOGY_IDS and gs1.is_gtin_candidate(data):
        return gs1.parse_gtin(data)
    if data.startswith("(") and data[1:3].isdigit():
        try:
            return gs1.parse_hri(data)
        except LabelError:
            pass
    if _DIGITAL_LINK.fullmatch(data):
        try:
            return gs1.parse_digital_link(data)
        except LabelError:
            pass
    location = match_location(data, location_pattern)
    if location is not None:
        return {"scheme": "location", "location": location}
    if not sid and gs1.is_gtin_candidate(data):
        try:
            return gs1.parse_gtin(data)
        except LabelError:
            pass
    if not sid and gs1.looks_like_element_string(data):
        try:
            return gs1.parse_element_string(data)
        except LabelError:
            pass
    return {"scheme": "plain"}
