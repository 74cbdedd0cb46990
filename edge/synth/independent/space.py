"""The free inside of a bin that goods and litter are drawn into, and what they share:
shadows on the floor, carton colours and print, irregular outlines."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.paint import Colour, View, shade

KRAFT: Colour = (92, 140, 184)
WORDS = (
    "FRAGILE",
    "THIS SIDE UP",
    "HANDLE WITH CARE",
    "ACME",
    "NORDPACK",
    "KEEP DRY",
    "PN 4471-22",
    "LOT 23-118",
    "QTY 50",
    "MADE IN EU",
    "BOLTEX",
    "HYDRA-FLOW",
)
INKS: tuple[Colour, ...] = ((30, 30, 30), (120, 60, 20), (30, 30, 150), (40, 90, 30))


@dataclass(frozen=True)
class Space:
    """The free inside of a bin: front-plane x range, floor y, usable height, depth range."""

    x0: float
    x1: float
    floor: float
    height: float
    d0: float
    d1: float
    low: float = 0.0  # goods reach at least this high (to show above a tote's front wall)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    def dim(self, depth: float) -> float:
        """Light falls off towards the back of the bin."""
        return 1.0 - 0.32 * min(1.0, max(0.0, depth / max(self.d1, 1.0)))


def floor_shadow(view: View, x0: float, x1: float, d0: float, d1: float, y: float) -> None:
    pad = 0.08 * (x1 - x0)
    view.blend(
        [
            (x0 - pad, y, d0 - pad),
            (x1 + pad, y, d0 - pad),
            (x1 + pad, y, d1 + pad),
            (x0 - pad, y, d1 + pad),
        ],
        (15, 15, 15),
        0.45,
        blur=3.0,
    )


def carton_colour(rng: np.random.Generator) -> Colour:
    r = rng.random()
    if r < 0.6:
        return paint.jitter(rng, KRAFT, 0.12)
    if r < 0.85:
        return paint.jitter(rng, (218, 222, 225), 0.05)
    return paint.jitter(rng, (62, 104, 146), 0.1)


def decorate(view: View, rng: np.random.Generator, face: tuple[float, ...], colour: Colour) -> None:
    """Tape, print and a part label on a carton's front face (patch pixels)."""
    x0, y0, x1, y1 = face
    w, h = x1 - x0, y1 - y0
    img = view.image
    if rng.random() < 0.7:
        tape = shade(colour, 1.15) if rng.random() < 0.5 else paint.jitter(rng, (55, 112, 165), 0.1)
        tw = w * rng.uniform(0.1, 0.2)
        cx = x0 + w / 2 + w * rng.uniform(-0.05, 0.05)
        paint.fill(
            img,
            [
                (cx - tw / 2, y0),
                (cx + tw / 2, y0),
                (cx + tw / 2, y0 + h * 0.2),
                (cx - tw / 2, y0 + h * 0.2),
            ],
            tape,
        )
    if rng.random() < 0.5 and w > 20:
        word = str(rng.choice(WORDS))
        tx = x0 + w * rng.uniform(0.05, 0.3)
        ty = y0 + h * rng.uniform(0.25, 0.6)
        ink = INKS[int(rng.integers(len(INKS)))]
        paint.text(img, word, (tx, ty, tx + w * rng.uniform(0.35, 0.65), ty + h * 0.14), ink)
    if rng.random() < 0.55 and w > 14:
        lw = w * rng.uniform(0.25, 0.45)
        lh = min(h * 0.4, lw / rng.uniform(1.3, 2.2))
        lx = x0 + rng.uniform(0.05, 0.95) * (w - lw)
        ly = y0 + rng.uniform(0.35, 0.95) * (h - lh)
        code = f"{int(rng.integers(1000, 99999))}-{int(rng.integers(10, 99))}"
        paint.paper_label(img, (lx, ly, lx + lw, ly + lh), rng, code, (238, 240, 242))


def blob(rng: np.random.Generator, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    n = 18
    a = np.linspace(0, 2 * math.pi, n, endpoint=False) + rng.uniform(0, 0.3)
    r = 1 + 0.13 * rng.standard_normal(n)
    r = (r + np.roll(r, 1) + np.roll(r, -1)) / 3
    return np.stack([cx + rx * r * np.cos(a), cy + ry * r * np.sin(a)], 1)
