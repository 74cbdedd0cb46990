"""What the demo shows at the end, read back from the ledger (never from the producers' memory):
the camera's bin changes against the video's truth with the time each took to reach the ledger,
the counts and their escalations, the alerts, and the inventory report."""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from edge.events import parse_time
from edge.ledger.report import build_report, format_report
from edge.synth import VideoFrameTruth


@dataclass(frozen=True)
class Change:
    """A bin changing state in the video, and the wall time of the frame that shows it."""

    location: str
    state: str
    video_s: float
    wall: float | None

    @staticmethod
    def from_truth(
        truth: Sequence[VideoFrameTruth], frame_times: Mapping[int, float]
    ) -> list[Change]:
        changes = []
        for before, after in itertools.pairwise(truth):
            for location, state in after.states.items():
                if before.states.get(location) != state:
                    changes.append(
                        Change(location, state, after.time_s, frame_times.get(after.index))
                    )
        return changes


def _ledger_rows(db: sqlite_utils.Database, sql: str) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(sql)]


def camera_changes(db: sqlite_utils.Database, changes: Sequence[Change]) -> list[dict[str, Any]]:
    """Each true change matched to the first ledger event that reports it."""
    events = _ledger_rows(
        db,
        "SELECT location, type, observed_at, received_at FROM events "
        "WHERE type IN ('bin.empty', 'bin.occupied') ORDER BY observed_at",
    )
    rows = []
    for change in changes:
        start = change.wall or 0.0
        match = next(
            (
                e
                for e in events
                if e["location"] == change.location
                and e["type"] == f"bin.{change.state}"
                and parse_time(e["observed_at"]).timestamp() >= start - 0.5
            ),
            None,
        )
        latency = (
            parse_time(match["received_at"]).timestamp() - start
            if match is not None and change.wall is not None
            else None
        )
        rows.append(
            {
                "location": change.location,
                "state": change.state,
                "video_s": round(change.video_s, 1),
                "reported": match is not None,
                "to_ledger_s": round(latency, 2) if latency is not None else None,
            }
        )
    return rows


def summarize(
    ledger_path: Path, *, changes: Sequence[Change], stats: Mapping[str, Any]
) -> dict[str, Any]:
    db = sqlite_utils.Database(sqlite3.connect(ledger_path, timeout=30))
    try:
        by_type = Counter(
            {r["type"]: r["n"] for r in db.query("SELECT type, count(*) n FROM events GROUP BY 1")}
        )
        alerts = _ledger_rows(db, "SELECT kind, tier, reason, location FROM alerts ORDER BY id")
        return {
            "ledger": str(ledger_path),
            "events": dict(by_type),
            "quarantined": db.execute("SELECT count(*) FROM quarantine").fetchone()[0],
            "camera_changes": camera_changes(db, changes),
            "alerts": alerts,
            "report": build_report(db, now=datetime.now(UTC)),
            "stats": dict(stats),
        }
    finally:
        db.close()


def format_summary(summary: Mapping[str, Any]) -> str:
    out = [f"Ledger: {summary['ledger']}"]
    events = ", ".join(f"{k} {v}" for k, v in sorted(summary["events"].items()))
    out.append(f"Events stored once each: {events or 'none'}; quarantined {summary['quarantined']}")
    changes = summary["camera_changes"]
    if changes:
        reported = [c for c in changes if c["reported"]]
        out.append(f"Camera: {len(reported)}/{len(changes)} bin changes reached the ledger")
        for c in changes:
            took = f"{c['to_ledger_s']:.2f} s" if c["to_ledger_s"] is not None else "missed"
            out.append(f"  t={c['video_s']:>5.1f} s  {c['location']:<12} → {c['state']:<8} {took}")
    out.append(f"Alerts ({len(summary['alerts'])})")
    for a in summary["alerts"]:
        tier = f"tier {a['tier']}" if a["tier"] else "      "
        out.append(f"  {tier}  {a['reason']}")
    out.append(format_report(summary["report"]))
    return "\n".join(out)
