"""Counting tables: reads and writes the projection and the commands share.

Raw SQL on the caller's connection and transaction: sqlite-utils' table helpers commit on their
own (FINDINGS), which would break the ingest transaction the projection runs in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from edge.events import format_time
from edge.ledger.alerts import Alert


@dataclass(frozen=True)
class ItemInfo:
    item: str
    unit_cost: float
    abc_class: str | None
    known: bool


@dataclass(frozen=True)
class BookQuantity:
    lot: str  # the lot the line is kept under ('' when the book holds no lot for it)
    quantity: float


def one(db: sqlite_utils.Database, sql: str, params: Any = ()) -> dict[str, Any] | None:
    # straight to the cursor: the ledger calls this per event, inside the ingest transaction
    cursor = db.conn.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def resolve_item(db: sqlite_utils.Database, item: str) -> str:
    """The item id for a label's part number or GTIN (GTINs map through `items.gtin`)."""
    if one(db, "SELECT 1 FROM items WHERE item = ?", [item]):
        return item
    row = one(db, "SELECT item FROM items WHERE gtin = ?", [item])
    return str(row["item"]) if row else item


def item_info(db: sqlite_utils.Database, item: str) -> ItemInfo:
    row = one(db, "SELECT unit_cost, abc_class FROM items WHERE item = ?", [item])
    if row is None:
        return ItemInfo(item, 0.0, None, False)
    return ItemInfo(item, float(row["unit_cost"]), row["abc_class"], True)


def book_quantity(db: sqlite_utils.Database, location: str, item: str, lot: str) -> BookQuantity:
    """Book at count time. A count without a lot compares with the item's total over its lots;
    a count with a lot the book does not split by compares with the lot-less row."""
    if lot:
        row = one(
            db,
            "SELECT quantity FROM book WHERE location = ? AND item = ? AND lot = ?",
            [location, item, lot],
        )
        if row:
            return BookQuantity(lot, float(row["quantity"]))
        row = one(
            db,
            "SELECT quantity FROM book WHERE location = ? AND item = ? AND lot = ''",
            [location, item],
        )
        if row:
            return BookQuantity("", float(row["quantity"]))
        return BookQuantity(lot, 0.0)
    row = one(
        db,
        "SELECT coalesce(sum(quantity), 0) AS q FROM book WHERE location = ? AND item = ?",
        [location, item],
    )
    return BookQuantity("", float(row["q"]) if row else 0.0)


def location_book(db: sqlite_utils.Database, location: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT item, lot, quantity FROM book WHERE location = ? AND quantity > 0 "
            "ORDER BY item, lot",
            [location],
        )
    )


def location_known(db: sqlite_utils.Database, location: str) -> bool:
    return one(db, "SELECT 1 FROM locations WHERE location = ?", [location]) is not None


def open_line(
    db: sqlite_utils.Database, location: str, item: str, lot: str
) -> dict[str, Any] | None:
    return one(
        db,
        "SELECT * FROM count_lines WHERE location = ? AND item = ? AND lot = ? "
        "AND status = 'recount' ORDER BY id DESC LIMIT 1",
        [location, item, lot],
    )


def last_camera_count(db: sqlite_utils.Database, location: str, item: str) -> dict[str, Any] | None:
    return one(
        db,
        "SELECT * FROM count_lines WHERE location = ? AND item = ? AND method LIKE 'camera%' "
        "ORDER BY id DESC LIMIT 1",
        [location, item],
    )


@dataclass(frozen=True)
class ItemHistory:
    confirmed: int  # confirmed variances on the item in the window (before this one)
    locations: frozenset[str]


def item_history(db: sqlite_utils.Database, item: str, since: datetime) -> ItemHistory:
    rows = list(
        db.query(
            "SELECT location FROM count_lines WHERE item = ? AND tier IS NOT NULL "
            "AND status IN ('escalated', 'approved', 'rejected', 'posted') AND variance != 0 "
            "AND counted_at >= ?",
            [item, format_time(since)],
        )
    )
    return ItemHistory(len(rows), frozenset(r["location"] for r in rows))


