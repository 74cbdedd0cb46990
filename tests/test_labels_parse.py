"""Label parsing: the contract's `fields` for GS1, ISO/IEC 15434 + MH10.8.2, locations, plain,
and hostile payloads that must be carried or rejected without a crash."""

import re
from typing import Any

import pytest
from pydantic import ValidationError

from edge.config.labels import LabelsConfig
from edge.labels import DEFAULT_LOCATION_PATTERN, LabelError, parse_label, parse_payload
from edge.labels.gs1 import gs1_check_digit_ok

# Copied from shared/data/label_vectors.json (tests must not read shared/data).
VECTORS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "gs1-128-gtin-expiry-lot-count",
        "]C10109506000134352172612311012345A\x1d3024",
        {
            "scheme": "gs1",
            "gtin": "09506000134352",
            "expiry": "2026-12-31",
            "lot": "12345A",
            "quantity": 24,
        },
    ),
    (
        "gs1-128-sscc-content-count",
        "]C10010614141123456789702095060001343523724",
        {"scheme": "gs1", "sscc": "106141411234567897", "gtin": "09506000134352", "quantity": 24},
    ),
    (
        "gs1-datamatrix-serial",
        "]d201095060001343521727063010B2024-07\x1d21SN000123",
        {
            "scheme": "gs1",
            "gtin": "09506000134352",
            "expiry": "2027-06-30",
            "lot": "B2024-07",
            "serial": "SN000123",
        },
    ),
    (
        "gs1-no-symbology-id",
        "010541234500001310ABC123\x1d17290331",
        {"scheme": "gs1", "gtin": "05412345000013", "lot": "ABC123", "expiry": "2029-03-31"},
    ),
    (
        "mh10-serial-lot",
        "[)>\x1e06\x1d9N112097776020\x1dS496320471563\x1d1TABC123\x1dD290331\x1e\x04",
        {"scheme": "mh10", "serial": "496320471563", "lot": "ABC123"},
    ),
    (
        "mh10-automotive-part-label",
        "[)>\x1e06\x1dP4711-0815-A\x1dQ120\x1d1TL2026-11-0042\x1dV123456789\x1d3SPKG00004711\x1e\x04",
        {
            "scheme": "mh10",
            "part": "4711-0815-A",
            "quantity": 120,
            "lot": "L2026-11-0042",
            "supplier": "123456789",
        },
    ),
    ("mh10-location", "[)>\x1e06\x1dLA01-03-B\x1e\x04", {"scheme": "mh10", "location": "A01-03-B"}),
    ("plain-location", "A-03-02-04", {"scheme": "location", "location": "A-03-02-04"}),
    ("plain-text", "HELLO WORLD", {"scheme": "plain"}),
]


def _subset(expected: dict[str, Any], got: dict[str, Any]) -> None:
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)
        assert type(got[key]) is type(value), (key, got[key])


@pytest.mark.parametrize(("name", "raw", "fields"), VECTORS, ids=[v[0] for v in VECTORS])
def test_label_vectors(name: str, raw: str, fields: dict[str, Any]) -> None:
    _subset(fields, parse_label(raw))


@pytest.mark.parametrize(
    ("raw", "kwargs", "fields"),
    [
        # symbology identifier given separately instead of as a prefix
        (
            "0109506000134352172612311012345A\x1d3024",
            {"symbology_identifier": "]C1"},
            {"scheme": "gs1", "lot": "12345A", "quantity": 24, "symbology_identifier": "]C1"},
        ),
        # parenthesised HRI
        (
            "(01)09506000134352(17)261231(10)ABC",
            {},
            {"scheme": "gs1", "gtin": "09506000134352", "expiry": "2026-12-31", "lot": "ABC"},
        ),
        # GS1 Digital Link
        (
            "https://id.gs1.org/01/09506000134352/10/ABC?17=261231",
            {},
            {"scheme": "gs1", "gtin": "09506000134352", "lot": "ABC", "expiry": "2026-12-31"},
        ),
        # `%` where the scanner cannot send GS
        (
            "0105412345000013%10ABC%17290331",
            {},
            {"scheme": "gs1", "gtin": "05412345000013", "lot": "ABC", "expiry": "2029-03-31"},
        ),
        # DD=00 means the last day of the month
        ("]C1010950600013435217270200", {}, {"expiry": "2027-02-28"}),
        # AI 254 (GLN extension) is a location
        ("]C1414950600013435925404-02-01", {}, {"scheme": "gs1", "location": "04-02-01"}),
        # AI 00 SSCC also fills license_plate
        ("]C100106141411234567897", {}, {"sscc": "106141411234567897"}),
        # EAN-13 / UPC / ITF-14: a bare GTIN, padded to 14 digits
        ("]E09780804816632", {}, {"scheme": "gs1", "gtin": "09780804816632"}),
        ("9780804816632", {}, {"scheme": "gs1", "gtin": "09780804816632"}),
        ("]I100012345678905", {}, {"scheme": "gs1", "gtin": "00012345678905"}),
        # a 13-digit number with a wrong check digit is not a GTIN
        ("9780804816633", {}, {"scheme": "plain"}),
        # ISO 15434 envelope with GS1 inside (format 05)
        (
            "[)>\x1e05\x1d0109506000134352\x1d10AB12\x1e\x04",
            {},
            {"scheme": "gs1", "gtin": "09506000134352", "lot": "AB12"},
        ),
        # scanners that send Unicode control pictures ␞ ␝ ␄
        ("[)>␞06␝P4711␝Q12␞␄", {}, {"scheme": "mh10", "part": "4711", "quantity": 12}),
        # missing EOT / trailing RS still parses
        ("[)>\x1e06\x1dP4711\x1dQ12", {}, {"scheme": "mh10", "part": "4711", "quantity": 12}),
        # customer part P wins over supplier part 1P whichever comes first
        ("[)>\x1e06\x1d1PSUP-1\x1dPCUST-1\x1e\x04", {}, {"part": "CUST-1"}),
        # 7Q: quantity with unit of measure; decimal quantities stay floats
        ("[)>\x1e06\x1d7Q10EA\x1e\x04", {}, {"quantity": 10, "unit": "EA"}),
        ("[)>\x1e06\x1dQ2.5\x1e\x04", {}, {"quantity": 2.5}),
        # 14D expiry YYYYMMDD, J license plate, S serial, V supplier
        (
            "[)>\x1e06\x1d14D20270131\x1dJUN123456789\x1dS42\x1dV99\x1e\x04",
            {},
            {"expiry": "2027-01-31", "license_plate": "UN123456789", "serial": "42"},
        ),
        # both formats in one envelope: MH10 fields first, GS1 fills the rest
        (
            "[)>\x1e06\x1dP4711\x1e05\x1d0109506000134352\x1e\x04",
            {},
            {"scheme": "mh10", "part": "4711", "gtin": "09506000134352"},
        ),
        # locations by the default pattern
        ("A01-03-B", {}, {"scheme": "location", "location": "A01-03-B"}),
        ("B2-14", {}, {"scheme": "location", "location": "B2-14"}),
        # a custom pattern replaces the default one
        (
            "R12.S03",
            {"location_pattern": r"R\d+\.S\d+"},
            {"scheme": "location", "location": "R12.S03"},
        ),
        ("A-03-02-04", {"location_pattern": r"R\d+\.S\d+"}, {"scheme": "plain"}),
        (
            "r12.s03",
            {"location_pattern": re.compile(r"r\d+\.s\d+", re.I)},
            {"scheme": "location"},
        ),
        # text that merely resembles other schemes stays plain
        ("4711-0815-A", {}, {"scheme": "plain"}),
        ("ABC-DEF", {}, {"scheme": "plain"}),
        ("Code 128", {}, {"scheme": "plain"}),
        ("12345", {}, {"scheme": "plain"}),
        ("https://example.com/page", {}, {"scheme": "plain"}),
        # a QR with a ]Q1 identifier and plain text
        ("]Q1HELLO", {}, {"scheme": "plain", "symbology_identifier": "]Q1"}),
    ],
)
def test_parsing_rules(raw: str, kwargs: dict[str, Any], fields: dict[str, Any]) -> None:
    _subset(fields, parse_label(raw, **kwargs))


