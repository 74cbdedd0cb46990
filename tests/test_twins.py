"""Twins (`edge.vision.twins`): bins that look the same share a state (pure logic, fake
judgements; the shipped judge's use of it is measured in tests/test_occupancy_judge.py)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from edge.vision.twins import settle_twins


@dataclass(frozen=True)
class Said:
    state: str
    p_empty: float
    p_occluded: float = 0.0
    confidence: float = 0.9
    reference_diff: float | None = None


def _tote(seed: int, light: float = 1.0) -> np.ndarray:
    """An empty blue tote seen from the front: rim, floor, a little sensor noise."""
    rng = np.random.default_rng(seed)
    crop = np.zeros((96, 96, 3), np.float32)
    crop[:] = (150, 90, 40)
    crop[70:, :] = (120, 70, 30)  # the floor, in shadow
    crop[:8, :] = (180, 120, 60)  # the rim
    lit = crop * light + rng.normal(0, 3, crop.shape)
    return np.clip(lit, 0, 255).astype(np.uint8)


def _stocked(seed: int) -> np.ndarray:
    crop = _tote(seed)
    cv2.rectangle(crop, (20, 30), (75, 90), (60, 140, 200), -1)  # a carton
    cv2.rectangle(crop, (30, 45), (60, 60), (250, 250, 250), -1)  # its label
    return crop


def test_empty_looking_twins_are_both_empty() -> None:
    crops = [_tote(1), _tote(2, light=0.8), _stocked(3)]
    said = [Said("unknown", 0.6), Said("occupied", 0.45), Said("occupied", 0.1)]
    settled = settle_twins(crops, said)
    assert [s.state for s in settled] == ["empty", "empty", "occupied"]
    assert settled[0].p_empty == 0.6 and settled[0].confidence == 0.525


def test_a_stocked_bin_is_no_twin_of_an_empty_one() -> None:
    crops = [_tote(1), _stocked(2)]
    said = [Said("empty", 0.97), Said("occupied", 0.4)]  # mean P(empty) leans empty
    assert [s.state for s in settle_twins(crops, said)] == ["empty", "occupied"]


def test_the_same_stock_in_two_bins_stays_occupied() -> None:
    crops = [_stocked(1), _stocked(2)]
    said = [Said("occupied", 0.2), Said("occupied", 0.3)]
    assert [s.state for s in settle_twins(crops, said)] == ["occupied", "occupied"]


def test_a_bin_that_may_be_covered_neither_settles_nor_is_settled() -> None:
    crops = [_tote(1), _tote(2), _tote(3)]
    said = [Said("unknown", 0.7, p_occluded=0.3), Said("occupied", 0.45, p_occluded=0.5)]
    said.append(Said("occupied", 0.45))
    settled = settle_twins(crops, said)
    assert settled[0].state == "unknown"  # may be covered: never empty
    assert settled[2].state == "occupied"  # its only twins may be covered


def test_only_the_bins_offered_are_tried() -> None:
    crops = [_tote(1), _stocked(2), _tote(3)]
    said = [Said("occupied", 0.55), Said("occupied", 0.1), Said("occupied", 0.55)]
    settled = settle_twins(crops, said, order=lambda i: [1])  # only the stocked bin
    assert [s.state for s in settled] == ["occupied", "occupied", "occupied"]


class _LooksJudge:
    """A judge that leans empty on a bare tote and is sure of stock on a carton's label."""

    def judge(self, crops, references=None, exemplars=None):  # type: ignore[no-untyped-def]
        return [Said("occupied", 0.1) if c.max() > 240 else Said("unknown", 0.6) for c in crops]


def test_a_bin_judged_alone_finds_its_twin_among_the_bins_judged_before() -> None:
    """The camera worker analyses only the bins that changed: an emptied bin's twin is a bin of
    the same frame judged on an earlier one."""
    from edge.vision.exemplars import ExemplarJudge

    centres = {"A": (0.0, 0.0), "B": (100.0, 0.0), "C": (200.0, 0.0)}
    judge = ExemplarJudge(_LooksJudge(), centres)
    first = judge.judge_bins(["A", "B", "C"], [_tote(1), _stocked(2), _stocked(3)])
    assert [j.state for j in first] == ["unknown", "occupied", "occupied"]  # A has no twin yet
    now = {"A": _tote(4), "B": _stocked(5)}
    (emptied,) = judge.judge_bins(["C"], [_tote(6)], now.get)
    assert emptied.state == "empty"
    covered = {"A": None, "B": _stocked(5)}  # A is covered now: not a twin
    (alone,) = ExemplarJudge(_LooksJudge(), centres).judge_bins(["C"], [_tote(6)], covered.get)
    assert alone.state == "unknown"


def test_the_analyser_offers_the_frames_other_bins_as_twins() -> None:
    """Through `Analyzer` as the worker drives it: the gate's changed bin is analysed alone, and
    the other bins come from the same frame unless the gate holds them covered."""
    from edge.vision.analyze import Analyzer, AnalyzerConfig
    from edge.vision.calibration import parse_calibration

    def square(x: int) -> list[list[int]]:
        return [[x, 0], [x + 96, 0], [x + 96, 96], [x, 96]]

    calibration = parse_calibration(
        {
            "camera": "rack-t1",
            "site": "plant-1",
            "image_size": [300, 100],
            "bins": [
                {"location": loc, "polygon": square(x)}
                for loc, x in (("A", 0), ("B", 100), ("C", 200))
            ],
        }
    )

    def frame(*crops: np.ndarray) -> np.ndarray:
        image = np.zeros((100, 300, 3), np.uint8)
        for k, crop in enumerate(crops):
            image[:96, 100 * k : 100 * k + 96] = crop
        return image

    analyzer = Analyzer(calibration, _LooksJudge(), config=AnalyzerConfig(read_labels=False))
    first = analyzer.analyze(frame(_tote(1), _stocked(2), _stocked(3)))
    assert [a.state for a in first] == ["unknown", "occupied", "occupied"]
    later = frame(_tote(4), _stocked(5), _tote(6))  # C emptied
    (covered,) = analyzer.analyze(later, ["C"], occluded=["A"])
    assert covered.state == "unknown"
    (emptied,) = analyzer.analyze(later, ["C"])
    assert emptied.state == "empty"
