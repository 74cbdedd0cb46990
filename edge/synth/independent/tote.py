"""A plastic tote on a shelf: open top, a low front wall with a label slot (a picking bin with
sloped sides, or a straight crate), inner walls darker than the outside."""

from __future__ import annotations

import itertools

from edge.synth.independent import paint
from edge.synth.independent.goods import draw_goods
from edge.synth.independent.layout import Tote
from edge.synth.independent.litter import draw_litter
from edge.synth.independent.paint import View, shade
from edge.synth.independent.space import Space


def draw_tote(
    view: View, tote: Tote, floor: float, goods: str | None, seed: int, litter: int | None
) -> None:
    x0, x1 = tote.x0, tote.x1
    d0, d1 = tote.front, tote.front + tote.depth
    top = floor - tote.height
    band_top = floor - tote.height * tote.band
    c = tote.colour
    wt = 0.035 * (x1 - x0)
    # (y, depth) outline of a side wall
    if tote.hopper:
        profile = [
            (floor, d0),
            (band_top, d0),
            (top, d0 + 0.55 * tote.depth),
            (top, d1),
            (floor, d1),
        ]
    else:
        profile = [(floor, d0), (top, d0), (top, d1), (floor, d1)]
    # its shadow on the deck
    view.blend(
        [
            (x0 - wt, floor, d0),
            (x1 + wt, floor, d0),
            (x1 + 2 * wt, floor, d1 + 3 * wt),
            (x0 - 2 * wt, floor, d1 + 3 * wt),
        ],
        (10, 10, 10),
        0.5,
        blur=4,
    )
    view.fill([(x0, top, d1), (x1, top, d1), (x1, floor, d1), (x0, floor, d1)], shade(c, 0.5))
    rim = shade(c, 1.2)
    width = max(1.0, wt * view.scale(d1))
    paint.line(view.image, view.at(x0, top, d1), view.at(x1, top, d1), rim, width)
    inner = []
    if view.fx > x0 + wt:
        inner.append(x0 + wt)
    if view.fx < x1 - wt:
        inner.append(x1 - wt)
    for x in inner:
        view.fill([(x, y, d) for y, d in profile], shade(c, 0.6 if x < view.fx else 0.55))
        _rim(view, x, profile, rim, width)
    if view.fy < floor - wt:
        view.fill(
            [
                (x0, floor - wt, d0),
                (x1, floor - wt, d0),
                (x1, floor - wt, d1),
                (x0, floor - wt, d1),
            ],
            shade(c, 0.68),
        )
    low = tote.height * (tote.band + 0.15)
    space = Space(x0 + wt, x1 - wt, floor - wt, tote.height * 1.05, d0 + wt, d1 - wt, low)
    if goods is not None:
        draw_goods(view, goods, seed, space)
    elif litter is not None:
        draw_litter(view, litter, space, shade(c, 0.68))
    for x, seen in ((x0, view.fx < x0), (x1, view.fx > x1)):
        if seen:
            view.fill([(x, y, d) for y, d in profile], shade(c, 0.78))
            _rim(view, x, profile, rim, width)
    # the front: a wall up to band_top (full-height corner posts on a crate) and a lip
    view.fill([(x0, band_top, d0), (x1, band_top, d0), (x1, floor, d0), (x0, floor, d0)], c)
    if not tote.hopper:
        for a, b in ((x0, x0 + wt), (x1 - wt, x1)):
            view.fill([(a, top, d0), (b, top, d0), (b, floor, d0), (a, floor, d0)], shade(c, 1.05))
    lip = 0.04 * tote.height
    view.fill(
        [
            (x0, band_top, d0),
            (x1, band_top, d0),
            (x1, band_top + lip, d0),
            (x0, band_top + lip, d0),
        ],
        shade(c, 1.3),
    )
    view.fill(
        [(x0, floor - lip, d0), (x1, floor - lip, d0), (x1, floor, d0), (x0, floor, d0)],
        shade(c, 0.8),
    )
    # label slot: a holder with a white card
    bh = floor - band_top
    w = x1 - x0
    hx0, hx1 = x0 + 0.3 * w, x1 - 0.3 * w
    hy0, hy1 = band_top + 0.28 * bh, floor - 0.22 * bh
    view.fill([(hx0, hy0, d0), (hx1, hy0, d0), (hx1, hy1, d0), (hx0, hy1, d0)], shade(c, 0.82))
    cx0, cy0, cx1, cy1 = view.rect(
        hx0 + 0.04 * w, hy0 + 0.12 * bh, hx1 - 0.04 * w, hy1 - 0.06 * bh, d0
    )
    paint.fill(view.image, [(cx0, cy0), (cx1, cy0), (cx1, cy1), (cx0, cy1)], (228, 232, 232))
    paint.text(view.image, tote.card, (cx0 + 2, cy0 + 1, cx1 - 2, cy1 - 1), (25, 25, 25))


def _rim(
    view: View, x: float, profile: list[tuple[float, float]], colour: paint.Colour, width: float
) -> None:
    tops = profile[1:-1]
    for (ya, da), (yb, db) in itertools.pairwise(tops):
        paint.line(view.image, view.at(x, ya, da), view.at(x, yb, db), colour, width)
