"""OpenCV primitives on the front-on canvas, through a window: a bin's goods are drawn with a pen
whose window is the bin, so nothing spills into its neighbours. Coordinates are canvas floats;
OpenCV gets them in eighths of a pixel (its `shift`) so thin and small things stay smooth."""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from edge.synth.flatbins.geometry import Point, Rect

Colour = tuple[int, int, int]
Image = NDArray[np.uint8]
SHIFT = 3
ONE = 1 << SHIFT
FONT = cv2.FONT_HERSHEY_SIMPLEX


def _byte(v: float) -> int:
    return int(min(max(round(v), 0), 255))


def shade(c: Colour, f: float) -> Colour:
    return _byte(c[0] * f), _byte(c[1] * f), _byte(c[2] * f)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        _byte(a[0] + (b[0] - a[0]) * t),
        _byte(a[1] + (b[1] - a[1]) * t),
        _byte(a[2] + (b[2] - a[2]) * t),
    )


def jitter(rng: np.random.Generator, c: Colour, amount: float) -> Colour:
    d = rng.uniform(-amount, amount, 3) + rng.uniform(-amount, amount)
    return _byte(c[0] + d[0]), _byte(c[1] + d[1]), _byte(c[2] + d[2])


def pick(rng: np.random.Generator, colours: Sequence[Colour]) -> Colour:
    return colours[int(rng.integers(len(colours)))]


class Pen:
    """Draws on `canvas` inside `window` (the whole canvas when None)."""

    def __init__(self, canvas: Image, window: Rect | None = None) -> None:
        h, w = canvas.shape[:2]
        box = window or Rect(0, 0, w, h)
        x0, y0 = max(math.floor(box.x0), 0), max(math.floor(box.y0), 0)
        x1, y1 = min(math.ceil(box.x1), w), min(math.ceil(box.y1), h)
        self.image = canvas[y0 : max(y1, y0), x0 : max(x1, x0)]
        self.origin = np.array([x0, y0], np.float64)

    @property
    def empty(self) -> bool:
        return self.image.size == 0

    def _fix(self, pts: object) -> NDArray[np.int32]:
        return np.round((np.asarray(pts, np.float64) - self.origin) * ONE).astype(np.int32)

    def _pt(self, p: Point) -> tuple[int, int]:
        x, y = self._fix(p)
        return int(x), int(y)

    def poly(self, pts: object, colour: Colour) -> None:
        if not self.empty:
            cv2.fillPoly(self.image, [self._fix(pts)], colour, cv2.LINE_AA, SHIFT)

    def outline(self, pts: object, colour: Colour, width: float, closed: bool = True) -> None:
        if not self.empty:
            thick = max(1, round(width))
            cv2.polylines(self.image, [self._fix(pts)], closed, colour, thick, cv2.LINE_AA, SHIFT)

    def rect(self, r: Rect, colour: Colour) -> None:
        self.poly(r.corners(), colour)

    def line(self, p: Point, q: Point, colour: Colour, width: float) -> None:
        if not self.empty:
            thick = max(1, round(width))
            cv2.line(self.image, self._pt(p), self._pt(q), colour, thick, cv2.LINE_AA, SHIFT)

    def circle(self, c: Point, radius: float, colour: Colour, width: float = -1) -> None:
        if not self.empty:
            thick = -1 if width < 0 else max(1, round(width))
            r = max(1, round(radius * ONE))
            cv2.circle(self.image, self._pt(c), r, colour, thick, cv2.LINE_AA, SHIFT)

    def ellipse(
        self, c: Point, axes: Point, angle: float, colour: Colour, width: float = -1
    ) -> None:
        if not self.empty:
            thick = -1 if width < 0 else max(1, round(width))
            ax = (max(1, round(axes[0] * ONE)), max(1, round(axes[1] * ONE)))
            cv2.ellipse(
                self.image, self._pt(c), ax, angle, 0, 360, colour, thick, cv2.LINE_AA, SHIFT
            )

    def gradient(self, r: Rect, first: Colour, last: Colour, vertical: bool = True) -> None:
        """Fill `r` blending from `first` (top or left) to `last`."""
        h, w = self.image.shape[:2]
        ox, oy = self.origin
        x0, x1 = max(round(r.x0 - ox), 0), min(round(r.x1 - ox), w)
        y0, y1 = max(round(r.y0 - oy), 0), min(round(r.y1 - oy), h)
        if x1 <= x0 or y1 <= y0:
            return
        lo, hi = (r.y0 - oy, r.y1 - oy) if vertical else (r.x0 - ox, r.x1 - ox)
        idx = np.arange(y0, y1) if vertical else np.arange(x0, x1)
        t = np.clip((idx + 0.5 - lo) / max(hi - lo, 1e-6), 0, 1)[:, None]
        ramp = np.asarray(first, np.float32) + (np.asarray(last, np.float32) - first) * t
        ramp8 = np.round(ramp).astype(np.uint8)
        if vertical:
            self.image[y0:y1, x0:x1] = ramp8[:, None, :]
        else:
            self.image[y0:y1, x0:x1] = ramp8[None, :, :]

    def tint(self, pts: object, colour: Colour, alpha: float) -> None:
        """Lay a see-through colour over a polygon (a stain, clear tape, a shadow)."""
        if self.empty:
            return
        mask = np.zeros(self.image.shape[:2], np.uint8)
        cv2.fillPoly(mask, [self._fix(pts)], 255, cv2.LINE_AA, SHIFT)
        ys, xs = np.nonzero(mask)
        if ys.size == 0:
            return
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        a = mask[y0:y1, x0:x1, None].astype(np.float32) * (alpha / 255)
        patch = self.image[y0:y1, x0:x1].astype(np.float32)
        paint = np.array(colour, np.float32)
        self.image[y0:y1, x0:x1] = np.round(patch + (paint - patch) * a).astype(np.uint8)

    def text(self, words: str, r: Rect, colour: Colour, weight: float = 1.0) -> None:
        """`words` as large as fits in `r`, centred."""
        if self.empty or r.w < 4 or r.h < 4:
            return
        thick = 2
        (tw, th), _ = cv2.getTextSize(words, FONT, 1.0, thick)
        scale = min(r.w * 0.92 / tw, r.h * 0.8 / th)
        thick = max(1, round(scale * 2.2 * weight))
        (tw, th), _ = cv2.getTextSize(words, FONT, scale, thick)
        ox, oy = self.origin
        org = (round(r.cx - tw / 2 - ox), round(r.cy + th / 2 - oy))
        cv2.putText(self.image, words, org, FONT, scale, colour, thick, cv2.LINE_AA)


