"""Pure rules of the count-line decision workflow: which action may move which status, and who.

No I/O; `edge.counting.decisions` applies them to the ledger.

    escalated → approved   approve: a person with the tier's role accepts the confirmed variance
    escalated → rejected   reject: the count is not trusted; a recount task is opened
    accepted  → posted     post: the book takes the counted quantity
    approved  → posted

Tier 1 lines are approved by the floor automatically (the projection does it), so approve and
reject only ever see tier 2 (supervisor or management) and tier 3 (management) lines. Roles are
plain strings from the command line, compared case-insensitively.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from edge.counting.rules import TIER_NAMES, Status


class Action(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    POST = "post"


class DecisionRefused(ValueError):
    """An action the workflow does not allow; the message says why, for a person."""


# rank of each role: a role may decide lines up to its rank's tier
ROLE_RANK = {"floor": 1, "supervisor": 2, "management": 3}

_FROM: dict[Action, frozenset[Status]] = {
    Action.APPROVE: frozenset({Status.ESCALATED}),
    Action.REJECT: frozenset({Status.ESCALATED}),
    Action.POST: frozenset({Status.ACCEPTED, Status.APPROVED}),
}
_TO = {Action.APPROVE: Status.APPROVED, Action.REJECT: Status.REJECTED, Action.POST: Status.POSTED}

_WHY_NOT: dict[Status, str] = {
    Status.COUNTED: "it has not been judged yet",
    Status.ACCEPTED: "it is within tolerance (accepted): nothing to decide, post it",
    Status.RECOUNT: "it waits for a recount",
    Status.ESCALATED: "it waits for a decision: approve or reject it first",
    Status.APPROVED: "it is already approved: post it",
    Status.REJECTED: "it was rejected: a recount is open, the next count makes a new line",
    Status.POSTED: "it is already posted",
}


@dataclass(frozen=True)
class Transition:
    action: Action
    from_status: Status
    to_status: Status


def transition(action: Action, status: str, *, line_id: int) -> Transition:
    """The transition `action` makes from `status`; `DecisionRefused` when it is not allowed."""
    try:
        current = Status(status)
    except ValueError:
        raise DecisionRefused(f"line {line_id} has an unknown status {status!r}") from None
    if current not in _FROM[action]:
        allowed = " or ".join(sorted(_FROM[action]))
        raise DecisionRefused(
            f"cannot {action} line {line_id}: {_WHY_NOT[current]} "
            f"(only {allowed} lines can be {_TO[action]})"
        )
    return Transition(action, current, _TO[action])


def normalise_role(role: str) -> str:
    name = role.strip().lower()
    if name not in ROLE_RANK:
        raise DecisionRefused(f"unknown role {role!r}: expected one of {', '.join(ROLE_RANK)}")
    return name


def required_role(tier: int | None) -> str:
    """The lowest role that may decide a line of `tier` (no tier: the floor)."""
    level = tier if tier in TIER_NAMES else 1
    return TIER_NAMES[level]


def check_role(role: str, tier: int | None, *, action: Action, line_id: int) -> str:
    """The normalised role when it may take `action` on a line of `tier`, else `DecisionRefused`."""
    name = normalise_role(role)
    needed = required_role(tier)
    if ROLE_RANK[name] < ROLE_RANK[needed]:
        who = "management" if needed == "management" else "a supervisor or management"
        raise DecisionRefused(
            f"cannot {action} line {line_id} as {name}: it is a tier {tier} line, "
            f"{who} must decide (--role {needed})"
        )
    return name


@dataclass(frozen=True)
class Decision:
    """One approve, reject or post of a line, as recorded in `count_decisions`."""

    line_id: int
    action: str
    from_status: str
    to_status: str
    by: str
    role: str
    note: str
    decided_at: str
    task_id: int | None = None  # the recount task a rejection opened (None if one was open)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
