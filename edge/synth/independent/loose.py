"""Goods that are not boxes: bags, piles of loose parts, rolls and coils, a single small item."""

from __future__ import annotations

import math

import cv2
import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.paint import View, shade
from edge.synth.independent.space import KRAFT, Space, blob, carton_colour, decorate, floor_shadow


def bags(view: View, rng: np.random.Generator, sp: Space) -> None:
    n = int(rng.integers(1, 5))
    kinds = [(205, 208, 200), KRAFT, (214, 218, 220), (160, 100, 40), (46, 46, 50), (70, 130, 60)]
    base = kinds[int(rng.integers(len(kinds)))]
    clear = base == kinds[0]
    bags = []
    for _ in range(n):
        bw = sp.width * rng.uniform(0.3, 0.7)
        bh = max(1.15 * sp.low, sp.height * rng.uniform(0.3, 0.85))
        cx = sp.x0 + bw / 2 + rng.uniform(0, max(1.0, sp.width - bw))
        bags.append((sp.d0 + rng.uniform(0.05, 0.8) * (sp.d1 - sp.d0), cx, bw, bh))
    for d, cx, bw, bh in sorted(bags, reverse=True):
        s = view.scale(d)
        shape = blob(rng, cx, sp.floor - bh / 2, bw / 2, bh / 2)
        shape[:, 1] = np.minimum(shape[:, 1], sp.floor)
        pts = view.pts([(float(x), float(y), d) for x, y in shape])
        c = shade(paint.jitter(rng, base, 0.05), sp.dim(d))
        if clear:
            ox, oy = view.at(cx, sp.floor - bh * 0.3, d)
            for _ in range(int(rng.integers(5, 30))):
                px = ox + rng.uniform(-0.35, 0.35) * bw * s
                py = oy + rng.uniform(-0.2, 0.25) * bh * s
                r = max(1, round(bw * s * rng.uniform(0.03, 0.08)))
                paint.fill(
                    view.image,
                    blob(rng, px, py, r, r),
                    shade((150, 155, 160), rng.uniform(0.6, 1.2)),
                )
            paint.blend(view.image, pts, c, 0.45)
        else:
            paint.gradient(view.image, pts, shade(c, 1.22), shade(c, 0.62), (0.3, 1.0))
        hx, hy = view.at(cx - bw * 0.2, sp.floor - bh * 0.8, d)
        paint.blend(
            view.image,
            [
                (hx, hy),
                (hx + bw * s * 0.08, hy),
                (hx + bw * s * 0.2, hy + bh * s * 0.5),
                (hx + bw * s * 0.1, hy + bh * s * 0.5),
            ],
            (250, 250, 250),
            0.35 if clear else 0.15,
            blur=2.0,
        )
        top = float(pts[:, 1].min())
        paint.line(
            view.image,
            (pts[:, 0].min() + bw * s * 0.2, top + 3 * s),
            (pts[:, 0].max() - bw * s * 0.2, top + 3 * s),
            shade(c, 0.6),
            2 * s,
        )
        if rng.random() < 0.4:
            lx, ly = view.at(cx - bw * 0.15, sp.floor - bh * 0.55, d)
            paint.paper_label(
                view.image,
                (lx, ly, lx + bw * s * 0.3, ly + bh * s * 0.2),
                rng,
                "LOT 7",
                (236, 238, 240),
            )


