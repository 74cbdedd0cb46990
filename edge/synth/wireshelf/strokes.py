"""Strokes for goods and litter: flat polygons, projected hulls, wires and dots in world
coordinates. In an owner map they leave the painter's goods tag, so that what of a location's
contents the camera sees can be measured."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, to_bytes
from edge.synth.wireshelf.painter import SHIFT, Painter


def _flat(painter: Painter, pts: Vec | None, colour: Colour, alpha: float) -> None:
    if pts is None:
        return
    roi = painter.roi(pts)
    if roi is None:
        return
    x0, y0, x1, y1 = roi
    if painter.owner is not None and painter.tag is not None and alpha >= 0.5:
        fixed = np.round((pts - (x0, y0)) * (1 << SHIFT)).astype(np.int32)
        cv2.fillPoly(painter.owner[y0:y1, x0:x1], [fixed], painter.tag, cv2.LINE_8, SHIFT)
    if not painter.textured:
        return
    cover = painter.mask(pts, roi).astype(np.float32) * np.float32(alpha / 255.0)
    painter.blend(roi, np.full((y1 - y0, x1 - x0, 3), to_bytes(colour), np.uint8), cover)


def fill(painter: Painter, points: Vec, colour: Colour, alpha: float = 1.0) -> None:
    """A convex polygon of world points, anti-aliased, flat colour."""
    _flat(painter, painter.project(points), colour, alpha)


def hull(painter: Painter, points: Vec, colour: Colour, alpha: float = 1.0) -> None:
    """The projected convex hull of world points (cylinders, shoulders)."""
    pts = painter.project(points)
    if pts is not None:
        pts = cv2.convexHull(pts.astype(np.float32))[:, 0, :].astype(np.float64)
    _flat(painter, pts, colour, alpha)


def _targets(painter: Painter) -> list[tuple[np.ndarray, int | tuple[int, int, int] | None]]:
    out: list[tuple[np.ndarray, int | tuple[int, int, int] | None]] = []
    if painter.owner is not None and painter.tag is not None:
        out.append((painter.owner, painter.tag))
    if painter.textured:
        out.append((painter.image, None))
    return out


def polyline(
    painter: Painter, points: Vec, colour: Colour, width_m: float, closed: bool = False
) -> None:
    pts = painter.project(points)
    if pts is None or painter.roi(pts) is None:
        return
    px = max(1, round(width_m * painter.px_per_m(points.mean(axis=0))))
    fixed = np.round(pts * (1 << SHIFT)).astype(np.int32)
    for target, mark in _targets(painter):
        value = to_bytes(colour) if mark is None else mark
        cv2.polylines(
            target, [fixed], closed, value, px, cv2.LINE_8 if mark else cv2.LINE_AA, SHIFT
        )


def dot(painter: Painter, centre: Vec, radius_m: float, colour: Colour) -> None:
    pts = painter.project(centre)
    if pts is None:
        return
    r = round(max(0.6, radius_m * painter.px_per_m(centre)) * 16)
    c = (round(pts[0, 0] * 16), round(pts[0, 1] * 16))
    for target, mark in _targets(painter):
        value = to_bytes(colour) if mark is None else mark
        cv2.circle(target, c, r, value, -1, cv2.LINE_8 if mark else cv2.LINE_AA, SHIFT)
