"""What an emptied location keeps: a sheet of paper, a curl of tape, an old label, dust.

Litter is flat and small on purpose: it changes the crop of an empty location without looking
like stock, which is exactly what an occupancy judge must learn to ignore.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Face, Part, face, rect, turn_y, vec
from edge.synth.aisle.goods import on_floor
from edge.synth.aisle.prints import barcode
from edge.synth.aisle.rack import Slot

UP = vec(0, 1, 0)


def _flat(
    centre_x: float, y: float, centre_z: float, w: float, d: float, angle: float
) -> list[list[float]]:
    r = turn_y(angle)
    pts = [r @ vec(sx * w / 2, 0, sz * d / 2) for sx, sz in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    return [[p[0] + centre_x, y, p[2] + centre_z] for p in pts]


def _paper(rng: np.random.Generator, slot: Slot, x: float, z: float, room: float) -> list[Face]:
    w, d = min(0.21, room * 0.8), min(0.15, room * 0.6)
    colour = (235, 238, 240) if rng.random() < 0.7 else (170, 225, 240)
    y = slot.lo[1] + 0.003
    pts = _flat(x, y, z, w, d, float(rng.uniform(-0.8, 0.8)))
    if rng.random() < 0.5:  # a folded-up corner
        pts[2][1] += d * 0.25
    return [face(pts, colour, UP, two_sided=True)]


def _tape(rng: np.random.Generator, slot: Slot, x: float, z: float, room: float) -> list[Face]:
    colour = [(60, 120, 170), (150, 170, 180), (40, 150, 210)][int(rng.integers(3))]
    faces = []
    angle = float(rng.uniform(-1.2, 1.2))
    y = slot.lo[1] + 0.003
    length, width = min(float(rng.uniform(0.08, 0.25)), room), float(rng.uniform(0.02, 0.045))
    for k in range(3):  # a few pieces, the last one curling up
        step = turn_y(angle) @ vec(length / 3, 0, 0)
        start = vec(x, y + (0.012 if k == 2 else 0.0), z) + step * (k - 1.5)
        faces.append(
            rect(start, step, turn_y(angle) @ vec(0, 0, width), colour, UP, two_sided=True)
        )
    return faces


def _label(rng: np.random.Generator, slot: Slot, x: float, z: float, room: float) -> list[Face]:
    w, h = min(0.08, room * 0.6), 0.045
    paper = (232.0, 235.0, 235.0)
    if rng.random() < 0.5:  # still stuck to the back
        origin = vec(x - w / 2, slot.lo[1] + float(rng.uniform(0.03, 0.1)), slot.hi[2] - 0.002)
        back = vec(0, 0, -1)
        bars = barcode(
            origin + vec(w * 0.1, h * 0.15, 0), vec(w * 0.8, 0, 0), vec(0, h * 0.5, 0), back, rng
        )
        return [rect(origin, vec(w, 0, 0), vec(0, h, 0), paper, back), *bars]
    origin = vec(x - w / 2, slot.lo[1] + 0.003, z)
    bars = barcode(
        origin + vec(w * 0.1, 0.0005, h * 0.2), vec(w * 0.8, 0, 0), vec(0, 0, h * 0.5), UP, rng
    )
    return [rect(origin, vec(w, 0, 0), vec(0, 0, h), paper, UP, two_sided=True), *bars]


def _dust(rng: np.random.Generator, slot: Slot, x: float, z: float, room: float) -> list[Face]:
    faces = []
    grey = (95, 100, 105) if rng.random() < 0.5 else (70, 90, 110)
    for _ in range(int(rng.integers(3, 7))):
        r = float(rng.uniform(0.015, 0.05))
        cx, cz = x + float(rng.uniform(-room, room)) * 0.35, z + float(rng.uniform(-0.08, 0.08))
        angles = np.sort(rng.uniform(0, 2 * np.pi, 6))
        pts = [[cx + r * np.cos(a), slot.lo[1] + 0.002, cz + r * 0.7 * np.sin(a)] for a in angles]
        faces.append(face(pts, grey, UP))
    return faces


KINDS = {"paper": _paper, "tape": _tape, "label": _label, "dust": _dust}


def scatter(rng: np.random.Generator, slot: Slot) -> tuple[str, tuple[Part, ...]]:
    """One kind of litter somewhere on the location's floor."""
    kind = str(rng.choice(list(KINDS), p=[0.32, 0.26, 0.22, 0.2]))
    room = float(slot.hi[0] - slot.lo[0])
    depth = float(slot.hi[2] - slot.lo[2])
    x = float(slot.lo[0] + room * rng.uniform(0.3, 0.7))
    z = float(slot.lo[2] + depth * rng.uniform(0.25, 0.7))
    faces = KINDS[kind](rng, slot, x, z, room)
    return kind, (on_floor(slot, faces),)
