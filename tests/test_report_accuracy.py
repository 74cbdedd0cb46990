"""Report figures: accuracy per class from final verdicts, variance values never netted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from edge.ledger.db import open_ledger
from edge.ledger.report import build_report, format_report


def _line(
    db: sqlite_utils.Database,
    location: str,
    item: str,
    cls: str | None,
    status: str,
    within: int,
    value: float,
    tier: int | None = None,
) -> None:
    db.execute(
        "INSERT INTO count_lines (location, item, lot, abc_class, expected, counted, "
        "first_counted, variance, variance_pct, variance_value, within_tolerance, method, "
        "counter, device, status, tier, reason, recounts, event_id, last_event_id, counted_at, "
        "created_at, updated_at) "
        "VALUES (?, ?, '', ?, 10, 10, 10, ?, 0, ?, ?, 'handheld', 'scanner:x', 'd', ?, ?, '', 0, "
        "'e', 'e', '2027-01-01T00:00:00.000Z', 'now', 'now')",
        [location, item, cls, value, value, within, status, tier],
    )


def test_accuracy_and_values(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "ledger.db")
    _line(db, "L1", "I1", "A", "accepted", 1, 0.0)
    _line(db, "L2", "I2", "A", "escalated", 0, -50.0, 2)
    _line(db, "L3", "I3", "C", "approved", 0, 50.0, 1)
    _line(db, "L4", "I4", None, "accepted", 1, 2.0)
    _line(db, "L5", "I5", "C", "recount", 0, -9.0, 1)  # undecided: not in the accuracy yet
    report = build_report(db, now=datetime(2027, 1, 1, tzinfo=UTC))
    acc = report["accuracy"]
    assert (acc["counts"], acc["within"], acc["percent"]) == (4, 2, 50.0)
    assert acc["per_class"]["A"]["percent"] == 50.0
    assert acc["per_class"]["C"]["percent"] == 0.0
    assert acc["per_class"]["unclassified"]["percent"] == 100.0
    # +52 and −59 would net to −7: the report keeps them apart
    assert report["variance_value"] == {"positive": 52.0, "negative": -59.0, "absolute": 111.0}
    assert report["escalations"]["confirmed_by_tier"] == {"1": 1, "2": 1}
    assert [r["location"] for r in report["open_recounts"]] == ["L5"]
    text = format_report(report)
    assert "overall" in text and "50.00 %" in text


@pytest.mark.parametrize("statuses", [[], ["recount"]])
def test_no_decided_counts_has_no_accuracy(tmp_path: Path, statuses: list[str]) -> None:
    db = open_ledger(tmp_path / "ledger.db")
    for n, status in enumerate(statuses):
        _line(db, f"L{n}", "I", "A", status, 0, 1.0)
    assert build_report(db, now=datetime(2027, 1, 1, tzinfo=UTC))["accuracy"]["percent"] is None
