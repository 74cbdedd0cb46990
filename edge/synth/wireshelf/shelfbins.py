"""Open-front corrugated shelf bins (some with a divider) standing on steel shelving with a
lipped shelf edge; location labels on the bins or on the shelf edge."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.backdrop import surroundings
from edge.synth.wireshelf.bins import leanto
from edge.synth.wireshelf.cubby import BOARDS, edge_label
from edge.synth.wireshelf.faces import Colour, Face, quad
from edge.synth.wireshelf.rack import Level, Part, Rack, location
from edge.synth.wireshelf.slot import DOWN, FRONT, UP, Box, Slot
from edge.synth.wireshelf.textures import steel

SHELF_STEEL: tuple[Colour, ...] = ((0.55, 0.57, 0.6), (0.2, 0.33, 0.55), (0.78, 0.75, 0.66))


def shelf_bins(rng: np.random.Generator, aisle: str, first_bay: int) -> Rack:
    """Corrugated shelf bins (open front, some with a divider) on steel shelving."""
    paint = SHELF_STEEL[int(rng.integers(len(SHELF_STEEL)))]
    unit, depth, units = float(rng.choice([0.9, 1.0, 1.2])), float(rng.choice([0.3, 0.45, 0.6])), 4
    x0 = -unit * units / 2
    board_colour = BOARDS[str(rng.choice(["brown cardboard", "white cardboard", "grey cardboard"]))]
    edge_labels = rng.random() < 0.5
    slots: list[Slot] = []
    levels: list[Level] = []
    behind: list[Part] = []
    front: list[Part] = []
    steel_look = steel(paint, 3)
    y, level_no = float(rng.uniform(0.1, 0.25)), 0
    while y < 1.9:
        h = float(rng.uniform(0.1, 0.3))
        ids: list[int] = []
        deck: list[Part] = []
        for u in range(units):
            ux = x0 + u * unit
            w = float(rng.uniform(0.1, 0.3))
            d = min(depth - 0.02, float(rng.choice([0.3, 0.45, 0.6])))
            cols = int((unit - 0.03) // (w + 0.004))
            x = ux + (unit - cols * (w + 0.004)) / 2
            colour = (
                board_colour
                if rng.random() < 0.85
                else BOARDS[str(rng.choice(["brown cardboard", "white cardboard"]))]
            )
            for c in range(cols):
                seed = int(rng.integers(1 << 30))
                name = location(aisle, first_bay + u, level_no + 1, c + 1)
                bx = x + c * (w + 0.004)
                label = None
                if edge_labels:
                    lab, label = edge_label(bx + w / 2, y - 0.004, w, name, seed, len(slots) + 1)
                    front.append(lab)
                slots.append(
                    leanto(
                        len(slots),
                        name,
                        Box(bx, y + 0.001, 0.01, w, h, d),
                        colour,
                        seed,
                        cardboard_body=True,
                        lip=float(rng.uniform(0.3, 0.55)),
                        kink=float(rng.uniform(0.15, 0.4)),
                        hopper=0.0,
                        label=label,
                        divider=rng.random() < 0.25 and w > 0.15,
                    )
                )
                ids.append(len(slots) - 1)
            top = quad((ux, y, 0), (ux + unit, y, 0), (ux + unit, y, depth), (ux, y, depth))
            deck += [
                Face(top, paint, steel_look, "shelf", normal=UP),
                Face(top - (0, 0.03, 0), paint, steel_look, "shelf", normal=DOWN, shade=0.45),
            ]
            front.insert(
                0,
                Face(
                    quad(
                        (ux, y + 0.002, -0.002),
                        (ux + unit, y + 0.002, -0.002),
                        (ux + unit, y - 0.032, -0.002),
                        (ux, y - 0.032, -0.002),
                    ),
                    paint,
                    steel_look,
                    "lip",
                    normal=FRONT,
                ),
            )
        levels.append(Level(y, y + h, tuple(deck), tuple(ids)))
        y += h + float(rng.uniform(0.05, 0.16)) + 0.03
        level_no += 1
    for u in range(units + 1):
        x = x0 + u * unit
        for z, n in ((0.0, FRONT), (depth, FRONT)):
            (front if z == 0 else behind).append(
                Face(
                    quad(
                        (x - 0.018, y, z - 0.004),
                        (x + 0.018, y, z - 0.004),
                        (x + 0.018, 0, z - 0.004),
                        (x - 0.018, 0, z - 0.004),
                    ),
                    paint,
                    steel_look,
                    "upright",
                    normal=n,
                    shade=0.9,
                )
            )
    lo, hi = np.array([x0, 0.0, 0.0]), np.array([x0 + units * unit, y, depth])
    back, surround = surroundings(rng, lo, hi)
    return Rack(
        style="cubby",
        back=back,
        deck="steel shelf",
        surround=surround,
        behind=tuple(behind),
        levels=tuple(levels),
        front=tuple(front),
        slots=tuple(slots),
        lo=lo,
        hi=hi,
    )
