"""Things in front of the rack in the later frame: people, a hand-cart with boxes, a hanging
sign, a forklift's mast. Each is painted straight into frame pixels (they stand close to the
camera, so the rack's homography does not apply), aimed at one location so some hide a bin
mostly, and drawn into a mask as well: the truth's hidden share comes from that mask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, mix, pick, shade
from edge.synth.flatbins.geometry import Points, Rect

CLOTHES: tuple[Colour, ...] = (
    (70, 50, 40),
    (40, 40, 42),
    (120, 80, 40),
    (90, 90, 95),
    (40, 60, 120),
    (30, 110, 60),
)
SKIN: tuple[Colour, ...] = ((150, 180, 225), (110, 145, 195), (70, 100, 150), (60, 80, 110))
HIVIS: tuple[Colour, ...] = ((40, 230, 220), (30, 140, 250))
SIGNS: tuple[tuple[Colour, Colour], ...] = (
    ((30, 200, 240), (20, 20, 20)),
    ((60, 140, 40), (250, 250, 250)),
    ((160, 90, 30), (250, 250, 250)),
    ((240, 240, 240), (40, 40, 200)),
)
WORDS = ("AISLE 7", "ZONE B", "PICK 12", "RETURNS", "BULK", "EXIT", "GOODS IN", "C-14")


@dataclass(frozen=True)
class Target:
    x: float
    y: float
    w: float
    h: float


class Ink:
    """Paints on an occluder layer and, where it is opaque, on the mask."""

    def __init__(self, size: tuple[int, int]) -> None:
        w, h = size
        self.layer: Image = np.zeros((h, w, 3), np.uint8)
        self.mask: Image = np.zeros((h, w), np.uint8)
        self.paint, self.cover = Pen(self.layer), Pen(self.mask)

    def poly(self, pts: object, colour: Colour) -> None:
        self.paint.poly(pts, colour)
        self.cover.poly(pts, (255, 255, 255))

    def rect(self, r: Rect, colour: Colour) -> None:
        self.poly(r.corners(), colour)

    def line(
        self, p: tuple[float, float], q: tuple[float, float], colour: Colour, width: float
    ) -> None:
        self.paint.line(p, q, colour, width)
        self.cover.line(p, q, (255, 255, 255), width)

    def circle(self, c: tuple[float, float], radius: float, colour: Colour) -> None:
        self.paint.circle(c, radius, colour)
        self.cover.circle(c, radius, (255, 255, 255))

    def over(self, frame: Image) -> Image:
        a = self.mask[..., None].astype(np.float32) / 255
        return np.round(frame * (1 - a) + self.layer * a).astype(np.uint8)


def _person(ink: Ink, rng: np.random.Generator, t: Target, size: tuple[int, int]) -> None:
    h = size[1]
    tall = rng.uniform(0.6, 1.0) * h
    feet = float(np.clip(t.y + tall * rng.uniform(0.45, 0.8), 0.85 * h, 1.45 * h))
    x = t.x + rng.uniform(-0.25, 0.25) * t.w
    shoulder, hip, neck = feet - tall * 0.82, feet - tall * 0.47, feet - tall * 0.86
    sw, hw = tall * rng.uniform(0.11, 0.14), tall * 0.095
    shirt, trousers, skin = pick(rng, CLOTHES), jitter(rng, pick(rng, CLOTHES), 10), pick(rng, SKIN)
    for side in (-1, 1):
        ink.poly(
            [
                [x + side * hw * 0.1, hip],
                [x + side * hw, hip],
                [x + side * hw * 0.8, feet],
                [x + side * hw * 0.25, feet],
            ],
            trousers,
        )
        ink.line(
            (x + side * sw * 0.9, shoulder + tall * 0.02),
            (x + side * sw * 1.15, hip + tall * 0.02),
            shirt,
            tall * 0.055,
        )
        ink.circle((x + side * sw * 1.15, hip + tall * 0.04), tall * 0.03, skin)
    ink.poly(
        [
            [x - sw, shoulder],
            [x + sw, shoulder],
            [x + hw, hip + tall * 0.02],
            [x - hw, hip + tall * 0.02],
        ],
        shirt,
    )
    if rng.random() < 0.5:
        vest = pick(rng, HIVIS)
        ink.poly(
            [
                [x - sw * 0.85, shoulder + tall * 0.02],
                [x + sw * 0.85, shoulder + tall * 0.02],
                [x + hw * 0.95, hip],
                [x - hw * 0.95, hip],
            ],
            vest,
        )
        for f in (0.45, 0.75):
            y = shoulder + (hip - shoulder) * f
            ink.paint.rect(Rect(x - sw * 0.85, y, x + sw * 0.85, y + tall * 0.018), (190, 195, 195))
    ink.paint.line((x, shoulder + tall * 0.03), (x, hip), shade(shirt, 0.6), tall * 0.004)
    ink.rect(Rect(x - tall * 0.025, neck, x + tall * 0.025, shoulder + tall * 0.01), skin)
    head = (x + rng.uniform(-0.01, 0.01) * tall, neck - tall * 0.055)
    ink.circle(head, tall * 0.062, skin)
    ink.paint.ellipse(
        (head[0], head[1] - tall * 0.03),
        (tall * 0.064, tall * 0.04),
        0,
        pick(rng, ((30, 30, 35), (40, 70, 110), (150, 150, 150))),
    )


def _cart(ink: Ink, rng: np.random.Generator, t: Target, size: tuple[int, int]) -> None:
    w, h = size
    width = rng.uniform(0.14, 0.26) * w
    x0 = t.x - width * rng.uniform(0.3, 0.7)
    deck = rng.uniform(0.92, 1.02) * h
    steel, frame = (60, 60, 200) if rng.random() < 0.5 else (90, 90, 95), (30, 30, 32)
    for wx in (x0 + width * 0.12, x0 + width * 0.88):
        ink.circle((wx, deck + 0.03 * h), 0.03 * h, frame)
    ink.rect(Rect(x0, deck - 0.025 * h, x0 + width, deck), steel)
    end = x0 + width if rng.random() < 0.5 else x0
    top = deck - rng.uniform(0.4, 0.6) * h
    for dx in (-0.012 * w, 0.012 * w):
        ink.line((end + dx, deck), (end + dx, top), steel, 0.012 * w)
    ink.line((end - 0.03 * w, top), (end + 0.03 * w, top), steel, 0.014 * w)
    load_top = max(t.y - t.h * rng.uniform(-0.2, 0.4), deck - 0.6 * h)
    y, left, right = deck - 0.025 * h, x0 + width * 0.05, x0 + width * 0.95
    while y > load_top + 0.04 * h:
        bh = min(rng.uniform(0.12, 0.25) * h, y - load_top)
        inset = rng.uniform(0, 0.06) * width
        card = jitter(rng, (92, 142, 186), 14)
        box = Rect(left + inset, y - bh, right - inset * rng.uniform(0, 1), y)
        ink.rect(box, card)
        ink.paint.rect(box.part(0.44, 0, 0.56, 1), shade(card, 1.15))
        ink.paint.rect(box.part(0.6, 0.2, 0.85, 0.45), (235, 235, 235))
        ink.paint.line((box.x0, box.y1), (box.x1, box.y1), shade(card, 0.5), 2)
        y -= bh


def _sign(ink: Ink, rng: np.random.Generator, t: Target, size: tuple[int, int]) -> None:
    w, h = size
    sw, sh = rng.uniform(0.11, 0.2) * w, rng.uniform(0.07, 0.13) * h
    cx, cy = t.x + rng.uniform(-0.2, 0.2) * t.w, t.y + rng.uniform(-0.3, 0.3) * t.h
    board = Rect(cx - sw / 2, cy - sh / 2, cx + sw / 2, cy + sh / 2)
    for f in (0.15, 0.85):
        ink.line((board.x0 + f * sw, 0), (board.x0 + f * sw, board.y0), (50, 50, 50), 0.003 * w)
    back, fore = SIGNS[int(rng.integers(len(SIGNS)))]
    ink.rect(board, back)
    ink.paint.rect(board.inset(sh * 0.06, sh * 0.06), back)
    ink.paint.outline(board.inset(sh * 0.05, sh * 0.05).corners(), fore, sh * 0.03)
    ink.paint.text(str(rng.choice(WORDS)), board.inset(sw * 0.08, sh * 0.15), fore)


def _mast(ink: Ink, rng: np.random.Generator, t: Target, size: tuple[int, int]) -> None:
    w, h = size
    gap, ch = rng.uniform(0.08, 0.14) * w, 0.02 * w
    x = t.x + rng.uniform(-0.3, 0.3) * t.w
    paint = (40, 40, 44) if rng.random() < 0.5 else (20, 150, 225)
    for side in (-1, 1):
        rail = Rect(x + side * gap / 2 - ch / 2, -1, x + side * gap / 2 + ch / 2, h + 1)
        ink.rect(rail, paint)
        ink.paint.line((rail.cx, 0), (rail.cx, h), shade(paint, 0.6), ch * 0.15)
    ink.rect(Rect(x - gap / 2, 0.02 * h, x + gap / 2, 0.06 * h), paint)
    carriage = t.y + rng.uniform(-0.2, 0.6) * t.h
    plate = Rect(x - gap / 2 - ch, carriage - 0.035 * h, x + gap / 2 + ch, carriage + 0.035 * h)
    ink.rect(plate, shade(paint, 0.8))
    for f in np.linspace(0.1, 0.9, 6):  # the load backrest's bars
        bx = plate.x0 + f * plate.w
        ink.line((bx, plate.y0), (bx, plate.y0 - 0.16 * h), shade(paint, 0.8), 0.006 * w)
    ink.line(
        (plate.x0, plate.y0 - 0.16 * h),
        (plate.x1, plate.y0 - 0.16 * h),
        shade(paint, 0.8),
        0.01 * w,
    )
    for side in (-1, 1):
        fx = x + side * gap * 0.3
        ink.rect(Rect(fx - 0.012 * w, plate.y1, fx + 0.012 * w, plate.y1 + 0.12 * h), (30, 30, 30))
    if rng.random() < 0.5:
        load = Rect(x - gap * 0.9, plate.y0 - rng.uniform(0.2, 0.35) * h, x + gap * 0.9, plate.y0)
        wrap = jitter(rng, (200, 205, 205), 15)
        ink.rect(load, mix(wrap, (92, 142, 186), rng.uniform(0.2, 0.7)))
        for f in np.linspace(0.15, 0.85, 5):
            ink.paint.line(
                (load.x0, load.y0 + f * load.h),
                (load.x1, load.y0 + f * load.h + 0.02 * h),
                mix(wrap, (255, 255, 255), 0.4),
                2,
            )


PAINTERS: dict[str, Callable[[Ink, np.random.Generator, Target, tuple[int, int]], None]] = {
    "person": _person,
    "hand-cart": _cart,
    "sign": _sign,
    "forklift-mast": _mast,
}


def occlude(
    rng: np.random.Generator, size: tuple[int, int], quads: list[Points], count: int
) -> tuple[tuple[str, ...], Ink]:
    """`count` occluders, each aimed at another location's quad (frame coordinates)."""
    ink = Ink(size)
    names = list(PAINTERS)
    kinds = tuple(str(k) for k in rng.choice(names, size=count, p=[0.45, 0.2, 0.17, 0.18]))
    aims = rng.choice(len(quads), size=min(count, len(quads)), replace=False)
    for kind, i in zip(kinds, aims, strict=False):
        q = quads[int(i)]
        lo, hi = q.min(axis=0), q.max(axis=0)
        target = Target(
            float(q[:, 0].mean()), float(q[:, 1].mean()), float(hi[0] - lo[0]), float(hi[1] - lo[1])
        )
        PAINTERS[kind](ink, rng, target, size)
    return kinds, ink
