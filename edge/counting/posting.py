"""Posting count lines: the book takes the counted quantity (`edge counts post`).

Every `accepted` or `approved` line not yet posted (oldest first) sets the book row of its
location/item/lot to the counted quantity (`as_of` = post time) and, when that changes the
book, adds an `adjustments` row (line, location, item, lot, book before, counted, delta, value,
posted_at) for a later headquarters sync, and a `count.posted` alert. The line becomes `posted`;
each posting is logged in `count_decisions`. Posted lines are never posted again (idempotent).

The count wins over the book even when the book was replaced between count and post (a master
import or sync): the adjustment row keeps both `expected` (book at count time) and
`book_before` (book when posted) so headquarters can tell.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

import sqlite_utils

from edge.counting import decision_log, store
from edge.counting.rules import Status
from edge.counting.workflow import Action, Decision, transition
from edge.events import format_time
from edge.ledger.alerts import Alert

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Posting:
    """One posted line; `adjusted` when the book changed (then `adjustment_id` is its row)."""

    line_id: int
    location: str
    item: str
    lot: str
    expected: float  # book at count time
    book_before: float  # book when posted
    counted: float
    delta: float  # counted − book_before
    value: float  # delta × unit cost
    adjustment_id: int | None

    @property
    def adjusted(self) -> bool:
        return self.adjustment_id is not None


@dataclass(frozen=True)
class Held:
    """A postable line that was not posted, and why (it stays as it is)."""

    line_id: int
    reason: str


@dataclass(frozen=True)
class PostResult:
    posted: tuple[Posting, ...]
    held: tuple[Held, ...]
    posted_at: str

    def summary(self) -> dict[str, Any]:
        adjusted = [p for p in self.posted if p.adjusted]
        return {
            "posted_at": self.posted_at,
            "posted": len(self.posted),
            "adjusted": len(adjusted),
            "value_positive": round(sum(p.value for p in adjusted if p.value > 0), 2),
            "value_negative": round(sum(p.value for p in adjusted if p.value < 0), 2),
            "lines": [asdict(p) | {"adjusted": p.adjusted} for p in self.posted],
            "held": [asdict(h) for h in self.held],
        }


def post(
    db: sqlite_utils.Database,
    *,
    now: datetime,
    line_ids: Sequence[int] | None = None,
    by: str = "edge counts post",
) -> PostResult:
    """Post every `accepted`/`approved` line not yet posted (or only `line_ids`), oldest first.

    The book row of the line's location/item/lot takes the counted quantity (`as_of` = now) and
    an `adjustments` row records the change; a line whose count equals the book is posted
    without one. Already posted lines are skipped, so posting twice changes nothing. Naming a
    line in any other status refuses the whole call. A line is held (left unposted) when the
    book splits its item over several lots but it was counted without one, or when a later
    count of the same location/item/lot was already posted.
    """
    at = format_time(now)
    with decision_log.transaction(db):
        lines = _postable(db, line_ids)
        posted: list[Posting] = []
        held: list[Held] = []
        for line in lines:
            outcome = _post_line(db, line, at=at, by=by)
            if isinstance(outcome, Posting):
                posted.append(outcome)
            else:
                held.append(outcome)
    for h in held:
        logger.warning("count line held: %s", h.reason, extra={"line_id": h.line_id})
    logger.info("posted count lines", extra={"posted": len(posted), "held": len(held)})
    return PostResult(tuple(posted), tuple(held), at)


def _postable(db: sqlite_utils.Database, line_ids: Sequence[int] | None) -> list[dict[str, Any]]:
    if line_ids is None:
        return list(
            db.query(
                "SELECT * FROM count_lines WHERE status IN (?, ?) AND posted_at IS NULL "
                "ORDER BY id",
                [Status.ACCEPTED.value, Status.APPROVED.value],
            )
        )
    lines = []
    for line_id in sorted(set(line_ids)):
        line = decision_log.line(db, line_id)
        if line["status"] == Status.POSTED:
            continue  # idempotent: posting a posted line again changes nothing
        transition(Action.POST, line["status"], line_id=line_id)
        lines.append(line)
    return lines


def _post_line(
    db: sqlite_utils.Database, line: dict[str, Any], *, at: str, by: str
) -> Posting | Held:
    line_id, location, item, lot = int(line["id"]), line["location"], line["item"], line["lot"]
    counted = float(line["counted"])
    later = store.one(
        db,
        "SELECT id FROM count_lines WHERE location = ? AND item = ? AND lot = ? AND id > ? "
        "AND status = 'posted' ORDER BY id DESC LIMIT 1",
        [location, item, lot, line_id],
    )
    if later:
        return Held(
            line_id, f"a later count of {item} at {location} (line {later['id']}) is posted"
        )
    rows = [
        dict(r)
        for r in db.query(
            "SELECT lot, quantity FROM book WHERE location = ? AND item = ? ORDER BY lot",
            [location, item],
        )
    ]
    if lot:
        rows = [r for r in rows if r["lot"] == lot]
    elif len(rows) > 1:
        if counted == sum(float(r["quantity"]) for r in rows):
            return _posted(db, line, None, at=at, by=by)  # agrees with the lots' total
        lots = ", ".join(r["lot"] or "(none)" for r in rows)
        return Held(
            line_id,
            f"the book splits {item} at {location} over lots {lots} but line {line_id} was "
            "counted without a lot: count it by lot",
        )
    before = float(rows[0]["quantity"]) if rows else 0.0
    book_lot = str(rows[0]["lot"]) if rows else lot
    if before != float(line["expected"]):
        # the book was replaced since the count (a master import or sync): the count still wins
        logger.warning(
            "book moved since the count",
            extra={"line_id": line_id, "expected": line["expected"], "book": before},
        )
    if not item or counted == before:
        return _posted(db, line, None, at=at, by=by)
    return _posted(db, line, _adjust(db, line, book_lot, before, at=at), at=at, by=by)


def _adjust(
    db: sqlite_utils.Database, line: dict[str, Any], lot: str, before: float, *, at: str
) -> Posting:
    """Set the book row to the counted quantity and keep the change as an adjustment."""
    location, item, counted = line["location"], line["item"], float(line["counted"])
    delta = counted - before
    unit_cost = store.item_info(db, item).unit_cost
    db.execute(
        "INSERT INTO book (location, item, lot, quantity, as_of) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(location, item, lot) DO UPDATE SET quantity = excluded.quantity, "
        "as_of = excluded.as_of",
        [location, item, lot, counted, at],
    )
    posting = Posting(
        int(line["id"]), location, item, lot, float(line["expected"]), before, counted, delta,
        delta * unit_cost, None,
    )  # fmt: skip
    cursor = db.execute(
        "INSERT INTO adjustments (line_id, location, item, lot, expected, book_before, counted, "
        "delta, unit_cost, value, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [posting.line_id, location, item, lot, posting.expected, before, counted, delta,
         unit_cost, posting.value, at],
    )  # fmt: skip
    return replace(posting, adjustment_id=int(cursor.lastrowid or 0))


def _posted(
    db: sqlite_utils.Database, line: dict[str, Any], adjustment: Posting | None, *, at: str, by: str
) -> Posting:
    """Mark the line posted and log it; `adjustment` is the book change, None when none."""
    line_id = int(line["id"])
    counted = float(line["counted"])
    store.update_line(
        db, line_id, {"status": Status.POSTED.value, "posted_at": at, "updated_at": at}
    )
    posting = adjustment or Posting(
        line_id, line["location"], line["item"], line["lot"], float(line["expected"]), counted,
        counted, 0.0, 0.0, None,
    )  # fmt: skip
    note = f"book {posting.book_before:g} → {counted:g}" if posting.adjusted else "book unchanged"
    decision_log.record(
        db,
        Decision(line_id, Action.POST.value, line["status"], Status.POSTED.value, by, "", note, at),
    )
    if posting.adjusted:
        store.store_alert(db, _posted_alert(line, posting), at)
    return posting


def _posted_alert(line: dict[str, Any], p: Posting) -> Alert:
    lot = f" lot {p.lot}" if p.lot else ""
    return Alert(
        kind="count.posted",
        tier=line["tier"],
        reason=(
            f"Book adjusted for {p.item}{lot} at {p.location}: {p.book_before:g} → {p.counted:g} "
            f"({p.delta:+g} units, value {p.value:+.2f}) from count line {p.line_id} "
            f"({line['status']})."
        ),
        location=p.location,
        item=p.item,
        details=asdict(p) | {"from_status": line["status"]},
    )
