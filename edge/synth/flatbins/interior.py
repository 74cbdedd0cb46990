"""The empty look of a box-shaped location: ceiling, side walls, floor and back wall as five
flat polygons, the floor darkening toward the back (the band a shelf's back edge casts)."""

from __future__ import annotations

from dataclasses import dataclass

from edge.synth.flatbins.draw import Colour, Pen, shade
from edge.synth.flatbins.geometry import Box


@dataclass(frozen=True)
class Walls:
    back: Colour
    floor: Colour
    sides: Colour
    ceiling: Colour


def paint_cavity(pen: Pen, box: Box, walls: Walls, band: float = 0.3) -> None:
    f, b = box.front.corners(), box.back.corners()
    pen.rect(box.front, walls.sides)
    pen.poly([f[0], f[1], b[1], b[0]], walls.ceiling)
    pen.poly([b[3], b[2], f[2], f[3]], walls.floor)
    pen.poly([f[0], b[0], b[3], f[3]], walls.sides)
    pen.poly([b[1], f[1], f[2], b[2]], shade(walls.sides, 0.88))
    if band > 0:
        near = box.front.lerp(box.back, 0.7).corners()
        pen.tint([b[3], b[2], near[2], near[3]], shade(walls.floor, 0.55), band)
    pen.rect(box.back, walls.back)
