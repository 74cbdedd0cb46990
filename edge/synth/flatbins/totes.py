"""The "totes" style: plastic hopper-front shelf bins side by side on a light shelving rack, one
colour per rack. Empty is the bin's inside, a darker shade of its colour with its inner walls;
goods show over the front lip, which carries the label slot with the location label."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.backdrop import paint_backdrop, wall_colour
from edge.synth.flatbins.contents import paint_back_sticker, paint_held
from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, label, pick, shade
from edge.synth.flatbins.geometry import Box, Rect, toward
from edge.synth.flatbins.goods import Place
from edge.synth.flatbins.interior import Walls, paint_cavity
from edge.synth.flatbins.layout import (
    Canvas,
    Placement,
    Rack,
    Slot,
    eye_point,
    plan_grid,
    plan_slots,
    rack_of,
)
from edge.synth.flatbins.stock import Stock

KINDS = {"parts": 0.3, "bags": 0.2, "boxes": 0.2, "bottles": 0.1, "rolls": 0.1, "single-part": 0.08}
TOTES: tuple[Colour, ...] = (
    (180, 110, 30),
    (40, 40, 190),
    (30, 190, 235),
    (60, 140, 40),
    (128, 128, 125),
    (48, 48, 52),
)
SHELVES: tuple[Colour, ...] = ((190, 190, 186), (60, 60, 62), (225, 225, 222), (150, 100, 40))


def build(rng: np.random.Generator, canvas: Canvas, aisle: str, bay: int) -> Rack:
    u = canvas.unit
    grid = plan_grid(rng, canvas, (150, 240), (0.8, 1.6), (0.84, 0.8))
    shelf, gap, clear, post = (
        rng.uniform(10, 18) * u,
        rng.uniform(4, 10) * u,
        rng.uniform(8, 26) * u,
        rng.uniform(12, 22) * u,
    )
    lip_share, rim = rng.uniform(0.3, 0.42), rng.uniform(2.5, 5) * u
    vp = eye_point(rng, grid, (-0.3, 0.4))
    k = rng.uniform(0.74, 0.84)

    def place(row: int, col: int, cell: Rect) -> Placement:
        # the tote stands on its shelf, `clear` short of the one above; its outline is the opening
        outline = Rect(
            cell.x0 + gap / 2,
            cell.y0 + shelf / 2 + clear,
            cell.x1 - gap / 2,
            cell.y1 - shelf / 2,
        )
        lip = outline.y1 - lip_share * outline.h
        lw = outline.w * rng.uniform(0.5, 0.65)
        slot_h = (outline.y1 - lip) * rng.uniform(0.3, 0.4)
        ly = lip + (outline.y1 - lip) * 0.22
        tag = Rect(outline.cx - lw / 2, ly, outline.cx + lw / 2, ly + slot_h)
        front = outline.inset(rim, 0)
        return outline, tag, Box(front, toward(front, vp, k)), lip

    slots = plan_slots(rng, grid, (aisle, bay), 0.08, place)
    tote = jitter(rng, pick(rng, TOTES), 10)
    return rack_of(
        rng,
        grid,
        slots,
        style="totes",
        border=(post, shelf),
        colours={
            "tote": tote,
            "shelf": jitter(rng, pick(rng, SHELVES), 8),
            "wall": wall_colour(rng),
        },
        sizes={
            "shelf": shelf,
            "post": post,
            "rim": rim,
            "floor": grid.outline.y1 + rng.uniform(40, 180) * u,
        },
        back="tote",
        deck="tote",
        unit=u,
    )


def _front(pen: Pen, slot: Slot, tote: Colour, rim: float, unit: float) -> None:
    """The hopper lip (narrower at its top), the side walls' rims and the label slot."""
    o, lip = slot.opening, slot.lip
    inset = o.w * 0.03
    for side in (-1, 1):
        x = o.x0 if side < 0 else o.x1
        pen.poly(
            [[x, o.y0], [x - side * rim, o.y0], [x - side * (rim + inset), lip], [x, lip]],
            shade(tote, 1.12),
        )
    front = [[o.x0 + inset, lip], [o.x1 - inset, lip], [o.x1, o.y1], [o.x0, o.y1]]
    pen.poly(front, tote)
    pen.gradient(
        Rect(o.x0 + inset, lip, o.x1 - inset, lip + (o.y1 - lip) * 0.18), shade(tote, 1.3), tote
    )
    pen.outline(front, shade(tote, 0.6), unit)
    tag = slot.label
    pen.rect(tag.inset(-tag.h * 0.15, -tag.h * 0.15), shade(tote, 0.7))
    pen.line((o.x0, o.y1), (o.x1, o.y1), shade(tote, 0.45), 2 * unit)


def _structure(canvas: Image, rack: Rack) -> None:
    pen, g, c, s = Pen(canvas), rack.grid, rack.colours, rack.sizes
    shelf, post = s["shelf"], s["post"]
    for y in g.rows:
        bar = Rect(g.cols[0] - post, y - shelf / 2, g.cols[-1] + post, y + shelf / 2)
        pen.gradient(bar, shade(c["shelf"], 1.15), shade(c["shelf"], 0.8))
    for x in (g.cols[0] - post, g.cols[-1]):
        pen.gradient(
            Rect(x, g.rows[0] - shelf * 3, x + post, s["floor"]),
            shade(c["shelf"], 0.85),
            shade(c["shelf"], 1.1),
            vertical=False,
        )


def paint(canvas: Image, rack: Rack, stocks: list[Stock]) -> None:
    c, u = rack.colours, rack.unit
    tote = c["tote"]
    paint_backdrop(canvas, c["wall"], rack.sizes["floor"], u)
    _structure(canvas, rack)
    walls = Walls(shade(tote, 0.5), shade(tote, 0.62), shade(tote, 0.74), shade(tote, 0.45))
    for slot, stock in zip(rack.slots, stocks, strict=True):
        pen = Pen(canvas, slot.opening)
        paint_cavity(pen, slot.box, walls, band=0.2)
        paint_back_sticker(pen, rack, slot)
        paint_held(pen, Place(slot.box, slot.lip, u), stock, tote)
        _front(pen, slot, tote, rack.sizes["rim"], u)
        label(pen, slot.label, slot.location)
