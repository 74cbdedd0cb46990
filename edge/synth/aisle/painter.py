"""The painter's algorithm on the pinhole canvas: faces are filled in the order they come, so
whoever calls it hands them over far to near.

Besides the albedo it keeps, per pixel, which face won (so the light can be worked out per pixel
from that face's plane later) and whether an occluder won (the truth's mask). Back faces are
culled, faces reaching behind the lens are cut at the near plane, and the inside of a cavity can
be clipped to its front opening: whatever is inside a closed shelf is seen only through it, which
makes the order inside a cavity forgiving.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.aisle.camera import NEAR, Lens, Pose
from edge.synth.aisle.geometry import Part, Vec

SHIFT = 3  # sub-pixel bits for cv2's polygon filling
Hollow = tuple[float, float]  # depth of the cavity a face sits in (m), how dark its back gets


@dataclass(frozen=True)
class Canvas:
    albedo: npt.NDArray[np.uint8]  # (h, w, 3) BGR
    ids: npt.NDArray[np.int32]  # face index + 1 per pixel, 0 where nothing was drawn
    mask: npt.NDArray[np.uint8]  # 255 where an occluder was drawn
    normals: Vec  # (n + 1, 3), row 0 unused
    offsets: Vec  # (n + 1,) plane offsets: normal · point
    glow: Vec  # (n + 1,)
    hollow: Vec  # (n + 1, 2) cavity depth (0: none) and darkening


def _near_clip(cam: Vec) -> Vec:
    """Sutherland–Hodgman against the plane z = NEAR."""
    out = []
    n = len(cam)
    for i in range(n):
        a, b = cam[i], cam[(i + 1) % n]
        a_in, b_in = a[2] >= NEAR, b[2] >= NEAR
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (NEAR - a[2]) / (b[2] - a[2])
            out.append(a + t * (b - a))
    return np.array(out, np.float64).reshape(-1, 3)


@dataclass(frozen=True)
class Window:
    """A convex canvas polygon to clip to, with its inward edge half-planes for the quick
    test that most faces (wholly inside) pass."""

    pts: Vec
    normals: Vec  # (k, 2), pointing inside
    offsets: Vec  # (k,)

    @staticmethod
    def of(pts: Vec) -> Window:
        x, y = pts[:, 0], pts[:, 1]
        sign = 1.0 if float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0 else -1.0
        edges = np.roll(pts, -1, axis=0) - pts
        normals = sign * np.stack([-edges[:, 1], edges[:, 0]], axis=1)
        return Window(pts, normals, np.einsum("ij,ij->i", normals, pts))

    def clip(self, poly: Vec) -> Vec:
        """The part of a convex polygon inside the window (empty if none)."""
        area, cut = cv2.intersectConvexConvex(poly.astype(np.float32), self.pts.astype(np.float32))
        if area <= 0 or cut is None:
            return np.zeros((0, 2))
        return np.asarray(cut, np.float64).reshape(-1, 2)


class Painter:
    def __init__(self, pose: Pose, lens: Lens) -> None:
        self.pose, self.lens = pose, lens
        w, h = lens.canvas
        self.albedo = np.zeros((h, w, 3), np.uint8)
        self.ids = np.zeros((h, w), np.int32)
        self.mask = np.zeros((h, w), np.uint8)
        self._normals: list[Vec] = [np.zeros(3)]
        self._offsets: list[float] = [0.0]
        self._glow: list[float] = [0.0]
        self._hollow: list[Hollow] = [(0.0, 0.0)]
        self._eye = pose.eye

    def window(self, quad: Vec) -> Window | None:
        """A 3-D opening as a canvas polygon to clip a cavity's inside to (None: not in view)."""
        cam = _near_clip(self.pose.to_camera(quad))
        if len(cam) < 3:
            return None
        return Window.of(self.lens.to_canvas(cam))

    def draw(
        self,
        part: Part,
        *,
        hollow: Hollow = (0.0, 0.0),
        window: Window | None = None,
        occluder: bool = False,
    ) -> None:
        if not part.faces:
            return
        facing = np.einsum("ij,ij->i", part.normals, self._eye - part.firsts)
        cam_all = self.pose.to_camera(part.points)
        ahead = cam_all[:, 2] >= NEAR
        safe = cam_all.copy()
        safe[:, 2] = np.maximum(safe[:, 2], NEAR)
        flat_all = self.lens.to_canvas(safe)
        inside = (
            np.ones(len(flat_all), bool)
            if window is None
            else (flat_all @ window.normals.T - window.offsets).min(axis=1) >= 0
        )
        starts = part.starts
        for k, f in enumerate(part.faces):
            if facing[k] <= 0 and not f.two_sided:
                continue
            a, b = starts[k], starts[k + 1]
            normal = f.normal if facing[k] > 0 else -f.normal
            if ahead[a:b].all():
                pts = flat_all[a:b]
            else:
                cam = _near_clip(cam_all[a:b])
                if len(cam) < 3:
                    continue
                pts = self.lens.to_canvas(cam)
            if window is not None and not inside[a:b].all():
                pts = window.clip(pts)
                if len(pts) < 3:
                    continue
            poly = [np.round(pts * (1 << SHIFT)).astype(np.int32)]
            cv2.fillPoly(self.albedo, poly, f.colour, cv2.LINE_AA, SHIFT)
            self._normals.append(normal)
            self._offsets.append(float(normal @ f.pts[0]))
            self._glow.append(f.glow)
            self._hollow.append(hollow)
            cv2.fillPoly(self.ids, poly, len(self._normals) - 1, cv2.LINE_8, SHIFT)
            if occluder:  # occluders come last, so nothing paints over them
                cv2.fillPoly(self.mask, poly, 255, cv2.LINE_8, SHIFT)

    def canvas(self) -> Canvas:
        return Canvas(
            self.albedo,
            self.ids,
            self.mask,
            np.array(self._normals, np.float64),
            np.array(self._offsets, np.float64),
            np.array(self._glow, np.float64),
            np.array(self._hollow, np.float64),
        )
