"""Camera intrinsics: checkerboard images → camera matrix and distortion; undistortion.

`calibrate_intrinsics(images, pattern)` runs OpenCV's checkerboard calibration and returns an
`Intrinsics` for the calibration file's `intrinsics` key. `Undistorter` applies it: polygons
stay in raw image pixels in the file (as the contract says) and are mapped once; analysed frames
are remapped with precomputed maps (only frames that are analysed pay for it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from edge.vision.calibration import Intrinsics

Image = npt.NDArray[np.uint8]


class IntrinsicsError(ValueError):
    """Not enough usable checkerboard views."""


@dataclass(frozen=True)
class IntrinsicsResult:
    intrinsics: Intrinsics
    used: tuple[str, ...]  # images in which the board was found
    rejected: tuple[str, ...]
    why: Mapping[str, str] = field(default_factory=dict)  # rejected image → the reason


def calibrate_intrinsics(
    paths: Sequence[Path], pattern: tuple[int, int] = (9, 6), square: float = 1.0
) -> IntrinsicsResult:
    """Calibrate from checkerboard photos; `pattern` counts inner corners (columns, rows)."""
    objp = np.zeros((pattern[0] * pattern[1], 3), np.float32)
    objp[:, :2] = np.mgrid[0 : pattern[0], 0 : pattern[1]].T.reshape(-1, 2) * square
    object_points, image_points = [], []
    used: list[str] = []
    why: dict[str, str] = {}
    size: tuple[int, int] | None = None
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.001)
    for path in paths:
        gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        if gray is None:
            why[str(path)] = "not an image"
            continue
        here = (int(gray.shape[1]), int(gray.shape[0]))
        if size is not None and here != size:
            why[str(path)] = f"{here[0]}×{here[1]}, not {size[0]}×{size[1]} as the first board"
            continue
        found, corners = cv2.findChessboardCorners(gray, pattern, None)
        if not found:
            why[str(path)] = "no board found"
            continue
        size = here
        corners = cv2.cornerSubPix(gray, corners, (11, 11), (-1, -1), criteria)
        object_points.append(objp)
        image_points.append(corners)
        used.append(str(path))
    if len(used) < 3 or size is None:
        shown = "; ".join(f"{p}: {reason}" for p, reason in list(why.items())[:5])
        raise IntrinsicsError(
            f"the {pattern[0]}×{pattern[1]} board was found in {len(used)} image(s); need ≥ 3"
            + (f" ({shown}{'; …' if len(why) > 5 else ''})" if why else "")
        )
    rms, matrix, dist, _r, _t = cv2.calibrateCamera(object_points, image_points, size, None, None)
    intrinsics = Intrinsics(
        camera_matrix=[[float(v) for v in row] for row in np.asarray(matrix)],
        dist_coeffs=[float(v) for v in np.asarray(dist).ravel()],
        image_size=size,
        rms=round(float(rms), 4),
    )
    return IntrinsicsResult(intrinsics, tuple(used), tuple(why), why)


class Undistorter:
    """Undistorts frames and points of one camera at one frame size."""

    def __init__(self, intrinsics: Intrinsics, frame_size: tuple[int, int]) -> None:
        matrix = np.array(intrinsics.camera_matrix, np.float64)
        if intrinsics.image_size is not None and tuple(intrinsics.image_size) != tuple(frame_size):
            sx = frame_size[0] / intrinsics.image_size[0]
            sy = frame_size[1] / intrinsics.image_size[1]
            matrix = matrix * np.array([[sx, 1, sx], [1, sy, sy], [1, 1, 1]])
        self.matrix = matrix
        self.dist = np.array(intrinsics.dist_coeffs, np.float64)
        self.size = (int(frame_size[0]), int(frame_size[1]))
        self._maps = cv2.initUndistortRectifyMap(
            self.matrix, self.dist, None, self.matrix, self.size, cv2.CV_16SC2
        )

    def image(self, image: Image) -> Image:
        out = cv2.remap(image, self._maps[0], self._maps[1], cv2.INTER_LINEAR)
        return np.asarray(out, dtype=np.uint8)

    def points(self, points: Sequence[Sequence[float]]) -> list[list[float]]:
        src = np.array(points, np.float64).reshape(-1, 1, 2)
        dst = cv2.undistortPoints(src, self.matrix, self.dist, P=self.matrix)
        return [[float(x), float(y)] for x, y in dst.reshape(-1, 2)]
