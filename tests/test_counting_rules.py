"""Tolerance edges, recount outcomes and escalation tiers (pure rules, table-driven)."""

from __future__ import annotations

import pytest

from edge.config.counting import CountingConfig
from edge.counting.rules import (
    RecountOutcome,
    TierFacts,
    check_tolerance,
    decide_tier,
    recount_outcome,
    variance,
)

CFG = CountingConfig()


@pytest.mark.parametrize(
    ("expected", "counted", "cost", "cls", "within"),
    [
        (100, 100, 1.0, "A", True),  # exact
        (100, 101, 1.0, "A", True),  # +1 % on the A edge is still inside
        (100, 99, 1.0, "A", True),  # −1 % likewise
        (100, 102, 1.0, "A", False),  # +2 % is out for A
        (100, 103, 1.0, "B", True),  # B edge ±3 %
        (100, 96, 1.0, "B", False),
        (100, 105, 1.0, "C", True),  # C edge ±5 %
        (100, 94, 1.0, "C", False),
        (100, 105, 1.0, None, True),  # unclassified uses the default 5 %
        (100, 106, 1.0, None, False),
        (1000, 1010, 20.0, "C", False),  # +1 % but worth 200 > value threshold 100
        (1000, 1005, 20.0, "C", True),  # worth exactly 100: not above the threshold
        (0, 0, 5.0, "A", True),  # nothing expected, nothing found
        (0, 1, 0.01, "C", False),  # anything where the book holds none is outside
        (3, 0, 1.0, "C", False),  # −100 %
    ],
)
def test_tolerance_edges(
    expected: float, counted: float, cost: float, cls: str | None, within: bool
) -> None:
    check = check_tolerance(expected, counted, unit_cost=cost, abc_class=cls, config=CFG)
    assert check.within is within
    assert check.reason  # a readable sentence either way


def test_variance_at_zero_expected_has_no_percent() -> None:
    """Pins the defined behaviour at expected = 0 (no division by zero, no fake percentage)."""
    assert variance(0, 4, 2.5).percent is None
    assert variance(0, 4, 2.5).value == 10.0
    assert variance(0, 0, 2.5).percent == 0.0
    assert variance(50, 45, 2.0).percent == pytest.approx(-10.0)
    assert variance(50, 45, 2.0).value == pytest.approx(-10.0)


@pytest.mark.parametrize(
    ("previous", "counted", "recounts", "outcome"),
    [
        (90, 100, 1, RecountOutcome.CLEARED),  # recount matches book: first count was wrong
        (90, 90, 1, RecountOutcome.CONFIRMED),  # same result twice
        (90, 80, 1, RecountOutcome.AGAIN),  # two different wrong answers: count again
        (90, 80, 2, RecountOutcome.CONFIRMED),  # …until the recount limit (2) is reached
    ],
)
def test_recount_outcomes(
    previous: float, counted: float, recounts: int, outcome: RecountOutcome
) -> None:
    recheck = check_tolerance(100, counted, unit_cost=1.0, abc_class="C", config=CFG)
    assert (
        recount_outcome(
            previous_counted=previous, recheck=recheck, recounts_done=recounts, config=CFG
        )
        is outcome
    )


@pytest.mark.parametrize(
    ("cls", "expected", "counted", "cost", "repeated", "locations", "tier", "why"),
    [
        ("C", 100, 90, 1.0, 1, 1, 1, "floor"),
        ("B", 100, 90, 10.0, 1, 1, 1, "floor"),  # worth 100 < 250
        ("B", 100, 75, 10.0, 1, 1, 2, "supervisor threshold"),  # worth 250
        ("A", 100, 99, 0.1, 1, 1, 2, "class A"),  # any confirmed A variance
        ("C", 1000, 700, 10.0, 1, 1, 3, "management threshold"),  # worth 3000
        ("C", 100, 90, 1.0, 3, 1, 3, "3 confirmed variances"),  # repeated on the item
        ("C", 100, 90, 1.0, 2, 1, 1, "floor"),  # two is not yet "repeated"
        ("A", 5, 0, 1.0, 1, 1, 3, "zero stock"),  # A item found empty
        ("B", 5, 0, 1.0, 1, 1, 1, "floor"),  # B item found empty: floor
        ("C", 100, 95, 1.0, 1, 3, 3, "3 locations"),  # many locations affected
    ],
)
def test_tiers(
    cls: str,
    expected: float,
    counted: float,
    cost: float,
    repeated: int,
    locations: int,
    tier: int,
    why: str,
) -> None:
    facts = TierFacts(cls, variance(expected, counted, cost), repeated, locations)
    decided = decide_tier(facts, CFG)
    assert decided.level == tier
    assert why in decided.sentence
