"""The "cabinet" style: a steel cabinet of open plastic trays in rows, seen from the front and
above, so each tray shows mostly its floor. Empty is that plain floor; goods lie on it behind the
tray's low front wall, which carries the location label in a holder."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.backdrop import paint_backdrop, wall_colour
from edge.synth.flatbins.contents import paint_back_sticker, paint_held
from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, label, pick, shade
from edge.synth.flatbins.geometry import Box, Rect
from edge.synth.flatbins.goods import Place
from edge.synth.flatbins.layout import Canvas, Placement, Rack, Slot, plan_grid, plan_slots, rack_of
from edge.synth.flatbins.stock import Stock

KINDS = {
    "parts": 0.35,
    "bags": 0.18,
    "boxes": 0.15,
    "rolls": 0.1,
    "bottles": 0.05,
    "single-part": 0.1,
}
BODIES: tuple[Colour, ...] = (
    (150, 150, 148),
    (150, 95, 40),
    (50, 50, 180),
    (70, 120, 50),
    (180, 200, 205),
)
TRAYS: tuple[Colour, ...] = (
    (205, 205, 200),
    (190, 120, 40),
    (40, 190, 235),
    (50, 60, 200),
    (55, 55, 58),
)


def build(rng: np.random.Generator, canvas: Canvas, aisle: str, bay: int) -> Rack:
    u = canvas.unit
    grid = plan_grid(rng, canvas, (120, 200), (1.0, 2.1), (0.8, 0.76))
    body, rail, gap = rng.uniform(22, 36) * u, rng.uniform(8, 14) * u, rng.uniform(6, 12) * u
    outline = grid.outline
    eye_x = outline.cx + rng.uniform(-0.25, 0.25) * outline.w
    k, reach, wall = rng.uniform(0.84, 0.92), rng.uniform(0.6, 0.78), rng.uniform(0.16, 0.26)

    def place(row: int, col: int, cell: Rect) -> Placement:
        opening = grid.opening(row, col, gap, rail)
        lip = opening.y1 - wall * opening.h
        lw = opening.w * rng.uniform(0.3, 0.45)
        lh = (opening.y1 - lip) * 0.62
        lx = opening.cx - lw / 2 if rng.random() < 0.6 else opening.x0 + opening.w * 0.08
        tag = Rect(
            lx, lip + (opening.y1 - lip - lh) / 2, lx + lw, lip + (opening.y1 - lip + lh) / 2
        )
        # seen from above: the tray's short back wall shows high up in the opening
        rise = opening.y1 - reach * (0.92 + 0.08 * row / grid.levels) * opening.h
        x0, x1 = eye_x + (opening.x0 - eye_x) * k, eye_x + (opening.x1 - eye_x) * k
        return opening, tag, Box(opening, Rect(x0, rise - wall * opening.h * k, x1, rise)), lip

    slots = plan_slots(rng, grid, (aisle, bay), 0.08, place)
    return rack_of(
        rng,
        grid,
        slots,
        style="cabinet",
        border=(body, body),
        colours={
            "body": jitter(rng, pick(rng, BODIES), 10),
            "tray": jitter(rng, pick(rng, TRAYS), 8),
            "wall": wall_colour(rng),
        },
        sizes={
            "body": body,
            "rail": rail,
            "gap": gap,
            "floor": outline.y1 + body + rng.uniform(20, 120) * u,
        },
        back="tray",
        deck="tray",
        unit=u,
    )


def _structure(canvas: Image, rack: Rack) -> None:
    pen, g, s, u = Pen(canvas), rack.grid, rack.sizes, rack.unit
    c = rack.colours["body"]
    o, b = g.outline, s["body"]
    pen.rect(Rect(o.x0 - b, o.y0 - b, o.x1 + b, s["floor"]), c)
    pen.gradient(Rect(o.x0 - b, o.y0 - b, o.x1 + b, o.y0), shade(c, 1.2), c)
    pen.rect(Rect(o.x0 - b * 0.8, s["floor"] - 14 * u, o.x1 + b * 0.8, s["floor"]), (40, 40, 42))
    pen.rect(o, (30, 30, 33))  # the cabinet's dark inside, between trays


def _tray(pen: Pen, slot: Slot, tray: Colour) -> None:
    """The tray's inside from above: the cabinet's dark inside over its back wall, then floor,
    side walls and the short back wall."""
    f, b = slot.box.front.corners(), slot.box.back.corners()
    top = slot.lip - (slot.box.front.y1 - slot.lip) * 0.1
    pen.rect(slot.opening, (34, 34, 37))
    pen.poly([b[3], b[2], f[2], f[3]], shade(tray, 0.94))
    pen.tint(
        [b[3], b[2], *slot.box.front.lerp(slot.box.back, 0.75).corners()[2:]], (30, 30, 30), 0.12
    )
    pen.poly([f[3], [f[3][0], top], b[0], b[3]], shade(tray, 0.8))
    pen.poly([[f[2][0], top], f[2], b[2], b[1]], shade(tray, 0.74))
    pen.rect(slot.box.back, shade(tray, 0.68))


def _front(pen: Pen, slot: Slot, tray: Colour, unit: float) -> None:
    o = slot.opening
    wall = Rect(o.x0, slot.lip, o.x1, o.y1)
    pen.gradient(wall, shade(tray, 1.15), shade(tray, 0.9))
    pen.line((o.x0, slot.lip), (o.x1, slot.lip), shade(tray, 1.35), 2 * unit)
    pen.rect(slot.label.inset(-3 * unit, -2 * unit), shade(tray, 0.7))


def paint(canvas: Image, rack: Rack, stocks: list[Stock]) -> None:
    u, tray = rack.unit, rack.colours["tray"]
    paint_backdrop(canvas, rack.colours["wall"], rack.sizes["floor"], u)
    _structure(canvas, rack)
    for slot, stock in zip(rack.slots, stocks, strict=True):
        pen = Pen(canvas, slot.opening)
        _tray(pen, slot, tray)
        paint_back_sticker(pen, rack, slot)
        paint_held(pen, Place(slot.box, slot.lip, u, 0.55), stock, tray)
        _front(pen, slot, tray, u)
        label(pen, slot.label, slot.location)
