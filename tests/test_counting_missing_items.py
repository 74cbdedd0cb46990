"""A closed handheld count makes zero lines for the book items it did not scan — once, and only
when the ledger holds every event of the count (they may come in different batches).

Events come from the real scanner session and go through the real ingest path (stored, then
projected), because completeness is judged from the stored events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from edge.bus import topics
from edge.config import EdgeConfig
from edge.counting.closing import BookItem, Scanned, missing_items
from edge.events import Event, ListSink, new_event_id
from edge.labels import DEFAULT_LOCATION_PATTERN, parse_label
from edge.ledger.ingest import Received, ingest_batch
from edge.ledger.projections import ProjectionContext
from edge.scanner.session import ScanSession
from tests.support import ledger_with_master

ITEMS = """item,description,unit_cost,abc_class
C1,Washer,1,C
A1,Valve,10,A
B1,Bolt,2,B
"""
LOCATIONS = "location,zone,camera\nA-01-01,z,\nA-01-02,z,\n"
BOOK = """location,item,lot,quantity
A-01-01,C1,,100
A-01-01,A1,,5
A-01-01,B1,X,10
A-01-01,B1,Y,10
A-01-02,C1,,7
"""


def mh10(part: str, quantity: int, lot: str | None = None) -> str:
    lot_field = f"\x1d1T{lot}" if lot else ""
    return f"[)>\x1e06\x1dP{part}\x1dQ{quantity}{lot_field}\x1e\x04"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return ledger_with_master(tmp_path / "ledger.db", ITEMS, LOCATIONS, BOOK)


def scan(script: list[str]) -> list[Event]:
    sink = ListSink()
    session = ScanSession(
        sink,
        source="scanner:hh-1",
        parse_label=partial(parse_label, location_pattern=DEFAULT_LOCATION_PATTERN),
    )
    for line in script:
        session.feed(line)
    session.finish()
    return sink.events


def ingest(db: sqlite_utils.Database, events: list[Event]) -> None:
    topic = topics.events("test-site", "test-device")
    batch = [Received(topic, e.to_json().encode()) for e in events]
    ingest_batch(db, batch, ProjectionContext(config=EdgeConfig(), now=datetime.now(UTC)))


def lines(db: sqlite_utils.Database, location: str = "A-01-01") -> dict[str, tuple[Any, ...]]:
    return {
        f"{r['item']}/{r['lot']}": (r["counted"], r["status"])
        for r in db.query("SELECT * FROM count_lines WHERE location = ? ORDER BY id", [location])
    }


# C1 counted in full, B1 by lot X only; A1 and B1 lot Y were not scanned
SCRIPT = ["A-01-01", mh10("C1", 100), mh10("B1", 10, "X"), "END"]
ZEROS = {"A1/": (0.0, "recount"), "B1/Y": (0.0, "recount")}
SCANNED = {"C1/": (100.0, "accepted"), "B1/X": (10.0, "accepted")}


def test_scanner_events_carry_the_count_and_its_size() -> None:
    events = scan(SCRIPT)
    assert {e.attributes["count_id"] for e in events} == {events[0].attributes["count_id"]}
    assert [e.attributes["items"] for e in events] == [2, 2]


def test_all_events_in_one_batch(db: sqlite_utils.Database) -> None:
    ingest(db, scan(SCRIPT))
    assert lines(db) == SCANNED | ZEROS
    assert lines(db, "A-01-02") == {}  # another location's book is not this count's business
    [closure] = db.query("SELECT * FROM count_closures")
    assert (closure["items"], closure["zero_lines"]) == (2, 2)
    tasks = {r["item"] for r in db.query("SELECT item FROM count_tasks WHERE kind = 'recount'")}
    assert tasks == {"A1", "B1"}  # a zero where the book holds stock is a variance: recount


@pytest.mark.parametrize("order", [[0], [1]], ids=["first-then-second", "second-then-first"])
def test_events_split_over_batches(db: sqlite_utils.Database, order: list[int]) -> None:
    events = scan(SCRIPT)
    first, second = [events[i] for i in order], [e for i, e in enumerate(events) if i not in order]
    ingest(db, first)
    # half a count says nothing about what is missing
    assert set(lines(db)) == {f"{first[0].item}/{first[0].lot or ''}"}
    assert list(db.query("SELECT * FROM count_closures")) == []
    ingest(db, second)
    assert lines(db) == SCANNED | ZEROS


def test_redelivery_and_a_second_count_do_not_add_zero_lines_twice(
    db: sqlite_utils.Database,
) -> None:
    events = scan(SCRIPT)
    ingest(db, events)
    ingest(db, events)  # at-least-once delivery: duplicates are not projected again
    assert db.execute("SELECT count(*) FROM count_lines").fetchone()[0] == 4
    # the same count again is the recount of the zero lines: it confirms them, once each
    ingest(db, scan(SCRIPT))
    rows = list(db.query("SELECT item, recounts, status, tier FROM count_lines WHERE counted = 0"))
    assert sorted((r["item"], r["recounts"], r["status"], r["tier"]) for r in rows) == [
        ("A1", 1, "escalated", 3),  # class A at zero stock: management
        ("B1", 1, "approved", 1),
    ]
    assert db.execute("SELECT count(*) FROM count_closures").fetchone()[0] == 2


def test_a_count_without_the_size_attribute_adds_no_zero_lines(db: sqlite_utils.Database) -> None:
    events = [
        e.model_copy(update={"attributes": {"method": "handheld", "count_id": "X"}})
        for e in scan(SCRIPT)
    ]
    ingest(db, events)
    assert lines(db) == SCANNED


@pytest.mark.parametrize(
    ("book", "scanned", "missing"),
    [
        ([("C1", "")], [("C1", "")], []),
        ([("C1", ""), ("A1", "")], [("C1", "")], [("A1", "")]),
        # a scan without a lot covers every lot of its item (the line is the item's total)
        ([("B1", "X"), ("B1", "Y")], [("B1", "")], []),
        # a scan with a lot covers that lot only …
        ([("B1", "X"), ("B1", "Y")], [("B1", "X")], [("B1", "Y")]),
        # … and the item's lot-less row (the book does not split it by lot)
        ([("B1", "")], [("B1", "X")], []),
        ([("C1", "")], [], [("C1", "")]),
    ],
)
def test_missing_items_rule(
    book: list[tuple[str, str]], scanned: list[tuple[str, str]], missing: list[tuple[str, str]]
) -> None:
    got = missing_items([BookItem(*b) for b in book], [Scanned(*s) for s in scanned])
    assert got == [BookItem(*m) for m in missing]


def test_a_closed_count_is_never_closed_again(db: sqlite_utils.Database) -> None:
    """Events of an already closed count arriving under new ids (a device that lost its outbox
    and re-sent the count) must not count the unscanned items as zero a second time."""
    events = scan(SCRIPT)
    ingest(db, events)
    ingest(db, [e.model_copy(update={"event_id": new_event_id()}) for e in events])
    rows = list(db.query("SELECT item, recounts, status FROM count_lines WHERE counted = 0"))
    assert sorted((r["item"], r["recounts"], r["status"]) for r in rows) == [
        ("A1", 0, "recount"),
        ("B1", 0, "recount"),
    ]
    assert db.execute("SELECT count(*) FROM count_closures").fetchone()[0] == 1
