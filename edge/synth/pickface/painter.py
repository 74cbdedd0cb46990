"""Drawing 3D surfaces straight into the camera's (undistorted) picture.

Everything in a pick-face scene is a flat polygon in world metres: a face of a bin, a roller, a
screw lying in a bin. The painter projects it through the camera and fills it anti-aliased,
lit by one light (a face turned to the light is brighter) and darkened deeper inside a bin.
Surfaces are drawn back to front by the caller (painter's algorithm), which is why every style
decides its own drawing order. Polygons crossing the camera's near plane are clipped there.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.pickface.camera import Array, Camera, as_points

Colour = tuple[float, float, float]  # BGR, 0–255
NEAR = 0.05  # metres in front of the eye
SHIFT = 4  # sub-pixel bits of cv2's polygon filling


def scaled(colour: Sequence[float], factor: float) -> Colour:
    """A colour made brighter or darker, clipped to the 8-bit range."""
    return (
        min(255.0, max(0.0, colour[0] * factor)),
        min(255.0, max(0.0, colour[1] * factor)),
        min(255.0, max(0.0, colour[2] * factor)),
    )


def mixed(a: Sequence[float], b: Sequence[float], t: float) -> Colour:
    """`a` moved a share `t` towards `b`."""
    x, y, z = (float(p) * (1 - t) + float(q) * t for p, q in zip(a[:3], b[:3], strict=True))
    return (x, y, z)


class Painter:
    """Fills world polygons into `canvas`, whose pixel (0, 0) is undistorted pixel `origin`."""

    def __init__(
        self, camera: Camera, canvas: np.ndarray, origin: tuple[float, float], light: Array
    ) -> None:
        self.camera = camera
        self.canvas = canvas
        self.origin = np.array(origin, np.float64)
        self.light = light / np.linalg.norm(light)
        self.gloom = 1.0  # whole-interior darkening (a dark or shaded bin)
        self.fade = 0.0  # darkening at `reach` metres deep
        self.reach = 1.0
        self.front = 0.0  # world z of the front of the current interior

    @contextmanager
    def interior(self, gloom: float, fade: float, reach: float, front: float) -> Iterator[None]:
        """Inside a bin: everything darker by `gloom`, and deeper darker up to `fade`."""
        saved = (self.gloom, self.fade, self.reach, self.front)
        self.gloom, self.fade, self.reach, self.front = gloom, fade, max(reach, 1e-3), front
        try:
            yield
        finally:
            self.gloom, self.fade, self.reach, self.front = saved

    def xy(self, points: npt.ArrayLike) -> Array:
        """World points to canvas pixels."""
        return self.camera.project(points) - self.origin

    def _clip(self, pts: Array) -> Array:
        """The part of a polygon at least NEAR in front of the eye (Sutherland–Hodgman)."""
        z = (pts - self.camera.eye) @ self.camera.rot[2]
        if z.min() >= NEAR:
            return pts
        out: list[Array] = []
        n = len(pts)
        for i in range(n):
            a, b, za, zb = pts[i], pts[(i + 1) % n], z[i], z[(i + 1) % n]
            if za >= NEAR:
                out.append(a)
            if (za >= NEAR) != (zb >= NEAR):
                out.append(a + (b - a) * (NEAR - za) / (zb - za))
        return np.array(out) if out else np.zeros((0, 3))

    def light_of(self, pts: Array) -> float:
        """Brightness of a face: ambient plus the light falling on the side the camera sees,
        times the interior's darkening."""
        a, b = pts, np.concatenate([pts[1:], pts[:1]])  # Newell's normal: any planar polygon
        d, s = a - b, a + b
        normal = np.array(
            [
                float(d[:, 1] @ s[:, 2]),
                float(d[:, 2] @ s[:, 0]),
                float(d[:, 0] @ s[:, 1]),
            ]
        )
        length = math.sqrt(float(normal @ normal))
        lit = 0.78
        if length > 1e-12:
            towards = float(normal @ (self.camera.eye - pts[0]))
            lit = 0.58 + 0.5 * max(
                0.0, math.copysign(1.0, towards) * float(normal @ self.light) / length
            )
        return lit * self.depth_factor(pts)

    def depth_factor(self, pts: Array) -> float:
        if self.gloom == 1.0 and self.fade == 0.0:
            return 1.0
        deep = min(1.0, max(0.0, (self.front - float(pts[:, 2].mean())) / self.reach))
        return self.gloom * (1.0 - self.fade * deep)

    def fill(
        self,
        points: npt.ArrayLike,
        colour: Sequence[float],
        *,
        lit: bool = True,
        alpha: float = 1.0,
    ) -> None:
        """One polygon in world points; `lit=False` keeps its colour (but not the interior's
        darkening) whatever way it faces."""
        pts = self._clip(as_points(points))
        if len(pts) < 3:
            return
        factor = self.light_of(pts) if lit else self.depth_factor(pts)
        self.fill_xy(self.xy(pts), scaled(colour, factor), alpha=alpha)

    def fill_xy(self, xy: Array, colour: Sequence[float], *, alpha: float = 1.0) -> None:
        """A polygon already in canvas pixels."""
        pts = np.round(np.asarray(xy) * (1 << SHIFT)).astype(np.int32)
        if not np.all(np.abs(pts) < 2**28):
            return
        colour = tuple(float(c) for c in colour[:3])
        if alpha >= 0.999:
            cv2.fillPoly(self.canvas, [pts], colour, cv2.LINE_AA, SHIFT)
            return
        h, w = self.canvas.shape[:2]
        x0, y0 = np.maximum(pts.min(axis=0) >> SHIFT, 0)
        x1, y1 = np.minimum((pts.max(axis=0) >> SHIFT) + 2, (w, h))
        if x1 <= x0 or y1 <= y0:
            return
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillPoly(mask, [pts - (x0 << SHIFT, y0 << SHIFT)], 255, cv2.LINE_AA, SHIFT)
        a = mask.astype(np.float32)[..., None] * np.float32(alpha / 255.0)
        roi = self.canvas[y0:y1, x0:x1].astype(np.float32)
        roi += (np.array(colour, np.float32) - roi) * a
        self.canvas[y0:y1, x0:x1] = np.clip(roi, 0, 255).astype(np.uint8)

    def fills(self, polygons: Sequence[Array], colours: Sequence[Colour]) -> None:
        """Many small polygons (loose parts) at once, in order, unlit but darkened as inside."""
        if not polygons:
            return
        sizes = [len(p) for p in polygons]
        allpts = np.concatenate(polygons)
        if bool(np.any(self.camera.local(allpts)[:, 2] < NEAR)):
            for p, c in zip(polygons, colours, strict=True):
                self.fill(p, c, lit=False)
            return
        xy = np.round(self.xy(allpts) * (1 << SHIFT)).astype(np.int32)
        start = 0
        factor = self.depth_factor(allpts)
        for n, colour in zip(sizes, colours, strict=True):
            cv2.fillPoly(
                self.canvas, [xy[start : start + n]], scaled(colour, factor), cv2.LINE_AA, SHIFT
            )
            start += n

    def rod(self, a: Sequence[float], b: Sequence[float], radius: float, colour: Colour) -> None:
        """A round bar between two world points (a pencil, a cable, a jack handle)."""
        pts = as_points([a, b])
        if bool(np.any(self.camera.local(pts)[:, 2] < NEAR)):
            return
        xy = self.xy(pts)
        width = 2 * radius * self.camera.scale_at(pts.mean(axis=0))
        d = xy[1] - xy[0]
        n = np.array([-d[1], d[0]]) / max(float(np.linalg.norm(d)), 1e-6) * max(width, 0.7) / 2
        c = scaled(colour, self.depth_factor(pts))
        self.fill_xy(np.array([xy[0] + n, xy[1] + n, xy[1] - n, xy[0] - n]), c)
        if width > 3:
            self.fill_xy(
                np.array([xy[0] + 0.5 * n, xy[1] + 0.5 * n, xy[1] + 0.2 * n, xy[0] + 0.2 * n]),
                scaled(c, 1.2),
            )

    def disc(
        self,
        centre: npt.ArrayLike,
        u: npt.ArrayLike,
        v: npt.ArrayLike,
        colour: Sequence[float],
        *,
        steps: int = 16,
        lit: bool = True,
        alpha: float = 1.0,
    ) -> None:
        """An ellipse in 3D with half axes u and v (a washer, a coil, a drum lid)."""
        t = np.linspace(0, 2 * np.pi, steps, endpoint=False)
        pts = (
            np.asarray(centre, np.float64)
            + np.cos(t)[:, None] * np.asarray(u, np.float64)
            + np.sin(t)[:, None] * np.asarray(v, np.float64)
        )
        self.fill(pts, colour, lit=lit, alpha=alpha)

    def hull(self, points: npt.ArrayLike, colour: Sequence[float], *, alpha: float = 1.0) -> None:
        """The silhouette of a convex solid given by its corner points (a can, a sack)."""
        pts = as_points(points)
        if bool(np.any(self.camera.local(pts)[:, 2] < NEAR)):
            return
        xy = self.xy(pts).astype(np.float32)
        hull = cv2.convexHull(xy).reshape(-1, 2).astype(np.float64)
        self.fill_xy(hull, scaled(colour, self.depth_factor(pts)), alpha=alpha)

    def paste(self, patch: np.ndarray, quad: npt.ArrayLike) -> None:
        """An image (a label, a printed sheet) onto a world quad, top-left corner first,
        clockwise."""
        pts = as_points(quad)
        if bool(np.any(self.camera.local(pts)[:, 2] < NEAR)):
            return
        xy = self.xy(pts)
        h, w = self.canvas.shape[:2]
        x0, y0 = np.maximum(np.floor(xy.min(axis=0)).astype(int), 0)
        x1, y1 = np.minimum(np.ceil(xy.max(axis=0)).astype(int) + 1, (w, h))
        if x1 - x0 < 2 or y1 - y0 < 2:
            return
        ph, pw = patch.shape[:2]
        src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
        m = cv2.getPerspectiveTransform(src, (xy - (x0, y0)).astype(np.float32))
        lit = cv2.convertScaleAbs(patch, alpha=self.light_of(pts))
        roi = self.canvas[y0:y1, x0:x1]
        cv2.warpPerspective(
            lit,
            m,
            (int(x1 - x0), int(y1 - y0)),
            dst=roi,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_TRANSPARENT,
        )
