"""The decision rule the training script fits (models/occupancy/fit.py: numpy only, no torch).

The shipped thresholds come from `_best_thresholds` and the reference combination from
`fit_combination`; these tests pin what they promise on made-up calibration sets whose right
answer is known: no covered bin called empty, few occupied bins called empty, and a reference
difference that is used when it carries the evidence.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from edge.synth.dataset import CropSample
from edge.synth.evaluate import score
from edge.vision.occupancy import OccupancyJudge, OccupancyJudgement, reference_features

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "occupancy"))
import fit  # a script folder, not a package

_PIXELS = np.zeros((4, 4, 3), np.uint8)


def _sample(i: int, state: str, covered: float) -> CropSample:
    return CropSample(
        crop=_PIXELS,
        label=0,
        reference=_PIXELS,
        taught="empty",
        state=state,  # type: ignore[arg-type]
        occluded_fraction=covered,
        seed=0,
        location=f"B-{i:03d}",
    )


def _rack(empty: int, occupied: int, covered: int) -> list[CropSample]:
    """Visible empty bins, visible occupied bins, then occupied bins 60 % covered."""
    states = ["empty"] * empty + ["occupied"] * (occupied + covered)
    hidden = [0.0] * (empty + occupied) + [0.6] * covered
    return [_sample(i, state, h) for i, (state, h) in enumerate(zip(states, hidden, strict=True))]


def _fitted(
    judge: OccupancyJudge,
    samples: list[CropSample],
    p_empty: np.ndarray,
    p_occluded: np.ndarray,
    max_covered_to_empty: float = 0.0,
) -> tuple[float, list[OccupancyJudgement]]:
    """The fit's accuracy and what its thresholds make of each bin."""
    accuracy, threshold, occluded, occluded_any = fit._best_thresholds(
        judge, samples, p_empty, p_occluded, 0.0125, max_covered_to_empty
    )
    return accuracy, fit.decide_all(judge, p_empty, p_occluded, threshold, occluded, occluded_any)


@pytest.fixture(scope="module")
def judge() -> OccupancyJudge:
    return OccupancyJudge()


def test_fitted_thresholds_keep_covered_bins_and_occupied_bins_from_reading_empty(
    judge: OccupancyJudge,
) -> None:
    rng = np.random.default_rng(3)
    empty, occupied, covered = 300, 300, 40
    samples = _rack(empty, occupied, covered)
    p_empty = np.concatenate(
        [
            rng.uniform(0.75, 1.0, empty),
            rng.uniform(0.0, 0.6, occupied - 3),
            np.full(3, 0.9),  # 1 % of occupied bins look empty: allowed (≤ 1.25 %)
            np.full(covered, 0.93),  # covered bins that look empty...
        ]
    )
    p_occluded = np.concatenate(
        [rng.uniform(0.0, 0.15, empty + occupied), np.full(covered, 0.35)]  # ...but covered
    )
    _accuracy, judged = _fitted(judge, samples, p_empty, p_occluded)
    result = score(samples, judged)
    assert result.occluded_called_empty == 0
    assert not any(j.state == "empty" for j in judged[empty + occupied :])
    assert result.occupied_to_empty <= 0.0125
    # not the safe but useless answer: most empty bins still read empty
    assert result.empty_right / result.empty_total > 0.75, result


def test_reference_combination_uses_the_difference_when_it_carries_the_evidence() -> None:
    rng = np.random.default_rng(5)
    n = 2000
    taught_empty = rng.random(n) < 0.5
    changed = rng.random(n) < 0.3
    empty = taught_empty != changed
    # the reference difference sees a change; the model alone is only a weak witness
    diff = np.where(changed, rng.uniform(0.1, 0.6, n), rng.uniform(0.0, 0.03, n))
    p_model = np.clip(np.where(empty, 0.6, 0.4) + rng.normal(0, 0.2, n), 0.01, 0.99)
    combination = fit.fit_combination(p_model, diff, taught_empty, empty)
    p_combined = combination.p_empty(reference_features(p_model, diff, taught_empty))
    alone = np.mean((p_model >= 0.5) == empty)
    combined = np.mean((p_combined >= 0.5) == empty)
    assert combined > 0.95 and combined > alone + 0.15, (alone, combined)


def test_a_share_of_covered_bins_may_read_empty_only_when_asked_for(
    judge: OccupancyJudge,
) -> None:
    # covered bins that look empty and not covered: only a threshold above them keeps them out
    rng = np.random.default_rng(7)
    empty, occupied, covered = 200, 200, 20
    samples = _rack(empty, occupied, covered)
    p_empty = np.concatenate(
        [
            rng.uniform(0.6, 1.0, empty),
            rng.uniform(0.0, 0.5, occupied),
            rng.uniform(0.7, 0.9, covered),
        ]
    )
    p_occluded = np.zeros(len(samples))

    def fitted(share: float) -> tuple[float, int]:
        accuracy, judged = _fitted(judge, samples, p_empty, p_occluded, share)
        return accuracy, sum(j.state == "empty" for j in judged[empty + occupied :])

    strict_accuracy, strict_covered = fitted(0.0)
    loose_accuracy, loose_covered = fitted(0.25)
    assert strict_covered == 0
    assert 0 < loose_covered <= 0.25 * covered
    assert loose_accuracy > strict_accuracy
