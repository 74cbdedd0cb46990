"""Printed things stuck on surfaces: location labels, shipping labels, logos, tape.

Ink is geometry too: every bar and text line is a thin face on the paper's plane, drawn right
after the paper, so it foreshortens and blurs with the surface it is on. At webcam resolution a
barcode is a run of dark bars and text is a few grey lines, which is all the judge ever sees.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, Part, Vec, part, rect, vec

INK: Colour = (25, 25, 28)
PAPERS: tuple[Colour, ...] = ((238, 240, 240), (225, 232, 235), (90, 225, 245), (235, 235, 225))


def barcode(
    origin: Vec, u: Vec, v: Vec, toward: Vec, rng: np.random.Generator, ink: Colour = INK
) -> list[Face]:
    """Bars across the parallelogram origin + [0, 1]·u + [0, 1]·v."""
    widths = rng.choice([1.0, 1.0, 2.0, 3.0], size=int(rng.integers(14, 24)))
    gaps = rng.choice([1.0, 1.0, 2.0], size=len(widths))
    total = float(widths.sum() + gaps.sum())
    faces = []
    at = 0.0
    for bar, gap in zip(widths, gaps, strict=True):
        faces.append(rect(origin + u * (at / total), u * (bar / total), v, ink, toward))
        at += bar + gap
    return faces


def text(
    origin: Vec,
    u: Vec,
    v: Vec,
    toward: Vec,
    rng: np.random.Generator,
    lines: int,
    ink: Colour = INK,
) -> list[Face]:
    """`lines` ragged lines of small print filling the parallelogram from its top."""
    faces = []
    pitch = 1.0 / lines
    for k in range(lines):
        length = float(rng.uniform(0.45, 1.0))
        top = 1.0 - k * pitch
        faces.append(
            rect(origin + v * (top - 0.62 * pitch), u * length, v * (0.5 * pitch), ink, toward)
        )
    return faces


def location_tag(
    origin: Vec, u: Vec, v: Vec, toward: Vec, rng: np.random.Generator, paper: Colour
) -> list[Face]:
    """A shelf label: big code on the left, barcode on the right (origin: bottom left)."""
    faces = [rect(origin, u, v, paper, toward)]
    faces += text(origin + u * 0.06 + v * 0.2, u * 0.36, v * 0.6, toward, rng, 1)
    faces += barcode(origin + u * 0.48 + v * 0.18, u * 0.46, v * 0.64, toward, rng)
    return faces


def printed_label(quad: Vec, rng: np.random.Generator, paper: Colour) -> Part:
    """A location label filling `quad` (TL, TR, BR, BL on a face turned to the aisle, -z), as
    one part: every rack sticks its labels on such faces, whether on steel or on a tote."""
    return part(
        location_tag(quad[3], quad[1] - quad[0], quad[0] - quad[3], vec(0, 0, -1), rng, paper)
    )


def shipping_label(
    origin: Vec, u: Vec, v: Vec, toward: Vec, rng: np.random.Generator
) -> list[Face]:
    """A white label: lines of print over a barcode."""
    faces = [rect(origin, u, v, PAPERS[0], toward)]
    faces += text(origin + u * 0.08 + v * 0.5, u * 0.84, v * 0.42, toward, rng, 3)
    faces += barcode(origin + u * 0.1 + v * 0.08, u * 0.8, v * 0.34, toward, rng)
    return faces


def logo(origin: Vec, u: Vec, v: Vec, toward: Vec, rng: np.random.Generator) -> list[Face]:
    """A printed brand block in one strong colour with a line of print under it."""
    colour: Colour = [(40, 40, 190), (150, 70, 20), (30, 120, 40), (20, 20, 20), (0, 140, 230)][
        int(rng.integers(5))
    ]
    faces = [rect(origin + v * 0.35, u, v * 0.65, colour, toward)]
    faces += text(origin, u * 0.8, v * 0.25, toward, rng, 1, colour)
    return faces
