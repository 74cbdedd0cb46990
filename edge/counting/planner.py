"""Pure count planning: which locations handhelds count on a given day.

No I/O. Rules:
1. Open tasks first, by kind: recounts, zero confirmations, unexpected stock, camera
   mismatches (each kind oldest first).
2. Then locations due by class frequency. The working days of the calendar year are numbered
   0…W−1; the n locations of a class with f counts a year (sorted by id, position k) are counted
   on working days ⌊(j·n + k)·W / (n·f)⌋ for j = 0…f−1. Every location is counted exactly f
   times a year, about W/f working days apart, and every day carries n·f/W counts (±1).
3. A due location is skipped when a camera confirmed it since its last count (and within one
   count cycle, 365/f days), or when a handheld counted it within the last half cycle (an
   opportunity or task count already did the work).
Locations that already have an open task are not listed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

TASK_PRIORITY = {
    "recount": 1,
    "zero_confirmation": 2,
    "unexpected_stock": 3,
    "camera_mismatch": 4,
    "planned": 5,
}


@dataclass(frozen=True)
class PlanLocation:
    location: str
    abc_class: str
    last_counted: date | None = None
    camera_confirmed: date | None = None


@dataclass(frozen=True)
class OpenTask:
    kind: str
    location: str
    reason: str
    created: date
    item: str | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class PlanEntry:
    rank: int
    location: str
    kind: str
    reason: str
    abc_class: str | None = None
    item: str | None = None
    task_id: int | None = None


@dataclass(frozen=True)
class Skipped:
    location: str
    reason: str


@dataclass(frozen=True)
class Plan:
    day: date
    entries: tuple[PlanEntry, ...]
    skipped: tuple[Skipped, ...]


def working_days(year: int, weekdays: frozenset[int], holidays: Iterable[date] = ()) -> list[date]:
    """Every working day of `year` in order."""
    off = set(holidays)
    day = date(year, 1, 1)
    days = []
    while day.year == year:
        if day.weekday() in weekdays and day not in off:
            days.append(day)
        day += timedelta(days=1)
    return days


def scheduled_days(position: int, count: int, frequency: int, n_days: int) -> list[int]:
    """Working-day indexes on which the location at `position` of `count` is counted."""
    if count <= 0 or frequency <= 0 or n_days <= 0:
        return []
    total = count * frequency
    return [((j * count + position) * n_days) // total for j in range(frequency)]


def due_locations(
    day: date,
    locations: Sequence[PlanLocation],
    *,
    frequency: Mapping[str, int],
    default_frequency: int,
    weekdays: frozenset[int],
    holidays: Iterable[date] = (),
) -> list[PlanLocation]:
    """Locations whose scheduled count falls on `day` (none on a day off)."""
    days = working_days(day.year, weekdays, holidays)
    try:
        index = days.index(day)
    except ValueError:
        return []
    by_class: dict[str, list[PlanLocation]] = {}
    for loc in locations:
        by_class.setdefault(loc.abc_class, []).append(loc)
    due = []
    for cls, members in sorted(by_class.items()):
        members.sort(key=lambda loc: loc.location)
        freq = frequency.get(cls, default_frequency)
        for k, loc in enumerate(members):
            if index in scheduled_days(k, len(members), freq, len(days)):
                due.append(loc)
    return due


def plan_day(
    day: date,
    locations: Sequence[PlanLocation],
    open_tasks: Sequence[OpenTask],
    *,
    frequency: Mapping[str, int],
    default_frequency: int = 1,
    weekdays: frozenset[int] = frozenset(range(5)),
    holidays: Iterable[date] = (),
) -> Plan:
    entries: list[PlanEntry] = []
    listed: set[str] = set()
    classes = {loc.location: loc.abc_class for loc in locations}
    tasks = sorted(
        (t for t in open_tasks if t.kind != "planned"),
        key=lambda t: (TASK_PRIORITY.get(t.kind, 9), t.created, t.location),
    )
    for task in tasks:
        key = f"{task.kind}|{task.location}|{task.item}"
        if key in listed:
            continue
        listed.add(key)
        listed.add(task.location)
        entries.append(
            PlanEntry(
                len(entries) + 1,
                task.location,
                task.kind,
                task.reason,
                classes.get(task.location),
                task.item,
                task.task_id,
            )
        )
    skipped: list[Skipped] = []
    due = due_locations(
        day,
        locations,
        frequency=frequency,
        default_frequency=default_frequency,
        weekdays=weekdays,
        holidays=holidays,
    )
    for loc in due:
        if loc.location in listed:
            continue
        freq = frequency.get(loc.abc_class, default_frequency)
        cycle = 365.0 / max(freq, 1)
        why = _skip_reason(day, loc, cycle)
        if why:
            skipped.append(Skipped(loc.location, why))
            continue
        listed.add(loc.location)
        entries.append(
            PlanEntry(
                len(entries) + 1,
                loc.location,
                "planned",
                f"class {loc.abc_class}: due for its count ({freq} a year)",
                loc.abc_class,
            )
        )
    return Plan(day, tuple(entries), tuple(skipped))


def _skip_reason(day: date, loc: PlanLocation, cycle_days: float) -> str | None:
    cam = loc.camera_confirmed
    if (
        cam is not None
        and (loc.last_counted is None or cam > loc.last_counted)
        and (day - cam).days <= cycle_days
    ):
        return f"a camera confirmed it on {cam.isoformat()}"
    if loc.last_counted is not None and (day - loc.last_counted).days < cycle_days / 2:
        return f"counted on {loc.last_counted.isoformat()}"
    return None
