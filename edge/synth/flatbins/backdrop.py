"""Behind and below the rack: a painted wall in a vertical gradient and a concrete floor, over the
whole canvas, so the camera's tilt finds something plausible at every edge of the frame."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, mix, pick, shade
from edge.synth.flatbins.geometry import Rect

WALLS: tuple[Colour, ...] = (
    (205, 208, 210),
    (178, 196, 210),
    (200, 196, 180),
    (180, 200, 185),
    (150, 152, 155),
    (215, 222, 228),
)


def wall_colour(rng: np.random.Generator) -> Colour:
    return jitter(rng, pick(rng, WALLS), 12)


def paint_backdrop(canvas: Image, wall: Colour, floor_y: float, unit: float) -> None:
    h, w = canvas.shape[:2]
    pen = Pen(canvas)
    pen.gradient(Rect(0, 0, w, floor_y), shade(wall, 1.08), shade(wall, 0.88))
    concrete = mix(wall, (140, 142, 145), 0.7)
    pen.gradient(Rect(0, floor_y, w, h), shade(concrete, 0.8), shade(concrete, 1.05))
    pen.rect(Rect(0, floor_y - 12 * unit, w, floor_y), shade(wall, 0.7))  # skirting
    pen.rect(Rect(0, floor_y + 70 * unit, w, floor_y + 84 * unit), (40, 190, 225))  # aisle line
