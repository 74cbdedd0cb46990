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

import json
import logging
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from edge.counting import closing, store
from edge.counting.rules import (
    TIER_NAMES,
    Check,
    RecountOutcome,
    Status,
    TierFacts,
    check_tolerance,
    decide_tier,
    recount_outcome,
)
from edge.events import Event, format_time
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext

logger = logging.getLogger(__name__)

LOCATION_TASKS = ("planned", "zero_confirmation", "unexpected_stock", "camera_mismatch")


def project_counting(
    db: sqlite_utils.Database, events: Sequence[Event], ctx: ProjectionContext
) -> list[Alert]:
    alerts: list[Alert] = []
    camera_bins: dict[tuple[str, str], Event] = {}
    for event in events:
        if event.type == "count.recorded":
            alerts.extend(_on_count(db, event, ctx))
        elif event.type == "bin.empty":
            camera_bins = {k: v for k, v in camera_bins.items() if k[0] != event.location}
            alerts.extend(_on_empty(db, event, ctx))
        elif event.type == "bin.occupied":
            alerts.extend(_on_occupied(db, event, ctx))
        elif event.type == "label.read":
            key = _store_camera_read(db, event)
            if key is not None:
                camera_bins[key] = event
    # Once per bin and batch: a camera reads a bin's labels in a burst, one line is enough.
    for (location, item), event in camera_bins.items():
        alerts.extend(_camera_count(db, event, ctx, location, item))
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
                _record(db, done.event, ctx, done.location, row.item, row.lot, 0.0,
                        _method(done.event), handheld=True)
            )  # fmt: skip
        closing.note_zero_lines(db, done.count_id, len(missing))
        if missing:
            logger.info(
                "unscanned book items counted as zero",
                extra={"location": done.location, "count_id": done.count_id, "n": len(missing)},
            )
    return alerts


def _method(event: Event) -> str:
    method = event.attributes.get("method")
    if isinstance(method, str) and method:
        return method[:32]
    return "camera" if event.source.startswith("camera:") else "handheld"


