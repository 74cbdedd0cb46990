"""Where the camera hangs and which locations it lists.

A viewpoint is drawn from a wide spread (square-on to strongly oblique, from above or below,
wide or normal lenses, barrel or pincushion), the distance is chosen so that a plausible number
of locations is fully in frame and big enough to judge, and a quick paint of surface owners drops
locations that posts, decks or neighbouring bins hide.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Camera, Vec, make_camera
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.rack import Rack, paint_rack

MIN_WIDTH = 60 / 1080  # share of the frame height a listed location's polygon spans at least
MIN_HEIGHT = 36 / 1080
SEEN = 0.72  # share of a listed location's polygon that must show the location itself


@dataclass(frozen=True)
class View:
    camera: Camera
    listed: tuple[int, ...]  # slot indices, in rack order


def _lens(rng: np.random.Generator, size: tuple[int, int], focal: float) -> tuple[float, float]:
    """Radial terms from the bend wanted at the frame's corner (barrel more common)."""
    w, h = size
    corner = (w * w + h * h) / 4 / focal**2
    bend = rng.uniform(-0.07, -0.005) if rng.random() < 0.7 else rng.uniform(0.005, 0.035)
    k1 = bend / corner
    return k1, -0.2 * k1 / corner * rng.uniform(0, 1)


def _inside(points: Vec, size: tuple[int, int], margin: float = 2.0) -> bool:
    w, h = size
    return bool(
        (points[:, 0] >= margin).all()
        and (points[:, 1] >= margin).all()
        and (points[:, 0] <= w - margin).all()
        and (points[:, 1] <= h - margin).all()
    )


def _coverage(rack: Rack, camera: Camera) -> float:
    """Share of the frame the rack's front fills (cameras are hung to watch the rack, not the
    room)."""
    lo, hi = rack.lo, rack.hi
    front = np.array([[lo[0], hi[1], 0], [hi[0], hi[1], 0], [hi[0], lo[1], 0], [lo[0], lo[1], 0]])
    if float(camera.depth(front).min()) < 0.1:
        return 0.0
    w, h = camera.size
    frame = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    shared, _ = cv2.intersectConvexConvex(
        (camera.to_canvas(front) - np.asarray(camera.margin)).astype(np.float32), frame
    )
    return float(shared) / (w * h)


def candidates(rack: Rack, camera: Camera) -> list[int]:
    """Locations fully in frame, in front of the camera and big enough."""
    h = camera.size[1]
    found = []
    for slot in rack.slots:
        pts = np.concatenate([slot.opening, slot.label])
        if float(camera.depth(pts).min()) < 0.2:
            continue
        poly, label = camera.to_frame(slot.opening), camera.to_frame(slot.label)
        if not (_inside(poly, camera.size) and _inside(label, camera.size)):
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = poly
        if min(x1 - x0, x2 - x3) < MIN_WIDTH * h or min(y3 - y0, y2 - y1) < MIN_HEIGHT * h:
            continue  # too small, or seen so edge-on that the corners swap order
        if not cv2.isContourConvex(poly.astype(np.float32)):
            continue
        if cv2.contourArea(poly.astype(np.float32)) < 0.45 * MIN_WIDTH * MIN_HEIGHT * h * h:
            continue
        found.append(slot.index)
    return found


def owner_shares(
    rack: Rack, camera: Camera, listed: list[int], items: Mapping[int, Sequence[Item]], sign: int
) -> dict[int, float]:
    """Per listed location, the share of its polygon (in the canvas) showing the location itself
    (`sign` 1) or, with items painted, its goods (`sign` -1)."""
    cw, ch = camera.canvas_size
    rects = []
    for index in listed:  # only the polygons matter: paint nothing else
        pts = camera.to_canvas(rack.slots[index].opening)
        x0, y0 = np.floor(pts.min(axis=0)).astype(int) - 1
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 2
        rects.append((max(int(x0), 0), max(int(y0), 0), min(int(x1), cw), min(int(y1), ch)))
    painter = Painter(camera, {}, textured=False, owners=True, only=rects)
    paint_rack(painter, rack, items, surround=False)
    assert painter.owner is not None
    shares = {}
    for index in listed:
        pts = camera.to_canvas(rack.slots[index].opening)
        x0, y0 = np.maximum(np.floor(pts.min(axis=0)).astype(int), 0)
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 1
        patch = painter.owner[y0:y1, x0:x1]
        inside = np.zeros(patch.shape, np.uint8)
        cv2.fillPoly(inside, [np.round(pts - (x0, y0)).astype(np.int32)], 1)
        area = int(inside.sum())
        mine = int(((patch == sign * (index + 1)) & (inside > 0)).sum())
        shares[index] = mine / area if area else 0.0
    return shares


def _seen(rack: Rack, camera: Camera, listed: list[int]) -> list[int]:
    shares = owner_shares(rack, camera, listed, {}, 1)
    kept: list[int] = []
    polys: list[np.ndarray] = []
    for index in listed:
        if shares[index] < SEEN:
            continue
        frame_poly = camera.to_frame(rack.slots[index].opening).astype(np.float32)
        overlap = max(
            (cv2.intersectConvexConvex(frame_poly, other)[0] for other in polys), default=0.0
        )
        if overlap > 0.15 * cv2.contourArea(frame_poly):
            continue
        kept.append(index)
        polys.append(frame_poly)
    return kept


def choose_view(rack: Rack, size: tuple[int, int], rng: np.random.Generator) -> View:
    w, h = size
    lo, hi = rack.lo, rack.hi
    for _attempt in range(40):
        mode = rng.random()
        yaw = math.radians(
            rng.uniform(0, 8)
            if mode < 0.3
            else rng.uniform(8, 25)
            if mode < 0.7
            else rng.uniform(25, 42)
        )
        yaw *= 1 if rng.random() < 0.5 else -1
        pitch = math.radians(rng.uniform(-18, 35) if rng.random() < 0.8 else rng.uniform(-28, -10))
        fov = math.radians(rng.uniform(52, 92))
        focal = (w / 2) / math.tan(fov / 2)
        span = hi - lo
        target = np.array(
            [
                lo[0] + span[0] * rng.uniform(0.3, 0.7),
                lo[1] + span[1] * rng.uniform(0.25, 0.75),
                0.0,
            ]
        )
        forward = np.array(
            [math.sin(yaw) * math.cos(pitch), -math.sin(pitch), math.cos(yaw) * math.cos(pitch)]
        )
        k1, k2 = _lens(rng, size, focal)
        principal = (w / 2 + rng.normal(0, 0.01) * w, h / 2 + rng.normal(0, 0.01) * h)
        roll = math.radians(rng.normal(0, 1.5))
        wanted = rng.uniform(10, 26)
        best: tuple[float, Camera, list[int]] | None = None
        for distance in np.geomspace(0.5, 4.5, 14):
            eye = target - forward * distance
            if eye[2] > -0.3 or not 0.25 <= eye[1] <= 3.6:
                continue
            camera = make_camera(eye, target, roll, focal, size, k1, k2, principal)
            if _coverage(rack, camera) < 0.8:
                continue
            found = candidates(rack, camera)
            if len(found) < 7 or len(found) > 40:
                continue
            score = abs(len(found) - wanted)
            if best is None or score < best[0]:
                best = (score, camera, found)
        if best is None:
            continue
        kept = _seen(rack, best[1], best[2])
        if len(kept) >= 6:
            return View(best[1], tuple(kept[:30]))
    raise RuntimeError("no viewpoint shows six locations")