def bars(pen: Pen, r: Rect, seed: int) -> None:
    """Black bars imitating a barcode, the same for the same seed."""
    rng = np.random.default_rng([seed, 0xBA2])
    widths = rng.choice([1.0, 1.0, 2.0, 3.0], size=64)
    gaps = rng.choice([1.0, 1.0, 2.0], size=64)
    total = float(np.cumsum(widths + gaps)[-1])
    step = r.w / total
    x = r.x0
    for bw, gap in zip(widths, gaps, strict=True):
        pen.rect(Rect(x, r.y0, x + bw * step, r.y1), (20, 20, 20))
        x += (bw + gap) * step


def code_seed(words: str) -> int:
    return sum((i + 1) * ord(ch) for i, ch in enumerate(words))


def label(pen: Pen, r: Rect, words: str, paper: Colour = (236, 238, 238)) -> None:
    """A printed location or goods label: text over a barcode when it is big enough for both."""
    pen.rect(r, paper)
    pen.outline(r.corners(), shade(paper, 0.7), max(1.0, r.h / 30))
    if r.h > 2.2 * 9 and r.w > 40:
        pen.text(words, r.part(0.05, 0.06, 0.95, 0.5), (25, 25, 25))
        bars(pen, r.part(0.08, 0.56, 0.92, 0.9), code_seed(words))
    else:
        pen.text(words, r.part(0.04, 0.1, 0.96, 0.9), (25, 25, 25))
