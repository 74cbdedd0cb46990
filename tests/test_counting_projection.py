"""The counting projection on a real ledger file: statuses, recounts, tiers, empty bins."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from edge.config import EdgeConfig
from edge.counting.projection import project_counting
from edge.events import Event, ListSink
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext
from tests.support import ledger_with_master

ITEMS = """item,description,unit_cost,abc_class
A1,Valve,10,A
B1,Bolt,2,B
C1,Washer,1,C
"""
LOCATIONS = "location,zone,camera\n" + "".join(f"L{i},z,\n" for i in range(1, 8))
BOOK = """location,item,lot,quantity
L1,C1,,100
L2,B1,,100
L3,A1,,5
L4,C1,,40
L5,C1,,10
L6,C1,,10
"""


@pytest.fixture
def ledger(tmp_path: Path) -> sqlite_utils.Database:
    return ledger_with_master(tmp_path / "ledger.db", ITEMS, LOCATIONS, BOOK)


class Harness:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.sink = ListSink()
        self.ctx = ProjectionContext(config=EdgeConfig(), now=datetime.now(UTC))
        self.alerts: list[Alert] = []

    def feed(self, type: str, source: str = "scanner:hh-1", **fields: Any) -> list[Alert]:
        event: Event = self.sink.emit(type, source=source, **fields)
        alerts = project_counting(self.db, [event], self.ctx)
        self.alerts += alerts
        return alerts

    def count(self, location: str, item: str | None, quantity: float | None) -> list[Alert]:
        return self.feed("count.recorded", location=location, item=item, quantity=quantity)

    def line(self, location: str, item: str) -> dict[str, Any]:
        rows = list(
            self.db.query(
                "SELECT * FROM count_lines WHERE location = ? AND item = ? ORDER BY id",
                [location, item],
            )
        )
        assert len(rows) == 1, rows
        return rows[0]

    def tasks(self, status: str = "open") -> list[tuple[str, str]]:
        return [
            (r["kind"], r["location"])
            for r in self.db.query(
                "SELECT kind, location FROM count_tasks WHERE status = ? ORDER BY id", [status]
            )
        ]


@pytest.fixture
def h(ledger: sqlite_utils.Database) -> Harness:
    return Harness(ledger)


def test_within_tolerance_is_accepted_without_alert(h: Harness) -> None:
    assert h.count("L1", "C1", 96) == []  # −4 % on a C item
    line = h.line("L1", "C1")
    assert (line["status"], line["expected"], line["variance"]) == ("accepted", 100, -4)
    assert line["variance_value"] == -4.0 and line["variance_pct"] == pytest.approx(-4.0)
    assert line["method"] == "handheld" and line["counter"] == "scanner:hh-1"


def test_outside_tolerance_asks_for_recount_then_recount_clears(h: Harness) -> None:
    [alert] = h.count("L1", "C1", 90)
    assert (alert.kind, alert.tier) == ("recount", 1)
    assert "recount requested" in alert.reason
    assert h.line("L1", "C1")["status"] == "recount"
    assert h.tasks() == [("recount", "L1")]
    assert h.count("L1", "C1", 100) == []
    line = h.line("L1", "C1")
    assert (line["status"], line["recounts"], line["first_counted"]) == ("accepted", 1, 90)
    assert "miscount" in line["reason"]
    assert h.tasks() == []


def test_confirmed_small_variance_is_tier_1_approved(h: Harness) -> None:
    h.count("L1", "C1", 90)
    [alert] = h.count("L1", "C1", 90)
    line = h.line("L1", "C1")
    assert (line["status"], line["tier"]) == ("approved", 1)
    assert (alert.kind, alert.tier) == ("variance", 1)
    assert "Confirmed variance for C1 at L1" in alert.reason


def test_confirmed_class_a_variance_goes_to_supervisor(h: Harness) -> None:
    h.count("L3", "A1", 4)
    [alert] = h.count("L3", "A1", 4)
    assert (h.line("L3", "A1")["status"], alert.tier) == ("escalated", 2)
    assert "supervisor" in alert.reason and "class A item" in alert.reason


def test_confirmed_high_value_variance_goes_to_management(h: Harness) -> None:
    h.count("L2", "B1", 2000)  # +1900 units × 2 = 3800
    [alert] = h.count("L2", "B1", 2000)
    assert alert.tier == 3 and "management" in alert.reason


def test_repeated_variances_on_an_item_escalate_to_management(h: Harness) -> None:
    tiers = []
    for loc, counted in [("L4", 36), ("L5", 9), ("L6", 9)]:
        h.count(loc, "C1", counted)
        [alert] = h.count(loc, "C1", counted)
        tiers.append(alert.tier)
    assert tiers == [1, 1, 3]  # the third location (and third variance) makes it tier 3


def test_disagreeing_recounts_ask_again_until_the_limit(h: Harness) -> None:
    h.count("L1", "C1", 90)
    [again] = h.count("L1", "C1", 80)
    assert again.kind == "recount" and "count again" in again.reason
    [confirmed] = h.count("L1", "C1", 85)  # second recount: limit 2 reached
    assert confirmed.kind == "variance"
    assert h.line("L1", "C1")["recounts"] == 2


def test_empty_bin_with_book_stock_opens_zero_confirmation_and_escalates_a(h: Harness) -> None:
    """Camera sees the A bin empty; the handheld confirms zero: tier 3 without a second recount."""
    [zero] = h.feed("bin.empty", source="camera:cam-1", location="L3", confidence=0.9)
    assert (zero.kind, zero.tier) == ("zero_stock", 1)
    assert "5 × A1" in zero.reason
    assert h.tasks() == [("zero_confirmation", "L3")]
    [alert] = h.count("L3", None, None)  # location scanned, END, nothing in it
    line = h.line("L3", "A1")
    assert (line["status"], line["tier"], line["counted"]) == ("escalated", 3, 0)
    assert "zero stock" in alert.reason
    assert h.tasks() == [] and h.tasks("done") == [("zero_confirmation", "L3")]
    assert h.db.execute("SELECT count(*) FROM discrepancies").fetchone()[0] == 1


def test_occupied_bin_with_empty_book_opens_unexpected_stock_once(h: Harness) -> None:
    [alert] = h.feed("bin.occupied", source="camera:cam-1", location="L7")
    assert alert.kind == "unexpected_stock"
    assert h.feed("bin.occupied", source="camera:cam-1", location="L7") == []
    assert h.feed("bin.occupied", source="camera:cam-1", location="L1") == []  # book holds stock
    assert h.feed("bin.occupied", source="camera:cam-1", location="NOWHERE") == []
    assert h.tasks() == [("unexpected_stock", "L7")]


def test_empty_location_count_with_empty_book_is_an_accepted_line(h: Harness) -> None:
    assert h.count("L7", None, None) == []
    assert h.line("L7", "")["status"] == "accepted"


def test_camera_serials_become_a_camera_count_that_confirms_the_bin(h: Harness) -> None:
    events = [
        h.sink.emit("label.read", source="camera:cam-1", location="L5", item="C1", serial=f"S{i}")
        for i in range(10)
    ]
    assert project_counting(h.db, events, h.ctx) == []
    line = h.line("L5", "C1")
    assert (line["method"], line["counted"], line["status"]) == ("camera-serials", 10, "accepted")
    confirmed = h.db.execute("SELECT location FROM camera_confirmations").fetchall()
    assert confirmed == [("L5",)]


def test_camera_cannot_settle_a_recount(h: Harness) -> None:
    h.count("L1", "C1", 90)
    h.feed("count.recorded", source="camera:cam-1", location="L1", item="C1", quantity=100)
    assert h.line("L1", "C1")["status"] == "recount"
