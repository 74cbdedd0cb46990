"""Goods in a location, painted as flat primitives standing on the box's floor: cardboard and
printed boxes, bags, bottles, rolls, a pile of small parts, or a single part in a corner. Now and
then the goods take the bin's own colour, the hard case for a judge that looks for colour."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from edge.synth.flatbins.draw import Colour, Pen, jitter, label, mix, pick, shade
from edge.synth.flatbins.geometry import Box, Rect

CARDBOARD: tuple[Colour, ...] = ((92, 142, 186), (78, 124, 168), (112, 160, 202), (70, 108, 146))
PRINT: tuple[Colour, ...] = (
    (40, 40, 185),
    (170, 95, 30),
    (45, 160, 60),
    (35, 200, 230),
    (232, 232, 232),
    (48, 48, 52),
    (150, 60, 130),
    (30, 125, 240),
)
METAL: tuple[Colour, ...] = ((170, 172, 176), (60, 150, 190), (62, 62, 66), (205, 205, 210))
CAMOUFLAGE = 0.12


@dataclass(frozen=True)
class Place:
    """Where goods go: the inside, the top of a front wall hiding the floor, the size unit."""

    box: Box
    lip: float
    unit: float
    tall: float = 0.9  # the tallest goods, as a share of the opening's height

    def zmin(self, t: float) -> float:
        return self.box.lowest_visible(self.lip, t)

    @property
    def room(self) -> float:
        return self.box.front.h * self.tall


def _height(rng: np.random.Generator, place: Place, t: float, lo: float, hi: float) -> float:
    base = place.zmin(t)
    return base + (place.room - base) * rng.uniform(lo, hi)


def _block(
    pen: Pen,
    box: Box,
    span: tuple[float, float, float, float, float, float],
    c: Colour,
    edge: float,
) -> Rect:
    """A shaded block; its front face's rectangle (for a label)."""
    faces = box.cuboid(*span)
    for name, f in (("top", 1.18), ("left", 0.74), ("right", 0.7), ("front", 1.0)):
        pen.poly(faces[name], shade(c, f))
    front = faces["front"]
    pen.outline(front, shade(c, 0.55), edge)
    return Rect(front[0][0], front[0][1], front[2][0], front[2][1])


