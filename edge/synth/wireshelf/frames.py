"""Baskets and drawers: wire baskets hung on a tube frame (see-through on every side), or clear
plastic drawers in steel parts cabinets (contents seen through the drawer front)."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.backdrop import surroundings
from edge.synth.wireshelf.faces import Colour, Face, quad
from edge.synth.wireshelf.rack import Level, Part, Post, Rack, location
from edge.synth.wireshelf.seethrough import basket, drawer
from edge.synth.wireshelf.slot import FRONT, LEFT, RIGHT, UP, Box, Slot
from edge.synth.wireshelf.textures import post, steel

WIRES: dict[str, Colour] = {
    "chrome": (0.78, 0.79, 0.8),
    "white epoxy": (0.9, 0.9, 0.88),
    "black": (0.12, 0.12, 0.13),
}
CABINETS: tuple[Colour, ...] = (
    (0.58, 0.6, 0.62),
    (0.2, 0.34, 0.58),
    (0.8, 0.76, 0.66),
    (0.45, 0.12, 0.1),
)
TINTS: tuple[Colour, ...] = (
    (0.86, 0.9, 0.95),
    (0.7, 0.84, 0.95),
    (0.55, 0.55, 0.58),
    (0.92, 0.88, 0.78),
)


def baskets(rng: np.random.Generator, aisle: str, first_bay: int) -> Rack:
    finish = str(rng.choice(list(WIRES)))
    wire = WIRES[finish]
    bay, depth, bays = float(rng.uniform(0.8, 1.2)), float(rng.uniform(0.32, 0.5)), 4
    x0 = -bay * bays / 2
    slots: list[Slot] = []
    levels: list[Level] = []
    front: list[Part] = []
    behind: list[Part] = []
    y, level_no = float(rng.uniform(0.15, 0.35)), 0
    while y < 1.85:
        h = float(rng.uniform(0.1, 0.2))
        count = int(rng.integers(2, 6))
        lip = 1.0 if rng.random() < 0.6 else float(rng.uniform(0.55, 0.8))
        ids: list[int] = []
        for b in range(bays):
            bx = x0 + b * bay + 0.02
            w = (bay - 0.04 - 0.006 * (count - 1)) / count
            for k in range(count):
                seed = int(rng.integers(1 << 30))
                name = location(aisle, first_bay + b, level_no + 1, k + 1)
                slots.append(
                    basket(
                        len(slots),
                        name,
                        Box(bx + k * (w + 0.006), y, 0.01, w, h, depth - 0.02),
                        wire,
                        seed,
                        lip,
                    )
                )
                ids.append(len(slots) - 1)
            for z, where in ((0.0, front), (depth, behind)):
                where.insert(
                    0,
                    Face(
                        quad(
                            (bx - 0.02, y, z - 0.006),
                            (bx + bay - 0.02, y, z - 0.006),
                            (bx + bay - 0.02, y - 0.018, z - 0.006),
                            (bx - 0.02, y - 0.018, z - 0.006),
                        ),
                        wire,
                        normal=FRONT,
                        shade=0.85,
                    ),
                )
        levels.append(Level(y, y + h, (), tuple(ids)))
        y += h + float(rng.uniform(0.05, 0.14))
        level_no += 1
    tube = post(wire, 5, y, finish == "chrome")
    for b in range(bays + 1):
        x = x0 + b * bay
        front.append(Post(x, -0.01, 0.0, y, 0.015, wire, tube, "tube"))
        behind.append(Post(x, depth, 0.0, y, 0.015, wire, tube, "tube"))
    lo, hi = np.array([x0, 0.0, 0.0]), np.array([x0 + bays * bay, y, depth])
    back, surround = surroundings(rng, lo, hi)
    return Rack(
        style="basket",
        back=back,
        deck=f"{finish} wire basket",
        surround=surround,
        behind=tuple(behind),
        levels=tuple(levels),
        front=tuple(front),
        slots=tuple(slots),
        lo=lo,
        hi=hi,
    )


def cabinets(rng: np.random.Generator, aisle: str, first_bay: int) -> Rack:
    """Parts cabinets standing side by side, each a grid of clear drawers."""
    paint = CABINETS[int(rng.integers(len(CABINETS)))]
    tint = TINTS[int(rng.integers(len(TINTS)))]
    look = steel(paint, 11)
    count, depth = 3, float(rng.uniform(0.25, 0.4))
    rows, frame, side = int(rng.integers(5, 11)), float(rng.uniform(0.006, 0.014)), 0.02
    h = float(rng.uniform(0.06, 0.14))
    base = 0.1
    slots: list[Slot] = []
    front: list[Part] = []
    ids: list[list[int]] = [[] for _ in range(rows)]
    x = -1.0
    for c in range(count):
        cols = int(rng.integers(2, 6))
        w = float(rng.uniform(0.1, 0.28))
        width = cols * w + (cols - 1) * frame + 2 * side
        top = base + rows * (h + frame) + frame
        for r in range(rows):
            for k in range(cols):
                seed = int(rng.integers(1 << 30))
                name = location(aisle, first_bay + c, r + 1, k + 1)
                hole = Box(
                    x + side + k * (w + frame), base + frame + r * (h + frame), 0.0, w, h, depth
                )
                slots.append(drawer(len(slots), name, hole, paint, tint, seed))
                ids[r].append(len(slots) - 1)
        for r in range(rows + 1):  # the web between drawer rows
            yy = base + r * (h + frame)
            front.insert(
                0,
                Face(
                    quad(
                        (x, yy + frame, 0),
                        (x + width, yy + frame, 0),
                        (x + width, yy, 0),
                        (x, yy, 0),
                    ),
                    paint,
                    look,
                    "cab",
                    normal=FRONT,
                ),
            )
        for k in range(cols + 1):
            xx = (
                x + side - frame + k * (w + frame)
                if 0 < k < cols
                else (x if k == 0 else x + width - side)
            )
            ww = frame if 0 < k < cols else side
            front.insert(
                0,
                Face(
                    quad((xx, top, 0), (xx + ww, top, 0), (xx + ww, base, 0), (xx, base, 0)),
                    paint,
                    look,
                    "cab",
                    normal=FRONT,
                ),
            )
        front.append(
            Face(
                quad((x, top, depth), (x + width, top, depth), (x + width, top, 0), (x, top, 0)),
                paint,
                look,
                "cab",
                normal=UP,
            )
        )
        for xx, n in ((x, LEFT), (x + width, RIGHT)):
            front.append(
                Face(
                    quad((xx, top, 0), (xx, top, depth), (xx, 0, depth), (xx, 0, 0)),
                    paint,
                    look,
                    "cab",
                    normal=n,
                    shade=0.75,
                )
            )
        front.append(
            Face(
                quad((x, base, 0), (x + width, base, 0), (x + width, 0, 0), (x, 0, 0)),
                (0.1, 0.1, 0.1),
                normal=FRONT,
            )
        )
        x += width + float(rng.uniform(0.0, 0.05))
    lo, hi = np.array([-1.0, 0.0, 0.0]), np.array([x, base + rows * (h + frame), depth])
    back, surround = surroundings(rng, lo, hi)
    levels = tuple(
        Level(base + frame + r * (h + frame), base + (r + 1) * (h + frame), (), tuple(ix))
        for r, ix in enumerate(ids)
    )
    return Rack(
        style="basket",
        back=back,
        deck="drawer cabinet",
        surround=surround,
        behind=(),
        levels=levels,
        front=tuple(front),
        slots=tuple(slots),
        lo=lo,
        hi=hi,
    )
