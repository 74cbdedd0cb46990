"""Where the camera of a pick-face scene stands, and the lens it looks through.

World coordinates are metres: x along the rack face, y up, z out of the rack towards the aisle;
the rack's front plane is z = 0 and bins go back into z < 0. A pinhole at a random eye point
looks at the rack, so bins seen from below, from above or at an angle come out of real
perspective (including into their depth), not out of a 2D warp chosen afterwards.

The lens bends the picture with a one-parameter division model, p_u = c + (p_d - c) / (1 + k r²)
(r the distance of the distorted point p_d to the centre over the half diagonal; k < 0 bows
straight lines outwards). It is its own formulation on purpose: the other renderers use
polynomial models, and a model that learnt one bend should still face another.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def as_points(points: npt.ArrayLike, dims: int = 3) -> Array:
    """Any list of points as an (N, dims) float array."""
    return np.asarray(points, np.float64).reshape(-1, dims)


def look_at(eye: Array, target: Array, roll: float) -> Array:
    """Rows: the camera's right, down and forward axes in world coordinates."""
    forward = target - eye
    forward /= np.linalg.norm(forward)
    right = np.cross(forward, np.array([0.0, 1.0, 0.0]))
    right /= np.linalg.norm(right)
    down = np.cross(forward, right)
    c, s = math.cos(roll), math.sin(roll)
    return np.stack([c * right + s * down, -s * right + c * down, forward])


@dataclass(frozen=True)
class Lens:
    """Division-model lens of an image of `size`, bending around `centre` by `k`."""

    size: tuple[int, int]
    centre: tuple[float, float]
    k: float

    @property
    def radius(self) -> float:
        return 0.5 * math.hypot(*self.size)

    def source_map(self, shift: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        """For every output pixel, where it comes from in the undistorted picture, moved by
        `shift` (the camera nudged between two frames): maps for cv2.remap."""
        w, h = self.size
        cx, cy = self.centre
        dx = np.arange(w, dtype=np.float32)[None, :] - np.float32(cx)
        dy = np.arange(h, dtype=np.float32)[:, None] - np.float32(cy)
        factor = 1.0 / (1.0 + np.float32(self.k / self.radius**2) * (dx * dx + dy * dy))
        map_x = dx * factor + np.float32(cx - shift[0])
        map_y = dy * factor + np.float32(cy - shift[1])
        return map_x.astype(np.float32), map_y.astype(np.float32)

    def distort(self, points: Array) -> Array:
        """Undistorted pixels to where the lens puts them (the inverse of `source_map`)."""
        pts = as_points(points, 2)
        c = np.array(self.centre)
        d = pts - c
        r_u = np.linalg.norm(d, axis=1) / self.radius
        if abs(self.k) < 1e-9:
            return pts.copy()
        disc = np.maximum(1.0 - 4.0 * self.k * r_u**2, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            r_d = np.where(r_u > 1e-9, (1.0 - np.sqrt(disc)) / (2.0 * self.k * r_u), 0.0)
            scale = np.where(r_u > 1e-9, r_d / r_u, 1.0)
        return np.asarray(c + d * scale[:, None], np.float64)


@dataclass(frozen=True)
class Camera:
    """A pinhole at `eye` looking along `rot[2]`, with focal length and principal point in pixels
    of the undistorted image, and its lens."""

    eye: Array
    rot: Array
    focal: float
    principal: tuple[float, float]
    lens: Lens

    @property
    def size(self) -> tuple[int, int]:
        return self.lens.size

    def local(self, points: npt.ArrayLike) -> Array:
        """World points in camera coordinates (x right, y down, z forward)."""
        return np.asarray((as_points(points) - self.eye) @ self.rot.T, np.float64)

    def project(self, points: npt.ArrayLike) -> Array:
        """World points to undistorted pixels (points must be in front of the camera)."""
        c = self.local(points)
        z = np.maximum(c[:, 2], 1e-6)
        u = self.focal * c[:, 0] / z + self.principal[0]
        v = self.focal * c[:, 1] / z + self.principal[1]
        return np.stack([u, v], axis=1)

    def pixels(self, points: npt.ArrayLike) -> Array:
        """World points to pixels of the photographed image (through the lens)."""
        return self.lens.distort(self.project(points))

    def scale_at(self, point: npt.ArrayLike) -> float:
        """Pixels per metre at a world point (for widths of lines and rods)."""
        z = float(self.local(point)[0, 2])
        return self.focal / max(z, 1e-3)

    def facing(self, point: npt.ArrayLike, normal: npt.ArrayLike) -> bool:
        """Whether a surface at `point` with outward `normal` turns towards the camera."""
        p = as_points(point)[0]
        return float(np.dot(np.asarray(normal, np.float64), self.eye - p)) > 0.0


def aim(
    eye: Array,
    target: Array,
    roll: float,
    lens: Lens,
    frame: Array,
    fill: float,
) -> Camera:
    """A camera at `eye` looking at `target` whose focal length makes the world points `frame`
    just fit the picture, then zoomed out to `fill` of that (the way an installer frames a rack).
    The principal point sits near the lens centre, as on a real sensor."""
    rot = look_at(eye, target, roll)
    c = (as_points(frame) - eye) @ rot.T
    xn, yn = c[:, 0] / c[:, 2], c[:, 1] / c[:, 2]
    w, h = lens.size
    px, py = lens.centre

    def room(values: Array, low: float, high: float) -> float:
        limits = [high / v for v in values if v > 1e-9] + [-low / v for v in values if v < -1e-9]
        return min(limits) if limits else 1e5

    focal = fill * min(room(xn, px, w - px), room(yn, py, h - py))
    return Camera(eye, rot, float(focal), (px, py), lens)
