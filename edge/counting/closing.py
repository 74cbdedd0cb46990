"""Closing a handheld count: book items the counter did not scan were counted as zero.

A scanner closes a count at a location with one `count.recorded` per item (+lot), every one
carrying `attributes.count_id` (the count) and `attributes.items` (how many events the count
has; `items_in_count` is read too). Only when the ledger holds all of them — they may arrive in
different batches, in any order — is the count complete; then every book item at the location
with stock that no event of the count covers gets a count line with counted 0. A count is closed
once (`count_closures`), so a redelivered or late duplicate never adds zero lines twice. A count
whose events never all arrive adds none: a partial count says nothing about what is missing.

`missing_items` is the pure rule; `completed_counts` reads the ledger. The projection records
the zero lines (it owns count lines), see `edge.counting.projection`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils

from edge.counting import store
from edge.events import Event

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scanned:
    item: str
    lot: str  # '' when the counter scanned the item without a lot


@dataclass(frozen=True)
class BookItem:
    item: str
    lot: str


@dataclass(frozen=True)
class CompletedCount:
    count_id: str
    location: str
    event: Event  # the event that completed it (the zero lines are attributed to it)
    scanned: tuple[Scanned, ...]


def missing_items(book: Iterable[BookItem], scanned: Iterable[Scanned]) -> list[BookItem]:
    """Book rows no scan covers. A scan without a lot covers every lot of its item (the line is
    kept against the item's total); a scan with a lot covers that lot and the item's lot-less
    book row (the book does not split the item by lot there)."""
    whole = {s.item for s in scanned if not s.lot}
    by_lot = {(s.item, s.lot) for s in scanned if s.lot}
    any_lot = {item for item, _ in by_lot}
    missing = []
    for row in book:
        if row.item in whole or (row.item, row.lot) in by_lot:
            continue
        if not row.lot and row.item in any_lot:
            continue
        missing.append(row)
    return missing


def count_key(event: Event) -> tuple[str, int] | None:
    """(count_id, events in the count) of a handheld item count, None for anything else."""
    if event.type != "count.recorded" or event.item is None or not event.location:
        return None
    attrs = event.attributes
    count_id = attrs.get("count_id")
    size = attrs.get("items_in_count", attrs.get("items"))
    if not isinstance(count_id, str) or not count_id:
        return None
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        return None
    return count_id, size


def completed_counts(
    db: sqlite_utils.Database, events: Sequence[Event], *, closed_at: str
) -> list[CompletedCount]:
    """Counts that this batch completed, each marked closed; call once per batch, after the
    batch's events are stored (they are: the projection runs after the insert)."""
    last: dict[str, tuple[Event, int]] = {}
    for event in events:
        key = count_key(event)
        if key is not None:
            last[key[0]] = (event, key[1])
    done = []
    for count_id, (event, size) in last.items():
        location = event.location
        assert location is not None  # count_key checked it
        rows = list(
            db.query(
                "SELECT item, lot FROM events WHERE type = 'count.recorded' AND location = ? "
                "AND item IS NOT NULL AND json_extract(payload, '$.attributes.count_id') = ?",
                [location, count_id],
            )
        )
        if len(rows) < size:
            logger.debug(
                "count incomplete",
                extra={"count_id": count_id, "have": len(rows), "of": size, "location": location},
            )
            continue
        cursor = db.execute(
            "INSERT OR IGNORE INTO count_closures (count_id, location, items, zero_lines, "
            "event_id, closed_at) VALUES (?, ?, ?, 0, ?, ?)",
            [count_id, location, size, event.event_id, closed_at],
        )
        if cursor.rowcount != 1:
            continue  # closed before
        scanned = tuple(
            Scanned(store.resolve_item(db, str(r["item"])), str(r["lot"] or "")) for r in rows
        )
        done.append(CompletedCount(count_id, location, event, scanned))
    return done


def note_zero_lines(db: sqlite_utils.Database, count_id: str, zero_lines: int) -> None:
    db.execute(
        "UPDATE count_closures SET zero_lines = ? WHERE count_id = ?", [zero_lines, count_id]
    )
