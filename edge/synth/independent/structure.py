"""The rack's surroundings and frame: wall, floor, neighbouring racks, the dim hall behind open
shelves, uprights with their hole pattern, beams, and location labels on the beams."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.independent import paint
from edge.synth.independent.layout import Layout
from edge.synth.independent.paint import Image, shade


def _lowfreq(
    rng: np.random.Generator, size: tuple[int, int], cells: int, amount: float
) -> np.ndarray:
    w, h = size
    small = rng.uniform(1 - amount, 1 + amount, (max(2, cells * h // w), cells)).astype(np.float32)
    return np.asarray(cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC), np.float32)


def _rack_shadow(
    img: Image, rng: np.random.Generator, x0: float, x1: float, floor: float, u: float
) -> None:
    """A neighbouring rack at the side: upright, beams and some dim goods."""
    colour = shade(paint.jitter(rng, (120, 100, 80), 0.3), 0.7)
    top = floor - rng.uniform(0.6, 1.6) * img.shape[0]
    pitch = rng.uniform(180, 320) * u
    y = floor - rng.uniform(0.1, 0.4) * pitch
    while y > top:
        for _ in range(int(rng.integers(0, 4))):
            bw = rng.uniform(0.15, 0.45) * (x1 - x0)
            bx = rng.uniform(x0, x1 - bw)
            bh = rng.uniform(0.3, 0.8) * pitch
            paint.fill(
                img,
                [(bx, y - bh), (bx + bw, y - bh), (bx + bw, y), (bx, y)],
                shade(paint.jitter(rng, (90, 130, 170), 0.2), rng.uniform(0.4, 0.8)),
            )
        paint.fill(img, [(x0, y), (x1, y), (x1, y + 24 * u), (x0, y + 24 * u)], colour)
        y -= pitch
    for x in (x0, x1 - 22 * u):
        paint.fill(
            img, [(x, top), (x + 22 * u, top), (x + 22 * u, floor), (x, floor)], shade(colour, 0.8)
        )


def paint_background(layout: Layout, size: tuple[int, int], seed: int) -> tuple[Image, Image]:
    """The canvas without the rack, and the dim hall seen through open shelf backs."""
    rng = np.random.default_rng(seed)
    w, h = size
    u = layout.unit
    floor = int(np.clip(layout.floor_y, 0, h))
    img = np.empty((h, w, 3), np.uint8)
    ramp = np.linspace(0.82, 1.05, h, dtype=np.float32)[:, None]
    img[:] = np.clip(
        np.asarray(layout.wall, np.float32)
        * ramp[..., None]
        * _lowfreq(rng, size, 12, 0.05)[..., None],
        0,
        255,
    ).astype(np.uint8)
    if rng.random() < 0.5:  # a painted dado band on the wall
        y = floor - rng.uniform(0.8, 1.4) * (layout.rack[3] - layout.rack[1]) / 2
        img[max(0, int(y)) : max(0, int(y + 60 * u))] = shade(layout.wall, rng.uniform(0.7, 0.9))
    concrete = paint.jitter(rng, (122, 126, 128), 0.12)
    if floor < h:
        blotch = _lowfreq(rng, (w, h - floor), 20, 0.12)
        img[floor:] = np.clip(np.asarray(concrete, np.float32) * blotch[..., None], 0, 255).astype(
            np.uint8
        )
        if rng.random() < 0.6:
            y = floor + rng.uniform(0.1, 0.5) * (h - floor)
            paint.fill(img, [(0, y), (w, y), (w, y + 30 * u), (0, y + 30 * u)], (30, 190, 225))
        paint.fill(
            img,
            [(0, floor - 6 * u), (w, floor - 6 * u), (w, floor), (0, floor)],
            shade(layout.wall, 0.5),
        )
    rx0, _, rx1, _ = layout.rack
    gap = rng.uniform(60, 220) * u
    if rng.random() < 0.7 and rx0 - gap > 40:
        _rack_shadow(img, rng, rx0 - gap - rng.uniform(300, 900) * u, rx0 - gap, layout.floor_y, u)
    if rng.random() < 0.7 and rx1 + gap < w - 40:
        _rack_shadow(img, rng, rx1 + gap, rx1 + gap + rng.uniform(300, 900) * u, layout.floor_y, u)
    # the far hall: dark, blurry racks and lamps, painted small and scaled up
    sw, sh = max(8, w // 4), max(8, h // 4)
    far = np.empty((sh, sw, 3), np.uint8)
    far[:] = paint.jitter(rng, (55, 58, 60), 0.3)
    for _ in range(int(rng.integers(15, 40))):
        x, y = rng.uniform(0, sw), rng.uniform(0, sh)
        bw, bh = rng.uniform(4, 40), rng.uniform(4, 30)
        paint.fill(
            far,
            [(x, y), (x + bw, y), (x + bw, y + bh), (x, y + bh)],
            paint.mix((70, 72, 74), paint.jitter(rng, (80, 110, 140), 0.4), rng.uniform(0.2, 0.6)),
        )
    for _ in range(int(rng.integers(0, 4))):
        x = rng.uniform(0, sw)
        paint.fill(far, [(x, 0), (x + 3, 0), (x + 3, sh), (x, sh)], (200, 215, 225))
    far = np.asarray(cv2.GaussianBlur(far, (0, 0), 2.5), np.uint8)
    return img, np.asarray(cv2.resize(far, (w, h), interpolation=cv2.INTER_LINEAR), np.uint8)


def _beam(img: Image, box: tuple[float, float, float, float], colour: paint.Colour) -> None:
    x0, y0, x1, y1 = box
    h = y1 - y0
    paint.fill(img, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], colour)
    paint.fill(
        img, [(x0, y0), (x1, y0), (x1, y0 + 0.14 * h), (x0, y0 + 0.14 * h)], shade(colour, 1.25)
    )
    paint.fill(
        img, [(x0, y1 - 0.16 * h), (x1, y1 - 0.16 * h), (x1, y1), (x0, y1)], shade(colour, 0.6)
    )


def paint_frame(canvas: Image, layout: Layout, seed: int) -> None:
    """Uprights, beams and the location labels, over the painted levels."""
    rng = np.random.default_rng(seed)
    u = layout.unit
    rx0, ry0, rx1, ry1 = layout.rack
    if layout.floor_y > ry1:  # under the bottom beam: dark gap to the floor
        paint.fill(
            canvas,
            [(rx0, ry1), (rx1, ry1), (rx1, layout.floor_y), (rx0, layout.floor_y)],
            (38, 40, 42),
        )
    top = -10.0 if layout.extend_up else ry0
    for x0, x1 in layout.uprights:
        pw = x1 - x0
        paint.fill(
            canvas,
            [(x0, top), (x1, top), (x1, layout.floor_y), (x0, layout.floor_y)],
            layout.upright,
        )
        paint.fill(
            canvas,
            [
                (x0, top),
                (x0 + 0.25 * pw, top),
                (x0 + 0.25 * pw, layout.floor_y),
                (x0, layout.floor_y),
            ],
            shade(layout.upright, 1.2),
        )
        paint.fill(
            canvas,
            [
                (x1 - 0.2 * pw, top),
                (x1, top),
                (x1, layout.floor_y),
                (x1 - 0.2 * pw, layout.floor_y),
            ],
            shade(layout.upright, 0.7),
        )
        hole = shade(layout.upright, 0.25)
        step = max(6.0, 1.9 * pw)
        for y in np.arange(max(top, 0) + step / 2, layout.floor_y - step / 2, step):
            cx = (x0 + x1) / 2
            paint.fill(
                canvas,
                [
                    (cx - 0.12 * pw, y),
                    (cx + 0.12 * pw, y),
                    (cx + 0.12 * pw, y + 0.35 * pw),
                    (cx - 0.12 * pw, y + 0.35 * pw),
                ],
                hole,
            )
        paint.fill(
            canvas,
            [
                (x0 - 0.3 * pw, layout.floor_y - 6 * u),
                (x1 + 0.3 * pw, layout.floor_y - 6 * u),
                (x1 + 0.3 * pw, layout.floor_y),
                (x0 - 0.3 * pw, layout.floor_y),
            ],
            shade(layout.upright, 0.5),
        )
    _beam(canvas, layout.top_beam, layout.beam)
    for level in layout.levels:
        _beam(canvas, level.beam, layout.beam)
    paper = paint.jitter(rng, (232, 238, 240), 0.04)
    for slot in layout.slots:
        paint.paper_label(canvas, slot.label, rng, slot.location, paper)
