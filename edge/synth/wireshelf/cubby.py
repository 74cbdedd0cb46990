"""Cubbies: a wall of pigeonholes (corrugated board or melamine panels, a label rail under each
hole, some holes split by a divider)."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.backdrop import surroundings
from edge.synth.wireshelf.cells import cell
from edge.synth.wireshelf.faces import Colour, Face, quad, scaled
from edge.synth.wireshelf.prints import label as label_texture
from edge.synth.wireshelf.rack import Level, Part, Rack, location
from edge.synth.wireshelf.slot import FRONT, LEFT, RIGHT, UP, Box, Slot
from edge.synth.wireshelf.textures import board, cardboard, flute_edge

BOARDS: dict[str, Colour] = {
    "brown cardboard": (0.6, 0.45, 0.29),
    "white cardboard": (0.86, 0.85, 0.8),
    "grey cardboard": (0.56, 0.56, 0.54),
    "white melamine": (0.88, 0.88, 0.86),
    "birch plywood": (0.78, 0.66, 0.48),
    "grey melamine": (0.6, 0.61, 0.62),
}


def edge_label(
    x: float, y: float, width: float, name: str, seed: int, owner: int
) -> tuple[Face, np.ndarray]:
    """A location label stuck on a shelf edge or rail whose top is at height y."""
    lw = min(0.075, width * 0.8)
    pts = quad(
        (x - lw / 2, y - 0.003, -0.003),
        (x + lw / 2, y - 0.003, -0.003),
        (x + lw / 2, y - 0.024, -0.003),
        (x - lw / 2, y - 0.024, -0.003),
    )
    return Face(
        pts, texture=label_texture(name, seed), key=f"lab{seed}", normal=FRONT, owner=owner
    ), pts


def pigeonholes(rng: np.random.Generator, aisle: str, first_bay: int) -> Rack:
    material = str(rng.choice(list(BOARDS)))
    colour = BOARDS[material]
    card = "cardboard" in material
    t = 0.007 if card else 0.018
    w, h, d = rng.uniform(0.18, 0.34), rng.uniform(0.14, 0.3), rng.uniform(0.28, 0.45)
    cols, rows, units = int(rng.integers(4, 7)), int(rng.integers(4, 8)), 3
    rail = 0.026  # label rail height below each hole
    base = rng.uniform(0.05, 0.35)
    seed = int(rng.integers(1 << 30))
    look = (
        cardboard(colour, seed, (d, h))
        if card
        else board(colour, seed, 0.08 if "birch" in material else 0)
    )
    edge = flute_edge(colour, seed) if card else board(scaled(colour, 0.9), seed + 1)
    unit_w = cols * (w + t) + t
    x0 = -unit_w * units / 2
    dividers = rng.random() < 0.35
    slots: list[Slot] = []
    front: list[Part] = []
    levels: list[list[int]] = [[] for _ in range(rows)]
    for u in range(units):
        ux = x0 + u * (unit_w + 0.02)
        for r in range(rows):
            y = base + t + r * (h + t)
            for c in range(cols):
                x = ux + t + c * (w + t)
                name = location(aisle, first_bay + u, r + 1, c + 1)
                cell_seed = int(rng.integers(1 << 30))
                lab, pts = edge_label(x + w / 2, y, w, name, cell_seed, len(slots) + 1)
                top = h - (rail - t if r < rows - 1 else 0.0)
                # the rail above hides the top of the hole: the polygon stops under it
                slot = cell(
                    len(slots),
                    name,
                    Box(x, y, 0.0, w, h, d),
                    colour,
                    look,
                    f"cub{seed}",
                    pts,
                    dividers and rng.random() < 0.5,
                    y + top,
                )
                slots.append(slot)
                front.append(lab)
                levels[r].append(slot.index)
        height = base + rows * (h + t) + t
        for c in range(cols + 1):  # vertical panel edges
            x = ux + c * (w + t)
            front.insert(
                0,
                Face(
                    quad((x, height, 0), (x + t, height, 0), (x + t, base, 0), (x, base, 0)),
                    colour,
                    edge,
                    f"edge{seed}",
                    normal=FRONT,
                ),
            )
        for r in range(rows + 1):  # horizontal panel edges, widened into label rails
            y = base + r * (h + t) + t
            low = y - (rail if r > 0 else t)
            front.insert(
                0,
                Face(
                    quad(
                        (ux, y, -0.001),
                        (ux + unit_w, y, -0.001),
                        (ux + unit_w, low, -0.001),
                        (ux, low, -0.001),
                    ),
                    colour,
                    edge,
                    f"edge{seed}",
                    normal=FRONT,
                ),
            )
        for x, n in ((ux, LEFT), (ux + unit_w, RIGHT)):
            front.append(
                Face(
                    quad((x, height, 0), (x, height, d + t), (x, 0, d + t), (x, 0, 0)),
                    colour,
                    look,
                    f"cub{seed}side",
                    normal=n,
                    shade=0.75,
                )
            )
        front.append(
            Face(
                quad(
                    (ux, height, d + t),
                    (ux + unit_w, height, d + t),
                    (ux + unit_w, height, 0),
                    (ux, height, 0),
                ),
                colour,
                look,
                f"cub{seed}top",
                normal=UP,
            )
        )
        front.append(
            Face(
                quad((ux, base, 0), (ux + unit_w, base, 0), (ux + unit_w, 0, 0), (ux, 0, 0)),
                scaled(colour, 0.6),
                normal=FRONT,
            )
        )
    lo, hi = np.array([x0, 0.0, 0.0]), np.array([x0 + units * (unit_w + 0.02), height, d])
    back, surround = surroundings(rng, lo, hi)
    return Rack(
        style="cubby",
        back=back,
        deck=material,
        surround=surround,
        behind=(),
        levels=tuple(
            Level(base + t + r * (h + t), base + (r + 1) * (h + t), (), tuple(ix))
            for r, ix in enumerate(levels)
        ),
        front=tuple(front),
        slots=tuple(slots),
        lo=lo,
        hi=hi,
    )
