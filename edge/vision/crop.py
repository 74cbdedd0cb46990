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


def rectify_bin(
    image: np.ndarray,
    polygon: Sequence[Sequence[float]] | np.ndarray,
    size: tuple[int, int] = (96, 96),
) -> np.ndarray:
    """Warp the quadrilateral `polygon` (4 points clockwise from top-left, image pixels) of
    `image` to a `size` (width, height) crop; points outside the image read as replicated edge.
    """
    if len(polygon) != 4:
        raise ValueError(f"a bin polygon needs 4 points, got {len(polygon)}")
    src = np.asarray(polygon, dtype=np.float32).reshape(4, 2)
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
