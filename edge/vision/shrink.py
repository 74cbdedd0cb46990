"""The gate's small gray image of a frame: shared by the gate and by `Picture`, which shrinks
a decoder's luma plane before anything else touches it (so no stage has to import a later one).
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

Gray = npt.NDArray[np.uint8]


def downscale(frame: npt.NDArray[np.uint8], size: tuple[int, int]) -> Gray:
    """A frame (BGR or gray, any size) as the gate's small gray image.

    Area-averaging a whole 1080p BGR frame costs more than the gate itself (memory, not
    arithmetic), so a large frame is first sampled (nearest, touching one row in four) to 2×
    the gate's size: each gate pixel still averages 4 camera pixels, which halves sensor noise,
    far below the change threshold."""
    width, height = size
    image: npt.NDArray[np.uint8] = frame
    if image.shape[1] >= 4 * width and image.shape[0] >= 4 * height:
        image = np.asarray(
            cv2.resize(image, (2 * width, 2 * height), interpolation=cv2.INTER_NEAREST), np.uint8
        )
    if image.ndim == 3:
        image = np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), np.uint8)
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
