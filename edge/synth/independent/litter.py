"""What lies in empty bins: a paper sheet (flat, or leaning against the back), a strip of tape
(on the floor, stuck to the back, or hanging from the shelf above), an old torn label, dust and
dirt smudges, scratches. Drawn from a seed alone (the same litter in every frame)."""

from __future__ import annotations

import math

import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.paint import Colour, View, shade
from edge.synth.independent.space import Space

LITTER = ("paper", "tape", "label", "dust", "scratch")
Point3 = tuple[float, float, float]


def _on_floor(sp: Space, cx: float, cd: float, a: float, b: float, angle: float) -> list[Point3]:
    """A rectangle lying on the floor: centre (x, depth), half sides a (across) and b."""
    c, s = math.cos(angle), math.sin(angle)
    y = sp.floor - 0.5
    corners = [(-a, -b), (a, -b), (a, b), (-a, b)]
    return [(cx + u * c - v * s, y, cd + u * s + v * c) for u, v in corners]


def _on_back(sp: Space, cx: float, cy: float, a: float, b: float, angle: float) -> list[Point3]:
    """A rectangle on the back wall: centre (x, y), half sides a and b."""
    c, s = math.cos(angle), math.sin(angle)
    corners = [(-a, -b), (a, -b), (a, b), (-a, b)]
    return [(cx + u * c - v * s, cy + u * s + v * c, sp.d1 + 1) for u, v in corners]


def _paper(view: View, rng: np.random.Generator, sp: Space, cx: float, cd: float) -> None:
    depth = sp.d1 - sp.d0
    paper = paint.jitter(rng, (222, 234, 240), 0.05)
    a = sp.width * rng.uniform(0.12, 0.25)
    if rng.random() < 0.5:  # flat on the floor, maybe folded
        b = depth * rng.uniform(0.12, 0.3)
        pts = _on_floor(sp, cx, cd, a, b, rng.uniform(-0.6, 0.6))
        view.fill(pts, shade(paper, sp.dim(cd)))
        if rng.random() < 0.6:
            fold = [pts[0], pts[1], (pts[2][0], pts[2][1], cd), (pts[3][0], pts[3][1], cd)]
            view.fill(fold, shade(paper, 0.85 * sp.dim(cd)))
        return
    # leaning against the back wall
    h = sp.height * rng.uniform(0.25, 0.6)
    foot = sp.d1 - depth * rng.uniform(0.08, 0.2)
    tilt = rng.uniform(-0.1, 0.1) * a
    pts = [
        (cx - a + tilt, sp.floor - h, sp.d1),
        (cx + a + tilt, sp.floor - h, sp.d1),
        (cx + a, sp.floor, foot),
        (cx - a, sp.floor, foot),
    ]
    view.fill(pts, shade(paper, 0.9 * sp.dim(sp.d1)))
    for k in range(int(rng.integers(0, 6))):  # printed lines
        y = sp.floor - h * (0.85 - 0.12 * k)
        t = 1 - (sp.floor - y) / h
        d = sp.d1 + (foot - sp.d1) * t
        paint.line(
            view.image,
            view.at(cx - 0.7 * a, y, d),
            view.at(cx + 0.4 * a, y, d),
            shade((90, 90, 90), sp.dim(d)),
            1,
        )


def _tape(view: View, rng: np.random.Generator, sp: Space, cx: float, cd: float) -> None:
    brown = rng.random() < 0.5
    colour = paint.jitter(rng, (58, 115, 168), 0.1) if brown else (235, 235, 235)
    alpha = 0.85 if brown else 0.4
    where = rng.random()
    if where < 0.4:
        a = sp.width * rng.uniform(0.12, 0.35)
        b = (sp.d1 - sp.d0) * rng.uniform(0.015, 0.04)
        view.blend(_on_floor(sp, cx, cd, a, b, rng.uniform(-1.2, 1.2)), colour, alpha)
    elif where < 0.7:
        a = sp.width * rng.uniform(0.1, 0.3)
        cy = sp.floor - sp.height * rng.uniform(0.2, 0.8)
        view.blend(_on_back(sp, cx, cy, a, 0.03 * sp.height, rng.uniform(-0.5, 0.5)), colour, alpha)
    else:  # hanging from the front edge of the shelf above
        top = sp.floor - sp.height / 0.9
        ln = sp.height * rng.uniform(0.1, 0.35)
        w = sp.width * rng.uniform(0.03, 0.06)
        d = sp.d0 + 0.02 * (sp.d1 - sp.d0)
        sway = rng.uniform(-0.3, 0.3) * ln
        view.blend(
            [
                (cx, top, d),
                (cx + w, top, d),
                (cx + w + sway, top + ln, d),
                (cx + sway, top + ln, d),
            ],
            colour,
            alpha,
        )


