"""Empty exemplars: each bin is judged beside what an empty bin of the same rack looks like.

Empty bins of one rack share their look (tote colour, shelf floor, back panel, light), so the
occupancy model gets, besides the bin's crop (and its taught reference), the crop of a nearby
bin known to be empty:
- with a taught reference: the nearest bin taught `empty`, as it looked in the reference frame;
- without one: the nearest bin this camera has judged empty with high confidence, in the same
  frame or an earlier one (two passes when a frame brings the first such bin).
"Nearest" prefers the same shelf: vertical distance counts three times.
Without a reference it also settles twins (`edge.vision.twins`): a bin that looks the same as an
empty-leaning bin analysed with it is empty too.
`ExemplarJudge` wraps an `OccupancyJudge` with that bookkeeping; the analyser and the
evaluation both use it, so what is measured is what runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from edge.vision.twins import settle_twins

if TYPE_CHECKING:
    from edge.vision.analyze import Judge, Judgement

Crop = np.ndarray
Centre = tuple[float, float]

DONOR_P_EMPTY = 0.9  # an "empty" judged with at least this P(empty) may serve as an exemplar
_SHELF_WEIGHT = 3.0


def _distance(centres: Mapping[str, Centre], a: str, b: str) -> float:
    dx = centres[b][0] - centres[a][0]
    dy = (centres[b][1] - centres[a][1]) * _SHELF_WEIGHT
    return dx * dx + dy * dy


def nearest(centres: Mapping[str, Centre], location: str, donors: Sequence[str]) -> str | None:
    """The donor nearest to `location` (not itself), the same shelf preferred."""
    others = [d for d in donors if d != location]
    return min(others, key=lambda d: _distance(centres, location, d)) if others else None


class ExemplarJudge:
    """Judges the bins of one camera, each beside an empty exemplar of the same rack."""

    def __init__(
        self,
        judge: Judge,
        centres: Mapping[str, Centre],
        references: Mapping[str, tuple[Crop, str]] | None = None,
        *,
        twins: bool = True,
    ) -> None:
        self.judge = judge
        self.twins = twins
        self.centres = dict(centres)
        self.references = dict(references or {})
        self._taught_empty = [loc for loc, (_c, s) in self.references.items() if s == "empty"]
        self._seen_empty: dict[str, Crop] = {}  # no reference: bins judged empty with confidence
        self._last: dict[str, Judgement] = {}  # no reference: each bin's latest judgement

    def _exemplar(self, location: str) -> Crop | None:
        if self.references:
            donor = nearest(self.centres, location, self._taught_empty)
            return None if donor is None else self.references[donor][0]
        donor = nearest(self.centres, location, list(self._seen_empty))
        return None if donor is None else self._seen_empty[donor]

    def judge_bins(
        self,
        locations: Sequence[str],
        crops: Sequence[Crop],
        crop_of: Callable[[str], Crop | None] | None = None,
    ) -> list[Judgement]:
        """Judgements of `crops` (bins `locations` of one frame). `crop_of(location)`: another
        bin's crop in the same frame (None while it is covered), so that a bin judged on an
        earlier frame can serve as a twin (`edge.vision.twins`) of a bin judged now."""
        refs = [self.references.get(loc) for loc in locations] if self.references else None
        exemplars = [self._exemplar(loc) for loc in locations]
        results = list(self.judge.judge(crops, refs, exemplars))
        if self.references:
            return results
        before = set(self._seen_empty)
        self._remember(locations, crops, results)
        if set(self._seen_empty) != before:
            # a bin turned out clearly empty: judge the others again beside it
            fresh = {
                i: self._exemplar(loc)
                for i, loc in enumerate(locations)
                if loc not in self._seen_empty
            }
            again = [i for i, exemplar in fresh.items() if exemplar is not exemplars[i]]
            if again:
                redo = self.judge.judge([crops[i] for i in again], None, [fresh[i] for i in again])
                for i, result in zip(again, redo, strict=True):
                    results[i] = result
                self._remember([locations[i] for i in again], [crops[i] for i in again], redo)
        if not self.twins:
            return results
        batch = set(locations)
        earlier = [loc for loc in self._last if loc not in batch] if crop_of is not None else []
        bins = [*locations, *earlier]

        def crop_at(k: int) -> Crop | None:
            return crops[k] if k < len(crops) else crop_of(bins[k]) if crop_of else None

        def nearest_first(i: int) -> list[int]:
            others = [j for j in range(len(bins)) if j != i]
            return sorted(others, key=lambda j: _distance(self.centres, bins[i], bins[j]))

        judged = [*results, *(self._last[loc] for loc in earlier)]
        settled = settle_twins(crop_at, judged, nearest_first, settle=len(locations))
        self._last.update(zip(locations, settled, strict=True))
        return settled

    def _remember(
        self,
        locations: Sequence[str],
        crops: Sequence[Crop],
        results: Sequence[Judgement],
    ) -> None:
        for loc, crop, result in zip(locations, crops, results, strict=True):
            if result.state == "empty" and result.p_empty >= DONOR_P_EMPTY:
                self._seen_empty[loc] = crop
            elif result.state == "occupied":
                self._seen_empty.pop(loc, None)
