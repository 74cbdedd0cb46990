"""ISO/IEC 15434 envelopes (`[)>␞06␝…␞␄`) and ANSI MH10.8.2 data identifiers → contract fields.

Format 06 carries data identifiers (`P` part, `Q` quantity, `1T` lot, …); format 05 carries a
GS1 element string, handed to `edge.labels.gs1`. Other formats are kept as raw segments.
Pure logic: no I/O.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from edge.labels.errors import LabelError
from edge.labels.gs1 import GS, parse_element_string

RS = "\x1e"
EOT = "\x04"
HEADER = "[)>" + RS

# A data identifier is up to three digits and one upper-case letter; the data follows.
_DATA_ELEMENT = re.compile(r"(\d{0,3}[A-Z])(.*)", re.DOTALL)
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)([A-Z0-9]{0,3})")
_YYMMDD = re.compile(r"(\d{2})(\d{2})(\d{2})")
_YYYYMMDD = re.compile(r"(\d{4})(\d{2})(\d{2})")

# Data identifier → contract field. The first identifier listed for a field wins over later
# ones in this table (a customer part `P` beats a supplier part `1P`).
_DI_FIELDS: dict[str, str] = {
    "P": "part",
    "1P": "part",
    "Q": "quantity",
    "7Q": "quantity",
    "1T": "lot",
    "T": "lot",
    "S": "serial",
    "V": "supplier",
    "L": "location",
    "J": "license_plate",
    "1J": "license_plate",
    "2J": "license_plate",
    "3J": "license_plate",
    "4J": "license_plate",
    "5J": "license_plate",
    "6J": "license_plate",
    "14D": "expiry",
    "16D": "production_date",
    "D": "date",
    "9N": "ppn",
    "K": "order",
}
_PRIORITY = {di: rank for rank, di in enumerate(_DI_FIELDS)}


def is_envelope(text: str) -> bool:
    return text.startswith(HEADER)


def _iso_date(value: str, pattern: re.Pattern[str], century: bool) -> str:
    match = pattern.fullmatch(value)
    if not match:
        raise LabelError(f"bad date {value!r}")
    year, month, day = match.groups()
    if not century:
        year = "20" + year
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        raise LabelError(f"bad date {value!r}")
    return f"{year}-{month}-{day}"


def _quantity(value: str) -> tuple[int | float, str]:
    match = _QUANTITY.fullmatch(value)
    if not match:
        raise LabelError(f"bad quantity {value!r}")
    try:
        number = Decimal(match.group(1))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise LabelError(f"bad quantity {value!r}") from exc
    as_number = int(number) if number == number.to_integral_value() else float(number)
    return as_number, match.group(2)


def _field_value(di: str, value: str) -> tuple[Any, dict[str, Any]]:
    """The field's value and any extra fields it implies (e.g. a unit of measure)."""
    if di == "Q":
        return _quantity(value)[0], {}
    if di == "7Q":
        number, unit = _quantity(value)
        return number, {"unit": unit} if unit else {}
    if di in ("14D", "16D"):
        return _iso_date(value, _YYYYMMDD, century=True), {}
    if di == "D":
        return _iso_date(value, _YYMMDD, century=False), {}
    return value, {}


def parse_format06(elements: list[str]) -> dict[str, Any]:
    """Data elements of a format 06 segment → fields (scheme `mh10`)."""
    fields: dict[str, Any] = {"scheme": "mh10"}
    ranks: dict[str, int] = {}
    identifiers: dict[str, str] = {}
    for element in elements:
        if not element:
            continue
        match = _DATA_ELEMENT.fullmatch(element)
        if not match:
            raise LabelError(f"not a data identifier: {element[:20]!r}")
        di, value = match.groups()
        identifiers.setdefault(di, value)
        name = _DI_FIELDS.get(di)
        if name is None:
            continue
        rank = _PRIORITY[di]
        if name in ranks and ranks[name] <= rank:
            continue
        fields[name], extra = _field_value(di, value)
        fields.update(extra)
        ranks[name] = rank
    fields["data_identifiers"] = identifiers
    return fields


def parse_envelope(text: str) -> dict[str, Any]:
    """An ISO/IEC 15434 message → fields; format 06 and 05 segments are merged."""
    if not is_envelope(text):
        raise LabelError("not an ISO/IEC 15434 envelope")
    body = text[len(HEADER) :]
    if body.endswith(EOT):
        body = body[:-1]
    # Scanners differ in whether the trailer survives; accept a missing RS/EOT.
    segments = [segment for segment in body.split(RS) if segment]
    if not segments:
        raise LabelError("empty ISO/IEC 15434 envelope")
    merged: dict[str, Any] = {}
    formats: list[str] = []
    other: dict[str, str] = {}
    for segment in segments:
        fmt, rest = segment[:2], segment[2:]
        formats.append(fmt)
        if fmt == "06":
            part = parse_format06(rest.lstrip(GS).split(GS))
        elif fmt == "05":
            part = parse_element_string(rest.lstrip(GS))
        else:
            other[fmt] = rest
            continue
        for key, value in part.items():
            merged.setdefault(key, value)
    if "scheme" not in merged:
        raise LabelError(f"ISO/IEC 15434 format(s) {', '.join(formats)} not supported")
    if "06" in formats:
        merged["scheme"] = "mh10"
    merged["envelope_formats"] = formats
    if other:
        merged["envelope_other"] = other
    return merged
