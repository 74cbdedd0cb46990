"""The "binwall" rack: steel shelves lined with lean-to plastic stacking bins (totes), one
colour per rack, goods showing over the low front lip.

A tote is a location: its inner back, floor and far wall are drawn before the goods, its front
panel and outer walls after them, so an empty tote shows its own shaded inside and a full one
shows goods rising over the lip. The location label sits on the tote front or on the shelf lip.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, Part, box, face, mix, part, rect, scaled, vec
from edge.synth.aisle.prints import PAPERS, printed_label
from edge.synth.aisle.rack import WALLS, Assembly, Rack, quad
from edge.synth.aisle.steel import Shelf, bay, frame, plan_shelf, shelving_in_hall, tag_quad

TOTES: tuple[Colour, ...] = (
    (170, 100, 30),
    (40, 40, 190),
    (30, 190, 230),
    (60, 140, 50),
    (120, 120, 118),
    (48, 48, 50),
    (30, 120, 235),
)
WALL = 0.006  # tote wall thickness


def _profile(
    x: float, y0: float, z0: float, depth: float, front: float, back: float
) -> list[list[float]]:
    """A tote's side outline at x: low at the front, rising to full height a third of the way."""
    return [
        [x, y0, z0],
        [x, y0, z0 + depth],
        [x, y0 + back, z0 + depth],
        [x, y0 + back, z0 + depth * 0.35],
        [x, y0 + front, z0],
    ]


def _tote(
    lo: tuple[float, float, float], size: tuple[float, float, float], front: float, colour: Colour
) -> tuple[Part, Part]:
    """The inside (drawn before goods) and the outside (after) of one tote."""
    x0, y0, z0 = lo
    w, back, d = size
    x1 = x0 + w
    inner = mix(colour, (0, 0, 0), 0.18)
    inside: list[Face] = [
        face(_profile(x0 + WALL, y0, z0, d, front, back), inner, vec(1, 0, 0)),
        face(_profile(x1 - WALL, y0, z0, d, front, back), inner, vec(-1, 0, 0)),
        face(
            [
                [x0, y0 + WALL, z0],
                [x1, y0 + WALL, z0],
                [x1, y0 + WALL, z0 + d],
                [x0, y0 + WALL, z0 + d],
            ],
            inner,
            vec(0, 1, 0),
        ),
        face(
            [
                [x0, y0, z0 + d - WALL],
                [x1, y0, z0 + d - WALL],
                [x1, y0 + back, z0 + d - WALL],
                [x0, y0 + back, z0 + d - WALL],
            ],
            inner,
            vec(0, 0, -1),
        ),
    ]
    outside: list[Face] = [
        face(_profile(x0, y0, z0, d, front, back), colour, vec(-1, 0, 0)),
        face(_profile(x1, y0, z0, d, front, back), colour, vec(1, 0, 0)),
        *box(
            (x0, y0, z0),
            (x1, y0 + front, z0 + WALL * 2),
            colour,
            sides={"top": scaled(colour, 1.15)},
        ),
        # the grip moulded into the front
        rect(
            vec(x0 + w * 0.3, y0 + front * 0.62, z0 - 0.0008),
            vec(w * 0.4, 0, 0),
            vec(0, front * 0.16, 0),
            mix(colour, (0, 0, 0), 0.5),
            vec(0, 0, -1),
        ),
    ]
    return part(inside), part(outside)


def build_binwall(rng: np.random.Generator, aisle_letter: str) -> Rack:
    wall = WALLS[int(rng.integers(len(WALLS)))]
    shelf: Shelf = plan_shelf(
        rng,
        sections=int(rng.integers(8, 12)),
        width=(0.9, 1.25),
        levels=int(rng.integers(5, 8)),
        clearance=(0.2, 0.32),
        depth=(0.35, 0.5),
        back=wall if rng.random() < 0.5 else (170, 172, 172),
    )
    colour = TOTES[int(rng.integers(len(TOTES)))]
    on_tote = rng.random() < 0.5
    paper = PAPERS[int(rng.integers(len(PAPERS)))]
    width = float(rng.uniform(0.2, 0.34))
    gap = float(rng.uniform(0.006, 0.02))
    rack = Assembly(aisle_letter, first_bay=int(rng.integers(1, 40)), front=frame(shelf))
    for s in range(len(shelf.xs) - 1):
        for k in range(len(shelf.decks) - 1):
            x0, x1, y0, y1 = shelf.bay_box(s, k)
            count = max(int((x1 - x0 + gap) / (width + gap)), 1)
            spare = (x1 - x0) - count * width - (count - 1) * gap
            back = (y1 - y0) - float(rng.uniform(0.015, 0.04))
            front = back * float(rng.uniform(0.4, 0.55))
            z0 = float(rng.uniform(0.0, 0.02))
            depth = min(shelf.depth - z0 - 0.01, float(rng.uniform(0.3, 0.5)))
            ids = []
            for p in range(count):
                a = x0 + spare / 2 + p * (width + gap)
                inside, outside = _tote((a, y0, z0), (width, back, depth), front, colour)
                lips = [outside]
                if on_tote:
                    lw, lh = min(0.08, width * 0.6), min(0.035, front * 0.4)
                    label = quad(
                        a + (width - lw) / 2,
                        a + (width + lw) / 2,
                        y0 + front * 0.12,
                        y0 + front * 0.12 + lh,
                        z0 - 0.0015,
                    )
                    lips.append(printed_label(label, rng, paper))
                else:
                    label = tag_quad(shelf, a, a + width, k, rng)
                    rack.tags.append(printed_label(label, rng, paper))
                opening = quad(a, a + width, y0, y0 + back, z0)
                room = (
                    np.array([a + WALL + 0.004, y0 + WALL, z0 + WALL + 0.004]),
                    np.array([a + width - WALL - 0.004, y1 - 0.012, z0 + depth - WALL - 0.004]),
                )
                ids.append(
                    rack.add_slot(
                        (s, k, p), opening, label, room, colour, shell=(inside,), lips=tuple(lips)
                    )
                )
            rack.bays.append(bay(shelf, s, k, tuple(ids), ends=True))
    return shelving_in_hall(
        rack,
        shelf,
        rng,
        style="binwall",
        back="panel" if shelf.back != wall else "wall",
        deck="tote",
        holder="tote",
        wall=wall,
    )
