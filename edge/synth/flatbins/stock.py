"""What each location holds when the reference is taught and later: 15–45 % of the locations
change state, some occupied ones get other goods, empty ones sometimes hold litter. Goods and
litter carry their own drawing seed, so a location left alone is painted the same both times."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

LITTER = ("paper", "tape", "label", "stain")
LITTER_SHARE = 0.2


@dataclass(frozen=True)
class Stock:
    kind: str | None  # goods, None when empty
    litter: str | None  # litter of an empty location
    seed: int  # drawing seed of the goods or litter

    @property
    def occupied(self) -> bool:
        return self.kind is not None


def _goods(rng: np.random.Generator, kinds: Mapping[str, float]) -> Stock:
    names = list(kinds)
    p = np.array([kinds[k] for k in names], np.float64)
    kind = names[int(rng.choice(len(names), p=p / p.sum()))]
    return Stock(kind, None, int(rng.integers(2**31)))


def _empty(rng: np.random.Generator, litter: tuple[str, ...]) -> Stock:
    dirty = rng.random() < LITTER_SHARE
    kind = str(rng.choice(litter)) if dirty else None
    return Stock(None, kind, int(rng.integers(2**31)))


def plan(
    rng: np.random.Generator,
    count: int,
    kinds: Mapping[str, float],
    litter: tuple[str, ...] = LITTER,
) -> tuple[list[Stock], list[Stock]]:
    """Reference and later stock of `count` locations."""
    share = rng.uniform(0.35, 0.75)
    first = [
        _goods(rng, kinds) if rng.random() < share else _empty(rng, litter) for _ in range(count)
    ]
    low, high = math.ceil(0.15 * count), math.floor(0.45 * count)
    flips = set(rng.choice(count, size=int(rng.integers(low, high + 1)), replace=False).tolist())
    later = []
    for i, before in enumerate(first):
        if i in flips:
            now = _empty(rng, litter) if before.occupied else _goods(rng, kinds)
        elif before.occupied:
            roll = rng.random()
            if roll < 0.12:  # restocked with something else
                now = _goods(rng, kinds)
            elif roll < 0.22:  # the same goods, picked from and shuffled
                now = Stock(before.kind, None, int(rng.integers(2**31)))
            else:
                now = before
        else:
            now = before if rng.random() < 0.85 else _empty(rng, litter)
        later.append(now)
    return first, later
