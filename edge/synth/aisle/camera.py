"""The fixed aisle camera: a pose (where it hangs, where it looks) and a cheap wide lens.

The scene is painted on an undistorted pinhole canvas at the sensor's own, lower resolution;
the lens then bends and upscales that canvas into the delivered frame in one remap. That is why a
cheap 720p-class webcam looks soft even in a 1080p stream, and why straight beams bow near the
frame's edges. Polygons for the calibration go the other way: through the pose and the same
distortion, straight into frame pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.aisle.geometry import Vec

Map = npt.NDArray[np.float32]
NEAR = 0.05  # metres; nothing closer than this to the lens is drawn


@dataclass(frozen=True)
class Pose:
    eye: Vec  # (3,) world position
    axes: Vec  # rows: right, down, forward (world directions)

    def to_camera(self, pts: Vec) -> Vec:
        return np.asarray((np.asarray(pts, np.float64) - self.eye) @ self.axes.T)


def aim(eye: Vec, yaw: float, pitch: float, roll: float) -> Pose:
    """Yaw turns the view from straight at the rack (+z) towards +x along the aisle; pitch
    raises it; roll tilts the image clockwise."""
    forward = np.array(
        [np.sin(yaw) * np.cos(pitch), np.sin(pitch), np.cos(yaw) * np.cos(pitch)], np.float64
    )
    right = np.cross([0.0, 1.0, 0.0], forward)
    right /= np.linalg.norm(right)
    down = np.cross(right, forward)
    c, s = np.cos(roll), np.sin(roll)
    right, down = c * right + s * down, -s * right + c * down
    return Pose(np.asarray(eye, np.float64), np.array([right, down, forward]))


def nudged(pose: Pose, lens: Lens, rng: np.random.Generator) -> Pose:
    """The same camera some days later: knocked by well under 1 % of the frame."""
    w, h = lens.size
    reach = 0.006 * min(w, h) / lens.f  # radians that move the image by that share
    pitch, yaw, roll = rng.uniform(-1, 1, 3) * np.array([reach, reach, reach * 0.4])
    # a small turn about the camera's own right, down and forward axes
    turn = cv2.Rodrigues(np.array([pitch, yaw, roll], np.float64))[0]
    axes = np.asarray(turn, np.float64) @ pose.axes
    return Pose(pose.eye + rng.uniform(-0.004, 0.004, 3), axes)


@dataclass(frozen=True)
class Lens:
    size: tuple[int, int]  # delivered frame, width × height
    f: float  # focal length in frame pixels
    centre: tuple[float, float]
    k1: float  # barrel: ideal = distorted · (1 + k1 r² + k2 r⁴), r in focal units
    k2: float
    native: float  # canvas pixels per frame pixel: the sensor's own resolution
    origin: tuple[float, float]  # ideal coordinates (focal units) of canvas pixel (0, 0)
    canvas: tuple[int, int]  # width × height of the pinhole canvas

    @property
    def scale(self) -> float:
        """Canvas pixels per focal unit."""
        return self.f * self.native

    def to_canvas(self, cam: Vec) -> Vec:
        """Camera coordinates (z > 0) → canvas pixels."""
        ideal = cam[:, :2] / cam[:, 2:3]
        return np.asarray((ideal - np.asarray(self.origin)) * self.scale)

    def to_frame(self, cam: Vec) -> Vec:
        """Camera coordinates (z > 0) → pixels of the delivered, distorted frame."""
        ideal = cam[:, :2] / cam[:, 2:3]
        r_ideal = np.linalg.norm(ideal, axis=1)
        r = r_ideal.copy()
        for _ in range(12):  # Newton on r·(1 + k1 r² + k2 r⁴) = r_ideal
            g = r * (1 + self.k1 * r**2 + self.k2 * r**4) - r_ideal
            r -= g / (1 + 3 * self.k1 * r**2 + 5 * self.k2 * r**4)
        ratio = np.where(r_ideal > 1e-9, r / np.maximum(r_ideal, 1e-9), 1.0)
        return np.asarray(ideal * ratio[:, None] * self.f + np.asarray(self.centre))

    def maps(self) -> tuple[Map, Map]:
        """For every frame pixel, the canvas pixel the lens brings there (worked out on a
        quarter grid and interpolated: the distortion is smooth). The grid sits where
        cv2.resize expects its samples, so the interpolation is exact up to the curvature."""
        w, h = self.size
        gw, gh = max(w // 4, 2), max(h // 4, 2)
        xs = (np.arange(gw, dtype=np.float64) + 0.5) * (w / gw) - 0.5
        ys = (np.arange(gh, dtype=np.float64) + 0.5) * (h / gh) - 0.5
        xd = ((xs - self.centre[0]) / self.f)[None, :]
        yd = ((ys - self.centre[1]) / self.f)[:, None]
        r2 = xd**2 + yd**2
        g = 1 + self.k1 * r2 + self.k2 * r2 * r2
        map_x = ((xd * g - self.origin[0]) * self.scale).astype(np.float32)
        map_y = ((yd * g - self.origin[1]) * self.scale).astype(np.float32)
        big_x = cv2.resize(map_x, (w, h), interpolation=cv2.INTER_LINEAR)
        big_y = cv2.resize(map_y, (w, h), interpolation=cv2.INTER_LINEAR)
        return np.asarray(big_x, np.float32), np.asarray(big_y, np.float32)


def make_lens(size: tuple[int, int], rng: np.random.Generator) -> Lens:
    """A cheap wide webcam lens: 72–96° across before the barrel, sensor 60–78 % of the lines."""
    w, h = size
    hfov = np.radians(rng.uniform(72, 96))
    f = (w / 2) / np.tan(hfov / 2)
    centre = (w / 2 + rng.uniform(-0.01, 0.01) * w, h / 2 + rng.uniform(-0.01, 0.01) * h)
    k1, k2 = float(rng.uniform(0.03, 0.13)), float(rng.uniform(0.0, 0.03))
    native = float(rng.uniform(0.6, 0.78))
    # the canvas must hold every ideal point the frame's border reaches
    xs = np.concatenate(
        [np.linspace(0, w, 64), np.full(64, w), np.linspace(0, w, 64), np.zeros(64)]
    )
    ys = np.concatenate(
        [np.zeros(64), np.linspace(0, h, 64), np.full(64, h), np.linspace(0, h, 64)]
    )
    xd, yd = (xs - centre[0]) / f, (ys - centre[1]) / f
    g = 1 + k1 * (xd**2 + yd**2) + k2 * (xd**2 + yd**2) ** 2
    pad = 2 / (f * native)
    x0, x1 = float((xd * g).min()) - pad, float((xd * g).max()) + pad
    y0, y1 = float((yd * g).min()) - pad, float((yd * g).max()) + pad
    scale = f * native
    canvas = (int(np.ceil((x1 - x0) * scale)) + 1, int(np.ceil((y1 - y0) * scale)) + 1)
    return Lens(size, float(f), centre, k1, k2, native, (x0, y0), canvas)
