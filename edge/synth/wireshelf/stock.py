"""What each location holds in the reference frame and in the later frame: which listed bins
were emptied or filled since teaching (about a quarter to a third), which occupied ones were
restocked or picked from, where litter lies. Unlisted bins hold the same in both frames."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from edge.synth.wireshelf.goods import KINDS, WEIGHTS


@dataclass(frozen=True)
class Fill:
    kind: str | None  # goods kind, None when empty
    seed: int
    amount: float  # 0..1 of what fits
    litter: bool  # empty but not clean

    @property
    def occupied(self) -> bool:
        return self.kind is not None


def _goods(rng: np.random.Generator) -> Fill:
    kind = str(rng.choice(KINDS, p=np.asarray(WEIGHTS) / sum(WEIGHTS)))
    return Fill(kind, int(rng.integers(1 << 30)), float(rng.uniform(0.15, 1.0)), False)


def _empty(rng: np.random.Generator, litter: float) -> Fill:
    return Fill(None, int(rng.integers(1 << 30)), 0.0, bool(rng.random() < litter))


def plan(
    count: int, listed: tuple[int, ...], rng: np.random.Generator
) -> tuple[list[Fill], list[Fill]]:
    """Per slot: (reference fill, later fill)."""
    occupancy = rng.uniform(0.4, 0.75)
    litter = rng.uniform(0.15, 0.45)
    first = [_goods(rng) if rng.random() < occupancy else _empty(rng, litter) for _ in range(count)]
    later = list(first)
    share = rng.uniform(0.25, 0.35)
    flips = set(
        int(i) for i in rng.choice(listed, size=max(1, round(share * len(listed))), replace=False)
    )
    for i in listed:
        was = first[i]
        if i in flips:
            # emptied bins often keep a slip or tape of the packaging they held
            later[i] = _empty(rng, litter + 0.15) if was.occupied else _goods(rng)
        elif was.occupied and rng.random() < 0.3:  # picked from or restocked
            kind = was.kind if rng.random() < 0.7 else _goods(rng).kind
            later[i] = replace(
                was,
                kind=kind,
                seed=int(rng.integers(1 << 30)),
                amount=float(rng.uniform(0.15, 1.0)),
            )
        elif not was.occupied and rng.random() < 0.1:  # litter swept up or dropped
            later[i] = replace(was, litter=not was.litter, seed=int(rng.integers(1 << 30)))
    return first, later
