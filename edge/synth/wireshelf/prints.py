"""Printed things: location and part labels with a barcode-like pattern, packing slips, polybag
header cards, printed product boxes.

Drawn at a fixed working resolution and shrunk (area-averaged) to the pixel size the painter
asks for, so that bars and text blur together at a distance instead of aliasing.
"""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Image, Pixels
from edge.synth.wireshelf.faces import Colour, TextureFn
from edge.synth.wireshelf.textures import rgba

FONT = cv2.FONT_HERSHEY_SIMPLEX
INK = (20, 20, 22)


def _bars(canvas: np.ndarray, rng: np.random.Generator, box: tuple[int, int, int, int]) -> None:
    """A barcode-like run of bars filling `box` (x0, y0, x1, y1) with a quiet zone."""
    x0, y0, x1, y1 = box
    modules = rng.integers(1, 5, 70)
    scale = (x1 - x0) / float(modules.sum())
    x = float(x0)
    for i, m in enumerate(modules):
        if i % 2 == 0:
            cv2.rectangle(canvas, (int(x), y0), (int(x + m * scale) - 1, y1), INK, -1)
        x += m * scale


def _finish(canvas: np.ndarray, w: int, h: int, alpha: Image | None = None) -> Pixels:
    img = cv2.resize(canvas, (max(w, 2), max(h, 2)), interpolation=cv2.INTER_AREA)
    rgb = np.asarray(img, np.float32)[..., ::-1] / 255.0  # drawn BGR-free: flip to RGB order
    if alpha is not None:
        alpha = np.asarray(cv2.resize(alpha, (max(w, 2), max(h, 2)), interpolation=cv2.INTER_AREA))
    return rgba(np.ascontiguousarray(rgb), alpha)


def label(text: str, seed: int, part: bool = False) -> TextureFn:
    """A location label (large id, barcode) or, with `part`, a part label (part number, a line
    of description, smaller barcode, sometimes a coloured band)."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        k = 1.0 if w >= 120 else 0.5  # small on screen: draw it at half the working size
        W, H = round(480 * k), round(150 * k)

        def at(x: float, y: float) -> tuple[int, int]:
            return round(x * k), round(y * k)

        def write(words: str, x: float, y: float, size: float, weight: int) -> None:
            cv2.putText(
                canvas, words, at(x, y), FONT, size * k, INK, max(1, round(weight * k)), cv2.LINE_AA
            )

        paper = (250, 250, 246) if rng.random() < 0.8 else (120, 230, 250)  # white or yellow
        canvas = np.full((H, W, 3), paper, np.uint8)
        if part:
            if rng.random() < 0.5:
                band = tuple(int(v) for v in rng.integers(40, 220, 3))
                cv2.rectangle(canvas, (0, 0), at(480, 28), band, -1)
            write(text, 12, 64, 1.1, 3)
            words = ["HEX", "BOLT", "DIN", "ZN", "SS", "PK", "GR8.8", "M6", "NYLOC", "CLIP"]
            write(" ".join(rng.choice(words, 3)), 12, 98, 0.8, 2)
            _bars(canvas, rng, (*at(300, 76), *at(468, 138)))
        elif rng.random() < 0.5:
            _bars(canvas, rng, (*at(14, 10), *at(466, 86)))
            write(text, 30, 136, 1.45, 4)
        else:
            write(text, 14, 62, 1.5, 4)
            _bars(canvas, rng, (*at(14, 80), *at(466, 140)))
        return _finish(canvas, w, h)

    return make


def slip(seed: int) -> TextureFn:
    """A packing slip or delivery note: header, a table of lines, maybe a stamp."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        W, H = 300, 400
        tone = (245, 245, 240) if rng.random() < 0.7 else (200, 215, 250)
        canvas = np.full((H, W, 3), tone, np.uint8)
        cv2.rectangle(canvas, (16, 16), (int(rng.uniform(120, 280)), 40), INK, -1)
        for y in range(70, H - 30, 22):
            x = 16
            while x < W - 40:
                run = int(rng.uniform(20, 90))
                cv2.line(canvas, (x, y), (min(x + run, W - 16), y), (90, 90, 90), 3)
                x += run + int(rng.uniform(8, 30))
        if rng.random() < 0.4:
            cv2.circle(canvas, (int(rng.uniform(80, 220)), 300), 40, (60, 60, 200), 4)
        return _finish(canvas, w, h)

    return make


def header(seed: int, colour: Colour) -> TextureFn:
    """The folded card stapled on a parts bag: brand band, part text, a hang hole."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        W, H = 360, 120
        canvas = np.full((H, W, 3), (240, 240, 236), np.uint8)
        band = tuple(int(255 * v) for v in colour)
        cv2.rectangle(canvas, (0, 0), (W, 40), band[::-1], -1)
        cv2.putText(
            canvas, f"{rng.integers(100, 999)}-{rng.integers(10, 99)}", (20, 90), FONT, 1.0, INK, 2
        )
        alpha = np.ones((H, W), np.float32)
        cv2.ellipse(alpha, (W // 2, 20), (24, 9), 0, 0, 360, 0.0, -1)
        return _finish(canvas, w, h, alpha)

    return make


def product(seed: int, colour: Colour) -> TextureFn:
    """A face of a retail box: base colour, a brand band, a name, sometimes a window or icon."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        W, H = 240, 240
        base = tuple(int(255 * v) for v in colour)[::-1]
        canvas = np.full((H, W, 3), base, np.uint8)
        accent = tuple(int(v) for v in rng.integers(0, 255, 3))
        y = int(rng.uniform(20, 160))
        cv2.rectangle(canvas, (0, y), (W, y + int(rng.uniform(20, 60))), accent, -1)
        ink = INK if sum(base) > 380 else (240, 240, 240)
        cv2.putText(canvas, "".join(rng.choice(list("ABKMRSTXZ"), 4)), (14, 215), FONT, 1.3, ink, 3)
        if rng.random() < 0.4:
            cv2.circle(canvas, (170, 60), 30, (240, 240, 240), -1)
        return _finish(canvas, w, h)

    return make
