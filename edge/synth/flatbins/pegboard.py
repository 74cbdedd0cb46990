"""The "pegboard" style: a perforated board with a grid of scan hooks, each a location: its
packages hang from the hook's rod, the location label sits in the plate at the rod's tip. Empty
is the bare hook on the board; litter is a torn tag or a strip of tape left on the board."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.backdrop import paint_backdrop, wall_colour
from edge.synth.flatbins.draw import Colour, Image, Pen, code_seed, jitter, label, mix, pick, shade
from edge.synth.flatbins.geometry import Box, Point, Rect
from edge.synth.flatbins.goods import METAL, PRINT, small_part
from edge.synth.flatbins.layout import Canvas, Placement, Rack, Slot, plan_grid, plan_slots, rack_of
from edge.synth.flatbins.litter import paint_sticker
from edge.synth.flatbins.stock import Stock

KINDS = {"blister-packs": 0.45, "hanging-bags": 0.25, "cable-coil": 0.15, "single-pack": 0.15}
LITTER = ("tag", "tape")
BOARDS: tuple[Colour, ...] = (
    (90, 125, 160),
    (226, 226, 222),
    (150, 150, 146),
    (150, 100, 50),
    (90, 130, 70),
)
STEEL: Colour = (190, 190, 195)


def _rod(slot: Slot) -> tuple[Point, Point]:
    """Base and tip of the hook: the tip is the top middle of the label plate."""
    return (slot.label.cx, slot.opening.y0 + slot.opening.h * 0.06), (slot.label.cx, slot.label.y0)


def build(rng: np.random.Generator, canvas: Canvas, aisle: str, bay: int) -> Rack:
    u = canvas.unit
    grid = plan_grid(rng, canvas, (170, 280), (0.65, 1.15), (0.84, 0.8))
    border = rng.uniform(20, 40) * u
    splay = rng.uniform(-0.12, 0.12)

    def place(row: int, col: int, cell: Rect) -> Placement:
        opening = cell.inset(cell.w * 0.05, cell.h * 0.04)
        tip_x = opening.cx + (cell.cx - grid.outline.cx) * splay * 0.3
        tip_y = opening.y0 + opening.h * rng.uniform(0.17, 0.22)
        lw, lh = opening.w * rng.uniform(0.4, 0.55), opening.h * rng.uniform(0.09, 0.12)
        tag = Rect(tip_x - lw / 2, tip_y, tip_x + lw / 2, tip_y + lh)
        # a hook has no inside: its "box" is the flat opening on the board
        return opening, tag, Box(opening, opening), opening.y1

    slots = plan_slots(rng, grid, (aisle, bay), 0.1, place)
    board = jitter(rng, pick(rng, BOARDS), 10)
    return rack_of(
        rng,
        grid,
        slots,
        style="pegboard",
        border=(border, border),
        colours={
            "board": board,
            "trim": jitter(rng, (185, 185, 185) if rng.random() < 0.5 else (60, 100, 140), 10),
            "wall": wall_colour(rng),
        },
        sizes={
            "border": border,
            "pitch": rng.uniform(30, 40) * u,
            "hole": rng.uniform(2.2, 3.2) * u,
            "floor": grid.outline.y1 + border + rng.uniform(60, 250) * u,
        },
        back="pegboard",
        deck="hook",
        unit=u,
    )


def _board(canvas: Image, rack: Rack) -> None:
    pen, s, c = Pen(canvas), rack.sizes, rack.colours
    o, b = rack.grid.outline, s["border"]
    full = Rect(o.x0 - b, o.y0 - b, o.x1 + b, o.y1 + b)
    pen.rect(full, c["trim"])
    inner = full.inset(b * 0.4, b * 0.4)
    pen.gradient(inner, shade(c["board"], 1.05), shade(c["board"], 0.95))
    hole, pitch = shade(c["board"], 0.72), s["pitch"]
    for y in np.arange(inner.y0 + pitch / 2, inner.y1 - pitch / 4, pitch):
        for x in np.arange(inner.x0 + pitch / 2, inner.x1 - pitch / 4, pitch):
            pen.circle((float(x), float(y)), s["hole"], hole)


def _pack(
    pen: Pen, at: Point, size: Point, look: tuple[Colour, Colour, int], unit: float, board: Colour
) -> None:
    """One blister card hanging by its hole from `at`."""
    (x, y), (w, h) = at, size
    head, body, motif = look
    card = Rect(x - w / 2, y - h * 0.06, x + w / 2, y + h * 0.94)
    pen.rect(card, body)
    pen.rect(card.part(0, 0, 1, 0.22), head)
    pen.outline(card.corners(), shade(body, 0.55), unit)
    pen.ellipse((x, y), (w * 0.08, h * 0.025), 0, shade(board, 0.4))
    window = card.part(0.12, 0.3, 0.88, 0.9)
    pen.rect(window, mix(body, (245, 245, 245), 0.6))
    if motif == 0:
        pen.line(
            (window.x0 + window.w * 0.2, window.y1 - window.h * 0.15),
            (window.x1 - window.w * 0.2, window.y0 + window.h * 0.2),
            (60, 60, 60),
            w * 0.07,
        )
        pen.circle(
            (window.x1 - window.w * 0.25, window.y0 + window.h * 0.22), w * 0.1, (40, 40, 180)
        )
    else:
        for i in range(motif + 1):
            pen.circle(
                (window.x0 + window.w * (i + 0.5) / (motif + 1), window.cy),
                min(window.w / (motif + 1), window.h) * 0.35,
                (150, 150, 155),
            )
    pen.text(
        "PRO",
        card.part(0.15, 0.06, 0.85, 0.18),
        shade(head, 0.3) if sum(head) > 400 else (245, 245, 245),
    )


def _bag(
    pen: Pen, at: Point, size: Point, rng: np.random.Generator, board: Colour, unit: float
) -> None:
    (x, y), (w, h) = at, size
    bag = Rect(x - w / 2, y - h * 0.06, x + w / 2, y + h * 0.94)
    pen.tint(bag.corners(), (235, 235, 235), 0.45)
    pen.rect(bag.part(0, 0, 1, 0.16), (240, 240, 240))
    pen.rect(bag.part(0, 0.1, 1, 0.14), (40, 40, 190))
    pen.ellipse((x, y), (w * 0.08, h * 0.025), 0, shade(board, 0.4))
    pen.outline(bag.corners(), (200, 200, 200), unit)
    c = pick(rng, METAL)
    for _ in range(int(rng.integers(6, 16))):
        px, py = bag.x0 + bag.w * rng.uniform(0.15, 0.85), bag.y0 + bag.h * rng.uniform(0.55, 0.92)
        small_part(pen, c, px, py, min(w, h) * 0.06, int(rng.integers(3)), rng)


def _coil(pen: Pen, at: Point, size: Point, rng: np.random.Generator) -> None:
    (x, y), (w, h) = at, size
    c = pick(rng, ((30, 30, 30), (30, 120, 230), (170, 90, 30), (40, 40, 190)))
    r = min(w, h) * 0.42
    for i in range(int(rng.integers(4, 8))):
        pen.ellipse(
            (x + rng.uniform(-0.05, 0.05) * w, y + r * 0.95),
            (r * (1 - i * 0.02), r * 0.9),
            rng.uniform(-8, 8),
            shade(c, rng.uniform(0.8, 1.3)),
            r * 0.09,
        )


def _goods(pen: Pen, slot: Slot, stock: Stock, board: Colour, unit: float) -> None:
    rng = np.random.default_rng([stock.seed, 0x9E6])
    base, tip = _rod(slot)
    o = slot.opening
    single = stock.kind == "single-pack"
    count = 1 if single or stock.kind == "cable-coil" else int(rng.integers(1, 5))
    w = o.w * (rng.uniform(0.3, 0.42) if single else rng.uniform(0.5, 0.82))
    h = o.h * (rng.uniform(0.3, 0.4) if single else rng.uniform(0.55, 0.78))
    look = (pick(rng, PRINT), pick(rng, PRINT), int(rng.integers(4)))
    for i in range(count):
        a = 0.25 + 0.6 * (i / max(count - 1, 1) if count > 1 else rng.uniform(0, 1))
        at = (base[0] + (tip[0] - base[0]) * a, base[1] + (tip[1] - base[1]) * a)
        grow = 0.94 + 0.08 * a
        if stock.kind == "hanging-bags":
            _bag(pen, at, (w * grow, h * grow), rng, board, unit)
        elif stock.kind == "cable-coil":
            _coil(pen, at, (w, h), rng)
        else:
            _pack(pen, at, (w * grow, h * grow), look, unit, board)


def _litter(pen: Pen, slot: Slot, stock: Stock, unit: float) -> None:
    rng = np.random.default_rng([stock.seed, 0x7A6])
    o = slot.opening
    cx, cy = o.x0 + o.w * rng.uniform(0.25, 0.75), o.y0 + o.h * rng.uniform(0.45, 0.85)
    a = rng.uniform(-0.6, 0.6)
    hw, hh = (
        (o.w * rng.uniform(0.06, 0.12), o.h * rng.uniform(0.05, 0.09))
        if stock.litter == "tag"
        else (o.w * rng.uniform(0.15, 0.3), 5 * unit)
    )
    corners = np.array([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]]) @ np.array(
        [[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]]
    )
    pts = corners + np.array([cx, cy])
    if stock.litter == "tag":
        pen.poly(pts, (200, 235, 245))
        pen.line(
            tuple((pts[0] + pts[3]) / 2), tuple((pts[1] + pts[2]) / 2), (50, 50, 50), unit * 1.5
        )
    else:
        pen.tint(pts, (70, 150, 200), 0.65)


def _hook(pen: Pen, slot: Slot, unit: float) -> None:
    base, tip = _rod(slot)
    pen.rect(
        Rect(base[0] - 9 * unit, base[1] - 6 * unit, base[0] + 9 * unit, base[1] + 6 * unit),
        shade(STEEL, 0.7),
    )
    pen.line(base, tip, shade(STEEL, 0.55), 6 * unit)
    pen.line(base, tip, STEEL, 3.5 * unit)
    holder = slot.label.inset(-3 * unit, -3 * unit)
    pen.rect(holder, shade(STEEL, 0.8))
    label(pen, slot.label, slot.location)


def paint(canvas: Image, rack: Rack, stocks: list[Stock]) -> None:
    u, board = rack.unit, rack.colours["board"]
    paint_backdrop(canvas, rack.colours["wall"], rack.sizes["floor"], u)
    _board(canvas, rack)
    for slot, stock in zip(rack.slots, stocks, strict=True):
        pen = Pen(canvas, slot.opening)
        if slot.sticker:
            paint_sticker(
                pen,
                Box(slot.opening, slot.opening.part(0.1, 0.5, 0.9, 0.95)),
                rack.seed + code_seed(slot.location),
                u,
            )
        if stock.kind:
            _goods(pen, slot, stock, board, u)
        elif stock.litter:
            _litter(pen, slot, stock, u)
        _hook(pen, slot, u)
