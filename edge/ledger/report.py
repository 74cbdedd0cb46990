"""Report queries (`edge report`): accuracy, counts, variances, recounts, escalations, bins.

Definitions:
- Inventory record accuracy (IRA) = decided count lines within tolerance ÷ decided count lines,
  overall and per ABC class. A line is decided once it left `counted`/`recount`; "within" is
  the final verdict (a recount that cleared a miscount makes the record accurate). Value
  figures keep positive and negative variances apart and add absolute values: they never net.
- Counts done vs planned: planned count tasks (from `edge plan`) closed by a count ÷ planned.
- Decisions (`edge counts`): lines awaiting approval by tier (status `escalated`), decisions by
  action, and posted adjustments — book changes made by `edge counts post`, counted and valued
  with increases and decreases kept apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

UNDECIDED = ("counted", "recount")


def _rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query(sql, params)]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole * 100.0, 2) if whole else None


def accuracy(db: sqlite_utils.Database) -> dict[str, Any]:
    rows = _rows(
        db,
        "SELECT coalesce(abc_class, 'unclassified') AS cls, count(*) AS counts, "
        "sum(within_tolerance) AS within FROM count_lines "
        f"WHERE status NOT IN {UNDECIDED} GROUP BY cls ORDER BY cls",
    )
    per_class = {
        r["cls"]: {
            "counts": r["counts"],
            "within": r["within"] or 0,
            "percent": _ratio(r["within"] or 0, r["counts"]),
        }
        for r in rows
    }
    counts = sum(c["counts"] for c in per_class.values())
    within = sum(c["within"] for c in per_class.values())
    return {
        "counts": counts,
        "within": within,
        "percent": _ratio(within, counts),
        "per_class": per_class,
    }


def variance_value(db: sqlite_utils.Database) -> dict[str, float]:
    row = _rows(
        db,
        "SELECT coalesce(sum(CASE WHEN variance_value > 0 THEN variance_value END), 0) AS pos, "
        "coalesce(sum(CASE WHEN variance_value < 0 THEN variance_value END), 0) AS neg, "
        "coalesce(sum(abs(variance_value)), 0) AS gross FROM count_lines",
    )[0]
    return {
        "positive": round(row["pos"], 2),
        "negative": round(row["neg"], 2),
        "absolute": round(row["gross"], 2),
    }


def variances(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT location, item, lot, expected, counted, variance, variance_pct, variance_value, "
        "status, tier, method, counter, recounts, counted_at, reason FROM count_lines "
        "WHERE variance != 0 OR status != 'accepted' ORDER BY id",
    )


def count_summary(db: sqlite_utils.Database) -> dict[str, Any]:
    by_status = {
        r["status"]: r["n"]
        for r in db.query("SELECT status, count(*) AS n FROM count_lines GROUP BY status")
    }
    by_method = {
        r["method"]: r["n"]
        for r in db.query("SELECT method, count(*) AS n FROM count_lines GROUP BY method")
    }
    tasks = _rows(
        db,
        "SELECT kind, status, count(*) AS n FROM count_tasks GROUP BY kind, status "
        "ORDER BY kind, status",
    )
    planned = sum(t["n"] for t in tasks if t["kind"] == "planned" and t["status"] != "cancelled")
    done = sum(t["n"] for t in tasks if t["kind"] == "planned" and t["status"] == "done")
    task_table: dict[str, dict[str, int]] = {}
    for t in tasks:
        task_table.setdefault(t["kind"], {})[t["status"]] = t["n"]
    return {
        "lines": sum(by_status.values()),
        "by_status": by_status,
        "by_method": by_method,
        "planned": planned,
        "planned_done": done,
        "planned_done_percent": _ratio(done, planned),
        "tasks": task_table,
    }


def escalations(db: sqlite_utils.Database) -> dict[str, Any]:
    lines = {
        str(r["tier"]): r["n"]
        for r in db.query(
            "SELECT tier, count(*) AS n FROM count_lines WHERE tier IS NOT NULL "
            "AND status IN ('escalated', 'approved', 'rejected', 'posted') GROUP BY tier"
        )
    }
    alerts = {
        str(r["tier"]): r["n"]
        for r in db.query(
            "SELECT tier, count(*) AS n FROM alerts WHERE tier IS NOT NULL GROUP BY tier"
        )
    }
    waiting = _rows(
        db,
        "SELECT location, item, tier, variance, variance_value, reason FROM count_lines "
        "WHERE status = 'escalated' ORDER BY tier DESC, id",
    )
    return {"confirmed_by_tier": lines, "alerts_by_tier": alerts, "awaiting_decision": waiting}


def decisions(db: sqlite_utils.Database) -> dict[str, Any]:
    awaiting = {
        str(r["tier"]): {"lines": r["n"], "value": round(r["value"], 2)}
        for r in db.query(
            "SELECT tier, count(*) AS n, coalesce(sum(abs(variance_value)), 0) AS value "
            "FROM count_lines WHERE status = 'escalated' GROUP BY tier ORDER BY tier"
        )
    }
    by_action = {
        r["action"]: r["n"]
        for r in db.query("SELECT action, count(*) AS n FROM count_decisions GROUP BY action")
    }
    return {"awaiting_approval_by_tier": awaiting, "by_action": by_action}


def adjustments(db: sqlite_utils.Database) -> dict[str, Any]:
    row = _rows(
        db,
        "SELECT count(*) AS n, "
        "coalesce(sum(CASE WHEN delta > 0 THEN 1 ELSE 0 END), 0) AS pos_n, "
        "coalesce(sum(CASE WHEN delta > 0 THEN value END), 0.0) AS pos, "
        "coalesce(sum(CASE WHEN delta > 0 THEN delta END), 0.0) AS pos_units, "
        "coalesce(sum(CASE WHEN delta < 0 THEN 1 ELSE 0 END), 0) AS neg_n, "
        "coalesce(sum(CASE WHEN delta < 0 THEN value END), 0.0) AS neg, "
        "coalesce(sum(CASE WHEN delta < 0 THEN delta END), 0.0) AS neg_units "
        "FROM adjustments",
    )[0]
    return {
        "count": row["n"],
        "positive": {
            "count": row["pos_n"],
            "units": row["pos_units"],
            "value": round(row["pos"], 2),
        },
        "negative": {
            "count": row["neg_n"],
            "units": row["neg_units"],
            "value": round(row["neg"], 2),
        },
        "posted_lines": _rows(db, "SELECT count(*) AS n FROM count_lines WHERE status = 'posted'")[
            0
        ]["n"],
    }


def bins(db: sqlite_utils.Database) -> dict[str, Any]:
    empty = [
        r["location"]
        for r in db.query("SELECT location FROM bin_state WHERE state = 'empty' ORDER BY location")
    ]
    discrepancies = {
        r["kind"]: r["n"]
        for r in db.query("SELECT kind, count(*) AS n FROM discrepancies GROUP BY kind")
    }
    events = {
        r["type"]: r["n"]
        for r in db.query(
            "SELECT type, count(*) AS n FROM events WHERE type IN "
            "('bin.empty', 'bin.occupied', 'bin.unknown') GROUP BY type"
        )
    }
    return {
        "empty_now": empty,
        "empty_events": events.get("bin.empty", 0),
        "events": events,
        "zero_stock": discrepancies.get("zero_stock", 0),
        "unexpected_stock": discrepancies.get("unexpected_stock", 0),
    }


def devices(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    rows = _rows(db, "SELECT device, max_seq, events, last_seen FROM device_seq ORDER BY device")
    for r in rows:
        # events with seq 1…max_seq expected; fewer stored means gaps (lost or still in flight)
        r["missing"] = max(int(r["max_seq"]) - int(r["events"]), 0)
    return rows


def open_recounts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT location, item, lot, counted, recounts, counted_at, reason FROM count_lines "
        "WHERE status = 'recount' ORDER BY id",
    )


def build_report(db: sqlite_utils.Database, *, now: datetime) -> dict[str, Any]:
    recounts = open_recounts(db)
    return {
        "generated_at": now.isoformat(),
        "accuracy": accuracy(db),
        "counts": count_summary(db),
        "variance_value": variance_value(db),
        "variances": variances(db),
        "open_recounts": recounts,
        "escalations": escalations(db),
        "decisions": decisions(db),
        "adjustments": adjustments(db),
        "bins": bins(db),
        "devices": devices(db),
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as text for a person."""
    acc = report["accuracy"]
    out = ["Inventory record accuracy"]
    out.append(f"  overall   {_pct(acc['percent'])}  ({acc['within']}/{acc['counts']} within)")
    for cls, c in acc["per_class"].items():
        out.append(f"  {cls:<9} {_pct(c['percent'])}  ({c['within']}/{c['counts']})")
    counts = report["counts"]
    out.append("Counts")
    status = ", ".join(f"{k} {v}" for k, v in sorted(counts["by_status"].items())) or "none"
    out.append(f"  lines {counts['lines']}: {status}")
    out.append(
        f"  planned {counts['planned']}, done {counts['planned_done']} "
        f"({_pct(counts['planned_done_percent'])})"
    )
    val = report["variance_value"]
    out.append(
        f"  variance value: +{val['positive']:.2f} / {val['negative']:.2f} "
        f"(absolute {val['absolute']:.2f}, never netted)"
    )
    out.append("Variances")
    header = f"  {'location':<12} {'item':<14} {'expected':>8} {'counted':>8} {'variance':>8}"
    out.append(header + f"  {'status':<10} tier")
    for v in report["variances"]:
        out.append(
            f"  {v['location']:<12} {v['item'] or '-':<14} {v['expected']:>8g} {v['counted']:>8g}"
            f" {v['variance']:>+8g}  {v['status']:<10} {v['tier'] or '-'}"
        )
    out.append(f"Open recounts: {len(report['open_recounts'])}")
    for r in report["open_recounts"]:
        out.append(f"  {r['location']} {r['item']} (recounts so far {r['recounts']})")
    esc = report["escalations"]
    tiers = ", ".join(f"tier {k}: {v}" for k, v in sorted(esc["confirmed_by_tier"].items()))
    out.append(f"Escalations: {tiers or 'none'}; awaiting decision {len(esc['awaiting_decision'])}")
    waiting = report["decisions"]["awaiting_approval_by_tier"]
    out.append(
        "  awaiting approval: "
        + (
            ", ".join(
                f"tier {k}: {v['lines']} (value {v['value']:.2f})" for k, v in waiting.items()
            )
            or "none"
        )
    )
    adj = report["adjustments"]
    out.append(
        f"Posted adjustments: {adj['count']} ({adj['positive']['count']} up, value "
        f"+{adj['positive']['value']:.2f}; {adj['negative']['count']} down, value "
        f"{adj['negative']['value']:.2f}); {adj['posted_lines']} line(s) posted"
    )
    b = report["bins"]
    out.append(
        f"Bins: {len(b['empty_now'])} empty now, {b['empty_events']} empty events, "
        f"{b['zero_stock']} zero-stock, {b['unexpected_stock']} unexpected-stock discrepancies"
    )
    out.append("Devices")
    for d in report["devices"]:
        out.append(
            f"  {d['device']:<16} events {d['events']}, last seq {d['max_seq']}, "
            f"missing {d['missing']}, last seen {d['last_seen']}"
        )
    return "\n".join(out)


def _pct(value: float | None) -> str:
    return f"{value:6.2f} %" if value is not None else "     – "
