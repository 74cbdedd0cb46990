"""Count planner: spread over a year, priorities, camera skips."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import pairwise

import pytest

from edge.counting.planner import (
    OpenTask,
    PlanLocation,
    due_locations,
    plan_day,
    scheduled_days,
    working_days,
)

FREQ = {"A": 12, "B": 4, "C": 1}
WEEKDAYS = frozenset(range(5))


def test_working_days_of_a_year() -> None:
    days = working_days(2027, WEEKDAYS, [date(2027, 1, 1)])
    assert len(days) == 260  # 261 weekdays in 2027 minus New Year
    assert days[0] == date(2027, 1, 4) and all(d.weekday() < 5 for d in days)


@pytest.mark.parametrize(("count", "freq"), [(1, 12), (7, 12), (50, 4), (300, 1), (1000, 12)])
def test_scheduled_days_spread_evenly(count: int, freq: int) -> None:
    n_days = 260
    load: Counter[int] = Counter()
    for k in range(count):
        days = scheduled_days(k, count, freq, n_days)
        assert len(days) == freq and len(set(days)) == freq  # exactly f distinct count days
        assert all(0 <= d < n_days for d in days)
        gaps = [b - a for a, b in pairwise(days)]
        assert all(abs(g - n_days / freq) <= 1 for g in gaps)  # evenly apart
        load.update(days)
    per_day = [load.get(d, 0) for d in range(n_days)]
    assert max(per_day) - min(per_day) <= 1  # no peak days
    assert sum(per_day) == count * freq


def test_planner_over_a_year_counts_each_location_by_its_class() -> None:
    """Pins the end-to-end spread: over 2027 every A location is planned 12×, B 4×, C once."""
    locs = [PlanLocation(f"A-{i:02d}", "A") for i in range(10)]
    locs += [PlanLocation(f"B-{i:02d}", "B") for i in range(20)]
    locs += [PlanLocation(f"C-{i:03d}", "C") for i in range(60)]
    seen: Counter[str] = Counter()
    for day in working_days(2027, WEEKDAYS):
        for loc in due_locations(day, locs, frequency=FREQ, default_frequency=1, weekdays=WEEKDAYS):
            seen[loc.location] += 1
    assert all(seen[loc.location] == FREQ[loc.abc_class] for loc in locs)
    assert (
        due_locations(
            date(2027, 1, 2), locs, frequency=FREQ, default_frequency=1, weekdays=WEEKDAYS
        )
        == []
    )  # a Saturday


def _due_today(day: date) -> PlanLocation:
    locs = [PlanLocation("L1", "A")]
    [loc] = due_locations(day, locs, frequency=FREQ, default_frequency=1, weekdays=WEEKDAYS)
    return loc


def test_plan_orders_tasks_first_and_skips_camera_confirmed() -> None:
    day = date(2027, 1, 1)  # first working day (a Friday): position 0 is due
    locs = [
        PlanLocation("L1", "A", last_counted=date(2026, 12, 1), camera_confirmed=date(2027, 1, 3)),
        PlanLocation("L2", "C", last_counted=None),
    ]
    tasks = [
        OpenTask("zero_confirmation", "Z1", "bin empty", date(2027, 1, 3)),
        OpenTask("recount", "R1", "variance", date(2027, 1, 3), item="X"),
        OpenTask("recount", "R0", "variance", date(2027, 1, 1), item="Y"),
    ]
    plan = plan_day(day, locs, tasks, frequency=FREQ, weekdays=WEEKDAYS)
    assert [(e.kind, e.location) for e in plan.entries] == [
        ("recount", "R0"),
        ("recount", "R1"),
        ("zero_confirmation", "Z1"),
        ("planned", "L2"),
    ]
    assert [s.location for s in plan.skipped] == ["L1"]
    assert "camera" in plan.skipped[0].reason
    assert [e.rank for e in plan.entries] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("last", "camera", "skipped"),
    [
        (None, None, False),
        (date(2026, 12, 1), date(2026, 11, 1), False),  # camera before the last count
        (date(2026, 12, 1), date(2026, 12, 20), True),  # camera since the last count
        (None, date(2025, 1, 1), False),  # camera confirmation older than a cycle
        (date(2026, 12, 30), None, True),  # counted a few days ago
    ],
)
def test_camera_and_recent_count_skips(
    last: date | None, camera: date | None, skipped: bool
) -> None:
    day = date(2027, 1, 1)
    loc = PlanLocation("L1", "A", last_counted=last, camera_confirmed=camera)
    plan = plan_day(day, [loc], [], frequency=FREQ, weekdays=WEEKDAYS)
    assert bool(plan.skipped) is skipped
    assert bool(plan.entries) is not skipped
