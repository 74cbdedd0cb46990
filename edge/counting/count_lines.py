"""Count lines: a count against the book at count time, recounts that clear or confirm a
variance, tiers and alerts for confirmed variances (rules in `edge.counting.rules`).
"""

from __future__ import annotations

import logging
from typing import Any

import sqlite_utils

from edge.counting import store
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


def method_of(event: Event) -> str:
    method = event.attributes.get("method")
    if isinstance(method, str) and method:
        return method[:32]
    return "camera" if event.source.startswith("camera:") else "handheld"


def on_count(db: sqlite_utils.Database, event: Event, ctx: ProjectionContext) -> list[Alert]:
    location = event.location
    if not location:
        logger.warning("count without a location ignored", extra={"event_id": event.event_id})
        return []
    method = method_of(event)
    handheld = not method.startswith("camera")
    alerts: list[Alert] = []
    now = format_time(ctx.now)
    if event.item is None:
        book = store.location_book(db, location)
        for row in book:
            alerts.extend(
                record(db, event, ctx, location, row["item"], row["lot"], 0.0, method, handheld)
            )
        if not book:
            alerts.extend(record(db, event, ctx, location, "", "", 0.0, method, handheld))
    elif event.quantity is None:
        logger.warning("count without a quantity ignored", extra={"event_id": event.event_id})
        return []
    else:
        item = store.resolve_item(db, event.item)
        alerts.extend(
            record(
                db, event, ctx, location, item, event.lot or "", event.quantity, method, handheld
            )
        )
    if handheld:
        store.close_tasks(
            db, location, closed_at=now, event_id=event.event_id, kinds=LOCATION_TASKS
        )
    return alerts


def record(
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
                camera_confirms(db, event, location, method)
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
            camera_confirms(db, event, location, method)
        return []
    if handheld and counted == 0 and zero_task_open(db, location):
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
            details=_details(check, line_id, method_of(event)),
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
            details=_details(check, int(line["id"]), method_of(event))
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


def zero_task_open(db: sqlite_utils.Database, location: str) -> bool:
    return (
        store.one(
            db,
            "SELECT 1 FROM count_tasks WHERE status = 'open' AND kind = 'zero_confirmation' "
            "AND location = ?",
            [location],
        )
        is not None
    )


def camera_confirms(db: sqlite_utils.Database, event: Event, location: str, how: str) -> None:
    store.confirm_location(db, location, at=event.observed_at, how=how, event_id=event.event_id)
