"""The "shelving" rack: light-duty steel shelving split into locations by dividers, goods
standing straight on the decks (cartons, bags, bundles, a few small parts)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from edge.synth.aisle.geometry import scaled
from edge.synth.aisle.prints import PAPERS, printed_label
from edge.synth.aisle.rack import WALLS, Assembly, Rack, quad
from edge.synth.aisle.steel import (
    bay,
    divider_edge,
    frame,
    plan_shelf,
    shelving_in_hall,
    side_walls,
    tag_quad,
)


def build_shelving(rng: np.random.Generator, aisle_letter: str) -> Rack:
    wall = WALLS[int(rng.integers(len(WALLS)))]
    back_kind = "panel" if rng.random() < 0.5 else "wall"
    steel_back = rng.random() < 0.5
    shelf = plan_shelf(
        rng,
        sections=int(rng.integers(8, 12)),
        width=(0.9, 1.25),
        levels=int(rng.integers(4, 7)),
        clearance=(0.3, 0.46),
        depth=(0.4, 0.6),
        back=wall,
    )
    if back_kind == "panel":
        back = scaled(shelf.steel, 0.85) if steel_back else (175, 178, 178)
        shelf = replace(shelf, back=back)
    paper = PAPERS[int(rng.integers(len(PAPERS)))]
    rack = Assembly(aisle_letter, first_bay=int(rng.integers(1, 40)), front=frame(shelf))
    thick = float(rng.uniform(0.004, 0.012))
    for s in range(len(shelf.xs) - 1):
        for k in range(len(shelf.decks) - 1):
            x0, x1, y0, y1 = shelf.bay_box(s, k)
            count = int(rng.choice([1, 2, 3], p=[0.2, 0.45, 0.35]))
            while count > 1 and (x1 - x0) / count < 0.28:
                count -= 1
            cuts = np.linspace(x0, x1, count + 1)
            cuts[1:-1] += rng.uniform(-0.04, 0.04, count - 1)
            deep = shelf.depth * float(rng.uniform(0.85, 1.0))
            ids = []
            for p in range(count):
                a = cuts[p] + (thick / 2 if p else 0.0)
                b = cuts[p + 1] - (thick / 2 if p < count - 1 else 0.0)
                opening = quad(a, b, y0, y1, 0.0)
                label = tag_quad(shelf, a, b, k, rng)
                rack.tags.append(printed_label(label, rng, paper))
                walls = side_walls(
                    shelf,
                    (a, b),
                    (y0, y1),
                    (deep if p else shelf.depth, deep if p < count - 1 else shelf.depth),
                )
                room = (
                    np.array([a + 0.01, y0, 0.015]),
                    np.array([b - 0.01, y1 - 0.015, shelf.depth - 0.01]),
                )
                ids.append(
                    rack.add_slot((s, k, p), opening, label, room, shelf.steel, shell=(walls,))
                )
                if p:
                    rack.front.append(divider_edge(shelf, cuts[p], thick, y0, y1))
            rack.bays.append(bay(shelf, s, k, tuple(ids)))
    return shelving_in_hall(
        rack, shelf, rng, style="shelving", back=back_kind, deck="steel", holder="shelf", wall=wall
    )
