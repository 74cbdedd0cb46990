"""Pallet loads for selective racking: a pallet (fork openings and all) carrying stretch-wrapped
cartons, drums, sacks, or what is left of a carton load after picking.

A wrapped load is one block with its carton seams drawn on, not dozens of boxes: from the aisle
only the block's outline, seams, labels and the wrap's sheen show, and it keeps the face count
low enough for a whole rack of pallets.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, Part, Vec, box, mix, part, rect, vec
from edge.synth.aisle.items import carton_colour, cylinder, pillow
from edge.synth.aisle.prints import shipping_label
from edge.synth.aisle.rack import Slot

PALLET_H = 0.144
WOODS: tuple[Colour, ...] = ((120, 165, 195), (95, 140, 170), (150, 95, 40), (150, 150, 150))
DRUMS: tuple[Colour, ...] = (
    (150, 75, 20),
    (35, 35, 38),
    (35, 35, 170),
    (185, 185, 185),
    (30, 140, 40),
)
SACKS: tuple[Colour, ...] = ((222, 222, 215), (110, 150, 185), (90, 140, 85), (200, 200, 200))
SEAM: Colour = (40, 55, 70)


def _pallet(lo: Vec, hi: Vec, colour: Colour) -> list[Face]:
    """A pallet with dark fork openings on its front and sides."""
    faces = box(lo, hi, colour)
    w, h, d = hi - lo
    hole = mix(colour, (0, 0, 0), 0.75)
    for t in (0.12, 0.58):
        faces.append(
            rect(
                vec(lo[0] + w * t, lo[1] + 0.025, lo[2] - 0.001),
                vec(w * 0.3, 0, 0),
                vec(0, h * 0.6, 0),
                hole,
                vec(0, 0, -1),
            )
        )
        for x, n in ((lo[0] - 0.001, -1.0), (hi[0] + 0.001, 1.0)):
            faces.append(
                rect(
                    vec(x, lo[1] + 0.025, lo[2] + d * t),
                    vec(0, 0, d * 0.3),
                    vec(0, h * 0.6, 0),
                    hole,
                    vec(n, 0, 0),
                )
            )
    return faces


def _seams(lo: Vec, hi: Vec, rng: np.random.Generator) -> list[Face]:
    """Carton joints on a block's front, sides and top."""
    faces: list[Face] = []
    w, h, d = hi - lo
    cols = max(int(np.rint(w / rng.uniform(0.25, 0.42))), 1)
    rows = max(int(np.rint(h / rng.uniform(0.18, 0.32))), 1)
    deep = max(int(np.rint(d / rng.uniform(0.3, 0.42))), 1)
    t = 0.006
    for i in range(1, cols):  # front verticals and top lines across
        x = lo[0] + w * i / cols
        faces.append(
            rect(vec(x, lo[1], lo[2] - 0.001), vec(t, 0, 0), vec(0, h, 0), SEAM, vec(0, 0, -1))
        )
        faces.append(
            rect(vec(x, hi[1] + 0.001, lo[2]), vec(t, 0, 0), vec(0, 0, d), SEAM, vec(0, 1, 0))
        )
    for j in range(1, rows):  # horizontals round the front and both sides
        y = lo[1] + h * j / rows
        faces.append(
            rect(vec(lo[0], y, lo[2] - 0.001), vec(w, 0, 0), vec(0, t, 0), SEAM, vec(0, 0, -1))
        )
        for x, n in ((lo[0] - 0.001, -1.0), (hi[0] + 0.001, 1.0)):
            faces.append(rect(vec(x, y, lo[2]), vec(0, 0, d), vec(0, t, 0), SEAM, vec(n, 0, 0)))
    for k in range(1, deep):  # side verticals
        z = lo[2] + d * k / deep
        for x, n in ((lo[0] - 0.001, -1.0), (hi[0] + 0.001, 1.0)):
            faces.append(rect(vec(x, lo[1], z), vec(0, 0, t), vec(0, h, 0), SEAM, vec(n, 0, 0)))
    return faces


