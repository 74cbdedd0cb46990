"""Goods built from simple solids: heaps of small parts and coiled cable, painted with the
painter's primitives in the slot's floor coordinates; the shared ring and basis helpers."""

from __future__ import annotations

import math

import numpy as np

from edge.synth.wireshelf import strokes
from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, quad
from edge.synth.wireshelf.looks import parts
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.slot import Region

METALS: dict[str, Colour] = {
    "zinc": (0.7, 0.72, 0.75),
    "black oxide": (0.14, 0.14, 0.15),
    "brass": (0.72, 0.56, 0.24),
    "stainless": (0.8, 0.8, 0.82),
    "yellow zinc": (0.8, 0.7, 0.33),
}
CABLE: tuple[Colour, ...] = (
    (0.08, 0.08, 0.08),
    (0.9, 0.45, 0.05),
    (0.1, 0.25, 0.7),
    (0.75, 0.1, 0.08),
    (0.55, 0.55, 0.55),
    (0.9, 0.8, 0.1),
    (0.1, 0.5, 0.2),
)


def ring(centre: Vec, a: Vec, b: Vec, n: int = 20) -> Vec:
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    return np.asarray(centre + np.outer(np.cos(t), a) + np.outer(np.sin(t), b), np.float64)


def basis(axis: Vec) -> tuple[Vec, Vec]:
    helper = np.array([0.0, 1, 0]) if abs(axis[1]) < 0.9 else np.array([1.0, 0, 0])
    e1 = np.cross(axis, helper)
    e1 /= np.linalg.norm(e1)
    return e1, np.cross(axis, e1)


def pile(
    region: Region, ri: int, rng: np.random.Generator, amount: float, metal: Colour | None = None
) -> list[Item]:
    """A heap of screws, nuts or washers: a textured mound and loose pieces on top of it."""
    kind = str(rng.choice(["screws", "nuts", "washers"]))
    colour = metal or METALS[str(rng.choice(list(METALS)))]
    w, d = region.width, region.depth
    ru = w / 2 * rng.uniform(0.45, 0.97) * math.sqrt(amount)
    rd = d / 2 * rng.uniform(0.45, 0.95) * math.sqrt(amount)
    cu = rng.uniform(ru, max(ru, w - ru) + 1e-6)
    cd = (
        rng.uniform(rd, max(rd, d - rd) + 1e-6) if rng.random() < 0.5 else rd + rng.uniform(0, 0.02)
    )
    # bins are filled up over the lip, not spread thin: heap height goes with the lip
    peak = min(
        region.height * 0.9, max(region.lip, 0.02) * rng.uniform(0.6, 1.7), 0.6 * min(ru, rd) + 0.02
    )
    size = rng.uniform(0.004, 0.012)
    seed = int(rng.integers(1 << 30))
    centre = region.at(cu, 0.001, cd)
    x, z = np.array([ru, 0, 0]), np.array([0, 0, rd])
    cloud = np.concatenate(
        [ring(centre, x, z, 24), ring(centre + np.array([0, peak, 0]), x * 0.4, z * 0.4, 12)]
    )
    mid = centre + np.array([0, peak * 0.5, 0])
    frame = quad(mid - x + z, mid + x + z, mid + x - z, mid - x - z)
    mound = Face(
        cloud,
        colour,
        parts(seed, colour, 2 * ru, size, kind),
        f"pile{seed}",
        mapping=frame,
        hull=True,
    )
    loose = []
    for _ in range(int(np.clip(ru * rd / (size * size) * 0.5, 25, 220))):
        r, t = math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        h = peak * (1 - r * r) ** 0.8
        p = centre + np.array([ru * r * math.cos(t), h, rd * r * math.sin(t)])
        loose.append((p, rng.uniform(0, math.pi), rng.uniform(0.5, 1.4)))

    def draw(painter: Painter) -> None:
        painter.face(mound)
        for p, a, tone in sorted(loose, key=lambda it: -painter.distance(it[0])):
            c = (colour[0] * tone, colour[1] * tone, colour[2] * tone)
            if kind == "screws":
                v = np.array([math.cos(a), 0.2, math.sin(a)]) * size * 1.6
                strokes.polyline(painter, np.array([p - v, p + v]), c, size * 0.35)
                strokes.dot(
                    painter,
                    p + v,
                    size * 0.3,
                    (min(1, c[0] * 1.3), min(1, c[1] * 1.3), min(1, c[2] * 1.3)),
                )
            else:
                strokes.dot(painter, p, size * 0.5, c)
                strokes.dot(painter, p + np.array([0, 0.001, 0]), size * 0.2, (0.05, 0.05, 0.05))

    return [Item(centre, ri, draw)]


def coils(region: Region, ri: int, rng: np.random.Generator, amount: float) -> list[Item]:
    """Coils of cable or hose lying flat, a few turns each."""
    items: list[Item] = []
    count = 1 + int(amount * 2.5 * rng.random())
    for _ in range(count):
        radius = min(region.width, region.depth) / 2 * rng.uniform(0.5, 0.95)
        thick = rng.uniform(0.004, 0.011)
        colour = CABLE[int(rng.integers(len(CABLE)))]
        centre = region.at(
            rng.uniform(radius, max(radius, region.width - radius)),
            0,
            rng.uniform(radius, max(radius, region.depth - radius)),
        )
        turns = [
            (
                centre
                + np.array([rng.normal(0, 0.004), thick * (0.5 + 0.8 * k), rng.normal(0, 0.004)]),
                radius * rng.uniform(0.85, 1.0),
            )
            for k in range(int(rng.integers(3, 9)))
        ]
        lift = len(items) * thick * 2

        def draw(
            painter: Painter,
            turns: list[tuple[Vec, float]] = turns,
            colour: Colour = colour,
            thick: float = thick,
            lift: float = lift,
        ) -> None:
            for c, r in turns:
                loop = ring(
                    c + np.array([0, lift, 0]), np.array([r, 0, 0]), np.array([0, 0, r]), 36
                )
                strokes.polyline(painter, loop, colour, thick, closed=True)
                glint = (min(1, colour[0] + 0.3), min(1, colour[1] + 0.3), min(1, colour[2] + 0.3))
                strokes.polyline(
                    painter, loop + np.array([0, thick * 0.4, 0]), glint, thick * 0.25, closed=True
                )

        items.append(Item(centre, ri, draw))
    return items
