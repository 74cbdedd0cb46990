"""Painter's-algorithm rasteriser for the wireshelf scenes.

Everything in a scene is a planar convex polygon in world space (`Face`), optionally carrying a
texture, or a small primitive (dots, lines, hulls) that goods use. Callers paint far things
first. Textures are cached by key so that the reference and the later frame, seen by slightly
different cameras, get the same pixels on unchanged surfaces. An optional owner map records
which bin each opaque pixel shows, to decide which bins are visible enough to list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from edge.synth.wireshelf.camera import Camera, Image, Pixels, Vec
from edge.synth.wireshelf.faces import Colour, Face, to_bytes
from edge.synth.wireshelf.texcache import UNIT_SQUARE, shaded_texture

SHIFT = 4  # sub-pixel bits for cv2 polygon filling
NEAR = 0.05  # metres: nearer than this to the eye is not painted


@dataclass(frozen=True)
class Item:
    """A piece of goods or litter: painted by `draw`, ordered far to near by `anchor`."""

    anchor: Vec
    region: int  # which of the slot's floor regions it stands in
    draw: Callable[[Painter], None]


class Painter:
    """Paints onto a canvas of the camera's canvas size. `only`: canvas rectangles (x0, y0,
    x1, y1); when given, anything that misses all of them is skipped (repainting just the
    locations that changed)."""

    def __init__(
        self,
        camera: Camera,
        cache: dict[str, Pixels],
        *,
        textured: bool = True,
        owners: bool = False,
        only: list[tuple[int, int, int, int]] | None = None,
        base: Colour = (0.2, 0.2, 0.21),
        image: Pixels | None = None,
    ) -> None:
        self.camera = camera
        self.cache = cache
        cw, ch = camera.canvas_size
        self.size = (cw, ch)
        shape = (ch, cw, 3) if textured else (1, 1, 3)
        if image is not None:  # paint over what is there (the wall and floor, painted once)
            self.image: Pixels = image
        else:
            self.image = np.empty(shape, np.uint8)
            self.image[:] = to_bytes(base)
        self.textured = textured
        self.owner = np.zeros((ch, cw), np.int32) if owners else None
        self.only = only
        # while goods are painted: the (negative) id they leave in the owner map
        self.tag: int | None = None
        a = camera.axes
        k = np.array([[camera.focal, 0, 0], [0, camera.focal, 0], [0, 0, 1.0]])
        k[:2, 2] = np.add(camera.principal, camera.margin)
        self._k = k
        self._a = a

    # -- geometry ---------------------------------------------------------------------------
    def sees(self, point: Vec, normal: Vec | None) -> bool:
        return normal is None or float(np.dot(normal, self.camera.eye - point)) > 0

    def distance(self, point: Vec) -> float:
        return float(np.linalg.norm(self.camera.eye - point))

    def px_per_m(self, point: Vec) -> float:
        return self.camera.focal / max(float(self.camera.depth(point)[0]), 0.05)

    def project(self, points: Vec) -> Vec | None:
        """Canvas points, or None when any is (nearly) behind the eye."""
        pts = np.atleast_2d(points)
        if float(self.camera.depth(pts).min()) < NEAR:
            return None
        return self.camera.to_canvas(pts)

    def _clipped(self, points: Vec) -> Vec | None:
        """A polygon cut at the near plane, projected (floors and walls reach behind the eye)."""
        local = self.camera.local(points)
        if float(local[:, 2].min()) >= NEAR:
            kept = local
        else:
            out = []
            for p, q in zip(local, np.roll(local, -1, axis=0), strict=True):
                if p[2] >= NEAR:
                    out.append(p)
                if (p[2] >= NEAR) != (q[2] >= NEAR):
                    out.append(p + (q - p) * (NEAR - p[2]) / (q[2] - p[2]))
            if len(out) < 3:
                return None
            kept = np.array(out)
        uvw = kept @ self._k.T
        return np.asarray(uvw[:, :2] / uvw[:, 2:3], np.float64)

    def in_view(self, lo: Vec, hi: Vec) -> bool:
        """Whether a box may show on the canvas (and in a repaint rectangle)."""
        corners = np.array(
            [[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
        )
        if float(self.camera.depth(corners).min()) < NEAR:
            return True
        pts = self.camera.to_canvas(corners)
        return self.roi(pts) is not None

    def roi(self, pts: Vec) -> tuple[int, int, int, int] | None:
        cw, ch = self.size
        x0, y0 = np.floor(pts.min(axis=0)).astype(int) - 1
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 2
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, cw), min(y1, ch)
        if x1 - x0 < 1 or y1 - y0 < 1:
            return None
        if self.only is not None:  # only what repaint rectangles need
            hit = [r for r in self.only if x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y1]
            if not hit:
                return None
            x0, y0 = max(x0, min(r[0] for r in hit)), max(y0, min(r[1] for r in hit))
            x1, y1 = min(x1, max(r[2] for r in hit)), min(y1, max(r[3] for r in hit))
        return int(x0), int(y0), int(x1), int(y1)

    def mask(
        self, pts: Vec, roi: tuple[int, int, int, int], smooth: bool = True
    ) -> NDArray[np.uint8]:
        x0, y0, x1, y1 = roi
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        fixed = np.round((pts - (x0, y0)) * (1 << SHIFT)).astype(np.int32)
        cv2.fillPoly(mask, [fixed], 255, cv2.LINE_AA if smooth else cv2.LINE_8, SHIFT)
        return mask

    # -- faces -------------------------------------------------------------------------------
    def face(self, face: Face) -> None:
        if not self.sees(face.points[0], face.normal):
            return
        if face.hull:
            hull_pts = self.project(face.points)
            if hull_pts is None:
                return
            pts = cv2.convexHull(hull_pts.astype(np.float32))[:, 0, :].astype(np.float64)
        else:
            clipped = self._clipped(face.points)
            if clipped is None:
                return
            pts = clipped
        roi = self.roi(pts)
        if roi is None:
            return
        x0, y0, x1, y1 = roi
        if self.owner is not None:
            mark = face.owner if self.tag is None else self.tag
            fixed = np.round((pts - (x0, y0)) * (1 << SHIFT)).astype(np.int32)
            if face.solid and face.alpha >= 0.5:
                cv2.fillPoly(self.owner[y0:y1, x0:x1], [fixed], mark, cv2.LINE_8, SHIFT)
            elif mark:  # see-through walls claim what shows through them, but not goods
                inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
                cv2.fillPoly(inside, [fixed], 1, cv2.LINE_8, SHIFT)
                patch = self.owner[y0:y1, x0:x1]
                patch[(inside > 0) & (patch >= 0)] = mark
            if not self.textured:
                return
        target = self.image[y0:y1, x0:x1]
        if face.texture is None and face.alpha >= 1.0:
            # opaque flat faces straight onto the canvas (edges blended by cv2)
            fixed = np.round((pts - (x0, y0)) * (1 << SHIFT)).astype(np.int32)
            cv2.fillPoly(target, [fixed], to_bytes(face.colour, face.shade), cv2.LINE_AA, SHIFT)
            return
        if face.texture is None:
            cover = self.mask(pts, roi).astype(np.float32) * np.float32(face.alpha / 255.0)
            colour = to_bytes(face.colour, face.shade)
            self.blend(roi, np.full((y1 - y0, x1 - x0, 3), colour, np.uint8), cover)
            return
        to_px = self._uv_to_canvas(face)
        if to_px is None:
            return
        to_px = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1.0]]) @ to_px
        tex, opaque = shaded_texture(self.cache, face, to_px)
        th, tw = tex.shape[:2]
        warped = cv2.warpPerspective(
            tex,
            to_px @ np.diag([1.0 / tw, 1.0 / th, 1.0]),
            (x1 - x0, y1 - y0),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
        if opaque and face.alpha >= 1.0:
            # solid textures: a plain copy under a hard-edged mask, no blending
            cv2.copyTo(warped, self.mask(pts, roi, smooth=False), target)
            return
        cover = self.mask(pts, roi).astype(np.float32) * np.float32(face.alpha / 255.0)
        if not opaque:
            cover *= warped[..., 3] * np.float32(1 / 255)
            warped = warped[..., :3]
        self.blend(roi, np.ascontiguousarray(warped, np.uint8), cover)

    def _uv_to_canvas(self, face: Face) -> Vec | None:
        """Homography from texture coordinates to canvas pixels. Parallelogram faces without
        their own uv get it straight from the plane, valid even where the face runs behind
        the eye; others from their projected corners."""
        if face.uv is None and face.mapping is None:
            p0, p1, p3 = face.points[0], face.points[1], face.points[3]
            m = np.stack(
                [self._a @ (p1 - p0), self._a @ (p3 - p0), self._a @ (p0 - self.camera.eye)], axis=1
            )
            return np.asarray(self._k @ m, np.float64)
        anchor = self.project(face.points if face.mapping is None else face.mapping)
        if anchor is None:
            return None
        uv = face.uv if face.uv is not None else UNIT_SQUARE
        found = cv2.findHomography(uv.astype(np.float64), anchor, 0)[0]
        return None if found is None else np.asarray(found, np.float64)

    def blend(self, roi: tuple[int, int, int, int], rgb: Pixels, cover: Image) -> None:
        x0, y0, x1, y1 = roi
        target = self.image[y0:y1, x0:x1]
        target[...] = cv2.blendLinear(rgb, target, cover, 1.0 - cover)
