"""The flat camera: the front-on canvas turned by a mild homography (a camera up to ~12° off
square to the rack, fitted so the locations stay in the frame), bent by an optional mild barrel
lens, and for the later frame nudged a little. Pixels and calibration points take the same path:
`maps` pulls pixels back from the frame, `to_frame` pushes points forward."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from edge.synth.flatbins.geometry import Points, Rect
from edge.synth.flatbins.layout import Canvas

Matrix = NDArray[np.float64]
Map = NDArray[np.float32]


def _rotation(yaw: float, pitch: float, roll: float) -> Matrix:
    cy, sy, cp, sp, cr, sr = (
        math.cos(yaw),
        math.sin(yaw),
        math.cos(pitch),
        math.sin(pitch),
        math.cos(roll),
        math.sin(roll),
    )
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    rz = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return np.asarray(rz @ rx @ ry, np.float64)


def _apply(m: Matrix, pts: Points) -> Points:
    p = np.c_[pts, np.ones(len(pts))] @ m.T
    return np.asarray(p[:, :2] / p[:, 2:3], np.float64)


@dataclass(frozen=True)
class View:
    homography: Matrix  # canvas → undistorted frame (reference camera)
    nudge: Matrix  # undistorted frame of the reference → of the later camera
    barrel: float  # undistorted radius = r (1 + barrel r²), r in half-diagonals
    frame: tuple[int, int]

    @property
    def _centre(self) -> tuple[float, float, float]:
        w, h = self.frame
        return w / 2, h / 2, math.hypot(w, h) / 2

    def to_frame(self, pts: Points) -> Points:
        """Canvas points as the reference camera sees them."""
        ideal = _apply(self.homography, np.asarray(pts, np.float64))
        cx, cy, half = self._centre
        d = (ideal - (cx, cy)) / half
        target = np.hypot(d[:, 0], d[:, 1])
        r = target.copy()
        for _ in range(8):  # Newton on r (1 + k r²) = target
            r -= (r + self.barrel * r**3 - target) / (1 + 3 * self.barrel * r**2)
        ratio = np.divide(r, target, out=np.ones_like(r), where=target > 1e-9)
        return np.asarray(d * ratio[:, None] * half + (cx, cy), np.float64)

    def maps(self, later: bool) -> tuple[Map, Map]:
        """cv2.remap maps from frame pixels to canvas pixels."""
        w, h = self.frame
        cx, cy, half = self._centre
        xs = (np.arange(w, dtype=np.float32) - np.float32(cx)) / np.float32(half)
        ys = (np.arange(h, dtype=np.float32) - np.float32(cy)) / np.float32(half)
        gx, gy = np.meshgrid(xs, ys)
        bend = 1 + np.float32(self.barrel) * (gx * gx + gy * gy)
        ux, uy = (
            gx * bend * np.float32(half) + np.float32(cx),
            gy * bend * np.float32(half) + np.float32(cy),
        )
        back = np.linalg.inv(self.nudge @ self.homography if later else self.homography)
        m = back.astype(np.float32)
        z = m[2, 0] * ux + m[2, 1] * uy + m[2, 2]
        mx = (m[0, 0] * ux + m[0, 1] * uy + m[0, 2]) / z
        my = (m[1, 0] * ux + m[1, 1] * uy + m[1, 2]) / z
        return mx.astype(np.float32), my.astype(np.float32)


def choose_view(rng: np.random.Generator, canvas: Canvas, keep: Rect) -> View:
    """A camera that keeps `keep` (canvas) inside the frame with a margin."""
    w, h = canvas.frame
    cx, cy = canvas.centre
    f = w * rng.uniform(0.9, 1.4)
    k = np.array([[f, 0, cx], [0, f, cy], [0, 0, 1]])
    yaw, pitch = math.radians(rng.uniform(-12, 12)), math.radians(rng.uniform(-8, 8))
    turn = k @ _rotation(yaw, pitch, math.radians(rng.uniform(-2.5, 2.5))) @ np.linalg.inv(k)
    corners = _apply(turn, keep.corners())
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    margin = rng.uniform(0.02, 0.08, 2) * (w, h)
    fit = float(np.min((np.array([w, h]) - 2 * margin) / (hi - lo)))
    scale = min(fit, rng.uniform(0.95, 1.12))
    slack = np.array([w, h]) - 2 * margin - (hi - lo) * scale
    offset = margin + slack * rng.uniform(0.2, 0.8, 2) - lo * scale
    fitm = np.array([[scale, 0, offset[0]], [0, scale, offset[1]], [0, 0, 1]])
    barrel = float(rng.uniform(0.02, 0.1)) if rng.random() < 0.5 else 0.0
    a = math.radians(rng.uniform(-0.12, 0.12))
    grow = 1 + rng.uniform(-0.002, 0.002)
    shift = rng.uniform(-0.004, 0.004, 2) * w
    c, s = math.cos(a) * grow, math.sin(a) * grow
    fx, fy = w / 2, h / 2
    nudge = np.array(
        [
            [c, -s, fx - c * fx + s * fy + shift[0]],
            [s, c, fy - s * fx - c * fy + shift[1]],
            [0, 0, 1],
        ]
    )
    return View(fitm @ turn, nudge, barrel, (w, h))