def parts(view: View, rng: np.random.Generator, sp: Space) -> None:
    metals = [(180, 182, 178), (92, 172, 205), (56, 56, 60), (72, 160, 200), (150, 150, 148)]
    metal = metals[int(rng.integers(len(metals)))]
    shape = str(rng.choice(["washer", "nut", "bolt", "mixed"]))
    hw = sp.width * rng.uniform(0.4, 0.95) / 2
    cx = sp.x0 + hw + rng.uniform(0, sp.width - 2 * hw)
    peak = max(1.3 * sp.low, sp.height * rng.uniform(0.08, 0.45))
    size = sp.width * rng.uniform(0.025, 0.065)
    n = int(rng.integers(60, 320))
    u = rng.uniform(-1, 1, n)
    v = rng.uniform(0, 1, n)
    depth = sp.d0 + v * (sp.d1 - sp.d0)
    lift = peak * (1 - u**2) * np.sin(math.pi * v) ** 0.6 * rng.uniform(0.2, 1.0, n)
    view.blend(
        [
            (cx - hw, sp.floor, sp.d0),
            (cx + hw, sp.floor, sp.d0),
            (cx + hw, sp.floor, sp.d1),
            (cx - hw, sp.floor, sp.d1),
        ],
        (20, 20, 20),
        0.35,
        blur=4,
    )
    for i in np.lexsort((-lift, -depth)):
        d = float(depth[i])
        px, py = view.at(cx + float(u[i]) * hw, sp.floor - float(lift[i]), d)
        r = max(1.2, size * view.scale(d) * rng.uniform(0.7, 1.3) / 2)
        c = shade(metal, sp.dim(d) * rng.uniform(0.7, 1.25))
        kind = shape if shape != "mixed" else str(rng.choice(["washer", "nut", "bolt"]))
        img = view.image
        if kind == "bolt":
            a = rng.uniform(0, math.pi)
            dx, dy = math.cos(a) * r * 2.2, math.sin(a) * r * 2.2
            paint.line(img, (px - dx, py - dy), (px + dx, py + dy), c, r * 0.8)
            paint.fill(img, blob(rng, px - dx, py - dy, r * 0.8, r * 0.8), shade(c, 1.1))
        else:
            sides = 6 if kind == "nut" else 16
            ang = np.linspace(0, 2 * math.pi, sides, endpoint=False) + rng.uniform(0, 1)
            squash = rng.uniform(0.5, 1.0)
            paint.fill(img, np.stack([px + r * np.cos(ang), py + r * squash * np.sin(ang)], 1), c)
            paint.fill(
                img,
                np.stack([px + 0.4 * r * np.cos(ang), py + 0.4 * r * squash * np.sin(ang)], 1),
                shade(c, 0.35),
            )
            paint.line(
                img,
                (px - 0.6 * r, py - 0.5 * r * squash),
                (px, py - 0.8 * r * squash),
                shade(c, 1.35),
                max(1.0, r * 0.25),
            )


def rolls(view: View, rng: np.random.Generator, sp: Space) -> None:
    n = int(rng.integers(1, 4))
    colours = [(214, 222, 228), KRAFT, (40, 40, 42), (30, 110, 220), (170, 100, 40), (40, 40, 180)]
    colour = colours[int(rng.integers(len(colours)))]
    r = min(max(0.6 * sp.low, sp.height * rng.uniform(0.25, 0.48)), sp.width / 2 * 0.95)
    n = max(1, min(n, int(sp.width / (2.05 * r))))
    cable = rng.random() < 0.4
    t = (sp.d1 - sp.d0) * rng.uniform(0.15, 0.4 if cable else 0.9)
    xs = sp.x0 + r + np.sort(rng.uniform(0, max(1.0, sp.width - 2 * r), n))
    d = sp.d0 + rng.uniform(0, 0.1) * (sp.d1 - sp.d0)
    for x in sorted(xs, key=lambda v: -abs(v - view.fx)):
        cy = sp.floor - r
        a = np.linspace(0, 2 * math.pi, 32, endpoint=False)
        ring = [(x + r * math.cos(v), cy + r * math.sin(v)) for v in a]
        back = view.pts([(px, py, d + t) for px, py in ring])
        front = view.pts([(px, py, d) for px, py in ring])
        hull = np.asarray(cv2.convexHull(np.vstack([back, front]).astype(np.float32)))
        c = shade(colour, sp.dim(d))
        paint.fill(view.image, hull.reshape(-1, 2), shade(c, 0.72))
        paint.gradient(view.image, front, shade(c, 1.15), shade(c, 0.8), (0.4, 1.0))
        fx, fy = view.at(x, cy, d)
        rs = r * view.scale(d)
        for k in np.linspace(0.35, 0.95, int(rng.integers(3, 9))):
            ring_pts = np.stack([fx + k * rs * np.cos(a), fy + k * rs * np.sin(a)], 1)
            cv2.polylines(
                view.image,
                [np.round(ring_pts).astype(np.int32)],
                True,
                shade(c, 0.78),
                1,
                cv2.LINE_AA,
            )
        core = rng.uniform(0.2, 0.45) * rs
        hole_colour = (35, 35, 35) if cable else shade(c, 0.45)
        paint.fill(
            view.image, np.stack([fx + core * np.cos(a), fy + core * np.sin(a)], 1), hole_colour
        )


