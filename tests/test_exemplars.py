"""Empty exemplars: which bin each bin is compared with, and when a frame is judged twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from edge.vision.exemplars import ExemplarJudge, nearest

# two shelves of three bins; shelves 100 px apart, bins 120 px apart
CENTRES = {f"S{r}-{c}": (100.0 + 120 * c, 100.0 + 100 * r) for r in range(2) for c in range(3)}


def _crop(value: int) -> np.ndarray:
    return np.full((8, 8, 3), value, np.uint8)


@dataclass(frozen=True)
class _J:
    state: str
    confidence: float
    p_empty: float
    reference_diff: float | None = None
    p_occluded: float | None = None


class _RecordingJudge:
    """Empty when the crop is bright; records the exemplars it was given."""

    def __init__(self) -> None:
        self.calls: list[list[int | None]] = []

    def judge(self, crops: Any, references: Any = None, exemplars: Any = None) -> list[_J]:
        given = list(exemplars or [None] * len(crops))
        self.calls.append([None if e is None else int(e[0, 0, 0]) for e in given])
        return [
            _J("empty", 0.95, 0.95) if int(c[0, 0, 0]) > 128 else _J("occupied", 0.9, 0.05)
            for c in crops
        ]


def test_nearest_prefers_the_same_shelf_and_never_itself() -> None:
    # S1-0 is 100 px below S0-0 and 120 px from S1-1: the shelf neighbour wins
    assert nearest(CENTRES, "S1-0", ["S0-0", "S1-1"]) == "S1-1"
    assert nearest(CENTRES, "S0-0", ["S0-0"]) is None
    assert nearest(CENTRES, "S0-0", ["S0-0", "S1-2"]) == "S1-2"


def test_with_a_reference_the_nearest_taught_empty_bin_is_the_exemplar() -> None:
    references = {loc: (_crop(10 + i), "occupied") for i, loc in enumerate(CENTRES)}
    references["S0-2"] = (_crop(200), "empty")
    recording = _RecordingJudge()
    judge = ExemplarJudge(recording, CENTRES, references)
    judge.judge_bins(["S0-0", "S0-2", "S1-1"], [_crop(50)] * 3)
    # S0-0 and S1-1 get S0-2's taught crop; S0-2 itself has no other empty bin
    assert recording.calls == [[200, None, 200]]


def test_without_a_reference_a_clearly_empty_bin_becomes_the_exemplar() -> None:
    recording = _RecordingJudge()
    judge = ExemplarJudge(recording, CENTRES)
    judge.judge_bins(["S0-0", "S0-1", "S1-0"], [_crop(40), _crop(220), _crop(60)])
    # first pass without exemplars; S0-1 is clearly empty, so the others are judged again
    assert recording.calls == [[None, None, None], [220, 220]]
    # a later frame: S0-1 is remembered, one pass is enough
    judge.judge_bins(["S1-0"], [_crop(70)])
    assert recording.calls[-1] == [220]
    # S0-1 now occupied: forgotten as an exemplar
    judge.judge_bins(["S0-1"], [_crop(30)])
    judge.judge_bins(["S1-0"], [_crop(70)])
    assert recording.calls[-1] == [None]
