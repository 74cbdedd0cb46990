"""Label parsing: what a decoded symbol or a scanned payload says (part, lot, quantity, location).

`parse_label(text)` returns the contract's `fields` (scheme `gs1`, `mh10`, `location` or
`plain`, plus `part`, `gtin`, `quantity`, `lot`, `serial`, `supplier`, `license_plate`, `sscc`,
`expiry`, `location` where present). Pure logic: no I/O, no decoding of images.
"""

from edge.labels.errors import LabelError
from edge.labels.location import DEFAULT_LOCATION_PATTERN, match_location
from edge.labels.parse import MAX_PAYLOAD_CHARS, parse_label, parse_payload

__all__ = [
    "DEFAULT_LOCATION_PATTERN",
    "MAX_PAYLOAD_CHARS",
    "LabelError",
    "match_location",
    "parse_label",
    "parse_payload",
]