def _boxes(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    n = int(rng.integers(1, 5))
    shares = rng.dirichlet(np.full(n, 3.0)) * rng.uniform(0.55, 0.94)
    u = rng.uniform(0.02, 0.96 - float(shares.sum()))
    blocks = []
    for share in shares:
        t0 = rng.uniform(0.02, 0.35)
        t1 = min(t0 + rng.uniform(0.25, 0.6), 0.98)
        blocks.append((t0, t1, u, u + share * rng.uniform(0.85, 1.0)))
        u += share
    for t0, t1, u0, u1 in sorted(blocks, reverse=True):
        c = base or pick(rng, CARDBOARD if rng.random() < 0.6 else PRINT)
        z1 = _height(rng, place, t0, 0.3, 1.0)
        face = _block(pen, place.box, (u0, u1, t0, t1, 0.0, z1), jitter(rng, c, 10), place.unit)
        if face.w > 24 * place.unit and face.h > 16 * place.unit and rng.random() < 0.75:
            lw, lh = min(face.w * 0.6, 90 * place.unit), min(face.h * 0.45, 50 * place.unit)
            x, y = (
                face.x0 + rng.uniform(0.1, 0.9) * (face.w - lw),
                face.y0 + rng.uniform(0.1, 0.8) * (face.h - lh),
            )
            code = f"{chr(65 + int(rng.integers(26)))}{int(rng.integers(100, 999))}"
            label(pen, Rect(x, y, x + lw, y + lh), code)


def _bags(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    n = int(rng.integers(1, 4))
    for t in sorted(rng.uniform(0.05, 0.5, n), reverse=True):
        c = base or pick(rng, PRINT)
        c = mix(jitter(rng, c, 12), (235, 235, 235), rng.uniform(0.0, 0.3))
        uc, half = rng.uniform(0.25, 0.75), rng.uniform(0.15, 0.32)
        z = _height(rng, place, float(t), 0.25, 0.9)
        ang = np.linspace(0, 2 * np.pi, 40, endpoint=False)
        wobble = 1 + rng.normal(0, 0.04, ang.size)
        power = rng.uniform(2.2, 3.5)
        cu = np.sign(np.cos(ang)) * np.abs(np.cos(ang)) ** (2 / power) * wobble
        sv = np.sign(np.sin(ang)) * np.abs(np.sin(ang)) ** (2 / power) * wobble
        pts = np.array(
            [
                place.box.at(uc + half * a, float(t), z / 2 * (1 - b))
                for a, b in zip(cu, sv, strict=True)
            ]
        )
        pen.poly(pts, c)
        pen.outline(pts, shade(c, 0.6), place.unit * 1.5)
        top = place.box.at(uc, float(t), z * 0.93)
        side = place.box.at(uc + half * 0.8, float(t), z * 0.93)
        pen.line(
            (2 * top[0] - side[0], top[1]),
            side,
            shade(c, 0.7),
            z * 0.06 * place.box.scale(float(t)),
        )
        hx, hy = place.box.at(uc - half * 0.35, float(t), z * 0.6)
        s = place.box.scale(float(t))
        pen.ellipse(
            (hx, hy),
            (half * place.box.front.w * s * 0.12, z * s * 0.22),
            15,
            mix(c, (255, 255, 255), 0.45),
        )


def _bottles(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    n = int(rng.integers(2, 8))
    t = float(rng.uniform(0.05, 0.45))
    s = place.box.scale(t)
    width = min(rng.uniform(0.08, 0.16), 0.9 / n)
    z = _height(rng, place, t, 0.35, 0.95)
    c, cap = base or pick(rng, PRINT), pick(rng, PRINT)
    band = pick(rng, PRINT)
    u = rng.uniform(0.03, max(0.04, 0.97 - n * width * 1.08))
    for _ in range(n):
        x0, y1 = place.box.at(u, t, 0)
        x1, _ = place.box.at(u + width, t, 0)
        bw, body = x1 - x0, z * s
        top = y1 - body * 0.68
        pen.rect(Rect(x0, top, x1, y1), c)
        neck = Rect(x0 + bw * 0.34, y1 - body * 0.93, x1 - bw * 0.34, y1 - body * 0.8)
        pen.poly([[x0, top], [x1, top], [neck.x1, neck.y1], [neck.x0, neck.y1]], c)
        pen.rect(neck, c)
        pen.rect(Rect(neck.x0 - bw * 0.04, y1 - body, neck.x1 + bw * 0.04, neck.y0), cap)
        pen.rect(Rect(x0, y1 - body * 0.5, x1, y1 - body * 0.22), band)
        pen.line(
            (x0 + bw * 0.25, top + body * 0.05),
            (x0 + bw * 0.25, y1 - body * 0.05),
            mix(c, (255, 255, 255), 0.5),
            bw * 0.08,
        )
        u += width * 1.08


def _rolls(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    c = base or pick(rng, PRINT + CARDBOARD)
    t = float(rng.uniform(0.05, 0.4))
    s = place.box.scale(t)
    lift = place.zmin(t)
    fits = (place.room - lift) / place.box.front.w  # the room above what hides them
    radius = min(rng.uniform(0.1, 0.2), max(fits * 0.5, 0.05))  # of the front width
    rows = 2 if rng.random() < 0.5 and 3.7 * radius <= fits else 1
    for row in range(rows):
        count = int(rng.integers(1, max(2, int(0.9 / (2 * radius))) + 1)) - row
        for k in range(max(count, 1)):
            u = 0.05 + radius + k * 2 * radius + row * radius
            if u + radius > 1:
                break
            cx, cy = place.box.at(u, t, lift + place.box.front.w * radius * (1 + row * 1.7))
            r = place.box.front.w * radius * s
            pen.circle((cx, cy), r, shade(c, rng.uniform(0.85, 1.1)))
            pen.circle((cx, cy), r, shade(c, 0.6), place.unit)
            pen.circle((cx, cy), r * 0.45, (120, 160, 190))
            pen.circle((cx, cy), r * 0.33, (45, 45, 50))


def small_part(
    pen: Pen, c: Colour, x: float, y: float, r: float, shape: int, rng: np.random.Generator
) -> None:
    lit = shade(c, rng.uniform(0.65, 1.3))
    if shape == 0:  # washer
        pen.circle((x, y), r, lit)
        pen.circle((x, y), r * 0.4, shade(c, 0.35))
    elif shape == 1:  # nut
        a = rng.uniform(0, np.pi / 3) + np.arange(6) * np.pi / 3
        pen.poly(np.stack([x + r * np.cos(a), y + r * 0.8 * np.sin(a)], axis=1), lit)
        pen.circle((x, y), r * 0.38, shade(c, 0.35))
    else:  # bolt, lying
        turn = float(rng.uniform(-0.6, 0.6))
        dx, dy = math.cos(turn) * r * 1.6, math.sin(turn) * r * 1.6
        pen.line((x - dx, y - dy), (x + dx, y + dy), lit, r * 0.7)
        pen.circle((x - dx, y - dy), r * 0.6, shade(lit, 0.85))
    pen.circle((x - r * 0.3, y - r * 0.3), r * 0.18, mix(lit, (255, 255, 255), 0.6))


def _pile(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    c = base or pick(rng, METAL)
    shapes = rng.choice(3, size=2)
    r_px = max(rng.uniform(0.025, 0.05) * place.box.front.h, 2.5 * place.unit)
    uc, half = rng.uniform(0.3, 0.7), rng.uniform(0.22, 0.45)
    t_mid = 0.3
    peak = _height(rng, place, t_mid, 0.25, 0.6)
    width_px = 2 * half * place.box.front.w
    n = int(min(max(width_px * peak / (r_px * r_px) * 0.7, 30), 320))
    us = uc + half * rng.uniform(-1, 1, n)
    ts = rng.uniform(0.05, 0.6, n)
    prof = peak * np.clip(1 - ((us - uc) / half) ** 2, 0.05, 1) * (1 - 0.4 * ts)
    zs = np.sqrt(rng.random(n)) * prof
    order = np.argsort(zs + (1 - ts) * 0.2 * peak)
    for i in order:
        x, y = place.box.at(float(us[i]), float(ts[i]), float(zs[i]))
        small_part(pen, c, x, y, r_px * place.box.scale(float(ts[i])), int(shapes[i % 2]), rng)


def _single(pen: Pen, place: Place, rng: np.random.Generator, base: Colour | None) -> None:
    c = base or pick(rng, METAL + PRINT)
    u = rng.uniform(0.06, 0.2) if rng.random() < 0.5 else rng.uniform(0.8, 0.94)
    t = 0.05
    while place.zmin(t) > 0 and t < 0.9:
        t += 0.05
    # when a front wall hides the whole floor, the one thing left must stand tall enough to show
    hidden = place.zmin(t) > 0
    t = float(rng.uniform(0.4, 0.85)) if hidden else min(t + rng.uniform(0.0, 0.25), 0.85)
    r = max(rng.uniform(0.05, 0.1) * place.box.front.h, 4 * place.unit)
    x, y = place.box.at(u, t, 0)
    if not hidden and rng.random() < 0.5:
        s = place.box.scale(t)
        small_part(pen, c, x, y - r * s * 0.7, r * s, int(rng.integers(3)), rng)
    else:
        du = r / place.box.front.w
        top = place.zmin(t) + r * 1.4
        _block(pen, place.box, (u - du, u + du, t, t + 0.12, 0.0, top), c, place.unit)


PAINTERS: dict[str, Callable[[Pen, Place, np.random.Generator, Colour | None], None]] = {
    "boxes": _boxes,
    "bags": _bags,
    "bottles": _bottles,
    "rolls": _rolls,
    "parts": _pile,
    "single-part": _single,
}


def paint_goods(pen: Pen, place: Place, kind: str, seed: int, near: Colour) -> None:
    """Goods of `kind` drawn from `seed`; `near` is the colour around them (the bin's)."""
    rng = np.random.default_rng([seed, 0x600D])
    base = jitter(rng, near, 14) if rng.random() < CAMOUFLAGE else None
    PAINTERS[kind](pen, place, rng, base)