def test_sscc_is_also_the_license_plate() -> None:
    fields = parse_label("]C100106141411234567897")
    assert fields["license_plate"] == fields["sscc"] == "106141411234567897"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("A" * 5000, "too long"),
        ("ABC\x00DEF", "NUL"),
        ("bad\udcff", "UTF-8"),
        ("bell\x07", "control character"),
        ("]C1HELLO", "GS1"),  # claims GS1, is not
        ("]C10109506000134353", "check digit"),  # GS1 with a wrong GTIN check digit
        ("[)>\x1e06\x1dQ12x!\x1e\x04", "quantity"),
        ("[)>\x1e06\x1d14D20271399\x1e\x04", "date"),
        ("[)>\x1e06\x1dlowercase\x1e\x04", "data identifier"),
        ("[)>\x1e\x04", "empty"),
        ("[)>\x1e99\x1dsomething\x1e\x04", "not supported"),
    ],
)
def test_rejected_with_reason(raw: str, reason: str) -> None:
    """Hostile or broken content raises LabelError with a readable reason, nothing else."""
    with pytest.raises(LabelError) as info:
        parse_label(raw)
    assert reason in info.value.reason
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "raw",
    [
        "'; DROP TABLE events; --",
        "Robert'); DELETE FROM ledger WHERE ('1'='1",
        "<script>alert(1)</script>",
        "x" * 4000,
        "A-03-02-04" * 300,  # repeated location: too long for the pattern, still carried
        "zeile1\r\nzeile2\tmit Umlaut äöü 日本語",
        "\ufffd replacement character",
    ],
)
def test_hostile_but_harmless_content_is_carried_as_plain(raw: str) -> None:
    assert parse_label(raw) == {"scheme": "plain"}


def test_payload_bytes_must_be_utf8() -> None:
    with pytest.raises(LabelError, match="UTF-8"):
        parse_payload(b"\xff\xfeA-03-02-04")
    assert parse_payload(b"A-03-02-04")["location"] == "A-03-02-04"


def test_user_pattern_cannot_stall_on_long_input() -> None:
    """A catastrophic-backtracking pattern is never run on payloads past the location length."""
    evil = r"(a+)+$"
    assert parse_label("a" * 3000 + "!", location_pattern=evil) == {"scheme": "plain"}


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("09506000134352", True),
        ("09506000134353", False),
        ("106141411234567897", True),
        ("", False),
    ],
)
def test_gs1_check_digit(digits: str, ok: bool) -> None:
    assert gs1_check_digit_ok(digits) is ok


def test_config_defaults_and_validation() -> None:
    config = LabelsConfig()
    assert config.location_pattern == DEFAULT_LOCATION_PATTERN
    assert re.fullmatch(config.location_pattern, "A-03-02-04")
    assert re.fullmatch(config.location_pattern, "A01-03-B")
    with pytest.raises(ValidationError, match="location_pattern"):
        LabelsConfig(location_pattern="[unclosed")
    with pytest.raises(ValidationError):
        LabelsConfig(unknown_key=1)  # type: ignore[call-arg]
    for name, field in LabelsConfig.model_fields.items():
        assert field.description, name
