"""The wireshelf camera: a pinhole at an eye point looking at the rack through a polynomial
radial lens (barrel or pincushion).

World axes: x to the right along the rack, y up, z from the rack's front plane into it (the
camera stands at z < 0). Painting happens on an undistorted *canvas* that is larger than the frame
wherever the lens pulls far-off rays in; `lens_maps` then bends the canvas into the frame, so that
straight rack edges come out curved as in a real wide-angle picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

Vec = NDArray[np.float64]
Image = NDArray[np.float32]
Pixels = NDArray[np.uint8]  # 8-bit images: textures (RGBA) and the painted canvas (RGB)


def look_at(eye: Vec, target: Vec, roll: float) -> Vec:
    """Rows: image right, image down, forward (world coordinates)."""
    forward = target - eye
    forward = forward / np.linalg.norm(forward)
    right = np.cross(np.array([0.0, 1.0, 0.0]), forward)
    right = right / np.linalg.norm(right)
    down = np.cross(right, forward)
    c, s = math.cos(roll), math.sin(roll)
    return np.stack([c * right + s * down, -s * right + c * down, forward])


@dataclass(frozen=True)
class Camera:
    eye: Vec  # (3,) metres
    axes: Vec  # (3, 3): rows right, down, forward
    focal: float  # pixels
    principal: tuple[float, float]  # frame pixels
    size: tuple[int, int]  # frame (width, height)
    k1: float  # radial terms on normalised coordinates: < 0 barrel, > 0 pincushion
    k2: float
    margin: tuple[float, float] = (0.0, 0.0)  # canvas pixels left of / above the frame's origin
    canvas_size: tuple[int, int] = (0, 0)

    def local(self, points: Vec) -> Vec:
        return np.asarray((np.atleast_2d(points) - self.eye) @ self.axes.T, np.float64)

    def depth(self, points: Vec) -> Vec:
        return self.local(points)[:, 2]

    def to_canvas(self, points: Vec) -> Vec:
        p = self.local(points)
        n = p[:, :2] / np.maximum(p[:, 2:3], 1e-6)
        return n * self.focal + np.add(self.principal, self.margin)

    def to_frame(self, points: Vec) -> Vec:
        """Where points land in the (distorted) frame, as a person would click them."""
        p = self.local(points)
        n = p[:, :2] / np.maximum(p[:, 2:3], 1e-6)
        r2 = (n * n).sum(axis=1, keepdims=True)
        bent = n * (1.0 + self.k1 * r2 + self.k2 * r2 * r2) * self.focal
        return np.asarray(bent + np.asarray(self.principal), np.float64)


def _undistort(xd: Image, yd: Image, k1: float, k2: float) -> tuple[Image, Image]:
    """Invert the radial polynomial by fixed-point iteration (converges for the mild lenses
    drawn here: |k1 r²| stays well under 0.3 inside the frame)."""
    xu, yu = xd.copy(), yd.copy()
    a, b = np.float32(k1), np.float32(k2)
    for _ in range(6):
        r2 = xu * xu + yu * yu
        s = 1 + r2 * (a + b * r2)
        xu, yu = xd / s, yd / s
    return xu, yu


def make_camera(
    eye: Vec,
    target: Vec,
    roll: float,
    focal: float,
    size: tuple[int, int],
    k1: float,
    k2: float,
    principal: tuple[float, float],
) -> Camera:
    """A camera whose canvas covers every ray the distorted frame sees."""
    w, h = size
    xs = np.linspace(0, w - 1, 64, dtype=np.float32)
    ys = np.linspace(0, h - 1, 36, dtype=np.float32)
    f32 = np.float32
    border_x = np.concatenate([xs, xs, np.zeros_like(ys), np.full_like(ys, w - 1)])
    border_y = np.concatenate([np.zeros_like(xs), np.full_like(xs, h - 1), ys, ys])
    xu, yu = _undistort(
        (border_x - f32(principal[0])) / f32(focal),
        (border_y - f32(principal[1])) / f32(focal),
        k1,
        k2,
    )
    px, py = xu * focal + principal[0], yu * focal + principal[1]
    left, top = max(0.0, -float(px.min())) + 8, max(0.0, -float(py.min())) + 8
    right, bottom = max(float(px.max()), w - 1.0) + 8, max(float(py.max()), h - 1.0) + 8
    canvas = (math.ceil(right + left), math.ceil(bottom + top))
    return Camera(
        eye=np.asarray(eye, np.float64),
        axes=look_at(np.asarray(eye, np.float64), np.asarray(target, np.float64), roll),
        focal=focal,
        principal=principal,
        size=size,
        k1=k1,
        k2=k2,
        margin=(left, top),
        canvas_size=canvas,
    )


def lens_rays(camera: Camera) -> tuple[Image, Image]:
    """Undistorted normalised ray of every frame pixel (the costly half of the lens maps)."""
    w, h = camera.size
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    f = np.float32(camera.focal)
    cx, cy = np.float32(camera.principal[0]), np.float32(camera.principal[1])
    return _undistort((gx - cx) / f, (gy - cy) / f, camera.k1, camera.k2)


def lens_maps(
    camera: Camera, rays: tuple[Image, Image], turn: Vec | None = None
) -> tuple[Image, Image]:
    """cv2.remap maps from the canvas into the frame. A nudged camera (`turn`: its axes in the
    canvas camera's axes) still reads the same canvas, since a pure rotation of a pinhole moves
    nothing relative to anything else."""
    xu, yu = rays
    if turn is not None:
        t = turn.astype(np.float32)
        z = t[2, 0] * xu + t[2, 1] * yu + t[2, 2]
        xu, yu = (
            (t[0, 0] * xu + t[0, 1] * yu + t[0, 2]) / z,
            (t[1, 0] * xu + t[1, 1] * yu + t[1, 2]) / z,
        )
    f = np.float32(camera.focal)
    map_x = xu * f + np.float32(camera.principal[0] + camera.margin[0])
    map_y = yu * f + np.float32(camera.principal[1] + camera.margin[1])
    return map_x.astype(np.float32), map_y.astype(np.float32)


def nudged(camera: Camera, rng: np.random.Generator, pixels: float = 2.6) -> Camera:
    """The same camera a little later: bumped by at most `pixels` at the image centre, with a
    trace of roll (a loose bracket, a gust, a truck passing)."""
    angle = rng.uniform(0, 2 * math.pi)
    shift = rng.uniform(0.6, pixels) / camera.focal
    yaw, pitch = shift * math.cos(angle), shift * math.sin(angle)
    roll = rng.uniform(-0.4, 0.4) / max(camera.size)
    cy, sy, cp, sp, cr, sr = (
        math.cos(yaw),
        math.sin(yaw),
        math.cos(pitch),
        math.sin(pitch),
        math.cos(roll),
        math.sin(roll),
    )
    # small rotations about the camera's own down, right and forward axes
    r_yaw = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    r_pitch = np.array([[1, 0, 0], [0, cp, sp], [0, -sp, cp]])
    r_roll = np.array([[cr, sr, 0], [-sr, cr, 0], [0, 0, 1]])
    return replace(camera, axes=r_roll @ r_pitch @ r_yaw @ camera.axes)
