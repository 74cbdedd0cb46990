"""GS1 payloads → contract fields, with biip doing the parsing.

Understands element strings with FNC1/GS separators (and `%` where a scanner cannot send GS),
parenthesised HRI (`(01)…(17)…`), GS1 Digital Link URLs and bare GTINs from EAN/UPC/ITF-14.
Pure logic: no I/O.
"""

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import biip
from biip.gs1_messages import GS1Message

from edge.labels.errors import LabelError

GS = "\x1d"

# AIM symbology identifiers whose data is a GS1 element string (GS1-128, GS1 DataBar,
# GS1 DataMatrix, GS1 QR, GS1 DotCode); EAN/UPC and ITF-14 carry a bare GTIN instead.
GS1_ELEMENT_STRING_IDS = frozenset({"]C1", "]e0", "]e1", "]e2", "]d2", "]Q3", "]J1"})
GTIN_SYMBOLOGY_IDS = frozenset({"]E0", "]E1", "]E2", "]E3", "]E4", "]I1", "]X0"})

# Application identifier → contract field (first occurrence wins).
_AI_FIELDS: dict[str, str] = {
    "00": "sscc",
    "01": "gtin",
    "02": "gtin",
    "10": "lot",
    "21": "serial",
    "17": "expiry",
    "15": "best_before",
    "16": "sell_by",
    "11": "production_date",
    "13": "packaging_date",
    "30": "quantity",
    "37": "quantity",
    "241": "part",
    "240": "part",
    "254": "location",
    "414": "gln",
    "400": "order",
}
_AI_PREFIX = re.compile(r"(?:0[0-2]|1[0-7]|2[0-5]|3[0-9]|4[0-2]|7[0-9]|8[0-9]|9[0-9])")
_DIGITS = re.compile(r"\d+")


def gs1_check_digit_ok(digits: str) -> bool:
    """The GS1 mod-10 check digit (GTIN-8/12/13/14, SSCC, ITF-14) of a digit string."""
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _number(value: Decimal | str) -> int | float:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def fields_from_elements(elements: Iterable[Any]) -> dict[str, Any]:
    """Map biip element strings to contract fields; raise LabelError on a bad check digit."""
    fields: dict[str, Any] = {"scheme": "gs1"}
    raw: dict[str, str] = {}
    for element in elements:
        ai: str = element.ai.ai
        value: str = element.value
        raw.setdefault(ai, value)
        for error in (element.gtin_error, element.sscc_error):
            if error:
                raise LabelError(f"GS1 ({ai}) {value}: {error}")
        name = _AI_FIELDS.get(ai)
        if name is None or name in fields:
            continue
        if element.date is not None:
            fields[name] = element.date.isoformat()
        elif name == "quantity":
            fields[name] = _number(value)
        else:
            fields[name] = value
    if "sscc" in fields:
        fields.setdefault("license_plate", fields["sscc"])
    fields["elements"] = raw
    return fields


def parse_element_string(data: str) -> dict[str, Any]:
    """A GS1 element string (no symbology identifier) → fields; raises LabelError."""
    separators: tuple[str, ...] = (GS,)
    if GS not in data and "%" in data:
        # Scanners that cannot transmit GS often send `%`; try that reading first.
        try:
            return _parse_message(data, ("%",))
        except LabelError:
            pass
    return _parse_message(data, separators)


def _parse_message(data: str, separators: tuple[str, ...]) -> dict[str, Any]:
    config = biip.ParseConfig(separator_chars=separators)
    try:
        message = GS1Message.parse(data.rstrip(GS), config=config)
    except biip.BiipException as exc:
        raise LabelError(f"not a GS1 element string: {exc}") from exc
    return fields_from_elements(message.element_strings)


def parse_hri(text: str) -> dict[str, Any]:
    """Parenthesised GS1 HRI such as `(01)09506000134352(17)261231` → fields."""
    try:
        message = GS1Message.parse_hri(text)
    except biip.BiipException as exc:
        raise LabelError(f"not GS1 HRI: {exc}") from exc
    return fields_from_elements(message.element_strings)


def parse_digital_link(url: str) -> dict[str, Any]:
    """A GS1 Digital Link URI (`https://id.gs1.org/01/…/10/…?17=…`) → fields."""
    result = biip.parse(url)
    link = result.gs1_digital_link_uri
    if link is None:
        raise LabelError(f"not a GS1 Digital Link: {result.gs1_digital_link_uri_error}")
    fields = fields_from_elements(link.element_strings)
    fields["digital_link"] = url
    return fields


def parse_gtin(digits: str) -> dict[str, Any]:
    """A bare GTIN-8/12/13/14 as EAN/UPC and ITF-14 carry it → fields (gtin padded to 14)."""
    if len(digits) not in (8, 12, 13, 14) or not gs1_check_digit_ok(digits):
        raise LabelError(f"not a GTIN: {digits!r}")
    return {"scheme": "gs1", "gtin": digits.zfill(14)}


def looks_like_element_string(text: str) -> bool:
    """Whether text without a symbology identifier is plausibly a GS1 element string.

    Only digit-led strings that start with a known AI prefix and are long enough for two
    elements, or that hold a GS, are tried: a plain serial number should stay plain.
    """
    if not _AI_PREFIX.match(text):
        return False
    return GS in text or len(text) >= 16


def is_gtin_candidate(text: str) -> bool:
    return bool(_DIGITS.fullmatch(text)) and len(text) in (8, 12, 13, 14)
