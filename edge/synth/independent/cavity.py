"""One shelf level seen through its opening: back (wall, wire mesh or open to the dim hall),
the underside of the shelf above, side frames, the deck, dividers, and what each bin holds."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.goods import draw_goods
from edge.synth.independent.layout import Layout, Level
from edge.synth.independent.litter import draw_litter
from edge.synth.independent.paint import Image, View, shade
from edge.synth.independent.space import Space
from edge.synth.independent.tote import draw_tote


@dataclass(frozen=True)
class BinLook:
    """What one bin shows in one frame: goods of a kind (drawn from seed), or empty with or
    without litter."""

    goods: str | None
    seed: int
    litter: int | None = None

    @property
    def occupied(self) -> bool:
        return self.goods is not None


def _back(view: View, layout: Layout, level: Level, far: Image) -> None:
    x0, y0, x1, y1 = level.opening
    bx0, by0, bx1, by1 = (round(v) for v in view.rect(x0, y0, x1, y1, level.depth))
    h, w = view.image.shape[:2]
    cx0, cy0, cx1, cy1 = max(bx0, 0), max(by0, 0), min(bx1, w), min(by1, h)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    region = view.image[cy0:cy1, cx0:cx1]
    if layout.back == "wall":
        region[:] = shade(layout.wall, 0.8)
        return
    region[:] = far[view.oy + cy0 : view.oy + cy1, view.ox + cx0 : view.ox + cx1]
    if layout.back == "mesh":
        s = view.scale(level.depth)
        pitch = max(6.0, 34 * layout.unit * s)
        wire = shade((150, 152, 150), 0.75)
        for x in np.arange(bx0, bx1, pitch):
            paint.line(view.image, (x, by0), (x, by1), wire, max(1.0, 1.6 * s * layout.unit))
        for y in np.arange(by0, by1, pitch):
            paint.line(view.image, (bx0, y), (bx1, y), wire, max(1.0, 1.6 * s * layout.unit))


def _deck(view: View, layout: Layout, level: Level) -> None:
    x0, _, x1, y = level.opening
    depth = level.depth
    if view.fy >= y:
        return
    base = layout.deck_colour
    if layout.deck == "mesh":
        view.fill([(x0, y, 0), (x1, y, 0), (x1, y, depth), (x0, y, depth)], (44, 46, 48))
        step = 30 * layout.unit
        for x in np.arange(x0 + step / 2, x1, step):
            paint.line(view.image, view.at(x, y, 0), view.at(x, y, depth), base, 1.4 * layout.unit)
        for d in np.arange(0, depth, step * 1.6):
            paint.line(
                view.image,
                view.at(x0, y, d),
                view.at(x1, y, d),
                shade(base, 1 - 0.3 * d / depth),
                1.4 * layout.unit,
            )
        return
    bands = 8
    for k in range(bands):
        da, db = depth * k / bands, depth * (k + 1) / bands
        view.fill(
            [(x0, y, da), (x1, y, da), (x1, y, db), (x0, y, db)],
            shade(base, 1.0 - 0.35 * k / bands),
        )
    rng = np.random.default_rng(int(x0 * 31 + y))
    if layout.deck == "chipboard":
        for _ in range(6):
            d = rng.uniform(0, depth)
            view.blend(
                [(x0, y, d), (x1, y, d), (x1, y, d + depth * 0.01), (x0, y, d + depth * 0.01)],
                shade(base, 0.8),
                0.4,
            )
    else:
        d = rng.uniform(0.2, 0.6) * depth
        view.blend(
            [(x0, y, d), (x1, y, d), (x1, y, d + 0.15 * depth), (x0, y, d + 0.15 * depth)],
            (245, 245, 245),
            0.18,
            blur=3,
        )


def _sides(view: View, layout: Layout, level: Level) -> None:
    x0, y0, x1, y1 = level.opening
    d = level.depth
    view.fill([(x0, y0, 0), (x1, y0, 0), (x1, y0, d), (x0, y0, d)], shade(layout.deck_colour, 0.3))
    side = shade(layout.wall, 0.68) if layout.back == "wall" else (50, 52, 54)
    post = shade(layout.upright, 0.6)
    for x in (x0, x1):
        view.fill([(x, y0, 0), (x, y0, d), (x, y1, d), (x, y1, 0)], side)
        t = 0.08 * d
        view.fill([(x, y0, d - t), (x, y0, d), (x, y1, d), (x, y1, d - t)], post)
        paint.line(
            view.image,
            view.at(x, y0, 0.1 * d),
            view.at(x, y1, 0.9 * d),
            post,
            4 * layout.unit * view.scale(d / 2),
        )


def _divider(view: View, layout: Layout, level: Level, x: float) -> None:
    _, y0, _, y1 = level.opening
    d = level.depth
    c = layout.divider_colour
    view.fill([(x, y0, 0), (x, y0, d), (x, y1, d), (x, y1, 0)], shade(c, 0.72))
    t = layout.divider / 2
    view.fill([(x - t, y0, 0), (x + t, y0, 0), (x + t, y1, 0), (x - t, y1, 0)], shade(c, 1.05))


def paint_level(
    canvas: Image,
    layout: Layout,
    level: Level,
    looks: dict[int, BinLook],
    foot: tuple[float, float],
    distance: float,
    far: Image,
) -> None:
    x0, y0, x1, y1 = level.opening
    patch = canvas[y0:y1, x0:x1].copy()
    view = View(patch, (x0, y0), foot, distance)
    _back(view, layout, level, far)
    _sides(view, layout, level)
    _deck(view, layout, level)
    fx = foot[0]
    order = sorted(
        level.slots, key=lambda i: -abs((layout.slots[i].x0 + layout.slots[i].x1) / 2 - fx)
    )
    for i in order:
        slot = layout.slots[i]
        inside = slot.x0 <= fx <= slot.x1
        for xd in level.dividers:
            far_left = abs(xd - slot.x0) < 0.5 and (inside or fx > slot.x1)
            far_right = abs(xd - slot.x1) < 0.5 and (inside or fx < slot.x0)
            if far_left or far_right:
                _divider(view, layout, level, xd)
        look = looks[i]
        if slot.tote is not None:
            draw_tote(view, slot.tote, y1, look.goods, look.seed, look.litter)
            continue
        pad = layout.divider / 2 + 0.02 * (slot.x1 - slot.x0)
        space = Space(
            slot.x0 + pad,
            slot.x1 - pad,
            y1,
            0.9 * (y1 - y0),
            0.03 * level.depth,
            0.95 * level.depth,
        )
        if look.goods is not None:
            draw_goods(view, look.goods, look.seed, space)
        elif look.litter is not None:
            draw_litter(view, look.litter, space, layout.deck_colour)
    # the shelf above shades the top of the opening, the uprights its sides
    h, w = patch.shape[:2]
    rows = 1 - layout.shadow * np.exp(-np.arange(h, dtype=np.float32) / (0.3 * h))
    edge = np.minimum(np.arange(w), np.arange(w)[::-1]).astype(np.float32)
    cols = 1 - 0.18 * np.exp(-edge / (0.06 * w))
    shaded = patch.astype(np.float32) * rows[:, None, None] * cols[None, :, None]
    canvas[y0:y1, x0:x1] = np.clip(shaded, 0, 255).astype(np.uint8)
