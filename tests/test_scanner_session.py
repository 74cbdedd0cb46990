"""The handheld scanner grammar on scripted input (CONTRACT.md, "Handheld scanner input")."""

from __future__ import annotations

from functools import partial

import pytest

from edge.events import ListSink
from edge.labels import DEFAULT_LOCATION_PATTERN, parse_label
from edge.scanner.inputs import split_serial
from edge.scanner.keymap import DOWN, UP, KeyDecoder
from edge.scanner.lookup import MasterLookup
from edge.scanner.run import run_lines
from edge.scanner.session import Reply, ReplyKind, ScanSession

MH10_PART = "[)>\x1e06\x1dP4711-0815-A\x1dQ120\x1d1TL2026-11-0042\x1e\x04"
MH10_LOCATION = "[)>\x1e06\x1dLA01-03-B\x1e\x04"
GS1_COUNT = "]C10109506000134352172612311012345A\x1d3024"  # GTIN, lot 12345A, count 24
LOOKUP = MasterLookup(
    locations=frozenset({"A-01-01", "A-01-02", "A01-03-B"}),
    items=frozenset({"WASHER", "4711-0815-A", "ITEM-GTIN", "B-77"}),
    gtins={"09506000134352": "ITEM-GTIN"},
    tasks={"A-01-02": "planned"},
)


def session(lookup: MasterLookup | None = LOOKUP) -> tuple[ScanSession, ListSink]:
    sink = ListSink()
    return (
        ScanSession(
            sink,
            source="scanner:hh-7",
            parse_label=partial(parse_label, location_pattern=DEFAULT_LOCATION_PATTERN),
            known_location=lookup.known_location if lookup else None,
            known_item=lookup.known_item if lookup else None,
            resolve_item=lookup.resolve_item if lookup else None,
        ),
        sink,
    )


def run(script: list[str], lookup: MasterLookup | None = LOOKUP) -> tuple[list[Reply], ListSink]:
    scan, sink = session(lookup)
    replies: list[Reply] = []
    for line in script:
        replies += scan.feed(line)
    replies += scan.finish()
    return replies, sink


def counts(sink: ListSink) -> list[tuple[str | None, str | None, str | None, float | None]]:
    return [(e.location, e.item, e.lot, e.quantity) for e in sink.events]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # an item without a quantity counts 1; END closes
        (["A-01-01", "WASHER", "END"], [("A-01-01", "WASHER", None, 1)]),
        # a number sets the quantity of the last item line
        (["A-01-01", "WASHER", "12", "END"], [("A-01-01", "WASHER", None, 12)]),
        # the labelled quantity (MH10 Q) and lot are taken from the label
        (["A-01-01", MH10_PART, "END"], [("A-01-01", "4711-0815-A", "L2026-11-0042", 120)]),
        # GS1 AI 30 quantity, GTIN resolved to the item id through the master data
        (["A-01-01", GS1_COUNT, "END"], [("A-01-01", "ITEM-GTIN", "12345A", 24)]),
        # the same item twice adds up into one count.recorded
        (["A-01-01", "WASHER", "5", "WASHER", "END"], [("A-01-01", "WASHER", None, 6)]),
        # UNDO removes the last item line
        (["A-01-01", "WASHER", "5", "B-77", "UNDO", "END"], [("A-01-01", "WASHER", None, 5)]),
        # the same location again closes the count
        (["A-01-01", "WASHER", "A-01-01"], [("A-01-01", "WASHER", None, 1)]),
        # a new location closes the open count first
        (
            ["A-01-01", "WASHER", "A-01-02", "B-77", "3", "END"],
            [("A-01-01", "WASHER", None, 1), ("A-01-02", "B-77", None, 3)],
        ),
        # an MH10 location label opens a count too
        ([MH10_LOCATION, "WASHER", "END"], [("A01-03-B", "WASHER", None, 1)]),
        # a location closed with no item: "this location is empty"
        (["A-01-01", "END"], [("A-01-01", None, None, 0)]),
        # end of input closes the open count
        (["A-01-01", "WASHER", "2"], [("A-01-01", "WASHER", None, 2)]),
        # commands are case-insensitive and blank lines are ignored
        (["A-01-01", "", " WASHER \r", "end"], [("A-01-01", "WASHER", None, 1)]),
        # "B-77" fits the location pattern but is only known as an item
        (["A-01-01", "B-77", "END"], [("A-01-01", "B-77", None, 1)]),
    ],
)
def test_grammar(script: list[str], expected: list[tuple[object, ...]]) -> None:
    replies, sink = run(script)
    assert counts(sink) == expected
    assert all(e.type == "count.recorded" and e.source == "scanner:hh-7" for e in sink.events)
    assert not [r for r in replies if r.kind is ReplyKind.REFUSED]


