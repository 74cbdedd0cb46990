"""The geometry every pick-face style shares: storage locations in world metres, what a style
must offer, and how a camera is placed so that the locations an integrator would calibrate are
fully in view and big enough.

A location (`Slot`) is a local box: x from 0 to its width, y from its floor up to its clear
height, z from its front (0) back to minus its depth, placed in the world by an origin and tilted
about x (carton-flow lanes fall towards the picker). Goods and litter are placed in that local
box, so one contents module serves hoppers, parts boxes, flow lanes and pallet bays alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.pickface.camera import Array, Camera, Lens, aim, as_points
from edge.synth.pickface.painter import Colour, Painter

Draw = Callable[[Painter], None]
Goods = tuple[list[Draw], list[Draw]]  # drawn inside a location, and over its front
Point = tuple[float, float, float]


@dataclass(frozen=True)
class Stock:
    """What is drawn in one location: `inside` before its front (wall, lip, beam) is drawn,
    `outside` after it (parts sticking out)."""

    inside: tuple[Draw, ...] = ()
    outside: tuple[Draw, ...] = ()


@dataclass(frozen=True)
class Slot:
    """One storage location; `click` and `label` are world quads, clockwise from top-left."""

    kind: str  # "hopper" | "box" | "lane" | "bay"
    bay: int
    level: int
    position: int
    origin: Point
    width: float
    height: float  # clear height above the floor (what goods may fill)
    depth: float
    click: tuple[Point, ...]
    label: tuple[Point, ...]
    tilt: float = 0.0  # radians; the floor rises towards the back
    lip: float = 0.0  # height of a solid front wall (hopper, parts box)
    rake: float = 0.0  # hopper: how far back its side walls reach full height
    tint: Colour = (128.0, 128.0, 128.0)  # the container's colour
    gloom: float = 1.0  # interior brightness (deep shade or a black bin < 1)
    shadow: tuple[float, ...] = field(default=())  # (share of height, slant, darkness) or ()

    def placed(self, click: npt.ArrayLike, label: npt.ArrayLike) -> Slot:
        """This slot with its click and label quads (world points)."""

        def quad(points: npt.ArrayLike) -> tuple[Point, ...]:
            return tuple((float(x), float(y), float(z)) for x, y, z in as_points(points))

        return replace(self, click=quad(click), label=quad(label))

    def world(self, points: npt.ArrayLike) -> Array:
        """Local points (floor at y = 0, front at z = 0) in world metres."""
        pts = as_points(points)
        if self.tilt == 0.0:
            return np.asarray(pts + self.origin, np.float64)
        c, s = math.cos(self.tilt), math.sin(self.tilt)
        rot = np.array([[1.0, 0.0, 0.0], [0.0, c, s], [0.0, -s, c]])
        return np.asarray(pts @ rot + self.origin, np.float64)

    def local(self, points: npt.ArrayLike) -> Array:
        """World points in this location's local box (the inverse of `world`)."""
        pts = as_points(points) - np.array(self.origin)
        c, s = math.cos(self.tilt), math.sin(self.tilt)
        y = pts[:, 1] * c + pts[:, 2] * s
        z = -pts[:, 1] * s + pts[:, 2] * c
        return np.stack([pts[:, 0], y, z], axis=1)

    def direction(self, vector: npt.ArrayLike) -> Array:
        """A local direction in world coordinates."""
        origin = self.world([(0.0, 0.0, 0.0)])[0]
        return np.asarray(self.world(as_points(vector))[0] - origin, np.float64)

    @property
    def centre(self) -> Array:
        return np.asarray(self.world([(self.width / 2, self.height / 2, 0.0)])[0], np.float64)

    def code(self, aisle: str) -> str:
        return f"{aisle}-{self.bay:02d}-{self.level:02d}-{self.position:02d}"


class Rack(Protocol):
    """What a style module builds: its locations, where a camera may stand, how to draw."""

    @property
    def style(self) -> str: ...

    @property
    def back(self) -> str: ...

    @property
    def deck(self) -> str: ...

    @property
    def slots(self) -> tuple[Slot, ...]: ...

    @property
    def counts(self) -> tuple[int, int]:
        """Fewest and most locations one camera watches."""
        ...

    def viewpoint(self, rng: np.random.Generator) -> tuple[Array, Array, Array]:
        """An eye, the point it looks at, and world points the picture should frame."""
        ...

    def draw(self, painter: Painter, stock: Sequence[Stock | None]) -> None:
        """The whole rack, back to front, with `stock[i]` in slot i (None: out of view, skip)."""
        ...

    def draw_slot(self, painter: Painter, index: int, stock: Stock) -> None:
        """One location alone (to check that its goods can be seen)."""
        ...


def label_quad(cx: float, width: float, top: float, bottom: float, z: float) -> list[Point]:
    """A location label's corners on a beam or lip: `width` wide around `cx`, from `top` down
    to `bottom`, `z` in front of the rack's face; clockwise from top-left as clicked."""
    return [
        (cx - width / 2, top, z),
        (cx + width / 2, top, z),
        (cx + width / 2, bottom, z),
        (cx - width / 2, bottom, z),
    ]


def draw_far_to_near(rack: Rack, painter: Painter, stock: Sequence[Stock | None]) -> None:
    """Every stocked slot, the row farthest from the eye first and in a row the farthest
    column first, so that nearer goods paint over farther ones."""
    eye = painter.camera.eye
    order = sorted(
        range(len(rack.slots)),
        key=lambda i: (
            -abs(rack.slots[i].centre[1] - eye[1]),
            -abs(rack.slots[i].centre[0] - eye[0]),
        ),
    )
    for i in order:
        here = stock[i]
        if here is not None:
            rack.draw_slot(painter, i, here)


