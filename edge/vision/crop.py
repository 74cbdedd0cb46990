"""Rectified bin crops: a calibration quadrilateral warped to an upright square image."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import cv2
import numpy as np

logger = logging.getLogger(__name__)


def square_bgr(crop: np.ndarray, side: int) -> np.ndarray:
    """`crop` as a `side`×`side` BGR image (gray converted, resized by area averaging)."""
    if crop.ndim == 2:
        crop = cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR)
    if crop.shape[:2] != (side, side):
        crop = cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA)
    return crop


def corner_order(quad: Sequence[Sequence[float]] | np.ndarray) -> list[int]:
    """Indices that put the 4 points of `quad` clockwise from top-left in image coordinates
    (y down), as the contract writes a bin's corners, whatever order they came in (clicked
    counter-clockwise, from another corner, or crossed)."""
    pts = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    # by angle around the centre: with y pointing down, increasing angle runs clockwise
    order = np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))
    # top-left: where the top side starts, the upper of the two opposite sides that run
    # nearer the horizontal (not the corner of smallest x + y, which a bin seen sheared from
    # the side puts at the bottom-left, nor the highest side, which a short side of a thin,
    # tilted label can be)
    ordered = pts[order]
    sides = np.roll(ordered, -1, axis=0) - ordered  # side k runs from corner k to k + 1
    steep = np.abs(sides[:, 1]) / np.maximum(np.linalg.norm(sides, axis=1), 1e-9)
    pair = 0 if steep[0] + steep[2] <= steep[1] + steep[3] else 1
    middle_y = (ordered[:, 1] + np.roll(ordered[:, 1], -1)) / 2
    top = pair if middle_y[pair] <= middle_y[pair + 2] else pair + 2
    return [int(i) for i in np.roll(order, -top)]


def corners(polygon: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """The 4 corners (float32 4×2) a bin is rectified from, clockwise from top-left: a
    quadrilateral's own corners in that order (`corner_order`); any other polygon's smallest
    enclosing rotated rectangle."""
    pts = np.asarray(polygon, dtype=np.float32).reshape(-1, 2)
    if len(pts) != 4:
        pts = np.asarray(cv2.boxPoints(cv2.minAreaRect(pts)), dtype=np.float32)
    return pts[corner_order(pts)]


def rectify_bin(
    image: np.ndarray,
    polygon: Sequence[Sequence[float]] | np.ndarray,
    size: tuple[int, int] = (96, 96),
) -> np.ndarray:
    """Warp the bin `polygon` (image pixels; its `corners`) of `image` to a `size` (width,
    height) crop; points outside the image read as replicated edge."""
    if len(polygon) < 3:
        raise ValueError(f"a bin polygon needs at least 3 points (4 as a rule), got {len(polygon)}")
    return warp_corners(image, corners(polygon), size)


def warp_corners(
    image: np.ndarray, src: np.ndarray, size: tuple[int, int] = (96, 96)
) -> np.ndarray:
    """`rectify_bin` for corners already in order (float32 4×2, clockwise from top-left, as
    `corners` gives them): the analyser orders each bin's corners once, not on every frame."""
    w, h = size
    dst = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    # a heavily shrunk bin aliases badly with plain bilinear sampling: pre-blur in proportion
    side = float(np.linalg.norm(src[1] - src[0]) + np.linalg.norm(src[2] - src[3])) / 2
    shrink = side / max(w, 1)
    source = image
    if shrink > 2.0:
        x0, y0 = np.floor(src.min(axis=0)).astype(int) - 4
        x1, y1 = np.ceil(src.max(axis=0)).astype(int) + 4
        ih, iw = image.shape[:2]
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, iw), min(y1, ih)
        if x1 > x0 and y1 > y0:
            roi = cv2.GaussianBlur(image[y0:y1, x0:x1], (0, 0), 0.4 * shrink)
            offset = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], dtype=np.float64)
            matrix = matrix @ np.linalg.inv(offset)
            source = roi
    return cv2.warpPerspective(
        source, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
