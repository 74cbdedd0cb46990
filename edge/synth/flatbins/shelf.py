"""The "shelf" style: a steel shelving unit (uprights with punched slots, beams in a colour),
each level split into locations by thin sheet dividers. Empty is the back panel and the shelf
surface; the location label sits on the beam under the location."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.backdrop import paint_backdrop, wall_colour
from edge.synth.flatbins.contents import paint_back_sticker, paint_held, paint_labels
from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, mix, pick, shade
from edge.synth.flatbins.geometry import Box, Rect, toward
from edge.synth.flatbins.goods import Place
from edge.synth.flatbins.interior import Walls, paint_cavity
from edge.synth.flatbins.layout import (
    Canvas,
    Placement,
    Rack,
    eye_point,
    plan_grid,
    plan_slots,
    rack_of,
)
from edge.synth.flatbins.stock import Stock

KINDS = {
    "boxes": 0.34,
    "bags": 0.15,
    "bottles": 0.14,
    "parts": 0.16,
    "rolls": 0.1,
    "single-part": 0.07,
}
FRAMES: tuple[Colour, ...] = (
    (140, 140, 136),
    (150, 92, 32),
    (30, 112, 228),
    (62, 128, 52),
    (70, 70, 72),
)
PANELS: tuple[Colour, ...] = ((200, 202, 200), (176, 184, 190), (150, 170, 190), (222, 224, 222))


def build(rng: np.random.Generator, canvas: Canvas, aisle: str, bay: int) -> Rack:
    u = canvas.unit
    grid = plan_grid(rng, canvas, (150, 260), (0.9, 2.0), (0.8, 0.76))
    upright, beam, divider = rng.uniform(22, 36) * u, rng.uniform(26, 38) * u, rng.uniform(4, 9) * u
    vp = eye_point(rng, grid, (0.1, 0.9))
    k = rng.uniform(0.8, 0.88)

    def place(row: int, col: int, cell: Rect) -> Placement:
        opening = grid.opening(row, col, divider, beam)
        lw = min(opening.w * rng.uniform(0.35, 0.5), 170 * u)
        lx = opening.x0 + rng.uniform(0.04, 0.3) * (opening.w - lw)
        tag = Rect(lx, cell.y1 - beam * 0.4, lx + lw, cell.y1 + beam * 0.4)
        return opening, tag, Box(opening, toward(opening, vp, k)), opening.y1

    slots = plan_slots(rng, grid, (aisle, bay), 0.1, place)
    frame = pick(rng, FRAMES)
    panel = pick(rng, PANELS) if rng.random() < 0.75 else None
    wall = wall_colour(rng)
    return rack_of(
        rng,
        grid,
        slots,
        style="shelf",
        border=(upright, beam),
        colours={
            "frame": jitter(rng, frame, 10),
            "panel": jitter(rng, panel or wall, 8),
            "deck": jitter(rng, (168, 170, 170) if rng.random() < 0.6 else shade(frame, 1.3), 8),
            "wall": wall,
        },
        sizes={
            "upright": upright,
            "beam": beam,
            "divider": divider,
            "floor": grid.outline.y1 + rng.uniform(60, 200) * u,
        },
        back="panel" if panel else "wall",
        deck="steel shelf",
        unit=u,
    )


def _structure(canvas: Image, rack: Rack) -> None:
    pen, g, c, s, u = Pen(canvas), rack.grid, rack.colours, rack.sizes, rack.unit
    frame, beam, upright = c["frame"], s["beam"], s["upright"]
    top, bottom = g.rows[0] - beam * 2.5, s["floor"]
    for row in range(g.levels):
        for x in g.cols[1:-1]:
            d = s["divider"] / 2
            pen.rect(Rect(x - d, g.rows[row], x + d, g.rows[row + 1]), shade(c["deck"], 0.95))
            pen.line((x - d, g.rows[row]), (x - d, g.rows[row + 1]), shade(c["deck"], 1.2), u)
    for y in g.rows:
        bar = Rect(g.cols[0], y - beam / 2, g.cols[-1], y + beam / 2)
        pen.gradient(bar, shade(frame, 1.15), shade(frame, 0.8))
        pen.line((bar.x0, bar.y0), (bar.x1, bar.y0), shade(frame, 1.35), 1.5 * u)
        pen.line((bar.x0, bar.y1), (bar.x1, bar.y1), shade(frame, 0.5), 1.5 * u)
    for x in (g.cols[0] - upright, g.cols[-1]):
        post = Rect(x, top, x + upright, bottom)
        pen.gradient(post, shade(frame, 0.8), shade(frame, 1.1), vertical=False)
        hole = upright * 0.18
        for y in np.arange(top + 20 * u, bottom - 10 * u, 38 * u):
            pen.rect(Rect(post.cx - hole, y, post.cx + hole, y + 14 * u), shade(frame, 0.35))
        pen.rect(Rect(x - 6 * u, bottom - 8 * u, x + upright + 6 * u, bottom), shade(frame, 0.6))


def paint(canvas: Image, rack: Rack, stocks: list[Stock]) -> None:
    c = rack.colours
    paint_backdrop(canvas, c["wall"], rack.sizes["floor"], rack.unit)
    walls = Walls(
        shade(c["panel"], 0.95), c["deck"], shade(c["deck"], 0.82), shade(c["frame"], 0.5)
    )
    for slot, stock in zip(rack.slots, stocks, strict=True):
        pen = Pen(canvas, slot.opening)
        paint_cavity(pen, slot.box, walls)
        paint_back_sticker(pen, rack, slot)
        place = Place(slot.box, slot.lip, rack.unit)
        paint_held(pen, place, stock, mix(c["panel"], c["deck"], 0.5))
    _structure(canvas, rack)
    paint_labels(canvas, rack)
