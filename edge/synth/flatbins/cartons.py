"""The "cartons" style: carton slots in a grid of boards and partitions (plywood, laminate or
steel). Empty is a dark cavity; occupied is a carton's front face (brown, tape, a shipping label,
printed arrows), sometimes a half-full carton cut open at the front, or loose goods."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.backdrop import paint_backdrop, wall_colour
from edge.synth.flatbins.contents import paint_back_sticker, paint_held, paint_labels
from edge.synth.flatbins.draw import Colour, Image, Pen, jitter, label, mix, pick, shade
from edge.synth.flatbins.geometry import Box, Rect, toward
from edge.synth.flatbins.goods import CARDBOARD, Place, paint_goods
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
    "carton": 0.5,
    "open-carton": 0.2,
    "boxes": 0.1,
    "bags": 0.08,
    "single-part": 0.07,
    "rolls": 0.05,
}
MATERIALS: tuple[Colour, ...] = ((130, 175, 210), (62, 92, 125), (150, 150, 148), (220, 222, 222))
CAVITY = Walls((28, 32, 38), (48, 56, 66), (40, 46, 54), (22, 26, 30))
INSIDE = Walls((40, 70, 100), (30, 55, 80), (50, 85, 120), (40, 70, 100))


def build(rng: np.random.Generator, canvas: Canvas, aisle: str, bay: int) -> Rack:
    u = canvas.unit
    grid = plan_grid(rng, canvas, (140, 240), (0.9, 1.7), (0.82, 0.78))
    board, partition, post = (
        rng.uniform(18, 30) * u,
        rng.uniform(8, 18) * u,
        rng.uniform(16, 30) * u,
    )
    vp = eye_point(rng, grid, (0.1, 0.9))
    k = rng.uniform(0.7, 0.82)

    def place(row: int, col: int, cell: Rect) -> Placement:
        opening = grid.opening(row, col, partition, board)
        lw = min(opening.w * rng.uniform(0.3, 0.45), 160 * u)
        lx = opening.x0 + rng.uniform(0.05, 0.95) * (opening.w - lw)
        tag = Rect(lx, cell.y1 - board * 0.38, lx + lw, cell.y1 + board * 0.38)
        return opening, tag, Box(opening, toward(opening, vp, k)), opening.y1

    slots = plan_slots(rng, grid, (aisle, bay), 0.06, place)
    return rack_of(
        rng,
        grid,
        slots,
        style="cartons",
        border=(post, board),
        colours={"material": jitter(rng, pick(rng, MATERIALS), 10), "wall": wall_colour(rng)},
        sizes={
            "board": board,
            "partition": partition,
            "post": post,
            "floor": grid.outline.y1 + rng.uniform(30, 160) * u,
        },
        back="cavity",
        deck="board",
        unit=u,
    )


def _print(pen: Pen, face: Rect, rng: np.random.Generator, card: Colour, unit: float) -> None:
    """Tape, a shipping label and the printed marks on a carton's front."""
    ink = shade(card, 0.35)
    if rng.random() < 0.6:
        pen.rect(
            face.part(0.44, 0.0, 0.56, rng.uniform(0.15, 0.35)), mix(card, (170, 210, 235), 0.5)
        )
    else:
        pen.rect(face.part(0.0, 0.04, 1.0, 0.14), mix(card, (170, 210, 235), 0.5))
    if rng.random() < 0.7:
        w, h = min(face.w * 0.35, 120 * unit), min(face.h * 0.3, 80 * unit)
        x, y = (
            face.x0 + rng.uniform(0.05, 0.95) * (face.w - w),
            face.y0 + rng.uniform(0.3, 0.9) * (face.h - h),
        )
        label(pen, Rect(x, y, x + w, y + h), f"{int(rng.integers(1000, 9999))}")
    if rng.random() < 0.5:
        for f in (0.1, 0.2):
            ax, top, bottom = face.x0 + f * face.w, face.y0 + face.h * 0.2, face.y0 + face.h * 0.4
            pen.line((ax, bottom), (ax, top), ink, 1.5 * unit)
            pen.poly(
                [
                    [ax - face.w * 0.03, top + face.h * 0.05],
                    [ax + face.w * 0.03, top + face.h * 0.05],
                    [ax, top],
                ],
                ink,
            )
    if rng.random() < 0.5:
        pen.text(
            str(rng.choice(["FRAGILE", "1/2", "KEEP DRY", "QTY 24", "SKU"])),
            face.part(0.55, 0.6, 0.95, 0.75),
            ink,
        )


