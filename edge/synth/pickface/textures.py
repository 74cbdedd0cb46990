"""Flat pictures pasted onto world quads: location labels, louvred panels, painted walls, printed
carton sides. Drawing them flat first and warping them once is both faster and truer to print
than building them from many small polygons.
"""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.pickface.painter import Colour, scaled

FONT = cv2.FONT_HERSHEY_SIMPLEX
LEVEL_COLOURS: tuple[Colour, ...] = (
    (40.0, 40.0, 200.0),
    (200.0, 120.0, 30.0),
    (40.0, 170.0, 60.0),
    (30.0, 200.0, 230.0),
    (160.0, 60.0, 150.0),
)


def location_label(code: str, level: int, rng: np.random.Generator, aspect: float) -> np.ndarray:
    """A white location label `aspect` times wider than high: the code in black, a simple
    barcode-like pattern (not decodable) and, on some sites, a level colour band or an arrow."""
    h = 96
    w = max(120, int(h * aspect))
    img = np.full((h, w, 3), 246, np.uint8)
    img[:] = np.array(scaled((246, 248, 244), rng.uniform(0.92, 1.0)), np.uint8)
    x = 6
    if rng.random() < 0.4:
        band = LEVEL_COLOURS[level % len(LEVEL_COLOURS)]
        cv2.rectangle(img, (0, 0), (h // 3, h), band, -1)
        x = h // 3 + 6
    if rng.random() < 0.3:
        tip = (x + h // 6, h // 4 if level % 2 else 3 * h // 4)
        base = 3 * h // 4 if level % 2 else h // 4
        pts = np.array([tip, (x, base), (x + h // 3, base)], np.int32)
        cv2.fillPoly(img, [pts], (20, 20, 20), cv2.LINE_AA)
        x += h // 3 + 6
    room = w - x - 6
    scale = min(1.6, room / (len(code) * 19.0))
    cv2.putText(img, code, (x, int(h * 0.42)), FONT, scale, (15, 15, 15), 2, cv2.LINE_AA)
    bx, top, bottom = x, int(h * 0.55), h - 8
    while bx < w - 8:
        bar = int(rng.integers(1, 5))
        if rng.random() < 0.55:
            img[top:bottom, bx : min(bx + bar, w - 8)] = 15
        bx += bar
    cv2.rectangle(img, (0, 0), (w - 1, h - 1), (200, 200, 200), 1)
    return img


def louvre_panel(
    width_m: float, height_m: float, colour: Colour, pitch: float, rng: np.random.Generator
) -> np.ndarray:
    """A steel louvred panel: rows of pressed slots (`pitch` metres apart) bins hang in."""
    ppm = 400.0
    w, h = int(width_m * ppm), int(height_m * ppm)
    img = np.empty((h, w, 3), np.uint8)
    img[:] = np.array(colour, np.uint8)
    slot_w, gap = int(0.07 * ppm), int(0.012 * ppm)
    step = max(4, int(pitch * ppm))
    shade = scaled(colour, 0.35)
    light = scaled(colour, 1.25)
    for y in range(step // 2, h, step):
        for x in range(int(rng.integers(0, slot_w)) - slot_w, w, slot_w + gap):
            cv2.rectangle(img, (x, y), (x + slot_w, y + max(2, step // 5)), shade, -1)
            cv2.line(img, (x, y + step // 5 + 2), (x + slot_w, y + step // 5 + 2), light, 2)
    return img


def wall(width_px: int, height_px: int, colour: Colour, rng: np.random.Generator) -> np.ndarray:
    """A painted block or plaster wall with wear; sometimes a coloured dado band and a sign."""
    w, h = width_px, height_px
    img = np.empty((h, w, 3), np.float32)
    img[:] = np.array(colour, np.float32)
    blotch = rng.normal(1.0, 0.05, (max(2, h // 40), max(2, w // 40))).astype(np.float32)
    img *= cv2.resize(blotch, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
    if rng.random() < 0.5:  # concrete blocks
        bh = int(rng.integers(h // 24, h // 12))
        for i, y in enumerate(range(0, h, bh)):
            cv2.line(img, (0, y), (w, y), scaled(colour, 0.8), 2)
            off = (i % 2) * bh
            for x in range(off, w, 2 * bh):
                cv2.line(img, (x, y), (x, y + bh), scaled(colour, 0.8), 2)
    if rng.random() < 0.5:
        y = int(h * rng.uniform(0.7, 0.85))
        band = (
            float(rng.uniform(30, 200)),
            float(rng.uniform(30, 200)),
            float(rng.uniform(30, 200)),
        )
        cv2.rectangle(img, (0, y), (w, y + h // 30), band, -1)
    for _ in range(int(rng.integers(0, 3))):
        x, y = int(rng.integers(0, w - 80)), int(rng.integers(0, h // 2))
        sign = (float(rng.choice([30, 200, 240])), float(rng.choice([40, 160, 240])), 230.0)
        cv2.rectangle(img, (x, y), (x + 60, y + 40), sign, -1)
        cv2.rectangle(img, (x + 10, y + 12), (x + 50, y + 18), (20, 20, 20), -1)
    return np.clip(img, 0, 255).astype(np.uint8)


def carton_print(colour: Colour, rng: np.random.Generator) -> np.ndarray:
    """The printed side of a carton: a logo block, lines of text, sometimes a handling mark."""
    h, w = 120, 160
    img = np.empty((h, w, 3), np.uint8)
    img[:] = np.array(colour, np.uint8)
    ink = (
        float(rng.uniform(10, 120)),
        float(rng.uniform(10, 120)),
        float(rng.uniform(10, 160)),
    )
    x, y = int(rng.integers(8, 50)), int(rng.integers(8, 40))
    cv2.rectangle(img, (x, y), (x + int(rng.integers(30, 90)), y + 22), ink, -1)
    for i in range(int(rng.integers(1, 4))):
        yy = y + 34 + 12 * i
        cv2.line(img, (x, yy), (x + int(rng.integers(30, 100)), yy), ink, 3)
    if rng.random() < 0.4:
        cv2.arrowedLine(img, (w - 25, h - 10), (w - 25, h - 50), (20, 20, 20), 4, tipLength=0.4)
    return img