def _block(lo: Vec, hi: Vec, colour: Colour, rng: np.random.Generator, wrapped: bool) -> list[Face]:
    skin = mix(colour, (235, 235, 230), 0.22) if wrapped else colour
    faces = box(lo, hi, skin, sides={"top": mix(skin, (255, 255, 255), 0.1)})
    faces += _seams(lo, hi, rng)
    if wrapped:  # the film's sheen: pale diagonal streaks across the front
        w, h = hi[0] - lo[0], hi[1] - lo[1]
        for _ in range(int(rng.integers(1, 4))):
            x = lo[0] + float(rng.uniform(0, 0.8)) * w
            faces.append(
                rect(
                    vec(x, lo[1], lo[2] - 0.002),
                    vec(w * 0.12, 0, 0),
                    vec(w * 0.08, h, 0) * 0.999,
                    (235, 238, 238),
                    vec(0, 0, -1),
                )
            )
    if rng.random() < 0.8:
        lw, lh = 0.15, 0.1
        x = lo[0] + float(rng.uniform(0.1, 0.7)) * (hi[0] - lo[0] - lw)
        y = lo[1] + float(rng.uniform(0.3, 0.7)) * (hi[1] - lo[1] - lh)
        faces += shipping_label(
            vec(x, y, lo[2] - 0.003), vec(lw, 0, 0), vec(0, lh, 0), vec(0, 0, -1), rng
        )
    return faces


def load(rng: np.random.Generator, slot: Slot) -> tuple[str, list[Part]]:
    """A pallet and its load, standing in the middle of the location."""
    lo, hi = slot.lo, slot.hi
    room = hi - lo
    pw = min(room[0] - 0.04, float(rng.choice([0.8, 1.0, 1.2])))
    pd = min(room[2], 1.2)
    x0 = lo[0] + (room[0] - pw) / 2 + float(rng.uniform(-0.03, 0.03))
    z0 = lo[2] + float(rng.uniform(0.0, 0.04))
    base = vec(x0, lo[1], z0)
    parts = [
        part(_pallet(base, base + vec(pw, PALLET_H, pd), WOODS[int(rng.integers(len(WOODS)))]))
    ]
    floor = lo[1] + PALLET_H
    clear = hi[1] - floor
    kind = str(rng.choice(["cartons", "half-picked", "drums", "sacks"], p=[0.45, 0.15, 0.18, 0.22]))
    inset = float(rng.uniform(0.0, 0.04))
    a = vec(x0 + inset, floor, z0 + inset)
    size = vec(pw - 2 * inset, clear * float(rng.uniform(0.5, 0.95)), pd - 2 * inset)
    if kind == "cartons":
        parts.append(part(_block(a, a + size, carton_colour(rng), rng, True)))
    elif kind == "half-picked":
        colour = carton_colour(rng)
        low = size[1] * float(rng.uniform(0.25, 0.55))
        parts.append(part(_block(a + vec(0, 0, size[2] * 0.45), a + size, colour, rng, False)))
        parts.append(part(_block(a, a + vec(size[0], low, size[2] * 0.45), colour, rng, False)))
    elif kind == "drums":
        colour = DRUMS[int(rng.integers(len(DRUMS)))]
        r = min(pw, pd) / 4 * 0.96
        h = min(0.9, clear - 0.02)
        for cz in (0.75, 0.25):  # back row first: far to near inside the part
            for cx in (0.25, 0.75):
                foot = vec(x0 + pw * cx, floor, z0 + pd * cz)
                faces = cylinder(foot, r, h, colour, 12)
                faces += cylinder(foot + vec(r * 0.5, h, 0), r * 0.12, 0.015, (25, 25, 25), 6)
                parts.append(part(faces, foot + vec(0, h / 2, 0)))
    else:
        colour = SACKS[int(rng.integers(len(SACKS)))]
        layer = float(rng.uniform(0.12, 0.17))
        for k in range(max(int(size[1] / layer), 1)):
            y = floor + k * layer
            for half in (0.5, 0.0):
                jig = float(rng.uniform(-0.03, 0.03))
                s0 = vec(x0 + jig, y, z0 + pd * half)
                faces = pillow(s0, s0 + vec(pw, layer * 1.05, pd * 0.5), colour, rng, k % 3 == 0)
                parts.append(part(faces, s0 + vec(pw / 2, layer / 2, pd * 0.25)))
    return kind, parts
