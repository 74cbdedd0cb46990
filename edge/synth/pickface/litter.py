"""What an empty location still shows: nothing, or litter nobody would call stock.

A scrap of paper, a bit of tape, an old label, dust, a cable tie, a pencil in small-parts bins;
film, a broken slat, a cardboard sheet or a strap in a pallet bay, which may also keep its bare
pallet. Litter stays small and flat, so that a person still calls the location empty.
"""

from __future__ import annotations

import math

import numpy as np

from edge.synth.pickface.containers import draw_block
from edge.synth.pickface.layout import Draw, Goods, Slot
from edge.synth.pickface.loads import PALLET_TOP, pallet
from edge.synth.pickface.painter import Colour, Painter, scaled

SMALL = ("paper", "tape", "old label", "dust", "cable tie", "pencil")
BAY = ("film", "slat", "cardboard", "strap", "dust")


def _flat(
    slot: Slot, rng: np.random.Generator, size: float, base: float, corners: int
) -> np.ndarray:
    """An irregular flat patch on the floor, somewhere inside the location."""
    cx = rng.uniform(size, max(size + 1e-3, slot.width - size))
    cz = -rng.uniform(size, max(size + 1e-3, slot.depth - size))
    t = np.sort(rng.uniform(0, 2 * math.pi, corners))
    r = size * rng.uniform(0.5, 1.0, corners)
    return np.stack([cx + r * np.cos(t), np.full(corners, base + 0.001), cz + r * np.sin(t)], 1)


def _item(slot: Slot, rng: np.random.Generator, kind: str, base: float) -> Draw:
    span = min(slot.width, slot.depth)
    if kind in ("paper", "cardboard", "film", "old label"):
        size = span * (rng.uniform(0.1, 0.2) if kind != "cardboard" else rng.uniform(0.2, 0.35))
        patch = slot.world(_flat(slot, rng, size, base, 4 if kind == "old label" else 6))
        colour: Colour = {
            "paper": (225.0, 238.0, 240.0),
            "cardboard": (85.0, 140.0, 185.0),
            "film": (240.0, 240.0, 240.0),
            "old label": (200.0, 210.0, 212.0),
        }[kind]
        alpha = 0.35 if kind == "film" else 1.0
        lines = [(float(rng.uniform(0.2, 0.5)), float(rng.uniform(0.2, 0.8))) for _ in range(3)]

        def sheet(p: Painter) -> None:
            p.fill(patch, colour, alpha=alpha)
            if kind in ("paper", "old label"):
                a, b = patch[0], patch[1]
                for s, t in lines:
                    q0 = a + (patch[2] - a) * t
                    p.rod(q0, q0 + (b - a) * s, span * 0.004, scaled(colour, 0.6))

        return sheet
    if kind == "dust":
        specks = [_flat(slot, rng, span * 0.01, base, 3) for _ in range(int(rng.integers(15, 60)))]
        smudge = _flat(slot, rng, span * rng.uniform(0.15, 0.3), base, 8)

        def dust(p: Painter) -> None:
            p.fill(slot.world(smudge), (90.0, 95.0, 100.0), alpha=0.18)
            p.fills([slot.world(s) for s in specks], [(80.0, 85.0, 90.0)] * len(specks))

        return dust
    if kind == "slat":
        x, z = rng.uniform(0.1, 0.6) * slot.width, -rng.uniform(0.2, 0.8) * slot.depth
        length = rng.uniform(0.25, 0.5)

        def slat(p: Painter) -> None:
            draw_block(
                p,
                slot.world,
                (x, base, z),
                (x + length, base + 0.022, z + 0.1),
                (110.0, 160.0, 200.0),
            )

        return slat
    # thin things: tape, a cable tie, a pencil, a strap
    length = span * rng.uniform(0.25, 0.5) if kind != "strap" else slot.width * 0.6
    a = _flat(slot, rng, length / 2, base, 3)[0]
    angle = rng.uniform(0, math.pi)
    b = a + np.array([length * math.cos(angle), 0.0, length * math.sin(angle) * 0.5])
    radius, colour = {
        "tape": (span * 0.02, (120.0, 170.0, 200.0)),
        "cable tie": (span * 0.006, (235.0, 235.0, 235.0) if rng.random() < 0.5 else (30.0,) * 3),
        "pencil": (span * 0.012, (40.0, 200.0, 235.0)),
        "strap": (0.008, (170.0, 100.0, 40.0)),
    }[kind]
    bend = np.array([0.0, 0.0, rng.normal(0, length * 0.1)])

    def thin(p: Painter) -> None:
        mid = (a + b) / 2 + bend
        for q0, q1 in ((a, mid), (mid, b)):
            p.rod(slot.world([q0])[0], slot.world([q1])[0], radius, colour)
        if kind == "pencil":
            tip = b + (b - a) / np.linalg.norm(b - a) * radius * 3
            p.rod(slot.world([b])[0], slot.world([tip])[0], radius * 0.6, (60.0, 60.0, 60.0))

    return thin


def empty(slot: Slot, rng: np.random.Generator, litter: bool) -> Goods:
    """An empty location: a bay may keep its bare pallet; litter lies on the floor."""
    draws: list[Draw] = []
    base = 0.0
    if slot.kind == "bay" and rng.random() < 0.55:
        draw_pallet, _, _ = pallet(slot, rng)
        draws.append(draw_pallet)
        base = PALLET_TOP
    if litter:
        kinds = BAY if slot.kind == "bay" else SMALL
        for _ in range(int(rng.integers(1, 3))):
            draws.append(_item(slot, rng, kinds[int(rng.integers(len(kinds)))], base))
    return draws, []