def _on_count(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
    location = event.location
    if not location:
        logger.warning("count without a location ignored", extra={"event_id": event.event_id})
        return []
    method = _method(event)
    handheld = not method.startswith("camera")
    alerts: list[Alert] = []
    now = format_time(ctx.now)
    if event.item is None:
        book = store.location_book(db, location)
        for row in book:
            alerts.extend(
                _record(db, event, ctx, location, row["item"], row["lot"], 0.0, method, handheld)
            )
        if not book:
            alerts.extend(_record(db, event, ctx, location, "", "", 0.0, method, handheld))
    elif event.quantity is None:
        logger.warning("count without a quantity ignored", extra={"event_id": event.event_id})
        return []
    else:
        item = store.resolve_item(db, event.item)
        alerts.extend(
            _record(
                db, event, ctx, location, item, event.lot or "", event.quantity, method, handheld
            )
        )
    if handheld:
        store.close_tasks(
            db, location, closed_at=now, event_id=event.event_id, kinds=LOCATION_TASKS
        )
    return alerts


def _record(
    db: sqlite_utils.Database,
    event: Event,
    ctx: ProjectionContext,
    location: str,
    item: str,
    lot: str,
    counted: float,
    method: str,
    handheld: bool,
) -> list[Alert]:
    cfg = ctx.config.counting
    info = store.item_info(db, item)
    book = store.book_quantity(db, location, item, lot) if item else store.BookQuantity("", 0.0)
    check = check_tolerance(
        book.quantity, counted, unit_cost=info.unit_cost, abc_class=info.abc_class, config=cfg
    )
    previous = store.open_line(db, location, item, book.lot)
    if handheld and previous is None and item:
        store.close_rejected_recounts(
            db, location, item, closed_at=format_time(ctx.now), event_id=event.event_id
        )
    if previous is not None:
        if not handheld:
            return []  # a camera cannot settle a recount: a person must
        return _recount(db, event, ctx, previous, check, counted, info.abc_class)
    if not handheld:
        last = store.last_camera_count(db, location, item)
        if last and last["counted"] == counted and last["expected"] == book.quantity:
            if check.within:
                _camera_confirms(db, event, location, method)
            return []
    now = format_time(ctx.now)
    var = check.variance
    line: dict[str, Any] = {
        "location": location,
        "item": item,
        "lot": book.lot,
        "abc_class": info.abc_class,
        "expected": book.quantity,
        "counted": counted,
        "first_counted": counted,
        "variance": var.units,
        "variance_pct": var.percent,
        "variance_value": var.value,
        "within_tolerance": int(check.within),
        "method": method,
        "counter": str(event.attributes.get("counter") or event.source)[:128],
        "device": event.device,
        "recounts": 0,
        "event_id": event.event_id,
        "last_event_id": event.event_id,
        "counted_at": event.observed_at,
        "created_at": now,
        "updated_at": now,
    }
    what = f"{item or 'nothing'} at {location}"
    if check.within:
        line |= {"status": Status.ACCEPTED.value, "tier": None, "reason": check.reason}
        store.insert_line(db, line)
        if not handheld:
            _camera_confirms(db, event, location, method)
        return []
    if handheld and counted == 0 and _zero_task_open(db, location):
        line |= {"status": Status.RECOUNT.value, "tier": 1, "reason": check.reason}
        line_id = store.insert_line(db, line)
        row = store.one(db, "SELECT * FROM count_lines WHERE id = ?", [line_id])
        assert row is not None
        return _confirm(
            db,
            event,
            ctx,
            row,
            check,
            counted,
            info.abc_class,
            recounts=0,
            why="the camera saw the bin empty and the count confirms it",
        )
    reason = f"{check.reason}: recount requested"
    line |= {"status": Status.RECOUNT.value, "tier": 1, "reason": reason}
    line_id = store.insert_line(db, line)
    store.open_task(
        db,
        kind="recount",
        location=location,
        item=item,
        reason=reason,
        priority=1,
        created_at=now,
        line_id=line_id,
        event_id=event.event_id,
    )
    return [
        Alert(
            kind="recount",
            tier=1,
            reason=f"Count of {what} is off: {_figures(check)}; {reason}.",
            location=location,
            item=item,
            event_id=event.event_id,
            details=_details(check, line_id, method),
        )
    ]


def _recount(
    db: sqlite_utils.Database,
    event: Event,
    ctx: ProjectionContext,
    previous: dict[str, Any],
    check: Check,
    counted: float,
    abc_class: str | None,
) -> list[Alert]:
    cfg = ctx.config.counting
    recounts = int(previous["recounts"]) + 1
    outcome = recount_outcome(
        previous_counted=float(previous["counted"]),
        recheck=check,
        recounts_done=recounts,
        config=cfg,
    )
    now = format_time(ctx.now)
    line_id = int(previous["id"])
    location, item = previous["location"], previous["item"]
    if outcome is RecountOutcome.CONFIRMED:
        return _confirm(db, event, ctx, previous, check, counted, abc_class, recounts=recounts)
    changes = _count_changes(event, check, counted, recounts, now)
    if outcome is RecountOutcome.CLEARED:
        reason = (
            f"recount of {counted:g} is within tolerance of the book: the earlier count of "
            f"{float(previous['counted']):g} was a miscount"
        )
        store.update_line(
            db,
            line_id,
            changes | {"status": Status.ACCEPTED.value, "tier": None, "reason": reason},
        )
        store.close_tasks(
            db, location, closed_at=now, event_id=event.event_id, kinds=("recount",), item=item
        )
        return []
    reason = (
        f"recount of {counted:g} disagrees with the previous count of "
        f"{float(previous['counted']):g}: count again"
    )
    store.update_line(
        db, line_id, changes | {"status": Status.RECOUNT.value, "tier": 1, "reason": reason}
    )
    return [
        Alert(
            kind="recount",
            tier=1,
            reason=f"Recount of {item} at {location}: {reason}.",
            location=location,
            item=item,
            event_id=event.event_id,
            details=_details(check, line_id, _method(event)),
        )
    ]


def _confirm(
    db: sqlite_utils.Database,
    event: Event,
    ctx: ProjectionContext,
    line: dict[str, Any],
    check: Check,
    counted: float,
    abc_class: str | None,
    *,
    recounts: int,
    why: str = "the recount confirms it",
) -> list[Alert]:
    cfg = ctx.config.counting
    now = format_time(ctx.now)
    location, item = line["location"], line["item"]
    history = store.item_history(
        db, item, store.window_start(ctx.now, cfg.tiers.repeat_window_days)
    )
    tier = decide_tier(
        TierFacts(
            abc_class,
            check.variance,
            repeated=history.confirmed + 1,
            locations=len(history.locations | {location}),
        ),
        cfg,
    )
    status = Status.APPROVED if tier.level == 1 else Status.ESCALATED
    reason = f"{why}; tier {tier.level} ({TIER_NAMES[tier.level]}): {tier.sentence}"
    changes = _count_changes(event, check, counted, recounts, now) | {
        "status": status.value,
        "tier": tier.level,
        "reason": reason,
    }
    if status is Status.APPROVED:
        changes |= {"decided_by": "floor (tier 1)", "decided_at": now}
    store.update_line(db, int(line["id"]), changes)
    store.close_tasks(
        db, location, closed_at=now, event_id=event.event_id, kinds=("recount",), item=item
    )
    action = {
        1: "the floor corrects the book",
        2: "a supervisor must approve the adjustment",
        3: "management must decide",
    }[tier.level]
    return [
        Alert(
            kind="variance",
            tier=tier.level,
            reason=(
                f"Confirmed variance for {item} at {location}: {_figures(check)}; {action} "
                f"because {tier.sentence}."
            ),
            location=location,
            item=item,
            event_id=event.event_id,
            details=_details(check, int(line["id"]), _method(event))
            | {"tier_reasons": list(tier.reasons), "status": status.value},
        )
    ]


def _count_changes(
    event: Event, check: Check, counted: float, recounts: int, now: str
) -> dict[str, Any]:
    var = check.variance
    return {
        "expected": var.expected,
        "counted": counted,
        "variance": var.units,
        "variance_pct": var.percent,
        "variance_value": var.value,
        "within_tolerance": int(check.within),
        "recounts": recounts,
        "last_event_id": event.event_id,
        "counter": str(event.attributes.get("counter") or event.source)[:128],
        "counted_at": event.observed_at,
        "updated_at": now,
    }


def _figures(check: Check) -> str:
    var = check.variance
    pct = f", {var.percent:+.1f} %" if var.percent is not None else ""
    return (
        f"counted {var.counted:g} against a book of {var.expected:g} "
        f"(variance {var.units:+g} units{pct}, value {var.value:+.2f})"
    )


def _details(check: Check, line_id: int, method: str) -> dict[str, Any]:
    var = check.variance
    return {
        "line_id": line_id,
        "expected": var.expected,
        "counted": var.counted,
        "variance": var.units,
        "variance_pct": var.percent,
        "variance_value": var.value,
        "tolerance_percent": check.tolerance_percent,
        "method": method,
    }


def _zero_task_open(db: sqlite_utils.Database, location: str) -> bool:
    return (
        store.one(
            db,
            "SELECT 1 FROM count_tasks WHERE status = 'open' AND kind = 'zero_confirmation' "
            "AND location = ?",
            [location],
        )
        is not None
    )


def _camera_confirms(db: sqlite_utils.Database, event: Event, location: str, how: str) -> None:
    store.confirm_location(db, location, at=event.observed_at, how=how, event_id=event.event_id)


def _on_empty(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
    location = event.location
    if not location:
        return []
    db.execute("DELETE FROM camera_reads WHERE location = ?", [location])
    book = store.location_book(db, location)
    if not book:
        if store.location_known(db, location):
            _camera_confirms(db, event, location, "empty bin, empty book")
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


def _on_occupied(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
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


def _store_camera_read(db: sqlite_utils.Database, event: Event) -> tuple[str, str] | None:
    """Remember what a camera read in a bin; the (location, item) to re-count, if any."""
    if not event.location or not event.source.startswith("camera:"):
        return None
    fields = event.attributes.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    raw_item = event.item or fields.get("part") or fields.get("gtin")
    if not isinstance(raw_item, str) or not raw_item:
        return None
    item = store.resolve_item(db, raw_item)
    serial = event.serial or fields.get("serial")
    plate = fields.get("license_plate") or fields.get("sscc")
    quantity = event.quantity if event.quantity is not None else fields.get("quantity")
    if serial:
        key, qty = f"serial:{serial}", 1.0
    elif plate:
        key, qty = f"plate:{plate}", float(quantity) if quantity is not None else 1.0
    elif quantity is not None:
        key, qty = f"label:{event.lot or ''}", float(quantity)
    else:
        return None
    db.execute(
        "INSERT INTO camera_reads (location, item, key, quantity, lot, event_id, observed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(location, item, key) DO UPDATE SET "
        "quantity = excluded.quantity, event_id = excluded.event_id, "
        "observed_at = excluded.observed_at",
        [event.location, item, key, qty, event.lot or "", event.event_id, event.observed_at],
    )
    return event.location, item


_CAMERA_METHODS = {"serial": "camera-serials", "plate": "camera-plates", "label": "camera-label"}


def _camera_count(
    db: sqlite_utils.Database, event: Event, ctx: ProjectionContext, location: str, item: str
) -> list[Alert]:
    rows = list(
        db.query(
            "SELECT key, quantity FROM camera_reads WHERE location = ? AND item = ?",
            [location, item],
        )
    )
    if not rows:
        return []
    kinds = {str(r["key"]).split(":", 1)[0] for r in rows}
    method = _CAMERA_METHODS.get(kinds.pop(), "camera") if len(kinds) == 1 else "camera"
    counted = sum(float(r["quantity"]) for r in rows)
    return _record(db, event, ctx, location, item, "", counted, method, handheld=False)
