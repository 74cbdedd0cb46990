"""Check digits and lengths, so that false reads never leave the decoder.

Reed-Solomon protects 2D symbols and Code 128 carries a checksum, but EAN/UPC rely on one
check digit and ITF on none unless it is an ITF-14: a tilted ITF-14 gave zxing-cpp false
reads of the wrong length or with a bad check digit (FINDINGS.md). Pure logic: no I/O.
"""

from edge.labels.gs1 import gs1_check_digit_ok
from edge.vision.decode.symbols import Symbol

# ITF-14 (GTIN), ITF-16 and ITF-18 (SSCC) are GS1 keys with a mod-10 check digit.
_ITF_CHECKED_LENGTHS = frozenset({14, 16, 18})
ITF_MIN_LENGTH = 4


def upce_to_upca(upce: str) -> str:
    """Expand an 8-digit UPC-E (number system, six digits, check) to its 12-digit UPC-A."""
    ns, m, check = upce[0], upce[1:7], upce[7]
    last = m[5]
    if last in "012":
        body = m[0:2] + last + "0000" + m[2:5]
    elif last == "3":
        body = m[0:3] + "00000" + m[3:5]
    elif last == "4":
        body = m[0:4] + "00000" + m[4]
    else:
        body = m[0:5] + "0000" + last
    return ns + body + check


def _digits(text: str, lengths: tuple[int, ...]) -> str | None:
    if not (text.isascii() and text.isdigit()):
        return "not all digits"
    if len(text) not in lengths:
        return f"length {len(text)} not in {lengths}"
    return None


def rejection(symbol: Symbol) -> str | None:
    """Why a decoded symbol must be dropped, or None when it passes."""
    text, fmt = symbol.text, symbol.format
    if not symbol.raw and not text:
        return "empty"
    if fmt in ("EAN13", "EAN8", "UPCA"):
        length = {"EAN13": 13, "EAN8": 8, "UPCA": 12}[fmt]
        reason = _digits(text, (length,))
        if reason is None and not gs1_check_digit_ok(text):
            reason = "bad check digit"
        return reason
    if fmt == "UPCE":
        reason = _digits(text, (8,))
        if reason is None and not gs1_check_digit_ok(upce_to_upca(text)):
            reason = "bad check digit"
        return reason
    if fmt in ("ITF", "ITF14"):
        if not (text.isascii() and text.isdigit()):
            return "not all digits"
        if len(text) % 2 or len(text) < ITF_MIN_LENGTH:
            return f"impossible ITF length {len(text)}"
        if (fmt == "ITF14" or len(text) in _ITF_CHECKED_LENGTHS) and not gs1_check_digit_ok(text):
            return "bad check digit"
    return None
