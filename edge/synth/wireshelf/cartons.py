"""Small boxes: cuboids with a printed or corrugated face toward the aisle, in rows and layers,
filled from the back or the front, sometimes sticking out of a stuffed location."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, quad
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.prints import product
from edge.synth.wireshelf.slot import BACK, DOWN, FRONT, LEFT, RIGHT, UP, Region
from edge.synth.wireshelf.textures import cardboard

BROWN: Colour = (0.62, 0.47, 0.3)


def any_colour(rng: np.random.Generator) -> Colour:
    return (
        float(rng.uniform(0.05, 0.95)),
        float(rng.uniform(0.05, 0.95)),
        float(rng.uniform(0.05, 0.95)),
    )


def cuboid(lo: Vec, size: Vec, front: Face, side: Colour, top: Colour) -> list[Face]:
    """The six faces of a box; `front`'s texture goes on the face toward the aisle."""
    x0, y0, z0 = lo
    x1, y1, z1 = lo + size
    return [
        Face(
            quad((x0, y1, z0), (x1, y1, z0), (x1, y0, z0), (x0, y0, z0)),
            front.colour,
            front.texture,
            front.key,
            normal=FRONT,
        ),
        Face(quad((x0, y1, z1), (x1, y1, z1), (x1, y1, z0), (x0, y1, z0)), top, normal=UP),
        Face(
            quad((x0, y1, z1), (x0, y1, z0), (x0, y0, z0), (x0, y0, z1)),
            side,
            normal=LEFT,
            shade=0.8,
        ),
        Face(
            quad((x1, y1, z0), (x1, y1, z1), (x1, y0, z1), (x1, y0, z0)),
            side,
            normal=RIGHT,
            shade=0.8,
        ),
        Face(
            quad((x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)),
            side,
            normal=DOWN,
            shade=0.4,
        ),
        Face(
            quad((x1, y1, z1), (x0, y1, z1), (x0, y0, z1), (x1, y0, z1)),
            side,
            normal=BACK,
            shade=0.7,
        ),
    ]


def paint_all(faces: list[Face]) -> Callable[[Painter], None]:
    def draw(painter: Painter) -> None:
        for f in faces:
            painter.face(f)

    return draw


def boxes(
    region: Region,
    ri: int,
    rng: np.random.Generator,
    amount: float,
    colour: Colour | None = None,
    protrude: float = 0.0,
) -> list[Item]:
    """Small boxes in rows and layers, filled from the back or the front; `protrude` lets the
    front row stick out of the opening and the top layer rise above the walls."""
    bw = rng.uniform(0.04, max(0.045, min(0.14, region.width * 0.95)))
    bd = rng.uniform(0.04, max(0.045, min(0.16, region.depth * 0.9)))
    bh = rng.uniform(0.03, max(0.035, min(0.12, region.height * 0.9)))
    cols = max(1, int(region.width // (bw + 0.003)))
    rows = max(1, int((region.depth + protrude) // (bd + 0.003)))
    layers = max(
        1, int((region.height * (1.0 + 2 * protrude / max(region.depth, 0.05)) * 0.95) // bh)
    )
    spots = [(c, r, k) for k in range(layers) for r in range(rows) for c in range(cols)]
    count = max(1, round(len(spots) * amount))
    back_first = rng.random() < 0.6
    spots.sort(key=lambda s: (s[2], -s[1] if back_first else s[1]))
    seed = int(rng.integers(1 << 30))
    base = colour or (
        BROWN
        if rng.random() < 0.45
        else (0.9, 0.9, 0.88)
        if rng.random() < 0.4
        else any_colour(rng)
    )
    look = product(seed, base) if rng.random() < 0.6 else cardboard(base, seed, (bw, bh))
    items = []
    for c, r, k in spots[:count]:
        lo = region.at(
            c * (bw + 0.003) + rng.normal(0, 0.002),
            k * bh,
            region.depth - (r + 1) * (bd + 0.003) if back_first else r * (bd + 0.003) - protrude,
        )
        front = Face(np.zeros((4, 3)), base, look, f"box{seed}")
        faces = cuboid(lo, np.array([bw, bh * 0.98, bd]), front, base, base)
        if k == 0:  # a soft contact shadow where the box meets the floor
            x0, y0, z0 = lo + np.array([-0.004, 0.0008, -0.004])
            x1, z1 = x0 + bw + 0.008, z0 + bd + 0.008
            floor = quad((x0, y0, z1), (x1, y0, z1), (x1, y0, z0), (x0, y0, z0))
            faces.insert(0, Face(floor, (0.0, 0.0, 0.0), alpha=0.35))
        items.append(Item(lo + np.array([bw, bh, bd]) / 2, ri, paint_all(faces)))
    return items
