"""What an empty location can still show: litter on its floor (a sheet of paper, a strip of tape,
an old torn label, a stain) and a label-like sticker on its back wall. Both are the hard cases
for a judge that calls anything with edges occupied."""

from __future__ import annotations

import numpy as np

from edge.synth.flatbins.draw import Colour, Pen, bars, mix, shade
from edge.synth.flatbins.geometry import Box, Points, Rect
from edge.synth.flatbins.goods import Place

PAPER: Colour = (228, 236, 238)


def _patch(
    place: Place, rng: np.random.Generator, size: tuple[float, float]
) -> tuple[Points, float]:
    """A rotated rectangle lying on the floor where it can be seen, and its depth."""
    t = 0.1
    while place.zmin(t) > 0 and t < 0.9:
        t += 0.05
    t = min(t + rng.uniform(0.0, 0.3), 0.92)
    uc = rng.uniform(0.2, 0.8)
    a = rng.uniform(-0.7, 0.7)
    hw, hd = size
    corners = np.array([[-hw, -hd], [hw, -hd], [hw, hd], [-hw, hd]])
    turn = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    uv = corners @ turn.T
    pts = np.array([place.box.at(uc + du, float(np.clip(t + dt, 0.02, 0.98)), 0) for du, dt in uv])
    return pts, t


def paint_litter(pen: Pen, place: Place, kind: str, seed: int) -> None:
    rng = np.random.default_rng([seed, 0x117])
    if kind == "paper":
        pts, _ = _patch(place, rng, (rng.uniform(0.12, 0.25), rng.uniform(0.12, 0.3)))
        pen.poly(pts, shade(PAPER, rng.uniform(0.85, 1.05)))
        for k in range(1, 5):  # printed lines
            a, b = pts[0] + (pts[3] - pts[0]) * k / 6, pts[1] + (pts[2] - pts[1]) * k / 6
            pen.line(
                tuple(a + (b - a) * 0.15), tuple(a + (b - a) * 0.8), (150, 150, 150), place.unit
            )
    elif kind == "tape":
        pts, _ = _patch(place, rng, (rng.uniform(0.2, 0.4), 0.025))
        colour = (70, 150, 200) if rng.random() < 0.6 else (200, 200, 190)
        pen.tint(pts, colour, 0.7)
    elif kind == "label":
        pts, _ = _patch(place, rng, (rng.uniform(0.06, 0.12), rng.uniform(0.05, 0.12)))
        torn = pts.copy()
        torn[2] = torn[2] + (torn[1] - torn[2]) * rng.uniform(0.2, 0.6)
        pen.poly(torn, (232, 240, 240))
        mid = (torn[0] + torn[3]) / 2
        pen.line(tuple(mid), tuple(mid + (torn[1] - torn[0]) * 0.6), (40, 40, 40), 2 * place.unit)
    else:  # a stain or dust
        pts, _ = _patch(place, rng, (rng.uniform(0.12, 0.3), rng.uniform(0.1, 0.25)))
        blob = pts.mean(axis=0) + (pts - pts.mean(axis=0)) * rng.uniform(0.7, 1.0, (4, 1))
        pen.tint(blob, (30, 38, 45), rng.uniform(0.25, 0.45))


def paint_sticker(pen: Pen, box: Box, seed: int, unit: float) -> None:
    """A leftover label on the back wall of the location, looking like goods' labels do."""
    rng = np.random.default_rng([seed, 0x571C])
    back = box.back
    w = min(back.w * rng.uniform(0.18, 0.3), 110 * unit)
    h = min(back.h * rng.uniform(0.15, 0.3), w * 0.7)
    x, y = (
        back.x0 + rng.uniform(0.1, 0.9) * (back.w - w),
        back.y0 + rng.uniform(0.1, 0.6) * (back.h - h),
    )
    r = Rect(x, y, x + w, y + h)
    paper = mix(PAPER, (80, 200, 240), 0.6) if rng.random() < 0.3 else PAPER
    pen.rect(r, paper)
    bars(pen, r.part(0.1, 0.45, 0.9, 0.85), int(rng.integers(2**31)))
