"""Pure counting rules: variance, tolerance check, recount outcome and escalation tier.

No I/O. The ledger projection gathers the facts (book quantity, class, history) and asks these
functions what they mean.

Percent variance is relative to the expected (book) quantity. At expected = 0 there is no
relative measure: `variance_pct` is `None` (0 when nothing was counted either) and the count is
within tolerance only when it is also 0 — stock where the book holds none is never "a few
percent off".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from edge.config.counting import CountingConfig


class Status(StrEnum):
    """Count line status: counted → accepted | recount → approved | rejected → posted.

    `escalated` is a confirmed variance waiting for a tier-2/3 decision (approve or reject).
    """

    COUNTED = "counted"
    ACCEPTED = "accepted"
    RECOUNT = "recount"
    ESCALATED = "escalated"
    APPROVED = "approved"
    REJECTED = "rejected"
    POSTED = "posted"


OPEN_STATUSES = frozenset({Status.COUNTED, Status.RECOUNT, Status.ESCALATED})


@dataclass(frozen=True)
class Variance:
    expected: float
    counted: float
    units: float  # counted − expected: positive is a surplus, negative a shortage
    percent: float | None  # units ÷ expected × 100; None when expected is 0 and units ≠ 0
    value: float  # units × unit cost


@dataclass(frozen=True)
class Check:
    """The tolerance verdict on one variance."""

    variance: Variance
    tolerance_percent: float
    within: bool
    reason: str


def variance(expected: float, counted: float, unit_cost: float) -> Variance:
    units = counted - expected
    if expected == 0:
        percent: float | None = 0.0 if units == 0 else None
    else:
        percent = units / abs(expected) * 100.0
    return Variance(expected, counted, units, percent, units * unit_cost)


def check_tolerance(
    expected: float,
    counted: float,
    *,
    unit_cost: float,
    abc_class: str | None,
    config: CountingConfig,
) -> Check:
    """Within tolerance when |percent| ≤ the class tolerance and |value| ≤ the value threshold."""
    var = variance(expected, counted, unit_cost)
    tolerance = config.tolerance_for(abc_class)
    if var.units == 0:
        return Check(var, tolerance, True, "counted quantity matches the book")
    if var.percent is None:
        return Check(
            var,
            tolerance,
            False,
            f"found {_q(counted)} where the book holds none (unexpected stock)",
        )
    if abs(var.value) > config.value_threshold:
        return Check(
            var,
            tolerance,
            False,
            f"variance of {_q(var.units, signed=True)} units is worth {abs(var.value):.2f}, above "
            f"the value threshold of {config.value_threshold:.2f}",
        )
    if abs(var.percent) > tolerance + 1e-9:
        return Check(
            var,
            tolerance,
            False,
            f"variance of {var.percent:+.1f} % is outside the ±{tolerance:g} % tolerance of class "
            f"{abc_class or 'unclassified'}",
        )
    return Check(
        var,
        tolerance,
        True,
        f"variance of {var.percent:+.1f} % is within the ±{tolerance:g} % tolerance of class "
        f"{abc_class or 'unclassified'}",
    )


class RecountOutcome(StrEnum):
    CLEARED = "cleared"  # the recount agrees with the book: the first count was wrong
    CONFIRMED = "confirmed"  # the recount confirms a variance
    AGAIN = "again"  # the counts disagree with each other: ask for another recount


def recount_outcome(
    *,
    previous_counted: float,
    recheck: Check,
    recounts_done: int,
    config: CountingConfig,
) -> RecountOutcome:
    """What a recount means, given the previous count of the same line and the new verdict.

    `recounts_done` includes this recount. The variance is confirmed when the recount is again
    outside tolerance and agrees with the previous count (within the class tolerance of the
    previous count, at least one unit apart is disagreement), or when the recount limit is
    reached.
    """
    if recheck.within:
        return RecountOutcome.CLEARED
    agree = _close(previous_counted, recheck.variance.counted, recheck.tolerance_percent)
    if agree or recounts_done >= config.max_recounts:
        return RecountOutcome.CONFIRMED
    return RecountOutcome.AGAIN


def _close(a: float, b: float, tolerance_percent: float) -> bool:
    if a == b:
        return True
    base = max(abs(a), abs(b))
    return abs(a - b) / base * 100.0 <= tolerance_percent


@dataclass(frozen=True)
class TierFacts:
    """What the tier decision looks at for one confirmed variance."""

    abc_class: str | None
    variance: Variance
    repeated: int  # confirmed variances on this item within the window, this one included
    locations: int  # distinct locations with a confirmed variance on this item, this one included


@dataclass(frozen=True)
class Tier:
    level: int  # 1 floor, 2 supervisor, 3 management
    reasons: tuple[str, ...]

    @property
    def sentence(self) -> str:
        return "; ".join(self.reasons)


TIER_NAMES = {1: "floor", 2: "supervisor", 3: "management"}


def decide_tier(facts: TierFacts, config: CountingConfig) -> Tier:
    """Tier of a confirmed variance: the highest rule that applies, with every reason for it."""
    tiers = config.tiers
    var = facts.variance
    value = abs(var.value)
    three: list[str] = []
    if value >= tiers.management_value:
        three.append(
            f"variance worth {value:.2f} reaches the management threshold of "
            f"{tiers.management_value:.2f}"
        )
    if facts.repeated >= tiers.repeat_count:
        three.append(
            f"{facts.repeated} confirmed variances on this item within "
            f"{tiers.repeat_window_days} days"
        )
    if (
        tiers.zero_stock_a_is_management
        and facts.abc_class == "A"
        and var.counted == 0
        and var.expected > 0
    ):
        three.append("class A item counted at zero stock while the book holds stock")
    if facts.locations >= tiers.many_locations:
        three.append(f"variances on this item in {facts.locations} locations")
    if three:
        return Tier(3, tuple(three))
    two: list[str] = []
    if value >= tiers.supervisor_value:
        two.append(
            f"variance worth {value:.2f} reaches the supervisor threshold of "
            f"{tiers.supervisor_value:.2f}"
        )
    if facts.abc_class == "A":
        two.append("class A item")
    if two:
        return Tier(2, tuple(two))
    return Tier(1, (f"small variance worth {value:.2f}: the floor corrects it",))


def _q(quantity: float, *, signed: bool = False) -> str:
    text = f"{quantity:+g}" if signed else f"{quantity:g}"
    return text