def _label(view: View, rng: np.random.Generator, sp: Space, cx: float, cd: float) -> None:
    lw = sp.width * rng.uniform(0.08, 0.18)
    lh = lw * rng.uniform(0.4, 0.7)
    if rng.random() < 0.6:
        cy = sp.floor - sp.height * rng.uniform(0.2, 0.8)
        p = view.pts(_on_back(sp, cx, cy, lw / 2, lh / 2, rng.uniform(-0.3, 0.3)))
        d = sp.d1
    else:
        p = view.pts(_on_floor(sp, cx, cd, lw / 2, lh / 2, rng.uniform(-0.6, 0.6)))
        d = cd
    x0, y0 = p.min(axis=0)
    x1, y1 = p.max(axis=0)
    n = 7
    jag = [(x0 + (x1 - x0) * k / n, y1 - rng.uniform(0, 0.35) * (y1 - y0)) for k in range(n + 1)]
    paint.fill(
        view.image,
        [(x0, y0), (x1, y0), *reversed(jag)],
        shade((205, 212, 214), sp.dim(d) * rng.uniform(0.75, 1.0)),
    )
    paint.barcode(
        view.image,
        (x0 + 0.1 * (x1 - x0), y0 + 0.15 * (y1 - y0), x1 - 0.1 * (x1 - x0), y0 + 0.5 * (y1 - y0)),
        rng,
        (120, 120, 120),
    )


def _dust(view: View, rng: np.random.Generator, sp: Space, floor: Colour) -> None:
    depth = sp.d1 - sp.d0
    for _ in range(int(rng.integers(2, 7))):
        a = sp.width * rng.uniform(0.03, 0.12)
        dirt = (45, 55, 65) if rng.random() < 0.6 else shade(floor, 1.3)
        alpha = float(rng.uniform(0.15, 0.45))
        if rng.random() < 0.6:
            pd = sp.d0 + depth * rng.uniform(0.05, 0.95)
            pts = _on_floor(
                sp, sp.x0 + sp.width * rng.uniform(0.05, 0.95), pd, a, a, rng.uniform(0, 1)
            )
        else:
            pd = sp.d1
            cy = sp.floor - sp.height * rng.uniform(0.0, 0.5)
            pts = _on_back(sp, sp.x0 + sp.width * rng.uniform(0.05, 0.95), cy, a, a * 0.6, 0.0)
        view.blend(pts, dirt, alpha, blur=max(1.0, a * view.scale(pd) * 0.35))


def _scratch(view: View, rng: np.random.Generator, sp: Space, floor: Colour) -> None:
    depth = sp.d1 - sp.d0
    on_back = rng.random() < 0.5
    for _ in range(int(rng.integers(1, 5))):
        px = sp.x0 + sp.width * rng.uniform(0.1, 0.9)
        a = rng.uniform(0, math.pi)
        ln = sp.width * rng.uniform(0.05, 0.25)
        if on_back:
            py = sp.floor - sp.height * rng.uniform(0.1, 0.8)
            p0 = view.at(px, py, sp.d1)
            p1 = view.at(px + ln * math.cos(a), py + 0.3 * ln * math.sin(a), sp.d1)
        else:
            pd = sp.d0 + depth * rng.uniform(0.1, 0.9)
            p0 = view.at(px, sp.floor, pd)
            p1 = view.at(px + ln * math.cos(a), sp.floor, pd + ln * math.sin(a))
        paint.blend(
            view.image,
            [p0, p1, (p1[0], p1[1] + 1.2), (p0[0], p0[1] + 1.2)],
            (225, 225, 225) if on_back else shade(floor, 1.5),
            0.55,
        )


def draw_litter(view: View, seed: int, sp: Space, floor_colour: Colour) -> None:
    rng = np.random.default_rng(seed)
    kinds = rng.choice(LITTER, size=int(rng.integers(1, 3)), replace=False)
    for kind in kinds:
        cx = sp.x0 + sp.width * rng.uniform(0.25, 0.75)
        cd = sp.d0 + (sp.d1 - sp.d0) * rng.uniform(0.15, 0.75)
        if kind == "paper":
            _paper(view, rng, sp, cx, cd)
        elif kind == "tape":
            _tape(view, rng, sp, cx, cd)
        elif kind == "label":
            _label(view, rng, sp, cx, cd)
        elif kind == "dust":
            _dust(view, rng, sp, floor_colour)
        else:
            _scratch(view, rng, sp, floor_colour)
