"""Bottles (body, shoulder, neck, cap) and cans or tins, standing in rows when the location is
tall enough and lying side by side when it is not."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf import strokes
from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, colour_of
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.shapes import basis, ring
from edge.synth.wireshelf.slot import Region


def cylinder(
    painter: Painter,
    base: Vec,
    axis: Vec,
    radius: float,
    length: float,
    colour: Colour,
    band: Colour | None,
    cap: Colour,
) -> None:
    """A cylinder: body, printed band, a glint along it and the end that faces the eye."""
    e1, e2 = basis(axis)
    top = base + axis * length
    a, b = e1 * radius, e2 * radius
    dark = (colour[0] * 0.8, colour[1] * 0.8, colour[2] * 0.8)
    strokes.hull(painter, np.concatenate([ring(base, a, b), ring(top, a, b)]), dark)
    if band is not None:
        strokes.hull(
            painter,
            np.concatenate(
                [
                    ring(base + axis * length * 0.25, a * 1.01, b * 1.01),
                    ring(base + axis * length * 0.75, a * 1.01, b * 1.01),
                ]
            ),
            band,
        )
    view = painter.camera.eye - (base + top) / 2
    side = view - np.dot(view, axis) * axis
    side /= np.linalg.norm(side) + 1e-9
    glint = side * radius * 0.6 + np.cross(axis, side) * radius * 0.35
    strokes.polyline(
        painter,
        np.array([base + glint + axis * 0.01, top + glint - axis * 0.01]),
        (min(1, colour[0] + 0.35), min(1, colour[1] + 0.35), min(1, colour[2] + 0.35)),
        radius * 0.18,
    )
    if np.dot(axis, painter.camera.eye - top) > 0:
        strokes.fill(painter, ring(top, a, b), cap)
    elif np.dot(-axis, painter.camera.eye - base) > 0:
        strokes.fill(painter, ring(base, a, b), (cap[0] * 0.8, cap[1] * 0.8, cap[2] * 0.8))


def bottles(
    region: Region, ri: int, rng: np.random.Generator, amount: float, cans: bool
) -> list[Item]:
    """Bottles (body, shoulder, neck, cap) or cans and tins: standing in rows when the bin is
    tall enough, otherwise lying side by side."""
    radius = rng.uniform(0.018, 0.045)
    length = rng.uniform(0.06, 0.14) if cans else rng.uniform(0.12, 0.25)
    standing = region.height > length * 1.05 + 0.01
    if not standing:
        length = min(length, region.depth * 0.9, region.width * 0.9)
    colour = colour_of(rng.uniform(0.6, 0.85, 3) if cans else rng.uniform(0.1, 0.95, 3))
    band = colour_of(rng.uniform(0.05, 0.95, 3))
    cap = (0.85, 0.85, 0.87) if cans else colour_of(rng.uniform(0, 1, 3))
    along_depth = rng.random() < 0.5
    foot = (
        (2 * radius, 2 * radius)
        if standing
        else ((2 * radius, length) if along_depth else (length, 2 * radius))
    )
    cols, rows = (
        max(1, int(region.width // (foot[0] + 0.004))),
        max(1, int(region.depth // (foot[1] + 0.004))),
    )
    spots = [(c, r) for r in range(rows) for c in range(cols)]
    count = max(1, round(len(spots) * amount))
    start = rng.integers(0, 2)
    chosen = spots[-count:] if start else spots[:count]
    items = []
    for c, r in chosen:
        u = (c + 0.5) * (foot[0] + 0.004) + rng.normal(0, 0.002)
        d = (r + 0.5) * (foot[1] + 0.004) + rng.normal(0, 0.002)
        if standing:
            base, axis = region.at(u, 0.0, d), np.array([0.0, 1, 0])
        elif along_depth:
            base, axis = region.at(u, radius, d - length / 2), np.array([0.0, 0, 1])
        else:
            base, axis = region.at(u - length / 2, radius, d), np.array([1.0, 0, 0])
        body = length if cans else length * 0.68

        def draw(painter: Painter, base: Vec = base, axis: Vec = axis, body: float = body) -> None:
            if standing:  # contact shadow on the floor
                flat = np.array([radius * 1.2, 0, 0]), np.array([0, 0, radius * 1.2])
                strokes.fill(painter, ring(base + np.array([0, 0.0008, 0]), *flat), (0, 0, 0), 0.35)
            cylinder(painter, base, axis, radius, body, colour, band, cap)
            if not cans:
                e1, e2 = basis(axis)
                neck = base + axis * body
                strokes.hull(
                    painter,
                    np.concatenate(
                        [
                            ring(neck, e1 * radius, e2 * radius),
                            ring(
                                neck + axis * length * 0.14, e1 * radius * 0.35, e2 * radius * 0.35
                            ),
                        ]
                    ),
                    colour,
                )
                cylinder(
                    painter,
                    neck + axis * length * 0.14,
                    axis,
                    radius * 0.4,
                    length * 0.16,
                    cap,
                    None,
                    cap,
                )

        items.append(Item(base + axis * length / 2, ri, draw))
    return items
