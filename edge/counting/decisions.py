"""Deciding count lines: approve or reject a confirmed variance (`edge counts approve|reject`).

The ledger side of the workflow whose rules live in `edge.counting.workflow` (pure); posting is
`edge.counting.posting` (re-exported here, so this module is the one to import). Each call runs
in one `BEGIN IMMEDIATE` transaction: a decision never races the ledger ingesting a recount of
the same line, and a call writes all of its rows or none.

Every decision is kept in `count_decisions` (who, role, when, note, from → to) and raises an
alert row (`count.approved`, `count.rejected`; posting: `count.posted`) in the core `alerts`
table, which the report and the dashboard read. Rejecting opens a recount task for the line's
location and item: the count is not trusted, the next count of it makes a new line.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import sqlite_utils

from edge.counting import decision_log, store
from edge.counting.posting import Held, Posting, PostResult, post
from edge.counting.rules import TIER_NAMES
from edge.counting.workflow import Action, Decision, DecisionRefused, check_role, transition
from edge.events import format_time
from edge.ledger.alerts import Alert

logger = logging.getLogger(__name__)

__all__ = [
    "Decision",
    "DecisionRefused",
    "Held",
    "PostResult",
    "Posting",
    "approve",
    "post",
    "reject",
]


def approve(
    db: sqlite_utils.Database,
    line_id: int,
    *,
    by: str,
    role: str,
    note: str = "",
    now: datetime,
) -> Decision:
    """Approve a confirmed (escalated) variance: the line becomes `approved`, ready to post."""
    return _decide(db, Action.APPROVE, line_id, by=by, role=role, note=note, now=now)


def reject(
    db: sqlite_utils.Database,
    line_id: int,
    *,
    by: str,
    role: str,
    note: str = "",
    now: datetime,
) -> Decision:
    """Reject a confirmed variance: the count is not trusted, the line becomes `rejected` and a
    recount task is opened at its location for its item (the next count makes a new line)."""
    return _decide(db, Action.REJECT, line_id, by=by, role=role, note=note, now=now)


# -- approve / reject ----------------------------------------------------------------------------


def _decide(
    db: sqlite_utils.Database,
    action: Action,
    line_id: int,
    *,
    by: str,
    role: str,
    note: str,
    now: datetime,
) -> Decision:
    if not by.strip():
        raise DecisionRefused(f"cannot {action} line {line_id}: say who decides (--by NAME)")
    at = format_time(now)
    with decision_log.transaction(db):
        line = decision_log.line(db, line_id)
        move = transition(action, line["status"], line_id=line_id)
        who = check_role(role, line["tier"], action=action, line_id=line_id)
        store.update_line(
            db,
            line_id,
            {
                "status": move.to_status.value,
                "decided_by": f"{by} ({who})",
                "decided_at": at,
                "updated_at": at,
            },
        )
        task_id = None
        if action is Action.REJECT:
            task_id = store.open_task(
                db,
                kind="recount",
                location=line["location"],
                item=line["item"] or None,
                reason=f"count line {line_id} rejected by {by} ({who}): "
                f"{note or 'count not trusted'}",
                priority=1,
                created_at=at,
                line_id=line_id,
            )
        decision = Decision(
            line_id,
            action.value,
            move.from_status.value,
            move.to_status.value,
            by,
            who,
            note,
            at,
            task_id,
        )
        decision_log.record(db, decision)
        store.store_alert(db, _decision_alert(line, decision), at)
    logger.info(
        "count line %s", decision.to_status, extra={"line_id": line_id, "by": by, "role": who}
    )
    return decision


def _decision_alert(line: dict[str, Any], decision: Decision) -> Alert:
    tier = line["tier"]
    who = f"{decision.by} ({decision.role})"
    figures = _figures(line)
    if decision.action == Action.APPROVE:
        what = f"approved by {who}: {figures}; post it to adjust the book"
    else:
        what = f"rejected by {who}: {figures}; the count is not trusted, a recount is open"
    note = f" Note: {decision.note}" if decision.note else ""
    tier_name = TIER_NAMES.get(tier, "floor") if isinstance(tier, int) else "floor"
    return Alert(
        kind=f"count.{decision.to_status}",
        tier=tier,
        reason=(
            f"Count line {line['id']} ({line['item'] or 'nothing'} at {line['location']}, "
            f"tier {tier} {tier_name}) {what}.{note}"
        ),
        location=line["location"],
        item=line["item"] or None,
        details=decision.to_dict() | _line_details(line),
    )


def _figures(line: dict[str, Any]) -> str:
    pct = line["variance_pct"]
    percent = f", {pct:+.1f} %" if pct is not None else ""
    return (
        f"counted {line['counted']:g} against a book of {line['expected']:g} "
        f"(variance {line['variance']:+g} units{percent}, value {line['variance_value']:+.2f})"
    )


def _line_details(line: dict[str, Any]) -> dict[str, Any]:
    keys = ("lot", "expected", "counted", "variance", "variance_pct", "variance_value", "tier")
    return {k: line[k] for k in keys}
