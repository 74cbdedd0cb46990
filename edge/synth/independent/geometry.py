"""The camera of an independent scene: rack plane ("canvas") pixels → raw image pixels.

The rack is painted front-on onto a canvas whose pixels are the rack's front plane as an
upright camera standing in front of the canvas point `foot` would see it. The real camera is
that camera turned a little (yaw, pitch, roll: a homography K·R·K⁻¹), zoomed, given some extra
keystone and, optionally, barrel distortion. Depth behind the front plane is measured in canvas
pixels too; the camera stands `distance` canvas pixels in front of the plane.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
Image = npt.NDArray[np.uint8]


def _rotation(yaw: float, pitch: float, roll: float) -> FloatArray:
    a, b, c = (math.radians(v) for v in (yaw, pitch, roll))
    ry = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    return np.asarray(rz @ rx @ ry, np.float64)


def _apply(h: FloatArray, pts: FloatArray) -> FloatArray:
    ones = np.ones((pts.shape[0], 1))
    q = np.hstack([pts, ones]) @ h.T
    return np.asarray(q[:, :2] / q[:, 2:3], np.float64)


class Camera:
    """Maps canvas points to image points and warps a painted canvas into a camera image."""

    def __init__(self, rng: np.random.Generator, size: tuple[int, int]) -> None:
        w, h = size
        self.size = size
        f = float(rng.uniform(1.0, 1.6)) * w
        self.distance = f
        k_mat = np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]], np.float64)
        rot = _rotation(
            rng.uniform(-7, 7), rng.uniform(-3, 8), rng.uniform(-2.5, 2.5)
        )  # mostly looking down
        turned = k_mat @ rot @ np.linalg.inv(k_mat)
        zoom = float(rng.uniform(0.93, 1.07))
        scale = np.array([[zoom, 0, w / 2 * (1 - zoom)], [0, zoom, h / 2 * (1 - zoom)], [0, 0, 1]])
        corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        squeezed = corners.copy()
        amount = float(rng.uniform(0.0, 0.08))
        if rng.random() < 0.6:  # vertical keystone: top (or bottom) edge shorter
            row = (0, 1) if rng.random() < 0.7 else (3, 2)
            squeezed[row[0], 0] += amount * w / 2
            squeezed[row[1], 0] -= amount * w / 2
        else:  # horizontal keystone: one side shorter
            col = (0, 3) if rng.random() < 0.5 else (1, 2)
            squeezed[col[0], 1] += amount * h / 2
            squeezed[col[1], 1] -= amount * h / 2
        keystone = np.asarray(cv2.getPerspectiveTransform(corners, squeezed), np.float64)
        fronto_to_image = keystone @ scale @ turned
        # barrel distortion: undistorted = c + (raw - c)(1 + k ρ²), ρ = |raw - c| / half diagonal
        self.k = float(rng.uniform(0.02, 0.09)) if rng.random() < 0.45 else 0.0
        self._centre = np.array([w / 2, h / 2])
        self._radius = math.hypot(w, h) / 2
        # where the image border lies on the fronto plane: the canvas must cover all of it
        border = self._border_points(48)
        fronto = _apply(np.linalg.inv(fronto_to_image), self._undistort(border))
        x0, y0 = np.floor(fronto.min(axis=0)) - 4
        x1, y1 = np.ceil(fronto.max(axis=0)) + 4
        shift = np.array([[1, 0, x0], [0, 1, y0], [0, 0, 1]], np.float64)
        self.homography = fronto_to_image @ shift  # canvas → undistorted image
        self.canvas_size = (int(x1 - x0), int(y1 - y0))
        self.foot = (w / 2 - float(x0), h / 2 - float(y0))  # where the camera stands, canvas
        # largest upright rectangle of the canvas surely inside the image (minus a margin)
        on_canvas = fronto - np.array([x0, y0])
        n = len(border) // 4
        top, right, bottom, left = (on_canvas[i * n : (i + 1) * n] for i in range(4))
        margin = 0.02 * h
        self.safe = (
            float(left[:, 0].max()) + margin,
            float(top[:, 1].max()) + margin,
            float(right[:, 0].min()) - margin,
            float(bottom[:, 1].min()) - margin,
        )
        self._maps: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]] | None = None

    def _border_points(self, n: int) -> FloatArray:
        w, h = self.size
        t = np.linspace(0.0, 1.0, n, endpoint=False)
        top = np.stack([t * w, np.zeros(n)], 1)
        right = np.stack([np.full(n, w), t * h], 1)
        bottom = np.stack([w - t * w, np.full(n, h)], 1)
        left = np.stack([np.zeros(n), h - t * h], 1)
        return np.asarray(np.vstack([top, right, bottom, left]), np.float64)

    def _undistort(self, raw: FloatArray) -> FloatArray:
        d = raw - self._centre
        rho2 = (d**2).sum(axis=1, keepdims=True) / self._radius**2
        return np.asarray(self._centre + d * (1 + self.k * rho2), np.float64)

    def _distort(self, und: FloatArray) -> FloatArray:
        d = und - self._centre
        rho_u = np.sqrt((d**2).sum(axis=1)) / self._radius
        rho = rho_u.copy()
        for _ in range(8):  # Newton on ρ(1 + kρ²) = ρ_u
            rho -= (rho + self.k * rho**3 - rho_u) / (1 + 3 * self.k * rho**2)
        ratio = np.where(rho_u > 1e-9, rho / np.maximum(rho_u, 1e-9), 1.0)
        return np.asarray(self._centre + d * ratio[:, None], np.float64)

    def to_image(self, points: npt.ArrayLike) -> FloatArray:
        """Canvas points (N×2) → raw image points (N×2)."""
        pts = np.asarray(points, np.float64).reshape(-1, 2)
        return self._distort(_apply(self.homography, pts))

    def warp(self, canvas: Image) -> Image:
        """The camera image of a painted canvas (bilinear)."""
        if self._maps is None:
            w, h = self.size
            xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
            dx, dy = xs - np.float32(w / 2), ys - np.float32(h / 2)
            g = 1 + np.float32(self.k / self._radius**2) * (dx * dx + dy * dy)
            ux, uy = dx * g + np.float32(w / 2), dy * g + np.float32(h / 2)
            inv = np.linalg.inv(self.homography).astype(np.float32)
            den = inv[2, 0] * ux + inv[2, 1] * uy + inv[2, 2]
            mx = (inv[0, 0] * ux + inv[0, 1] * uy + inv[0, 2]) / den
            my = (inv[1, 0] * ux + inv[1, 1] * uy + inv[1, 2]) / den
            self._maps = (mx.astype(np.float32), my.astype(np.float32))
        out = cv2.remap(
            canvas, self._maps[0], self._maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
        )
        return np.asarray(out, np.uint8)
