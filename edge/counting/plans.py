"""The count plan against the ledger: gather planner inputs, store the day's planned tasks.

`edge plan` calls `make_plan`; storing is idempotent per day (the open planned tasks of that
day are replaced), so running the planner twice does not double the work or the "planned"
figure of the report.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from edge.config.counting import CountingConfig
from edge.counting.planner import OpenTask, Plan, PlanLocation, plan_day
from edge.events import format_time, parse_time

_CLASS_RANK = {"A": 0, "B": 1, "C": 2}


def _day(text: str | None) -> date | None:
    return parse_time(text).date() if text else None


def plan_locations(db: sqlite_utils.Database, config: CountingConfig) -> list[PlanLocation]:
    """Every master location with its planning class (the highest class booked there)."""
    classes: dict[str, str] = {}
    for r in db.query(
        "SELECT b.location, i.abc_class FROM book b JOIN items i ON i.item = b.item "
        "WHERE b.quantity > 0 AND i.abc_class IS NOT NULL"
    ):
        old = classes.get(r["location"])
        if old is None or _CLASS_RANK.get(r["abc_class"], 9) < _CLASS_RANK.get(old, 9):
            classes[r["location"]] = r["abc_class"]
    last = {
        r["location"]: r["at"]
        for r in db.query(
            "SELECT location, max(counted_at) AS at FROM count_lines "
            "WHERE method NOT LIKE 'camera%' GROUP BY location"
        )
    }
    camera = {
        r["location"]: r["confirmed_at"]
        for r in db.query("SELECT location, confirmed_at FROM camera_confirmations")
    }
    return [
        PlanLocation(
            r["location"],
            classes.get(r["location"], config.default_class),
            _day(last.get(r["location"])),
            _day(camera.get(r["location"])),
        )
        for r in db.query("SELECT location FROM locations ORDER BY location")
    ]


def open_tasks(db: sqlite_utils.Database) -> list[OpenTask]:
    return [
        OpenTask(
            r["kind"],
            r["location"],
            r["reason"],
            parse_time(r["created_at"]).date(),
            r["item"],
            r["id"],
        )
        for r in db.query(
            "SELECT id, kind, location, item, reason, created_at FROM count_tasks "
            "WHERE status = 'open' AND kind != 'planned' ORDER BY id"
        )
    ]


def make_plan(
    db: sqlite_utils.Database, config: CountingConfig, day: date, *, now: datetime, store: bool
) -> Plan:
    plan = plan_day(
        day,
        plan_locations(db, config),
        open_tasks(db),
        frequency=config.frequency_per_year,
        default_frequency=config.frequency_for(config.default_class),
        weekdays=config.weekday_numbers,
        holidays=config.holidays,
    )
    if store:
        store_plan(db, plan, now=now)
    return plan


def store_plan(db: sqlite_utils.Database, plan: Plan, *, now: datetime) -> None:
    due = plan.day.isoformat()
    created = format_time(now)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "DELETE FROM count_tasks WHERE kind = 'planned' AND status = 'open' AND due_date = ?",
            [due],
        )
        for entry in plan.entries:
            if entry.kind != "planned":
                continue
            db.execute(
                "INSERT INTO count_tasks (kind, location, item, reason, priority, status, "
                "due_date, created_at) VALUES ('planned', ?, NULL, ?, 5, 'open', ?, ?)",
                [entry.location, entry.reason, due, created],
            )
