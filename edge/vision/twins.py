"""Twins: two bins of one rack that look the same are in the same state.

Without a taught reference the network must call an empty bin empty on its own look, and on
racks unlike its training ones it rarely gets sure enough (P(empty) ≥ the fitted threshold).
But an empty bin of a rack looks like the rack's other empty bins of its kind (same tote or
floor, same light), while stocked bins differ from each other (other goods, other placement).
So a bin not called empty is called empty after all when another bin analysed with it looks
the same (`edge.vision.difference.changed_share` ≤ `TWIN_MAX_DIFFERENCE`: the light-invariant
share of cells that differ), the two together lean empty (mean P(empty) ≥
`TWIN_MIN_MEAN_P_EMPTY`, each ≥ `TWIN_MIN_P_EMPTY`) and neither looks covered (P(occluded) <
`TWIN_MAX_P_OCCLUDED`). Identical stock (the same carton in two bins) stays occupied: the
network does not lean empty on it.
Used without a reference only: with one, the taught states decide (models/occupancy/MODEL_CARD.md
measures both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from edge.vision.difference import Look, changed_share, look
from edge.vision.occupancy import OccupancyJudgement

if TYPE_CHECKING:
    from edge.vision.analyze import Judgement

TWIN_MAX_DIFFERENCE = 0.02  # at most 3 of the 196 compared cells differ
TWIN_MIN_MEAN_P_EMPTY = 0.5
# ...and each of the two at least this (the network not sure of stock): a part smaller than a
# cell of the difference's grid can lie in a bin that otherwise looks like its empty twin
TWIN_MIN_P_EMPTY = 0.2
TWIN_MAX_P_OCCLUDED = 0.2


def _clear(judgement: Judgement) -> bool:
    """Looks uncovered and not surely stocked."""
    covered = (judgement.p_occluded or 0.0) >= TWIN_MAX_P_OCCLUDED
    return not covered and judgement.p_empty >= TWIN_MIN_P_EMPTY


def settle_twins(
    crops: Sequence[np.ndarray | None] | Callable[[int], np.ndarray | None],
    judgements: Sequence[Judgement],
    order: Callable[[int], Sequence[int]] | None = None,
    settle: int | None = None,
) -> list[Judgement]:
    """`judgements[:settle]` (default: all) with the bins that have an empty-leaning twin called
    empty; `judgements[settle:]` are other bins of the frame, judged earlier, that may be twins
    (only the first `settle` come back).

    `crops`: bin k's crop in this frame (a sequence, or a function of k called only for bins
    compared), None for a bin not to compare (covered now). `order(i)`: the other bins to try
    for bin i, nearest first (default: all, in input order); the first twin settles the bin."""
    crop_at = crops if callable(crops) else crops.__getitem__
    count = len(judgements) if settle is None else settle
    out: list[Judgement] = list(judgements[:count])
    looks: dict[int, Look | None] = {}

    def look_of(k: int) -> Look | None:
        if k not in looks:  # each crop on the grid once, only if it is compared at all
            crop = crop_at(k)
            looks[k] = None if crop is None else look(crop)
        return looks[k]

    for i, judgement in enumerate(judgements[:count]):
        if judgement.state == "empty" or not _clear(judgement):
            continue
        others = order(i) if order is not None else range(len(judgements))
        for j in others:
            other = judgements[j]
            mean_p = (judgement.p_empty + other.p_empty) / 2
            if j == i or not _clear(other) or mean_p < TWIN_MIN_MEAN_P_EMPTY:
                continue
            mine, theirs = look_of(i), look_of(j)
            if mine is None:
                break
            if theirs is not None and changed_share(mine, theirs) <= TWIN_MAX_DIFFERENCE:
                out[i] = OccupancyJudgement(
                    "empty",
                    round(mean_p, 4),
                    round(judgement.p_empty, 4),
                    judgement.reference_diff,
                    round(judgement.p_occluded or 0.0, 4),
                )
                break
    return out
