"""Rectified bin crops: the calibration quadrilateral becomes an upright square image."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from edge.vision.crop import rectify_bin


def _pattern(size: int = 96) -> np.ndarray:
    img = np.zeros((size, size, 3), np.uint8)
    img[: size // 2, : size // 2] = (255, 0, 0)
    img[: size // 2, size // 2 :] = (0, 255, 0)
    img[size // 2 :, : size // 2] = (0, 0, 255)
    img[size // 2 :, size // 2 :] = (255, 255, 255)
    return img


@pytest.mark.parametrize(
    "quad",
    [
        [[100, 80], [300, 90], [310, 260], [90, 250]],  # mild perspective
        [[50, 50], [450, 60], [440, 330], [60, 320]],  # large: crop is a strong shrink
        [[200, 100], [240, 100], [240, 140], [200, 140]],  # small: an enlargement
    ],
)
def test_rectify_undoes_a_perspective_warp(quad: list[list[float]]) -> None:
    pattern = _pattern()
    src = np.array([[0, 0], [96, 0], [96, 96], [0, 96]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, np.asarray(quad, np.float32))
    image = cv2.warpPerspective(pattern, matrix, (500, 400))
    crop = rectify_bin(image, quad)
    assert crop.shape == (96, 96, 3)
    # compare away from the quadrant borders, where interpolation blends colours
    for ys, xs in (
        (slice(8, 40), slice(8, 40)),
        (slice(8, 40), slice(56, 88)),
        (slice(56, 88), slice(8, 40)),
        (slice(56, 88), slice(56, 88)),
    ):
        diff = np.abs(crop[ys, xs].astype(int) - pattern[ys, xs].astype(int)).mean()
        assert diff < 20


def test_rectify_size_and_point_order() -> None:
    image = _pattern(200)
    crop = rectify_bin(image, [(0, 0), (200, 0), (200, 200), (0, 200)], size=(40, 20))
    assert crop.shape == (20, 40, 3)
    assert tuple(crop[2, 2]) == (255, 0, 0)  # top-left stays top-left
    with pytest.raises(ValueError):
        rectify_bin(image, [(0, 0), (1, 0), (1, 1)])


def test_polygon_partly_outside_the_image_still_gives_a_crop() -> None:
    image = _pattern(100)
    crop = rectify_bin(image, [(-10, -10), (90, -5), (95, 90), (-5, 95)])
    assert crop.shape == (96, 96, 3)
