"""What every location holds when the camera was taught and what it holds later.

A share of the calibrated locations (15–45 %) is emptied or filled in between; a few occupied
ones that keep their state get other goods, a few empty ones gain or lose litter. Locations the
calibration leaves out change too, so the rack does not look frozen around them. Goods are
built once per state and reused, so a location nobody touched is painted identically twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.aisle.geometry import Part
from edge.synth.aisle.litter import scatter
from edge.synth.aisle.rack import Slot

Filler = Callable[[np.random.Generator, Slot], tuple[str, list[Part]]]


@dataclass(frozen=True)
class Held:
    occupied: bool
    kind: str | None  # the goods' kind when occupied
    litter: bool  # empty, but not clean
    parts: tuple[Part, ...]


EMPTY = Held(False, None, False, ())


def _goods(rng: np.random.Generator, slot: Slot, fill: Filler) -> Held:
    kind, parts = fill(rng, slot)
    return Held(True, kind, False, tuple(parts))


def _empty(rng: np.random.Generator, slot: Slot, litter_chance: float) -> Held:
    if rng.random() < litter_chance:
        _, parts = scatter(rng, slot)
        return Held(False, None, True, parts)
    return EMPTY


def changed_count(rng: np.random.Generator, listed: int) -> int:
    """How many calibrated locations change state: a draw from 18–40 %, kept in 15–45 %."""
    low, high = math.ceil(0.15 * listed), math.floor(0.45 * listed)
    return int(np.clip(round(rng.uniform(0.18, 0.4) * listed), low, high))


def plan(
    rng: np.random.Generator, slots: Sequence[Slot], listed: Sequence[int], fill: Filler
) -> tuple[list[Held], list[Held]]:
    """Holdings of every slot in the taught frame and in the later one."""
    full = float(rng.uniform(0.45, 0.75))
    before = [_goods(rng, s, fill) if rng.random() < full else _empty(rng, s, 0.2) for s in slots]
    flips = set(int(i) for i in rng.choice(listed, changed_count(rng, len(listed)), replace=False))
    calibrated = set(listed)
    after = []
    for i, slot in enumerate(slots):
        was = before[i]
        flip = i in flips if i in calibrated else rng.random() < 0.25
        if flip:
            now = _empty(rng, slot, 0.3) if was.occupied else _goods(rng, slot, fill)
        elif was.occupied:
            now = _goods(rng, slot, fill) if rng.random() < 0.15 else was
        elif rng.random() < 0.08:
            now = EMPTY if was.litter else _empty(rng, slot, 1.0)
        else:
            now = was
        after.append(now)
    return before, after
