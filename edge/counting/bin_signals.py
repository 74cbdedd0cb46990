"""What the cameras' bin states mean for counting: an empty bin where the book holds stock is a
zero-stock discrepancy with a zero-confirmation task; an occupied bin where the book holds
nothing is an unexpected-stock task.
"""

from __future__ import annotations

import json
import logging

import sqlite_utils

from edge.counting import store
from edge.counting.count_lines import camera_confirms
from edge.events import Event, format_time
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext

logger = logging.getLogger(__name__)


def on_empty(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
    location = event.location
    if not location:
        return []
    db.execute("DELETE FROM camera_reads WHERE location = ?", [location])
    book = store.location_book(db, location)
    if not book:
        if store.location_known(db, location):
            camera_confirms(db, event, location, "empty bin, empty book")
        return []
    now = format_time(ctx.now)
    total = sum(float(r["quantity"]) for r in book)
    value = sum(float(r["quantity"]) * store.item_info(db, r["item"]).unit_cost for r in book)
    items = ", ".join(f"{float(r['quantity']):g} × {r['item']}" for r in book)
    db.execute(
        "INSERT INTO discrepancies (kind, location, book_quantity, items, event_id, observed_at, "
        "created_at) VALUES ('zero_stock', ?, ?, ?, ?, ?, ?)",
        [
            location,
            total,
            json.dumps([dict(r) for r in book]),
            event.event_id,
            event.observed_at,
            now,
        ],
    )
    reason = f"camera saw {location} empty while the book holds {items}"
    store.open_task(
        db,
        kind="zero_confirmation",
        location=location,
        reason=reason,
        priority=2,
        created_at=now,
        event_id=event.event_id,
    )
    return [
        Alert(
            kind="zero_stock",
            tier=1,
            reason=(
                f"Zero-stock discrepancy: the camera sees {location} empty while the book holds "
                f"{items} (value {value:.2f}); a zero-confirmation count is open."
            ),
            location=location,
            item=book[0]["item"] if len(book) == 1 else None,
            event_id=event.event_id,
            details={"book": [dict(r) for r in book], "value": value, "source": event.source},
        )
    ]


def on_occupied(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
    location = event.location
    if not location or not store.location_known(db, location):
        return []
    if store.location_book(db, location):
        return []
    now = format_time(ctx.now)
    reason = f"camera saw stock in {location} where the book holds none"
    task = store.open_task(
        db,
        kind="unexpected_stock",
        location=location,
        reason=reason,
        priority=3,
        created_at=now,
        event_id=event.event_id,
    )
    if task is None:
        return []
    db.execute(
        "INSERT INTO discrepancies (kind, location, book_quantity, items, event_id, observed_at, "
        "created_at) VALUES ('unexpected_stock', ?, 0, '[]', ?, ?, ?)",
        [location, event.event_id, event.observed_at, now],
    )
    return [
        Alert(
            kind="unexpected_stock",
            tier=1,
            reason=(
                f"Unexpected stock: the camera sees {location} occupied while the book holds "
                "nothing there; a count is open."
            ),
            location=location,
            event_id=event.event_id,
            details={"source": event.source},
        )
    ]
