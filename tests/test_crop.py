"""Rectified bin crops: the calibration quadrilateral becomes an upright square image."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from edge.vision.crop import corner_order, corners, rectify_bin


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
        rectify_bin(image, [(0, 0), (1, 0)])


QUAD = [[100, 80], [300, 90], [310, 260], [90, 250]]


@pytest.mark.parametrize(
    "given",
    [
        QUAD[::-1],  # counter-clockwise
        QUAD[2:] + QUAD[:2],  # from the bottom-right corner
        [QUAD[0], QUAD[2], QUAD[1], QUAD[3]],  # crossed
        [QUAD[3], QUAD[2], QUAD[1], QUAD[0]],  # counter-clockwise from the bottom-left
    ],
)
def test_corners_clicked_in_another_order_give_the_same_crop(given: list[list[int]]) -> None:
    assert corner_order(given) != [0, 1, 2, 3]
    assert np.array_equal(corners(given), np.asarray(QUAD, np.float32))
    image = cv2.warpPerspective(
        _pattern(),
        cv2.getPerspectiveTransform(
            np.array([[0, 0], [96, 0], [96, 96], [0, 96]], np.float32),
            np.asarray(QUAD, np.float32),
        ),
        (500, 400),
    )
    assert np.array_equal(rectify_bin(image, given), rectify_bin(image, QUAD))


@pytest.mark.parametrize(
    "quad",
    [
        QUAD,
        [[443.5, 177.5], [605.8, 174.7], [450.4, 280.3], [246.4, 281.7]],  # sheared, from a side
        [[100, 100], [187, 50], [237, 137], [150, 187]],  # the camera rolled 30 degrees
        [[1056.8, 991.6], [1140.9, 1006.4], [1138.0, 1021.1], [1054.8, 1006.3]],  # thin, tilted
    ],
)
def test_corners_in_the_contracts_order_stay_as_they_are(quad: list[list[float]]) -> None:
    assert corner_order(quad) == [0, 1, 2, 3]


def test_a_polygon_of_other_than_four_points_is_cut_by_its_enclosing_rectangle() -> None:
    five = [[100, 100], [200, 100], [210, 150], [200, 200], [100, 200]]
    box = corners(five)
    assert box.shape == (4, 2)
    assert np.allclose(box.min(axis=0), [100, 100], atol=1) and np.allclose(
        box.max(axis=0), [210, 200], atol=1
    )
    assert box[0][1] + box[1][1] < box[2][1] + box[3][1]  # the top side first
    crop = rectify_bin(_pattern(300), five)
    assert crop.shape == (96, 96, 3)
    triangle = rectify_bin(_pattern(300), [[100, 100], [200, 100], [150, 200]])
    assert triangle.shape == (96, 96, 3)


def test_polygon_partly_outside_the_image_still_gives_a_crop() -> None:
    image = _pattern(100)
    crop = rectify_bin(image, [(-10, -10), (90, -5), (95, 90), (-5, 95)])
    assert crop.shape == (96, 96, 3)
