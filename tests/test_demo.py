"""`edge demo`, the README's first command, end to end on embedded defaults."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_demo_runs_everything_and_leaves_a_ledger(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    result = subprocess.run(
        [sys.executable, "-m", "edge", "demo", "--out", str(out), "--seconds", "8", "--json"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    ledger = sqlite3.connect(out / "ledger.db")
    devices = dict(ledger.execute("SELECT device, events FROM device_seq").fetchall())
    assert devices["hh-07"] == 7, "every scripted count reached the ledger once"
    assert devices["pi-rack-a"] > 0, "the camera worker reported bins"
    stored = ledger.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    assert stored[0] == stored[1]
    tiers = {row[0] for row in ledger.execute("SELECT tier FROM alerts WHERE tier IS NOT NULL")}
    assert {1, 2, 3} <= tiers, "the demo shows a discrepancy escalated to tiers 2 and 3"
    statuses = dict(ledger.execute("SELECT location, status FROM count_lines").fetchall())
    assert statuses["A-01-01-01"] == "posted", "accepted, then posted"
    assert statuses["A-01-01-02"] == "posted", "tier 2: approved by the supervisor, then posted"
    assert statuses["A-01-01-04"] == "escalated", "tier 3 waits for management"
    assert ledger.execute("SELECT count(*) FROM adjustments").fetchone()[0] == 2
    assert summary["quarantined"] == 0
    assert "Inventory record accuracy" not in result.stdout  # --json keeps stdout machine-readable
