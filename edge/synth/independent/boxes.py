"""Goods of boxes: cartons (taped, printed, labelled, sometimes stacked) and stacks of small
product boxes."""

from __future__ import annotations

import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.paint import View, shade
from edge.synth.independent.space import Space, carton_colour, decorate, floor_shadow


def cartons(view: View, rng: np.random.Generator, sp: Space) -> None:
    rows = 2 if rng.random() < 0.3 else 1
    depth = sp.d1 - sp.d0
    for row in reversed(range(rows)):
        n = int(rng.integers(1, 4))
        fill = rng.uniform(0.62, 0.97)
        widths = rng.dirichlet(np.full(n, 3.0)) * sp.width * fill
        x = sp.x0 + rng.uniform(0, sp.width * (1 - fill))
        d = sp.d0 + row * depth * 0.5 + rng.uniform(0, 0.08) * depth
        items = []
        for wi in widths:
            w = wi * rng.uniform(0.88, 1.0)
            h = max(sp.low, sp.height * rng.uniform(0.3, 0.9))
            t = min(depth / rows * 0.95, w * rng.uniform(0.8, 1.5))
            items.append((x, w, h, t, carton_colour(rng)))
            x += wi
        items.sort(key=lambda it: -abs(it[0] + it[1] / 2 - view.fx))
        for x, w, h, t, colour in items:
            floor_shadow(view, x, x + w, d, d + t, sp.floor)
            c = shade(colour, sp.dim(d))
            decorate(view, rng, view.box(x, sp.floor, d, (w, h, t), c), c)
            if h < sp.height * 0.5 and rng.random() < 0.45:
                h2 = min(sp.height - h, h * rng.uniform(0.6, 1.0))
                w2 = w * rng.uniform(0.75, 0.98)
                c2 = shade(carton_colour(rng), sp.dim(d))
                face = view.box(x + (w - w2) / 2, sp.floor - h, d + 0.02 * t, (w2, h2, t * 0.9), c2)
                decorate(view, rng, face, c2)


def stack(view: View, rng: np.random.Generator, sp: Space) -> None:
    cols = int(rng.integers(2, 6))
    layers = int(rng.integers(1, 5))
    rows = int(rng.integers(1, 3))
    fill = rng.uniform(0.7, 0.98)
    bw = sp.width * fill / cols
    bh = min(sp.height * 0.92 / layers, max(sp.low / layers, bw * rng.uniform(0.45, 1.2)))
    bt = (sp.d1 - sp.d0) * rng.uniform(0.4, 0.9) / rows
    colour = [carton_colour(rng), (172, 112, 42), (70, 140, 60), (50, 50, 170), (236, 236, 238)][
        int(rng.integers(5))
    ]
    band = rng.random() < 0.5
    x_start = sp.x0 + rng.uniform(0, sp.width * (1 - fill))
    order = sorted(range(cols), key=lambda c: -abs(x_start + (c + 0.5) * bw - view.fx))
    for row in reversed(range(rows)):
        d = sp.d0 + row * bt * 1.02
        for layer in range(layers):
            for col in order:
                if layer == layers - 1 and layers > 1 and rng.random() < 0.3:
                    continue
                c = shade(paint.jitter(rng, colour, 0.04), sp.dim(d))
                x0, y0, x1, y1 = view.box(
                    x_start + col * bw, sp.floor - layer * bh, d, (bw * 0.97, bh * 0.98, bt), c
                )
                if band:
                    paint.fill(
                        view.image,
                        [
                            (x0, y0 + 0.35 * (y1 - y0)),
                            (x1, y0 + 0.35 * (y1 - y0)),
                            (x1, y0 + 0.6 * (y1 - y0)),
                            (x0, y0 + 0.6 * (y1 - y0)),
                        ],
                        shade((235, 235, 235), sp.dim(d)),
                    )
                elif rng.random() < 0.6 and x1 - x0 > 10:
                    lw, lh = 0.5 * (x1 - x0), 0.3 * (y1 - y0)
                    lx, ly = x0 + 0.25 * (x1 - x0), y0 + 0.55 * (y1 - y0)
                    paint.paper_label(
                        view.image, (lx, ly, lx + lw, ly + lh), rng, "1234", (240, 240, 240)
                    )
