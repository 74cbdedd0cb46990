"""Review images: a calibration's polygons (and optionally bin states) drawn on a frame."""

from __future__ import annotations

from collections.abc import Mapping

import cv2
import numpy as np
import numpy.typing as npt

from edge.vision.calibration import Calibration

Image = npt.NDArray[np.uint8]
_COLOURS = {"empty": (0, 200, 255), "occupied": (0, 200, 0), "unknown": (200, 200, 200)}


def draw_calibration(
    image: Image, calibration: Calibration, states: Mapping[str, str] | None = None
) -> Image:
    """A copy of `image` with each bin outlined and named, label polygons dashed in blue."""
    out = image.copy()
    scale = max(0.4, image.shape[1] / 2400)
    for spec in calibration.bins:
        pts = np.round(np.array(spec.polygon)).astype(np.int32)
        colour = _COLOURS.get((states or {}).get(spec.location, ""), (0, 255, 0))
        cv2.polylines(out, [pts], True, colour, 2)
        if spec.label_polygon is not None:
            label = np.round(np.array(spec.label_polygon)).astype(np.int32)
            cv2.polylines(out, [label], True, (255, 128, 0), 1)
        x, y = int(pts[:, 0].min()) + 4, int(pts[:, 1].min()) + int(22 * scale)
        cv2.putText(out, spec.location, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.6 * scale, (0, 0, 0), 3)
        cv2.putText(
            out, spec.location, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.6 * scale, (255, 255, 255), 1
        )
    return out
