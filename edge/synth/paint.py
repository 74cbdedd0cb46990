"""Small drawing helpers shared by the bin-content painters: shading, colour jitter, polygons.

Colours are BGR tuples as in `edge.synth.rack`; every helper clips to 0-255 and draws with
OpenCV, antialiased where the edge of a shape would otherwise look unlike a photo.
"""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.rack import Color


def shade(color: Color, factor: float) -> Color:
    """`color` scaled by `factor` (darker below 1, lighter above), clipped per channel."""
    return tuple(min(255, max(0, int(c * factor))) for c in color)  # type: ignore[return-value]


def jitter(color: Color, rng: np.random.Generator, amount: float = 15.0) -> Color:
    """`color` with Gaussian noise of `amount` added to each channel, clipped."""
    return tuple(min(255, max(0, int(c + rng.normal(0, amount)))) for c in color)  # type: ignore[return-value]


def fill_polygon(canvas: np.ndarray, pts: np.ndarray, color: Color, outline: bool = True) -> None:
    """A filled, antialiased polygon, with a darker one-pixel outline unless `outline` is off."""
    ipts = np.round(pts).astype(np.int32)
    cv2.fillPoly(canvas, [ipts], color, cv2.LINE_AA)
    if outline:
        cv2.polylines(canvas, [ipts], True, shade(color, 0.6), 1, cv2.LINE_AA)
