"""The truth every benchmark renderer reports: the hidden share of a location's polygon."""

from __future__ import annotations

import numpy as np

from edge.synth.scene_truth import hidden_share


def test_hidden_share_counts_the_masked_part_of_the_polygon() -> None:
    mask = np.zeros((100, 200), np.uint8)
    mask[:, 100:] = 255  # the right half hidden
    square = [[80.0, 20.0], [120.0, 20.0], [120.0, 60.0], [80.0, 60.0]]
    assert 0.45 < hidden_share(square, mask) < 0.55
    assert hidden_share([[10.0, 10.0], [40.0, 10.0], [40.0, 40.0], [10.0, 40.0]], mask) == 0.0
    shifted = np.array(square) + np.array([90.0, 0.0])
    assert hidden_share(shifted, mask) == 1.0
    # a polygon beyond the frame, or of no area, hides nothing rather than failing
    assert hidden_share([[300.0, 10.0], [340.0, 10.0], [340.0, 40.0], [300.0, 40.0]], mask) == 0.0
    assert hidden_share([[5.0, 5.0], [5.0, 5.0], [5.0, 5.0], [5.0, 5.0]], np.zeros((9, 9))) == 0.0