def stand(
    rng: np.random.Generator,
    window: tuple[float, float, float, float],
    distance: float,
    yaw_degrees: float,
    height: float,
) -> tuple[Array, Array, Array]:
    """A viewpoint on the front plane's `window` (x0, y0, x1, y1): an eye `distance` in front of
    its centre, turned `yaw_degrees` to the side, at `height`, looking at the centre give or take
    5 % of the window; returns eye, target and the window's corners (to frame)."""
    x0, y0, x1, y1 = window
    frame = np.array([(x0, y0, 0.0), (x1, y0, 0.0), (x1, y1, 0.0), (x0, y1, 0.0)])
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    eye = np.array([cx + distance * math.tan(math.radians(yaw_degrees)), height, distance])
    target = np.array(
        [cx + rng.normal(0, 0.05 * (x1 - x0)), cy + rng.normal(0, 0.05 * (y1 - y0)), 0.0]
    )
    return eye, target, frame


def polygon(camera: Camera, points: Sequence[Point]) -> Array:
    """A world quad as photographed (pixels through the lens)."""
    return camera.pixels(np.array(points, np.float64))


def _areas(quads: Array) -> Array:
    """Areas of (N, 4, 2) quads (shoelace)."""
    x, y = quads[..., 0], quads[..., 1]
    return np.asarray(
        0.5 * np.abs((x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1)).sum(axis=1))
    )


def _usable(
    camera: Camera, clicks: Array, labels: Array, tops: Array, min_width: float, margin: float
) -> Array:
    """Which locations (clicks, labels: (N, 4, 3) world quads) a camera can watch: fully in
    the picture with their label, in front of the camera, wide enough, and (open-top boxes,
    whose `tops` are finite) seen from above."""
    w, h = camera.size
    n = len(clicks)
    click = camera.pixels(clicks.reshape(-1, 3)).reshape(n, 4, 2)
    label = camera.pixels(labels.reshape(-1, 3)).reshape(n, 4, 2)
    both = np.concatenate([click, label], axis=1)
    inside = (both.min(axis=(1, 2)) >= margin) & np.all(
        both.max(axis=1) <= (w - margin, h - margin), axis=1
    )
    near = camera.local(clicks.reshape(-1, 3))[:, 2].reshape(n, 4).min(axis=1) >= 0.3
    top = np.linalg.norm(click[:, 1] - click[:, 0], axis=1)
    bottom = np.linalg.norm(click[:, 2] - click[:, 3], axis=1)
    wide = (top + bottom) / 2 >= min_width
    above = camera.eye[1] > tops + 0.05
    return np.asarray(inside & near & wide & above & (_areas(label) >= 30))


def overlap(quads: Sequence[Array]) -> float:
    """The largest share of a quad's area that another quad covers (convex quads, pixels)."""
    worst = 0.0
    boxes = [(q.min(axis=0), q.max(axis=0)) for q in quads]
    for i in range(len(quads)):
        for j in range(i + 1, len(quads)):
            (a0, a1), (b0, b1) = boxes[i], boxes[j]
            if np.any(a1 < b0) or np.any(b1 < a0):
                continue
            area, _ = cv2.intersectConvexConvex(
                quads[i].astype(np.float32), quads[j].astype(np.float32)
            )
            smaller = min(float(_areas(quads[i][None])[0]), float(_areas(quads[j][None])[0]))
            worst = max(worst, float(area) / max(smaller, 1e-6))
    return worst


def choose_view(
    rack: Rack, rng: np.random.Generator, size: tuple[int, int]
) -> tuple[Camera, list[int]]:
    """A camera and the locations it watches: every slot fully in the picture (with its label)
    and at least 60 px wide at 1080 lines, between `rack.counts` of them, their polygons
    overlapping little (as an integrator clicks them). Tries viewpoints until one fits, else
    keeps the best it found."""
    w, h = size
    min_width = 60.0 * h / 1080.0
    low, high = rack.counts
    best: tuple[int, Camera, list[int]] | None = None
    clicks = np.array([slot.click for slot in rack.slots], np.float64)
    labels = np.array([slot.label for slot in rack.slots], np.float64)
    tops = np.array(
        [
            slot.world([(0, slot.height, 0)])[0, 1] if slot.kind == "box" else -np.inf
            for slot in rack.slots
        ]
    )
    for _ in range(60):
        eye, target, frame = rack.viewpoint(rng)
        lens = Lens(
            size,
            (w / 2 + rng.normal(0, 0.01) * w, h / 2 + rng.normal(0, 0.01) * h),
            float(rng.choice([0.0, rng.uniform(-0.16, -0.02), rng.uniform(0.0, 0.04)])),
        )
        roll = math.radians(rng.normal(0, 1.5))
        camera = aim(eye, target, roll, lens, frame, float(rng.uniform(0.72, 0.95)))
        usable = _usable(camera, clicks, labels, tops, min_width, 3.0 * h / 1080.0)
        chosen = [int(i) for i in np.flatnonzero(usable)]
        miss = max(0, low - len(chosen)) * 3 + max(0, len(chosen) - high)
        if camera.focal < 0.45 * w:  # wider than a ~100° lens: stand further back
            miss += 2
        if miss == 0 and overlap([polygon(camera, rack.slots[i].click) for i in chosen]) > 0.12:
            miss = 1
        if best is None or miss < best[0]:
            best = (miss, camera, chosen)
        if miss == 0:
            break
    assert best is not None
    _, camera, chosen = best
    return camera, chosen[: max(high, 1)]