def _carton(pen: Pen, place: Place, rng: np.random.Generator, cut: bool) -> None:
    box, unit = place.box, place.unit
    n = 1 if rng.random() < 0.75 else 2
    shares = rng.dirichlet(np.full(n, 4.0)) * rng.uniform(0.82, 0.97)
    u = rng.uniform(0.01, 0.99 - float(shares.sum()))
    t0 = rng.uniform(0.0, 0.12) if rng.random() < 0.85 else rng.uniform(0.2, 0.35)
    for share in shares:
        u0, u1 = u, u + share * rng.uniform(0.92, 1.0)
        u += share
        t1 = min(t0 + rng.uniform(0.5, 0.8), 0.98)
        z1 = box.front.h * rng.uniform(0.7, 0.96)
        card = jitter(rng, pick(rng, CARDBOARD), 10)
        faces = box.cuboid(u0, u1, t0, t1, 0.0, z1)
        for name, f in (("top", 1.15), ("left", 0.72), ("right", 0.7)):
            pen.poly(faces[name], shade(card, f))
        fl = faces["front"]
        if not cut:
            face = Rect(fl[0][0], fl[0][1], fl[2][0], fl[2][1])
            pen.rect(face, card)
            pen.outline(fl, shade(card, 0.55), unit)
            _print(pen, face, rng, card, unit)
            continue
        inner = Box(
            Rect(fl[0][0], fl[0][1], fl[2][0], fl[2][1]),
            Rect(*box.at(u0, t1, z1), *box.at(u1, t1, 0)),
        )
        paint_cavity(
            pen,
            inner,
            Walls(
                *(
                    shade(w, card[2] / 190)
                    for w in (INSIDE.back, INSIDE.floor, INSIDE.sides, INSIDE.ceiling)
                )
            ),
            band=0,
        )
        wall = z1 * rng.uniform(0.4, 0.6)
        _, lip = box.at(u0, t0, wall)
        kind = str(rng.choice(["parts", "bags", "boxes", "bottles"]))
        paint_goods(pen, Place(inner, lip, unit, 0.8), kind, int(rng.integers(2**31)), card)
        front = Rect(fl[0][0], lip, fl[2][0], fl[2][1])
        pen.rect(front, card)
        pen.outline(front.corners(), shade(card, 0.55), unit)
        flap = front.h * rng.uniform(0.3, 0.6)
        pen.poly(
            [
                [front.x0, lip],
                [front.x1, lip],
                [front.x1 - flap * 0.1, lip + flap],
                [front.x0 + flap * 0.1, lip + flap],
            ],
            shade(card, 1.18),
        )
        if front.w > 60 * unit:
            _print(pen, Rect(front.x0, lip + flap, front.x1, front.y1), rng, card, unit)


def _structure(canvas: Image, rack: Rack) -> None:
    pen, g, s = Pen(canvas), rack.grid, rack.sizes
    m = rack.colours["material"]
    board, part, post = s["board"], s["partition"], s["post"]
    for row in range(g.levels):
        for x in g.cols[1:-1]:
            pen.rect(Rect(x - part / 2, g.rows[row], x + part / 2, g.rows[row + 1]), shade(m, 0.92))
    for y in g.rows:
        bar = Rect(g.cols[0] - post, y - board / 2, g.cols[-1] + post, y + board / 2)
        pen.rect(bar, m)
        pen.line((bar.x0, bar.y0), (bar.x1, bar.y0), shade(m, 1.2), 1.5 * rack.unit)
        pen.line((bar.x0, bar.y1), (bar.x1, bar.y1), shade(m, 0.6), 1.5 * rack.unit)
    for x in (g.cols[0] - post, g.cols[-1]):
        pen.gradient(
            Rect(x, g.rows[0] - board, x + post, s["floor"]),
            shade(m, 0.8),
            shade(m, 1.05),
            vertical=False,
        )


def paint(canvas: Image, rack: Rack, stocks: list[Stock]) -> None:
    u = rack.unit
    paint_backdrop(canvas, rack.colours["wall"], rack.sizes["floor"], u)
    for slot, stock in zip(rack.slots, stocks, strict=True):
        pen = Pen(canvas, slot.opening)
        paint_cavity(pen, slot.box, CAVITY, band=0.15)
        paint_back_sticker(pen, rack, slot)
        place = Place(slot.box, slot.lip, u)
        if stock.kind in ("carton", "open-carton"):
            _carton(
                pen, place, np.random.default_rng([stock.seed, 0xCA2]), stock.kind == "open-carton"
            )
        else:
            paint_held(pen, place, stock, CAVITY.back)
    _structure(canvas, rack)
    paint_labels(canvas, rack)