def single(view: View, rng: np.random.Generator, sp: Space) -> None:
    frac = rng.uniform(0.2, 0.42)
    w = sp.width * frac
    x = sp.x0 + rng.uniform(0, sp.width - w)
    depth = sp.d1 - sp.d0
    t = depth * rng.uniform(0.3, 0.7)
    d = sp.d0 + rng.uniform(0, depth - t)
    kind = rng.random()
    floor_shadow(view, x, x + w, d, d + t, sp.floor)
    if kind < 0.4:
        h = max(1.1 * sp.low, min(sp.height * 0.8, w * rng.uniform(0.4, 1.2)))
        c = shade(carton_colour(rng), sp.dim(d))
        decorate(view, rng, view.box(x, sp.floor, d, (w, h, t), c), c)
    elif kind < 0.65:  # an upright canister with a label band
        h = max(1.2 * sp.low, min(sp.height * 0.85, w * rng.uniform(1.0, 2.0)))
        colour = [(40, 40, 190), (170, 100, 40), (30, 180, 230), (60, 60, 64)][int(rng.integers(4))]
        x0, y0, x1, y1 = view.rect(x, sp.floor - h, x + w, sp.floor, d)
        c = shade(colour, sp.dim(d))
        paint.gradient(
            view.image,
            [(x0, y0 + 0.1 * (y1 - y0)), (x1, y0 + 0.1 * (y1 - y0)), (x1, y1), (x0, y1)],
            shade(c, 1.2),
            shade(c, 0.6),
            (1.0, 0.0),
        )
        paint.fill(
            view.image,
            blob(rng, (x0 + x1) / 2, y0 + 0.1 * (y1 - y0), (x1 - x0) / 2, 0.08 * (y1 - y0)),
            shade(c, 1.3),
        )
        paint.fill(
            view.image,
            [
                (x0, y0 + 0.4 * (y1 - y0)),
                (x1, y0 + 0.4 * (y1 - y0)),
                (x1, y0 + 0.7 * (y1 - y0)),
                (x0, y0 + 0.7 * (y1 - y0)),
            ],
            shade((232, 232, 232), sp.dim(d)),
        )
    elif kind < 0.85:  # a grey motor / cylinder lying across
        r = max(0.6 * sp.low, min(sp.height * 0.35, w * rng.uniform(0.2, 0.4)))
        x0, y0, x1, y1 = view.rect(x, sp.floor - 2 * r, x + w, sp.floor, d)
        c = shade(paint.jitter(rng, (140, 140, 135), 0.1), sp.dim(d))
        paint.gradient(
            view.image, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], shade(c, 1.3), shade(c, 0.55)
        )
        ex = x0 if view.fx < x else x1
        paint.fill(
            view.image,
            blob(rng, ex, (y0 + y1) / 2, 0.25 * (y1 - y0), (y1 - y0) / 2),
            shade(c, 0.85),
        )
    else:
        bags(view, rng, Space(x, x + w, sp.floor, sp.height * 0.6, d, d + t, sp.low))