def window_start(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


def insert_line(db: sqlite_utils.Database, line: dict[str, Any]) -> int:
    columns = ", ".join(line)
    marks = ", ".join(f":{k}" for k in line)
    cursor = db.execute(f"INSERT INTO count_lines ({columns}) VALUES ({marks})", line)
    return int(cursor.lastrowid or 0)


def update_line(db: sqlite_utils.Database, line_id: int, changes: dict[str, Any]) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    db.execute(f"UPDATE count_lines SET {sets} WHERE id = :_id", {**changes, "_id": line_id})


def open_task(
    db: sqlite_utils.Database,
    *,
    kind: str,
    location: str,
    reason: str,
    priority: int,
    created_at: str,
    item: str | None = None,
    line_id: int | None = None,
    event_id: str | None = None,
    due_date: str | None = None,
) -> int | None:
    """Open a task unless the same kind is already open there (for that item); its id or None."""
    existing = one(
        db,
        "SELECT id FROM count_tasks WHERE status = 'open' AND kind = ? AND location = ? "
        "AND coalesce(item, '') = coalesce(?, '')",
        [kind, location, item],
    )
    if existing:
        return None
    cursor = db.execute(
        "INSERT INTO count_tasks (kind, location, item, reason, priority, status, due_date, "
        "line_id, event_id, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
        [kind, location, item, reason, priority, due_date, line_id, event_id, created_at],
    )
    return int(cursor.lastrowid or 0)


def close_tasks(
    db: sqlite_utils.Database,
    location: str,
    *,
    closed_at: str,
    event_id: str,
    kinds: tuple[str, ...],
    item: str | None = None,
) -> int:
    """Mark open tasks of `kinds` at `location` done (recounts only for `item`)."""
    marks = ", ".join("?" for _ in kinds)
    params: list[Any] = [closed_at, event_id, location, *kinds]
    sql = (
        "UPDATE count_tasks SET status = 'done', closed_at = ?, closed_by_event = ? "
        f"WHERE status = 'open' AND location = ? AND kind IN ({marks})"
    )
    if item is not None:
        sql += " AND (item IS NULL OR item = ?)"
        params.append(item)
    cursor = db.execute(sql, params)
    return int(cursor.rowcount or 0)


def confirm_location(
    db: sqlite_utils.Database, location: str, *, at: str, how: str, event_id: str
) -> None:
    db.execute(
        "INSERT INTO camera_confirmations (location, confirmed_at, how, event_id) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(location) DO UPDATE SET "
        "confirmed_at = excluded.confirmed_at, how = excluded.how, event_id = excluded.event_id "
        "WHERE excluded.confirmed_at >= camera_confirmations.confirmed_at",
        [location, at, how, event_id],
    )


def store_alert(db: sqlite_utils.Database, alert: Alert, created_at: str) -> None:
    """An alert raised outside ingestion (a person's decision), into the same `alerts` table."""
    db.execute(
        "INSERT INTO alerts (created_at, kind, tier, reason, location, item, event_id, details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            created_at,
            alert.kind,
            alert.tier,
            alert.reason,
            alert.location,
            alert.item,
            alert.event_id,
            json.dumps(alert.details, default=str),
        ],
    )


def close_rejected_recounts(
    db: sqlite_utils.Database, location: str, item: str, *, closed_at: str, event_id: str
) -> int:
    """A new count of `item` at `location` answers the recount a rejection opened."""
    cursor = db.execute(
        "UPDATE count_tasks SET status = 'done', closed_at = ?, closed_by_event = ? "
        "WHERE status = 'open' AND kind = 'recount' AND location = ? AND item = ? "
        "AND line_id IN (SELECT id FROM count_lines WHERE status = 'rejected')",
        [closed_at, event_id, location, item],
    )
    return int(cursor.rowcount or 0)
