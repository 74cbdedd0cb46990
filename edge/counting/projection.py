"""Projection: events → count lines, tasks, discrepancies and tiered alerts.

Runs inside the ledger's ingest transaction on newly stored events only (see
`edge.ledger.projections`). What it does per event type:
- `count.recorded` (handheld or camera): a count line against the book at count time, judged by
  `edge.counting.rules`; a recount of a line in `recount` clears or confirms its variance; a
  confirmed variance gets a tier (1 floor → approved, 2/3 → escalated) and an alert. A count with
  no item is "this location is empty": a zero count for every book item there. A handheld count
  closes the open tasks at its location (and the recount a rejection opened for its item).
- a handheld count whose events have all arrived (`edge.counting.closing`): a zero count for
  every book item at its location that it did not scan.
- `bin.empty` where the book holds stock: a zero-stock discrepancy and a zero-confirmation task;
  a handheld count of zero there then confirms the variance directly (camera and person agree).
- `bin.occupied` where the book holds nothing (known locations only): an unexpected-stock task.
- `label.read` from a camera: distinct serials / licence plates / label quantities per bin
  become a camera count line (cameras confirm bins; only a person settles a recount).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlite_utils

from edge.counting import closing, store
from edge.counting.bin_signals import on_empty, on_occupied
from edge.counting.camera_counts import camera_count, store_camera_read
from edge.counting.count_lines import method_of, on_count, record
from edge.events import Event, format_time
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext

logger = logging.getLogger(__name__)


def project_counting(
    db: sqlite_utils.Database, events: Sequence[Event], ctx: ProjectionContext
) -> list[Alert]:
    alerts: list[Alert] = []
    camera_bins: dict[tuple[str, str], Event] = {}
    for event in events:
        if event.type == "count.recorded":
            alerts.extend(on_count(db, event, ctx))
        elif event.type == "bin.empty":
            camera_bins = {k: v for k, v in camera_bins.items() if k[0] != event.location}
            alerts.extend(on_empty(db, event, ctx))
        elif event.type == "bin.occupied":
            alerts.extend(on_occupied(db, event, ctx))
        elif event.type == "label.read":
            key = store_camera_read(db, event)
            if key is not None:
                camera_bins[key] = event
    # Once per bin and batch: a camera reads a bin's labels in a burst, one line is enough.
    for (location, item), event in camera_bins.items():
        alerts.extend(camera_count(db, event, ctx, location, item))
    # After the loop: the lines of the scanned items exist, whatever order the events came in.
    alerts.extend(_close_counts(db, events, ctx))
    return alerts


def _close_counts(
    db: sqlite_utils.Database, events: Sequence[Event], ctx: ProjectionContext
) -> list[Alert]:
    alerts: list[Alert] = []
    for done in closing.completed_counts(db, events, closed_at=format_time(ctx.now)):
        book = [
            closing.BookItem(str(r["item"]), str(r["lot"]))
            for r in store.location_book(db, done.location)
        ]
        missing = closing.missing_items(book, done.scanned)
        for row in missing:
            alerts.extend(
                record(db, done.event, ctx, done.location, row.item, row.lot, 0.0,
                        method_of(done.event), handheld=True)
            )  # fmt: skip
        closing.note_zero_lines(db, done.count_id, len(missing))
        if missing:
            logger.info(
                "unscanned book items counted as zero",
                extra={"location": done.location, "count_id": done.count_id, "n": len(missing)},
            )
    return alerts