@pytest.mark.parametrize(
    ("script", "refusal"),
    [
        (["WASHER"], "scan a location first"),  # item before any location
        (["B-99-99"], "unknown location B-99-99"),  # location not in the master
        (["12"], "without a count"),  # quantity before anything
        (["A-01-01", "12"], "without an item"),  # quantity before an item
        (["UNDO"], "nothing to undo"),
        (["A-01-01", "UNDO"], "nothing to undo"),
        (["END"], "END without an open count"),
        (["A-01-01", "NOPE"], "unknown item NOPE"),  # plain code not in the item master
        (["A-01-01", "two words"], "is not an item code"),
        (["A-01-01", "bad\x00payload"], "unreadable scan"),
        (
            [
                "A-01-01",
                "]d201095060001343521727063010B2024-07\x1d21SN1",
                "]d201095060001343521727063010B2024-07\x1d21SN1",
            ],
            "already counted",
        ),
        (
            ["A-01-01", "]d201095060001343521727063010B2024-07\x1d21SN1", "5"],
            "one unit, no quantity",
        ),
    ],
)
def test_every_refusal_emits_nothing_for_it(script: list[str], refusal: str) -> None:
    scan, sink = session()
    replies: list[Reply] = []
    for line in script:
        replies += scan.feed(line)
    refused = [r for r in replies if r.kind is ReplyKind.REFUSED]
    assert len(refused) == 1 and refusal in refused[0].message
    assert sink.events == []  # nothing emitted (the count may still be open)


def test_refusals_do_not_disturb_the_open_count() -> None:
    replies, sink = run(["A-01-01", "WASHER", "B-99-99", "NOPE", "4", "END"])
    assert counts(sink) == [("A-01-01", "WASHER", None, 4)]
    assert sum(r.kind is ReplyKind.REFUSED for r in replies) == 2


def test_without_master_data_everything_is_accepted() -> None:
    _, sink = run(["Z-09-09", "ANYTHING", "3", "END"], lookup=None)
    assert counts(sink) == [("Z-09-09", "ANYTHING", None, 3)]


def test_counts_are_blind_and_carry_a_count_id() -> None:
    """No reply may show a book quantity; every event of one count shares its count_id."""
    replies, sink = run(["A-01-01", "WASHER", "B-77", "END"])
    assert {e.attributes["count_id"] for e in sink.events} == {
        sink.events[0].attributes["count_id"]
    }
    assert all("book" not in r.message and "expected" not in r.message for r in replies)


def test_run_lines_reports_planned_task_done() -> None:
    scan, _ = session()
    shown: list[Reply] = []
    summary = run_lines(
        scan, ["A-01-02", "WASHER", "END", "WASHER"], shown.append, tasks=LOOKUP.tasks
    )
    assert summary.counts_closed == 1 and len(summary.events) == 1
    assert summary.tasks_done == ["A-01-02"]
    assert any("planned task at A-01-02: done" in r.message for r in shown)
    assert summary.refused == ["scan a location first: WASHER not counted"]


def _type(decoder: KeyDecoder, keys: list[tuple[str, int]]) -> list[str]:
    lines = []
    for key, value in keys:
        line = decoder.feed(key, value)
        if line is not None:
            lines.append(line)
    return lines


def test_keymap_shift_and_control_characters() -> None:
    def tap(key: str) -> list[tuple[str, int]]:
        return [(key, DOWN), (key, UP)]

    keys = [("KEY_LEFTSHIFT", DOWN), *tap("KEY_A"), ("KEY_LEFTSHIFT", UP), *tap("KEY_MINUS")]
    keys += [*tap("KEY_0"), *tap("KEY_1"), ("KEY_LEFTSHIFT", DOWN), *tap("KEY_MINUS")]
    keys += [("KEY_LEFTSHIFT", UP), *tap("KEY_B"), ("KEY_LEFTCTRL", DOWN), *tap("KEY_RIGHTBRACE")]
    keys += [("KEY_LEFTCTRL", UP), *tap("KEY_X"), *tap("KEY_BACKSPACE"), *tap("KEY_KP7")]
    keys += tap("KEY_ENTER")
    assert _type(KeyDecoder(), keys) == ["A-01_b\x1d7"]


def test_serial_lines_split_on_any_line_end_and_keep_bad_bytes_for_refusal() -> None:
    buffer = bytearray(b"A-01-01\r\nWASH")
    assert split_serial(buffer) == ["A-01-01"]
    buffer += b"ER\r\xff\xfe\n"
    lines = split_serial(buffer)
    assert lines[0] == "WASHER" and len(lines) == 2
    replies, _ = run(["A-01-01", lines[1]])
    assert replies[1].kind is ReplyKind.REFUSED
