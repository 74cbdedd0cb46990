"""Stock in an occupied bin: the arrangements of goods a camera sees on a bin's floor.

`draw_occupied` picks one arrangement (cartons, a heap of small parts, bags, rolls, a single
part in a corner, one object, a coil, a stack of flat parts) and draws it into a bin's interior
box, whose bottom edge is the floor the goods rest on. The hard positive lives here: an occupied
bin holding one small part in a corner.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from edge.synth.goods import CARTON, carton, item_color, label_on, small_part
from edge.synth.paint import fill_polygon, jitter, shade
from edge.synth.rack import Color, Rect

# canvas, interior box, stock colour, part, quantity, random stream
Arrangement = Callable[[np.ndarray, Rect, Color, str, int, np.random.Generator], None]


def _boxes(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """A few cartons side by side, some with a part label."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    x = x0 + w * rng.uniform(0.0, 0.15)
    for _ in range(int(rng.integers(1, 5))):
        bw = w * rng.uniform(0.25, 0.7)
        if x + bw > x1:
            break
        rect = carton(
            canvas,
            x,
            y1,
            bw,
            h * rng.uniform(0.3, 0.95),
            jitter(CARTON[int(rng.integers(len(CARTON)))], rng) if rng.random() < 0.7 else color,
            rng,
        )
        if rng.random() < 0.5:
            label_on(canvas, rect, item, quantity, rng)
        x += bw + w * rng.uniform(0.0, 0.1)


def _pile(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """A heap of small parts, highest in the middle."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    n = int(rng.integers(12, 160))
    size = w * rng.uniform(0.04, 0.12)
    heap_h = h * rng.uniform(0.25, 0.85)
    centre = x0 + w * rng.uniform(0.3, 0.7)
    spread = w * rng.uniform(0.25, 0.6)
    for _ in range(n):
        px = centre + rng.normal(0, spread / 2)
        if not x0 + size / 2 <= px <= x1 - size / 2:
            continue
        height_here = heap_h * max(0.0, 1 - ((px - centre) / (spread + 1e-6)) ** 2)
        py = y1 - size / 2 - rng.uniform(0, max(height_here, 1.0))
        small_part(canvas, px, py, size * rng.uniform(0.7, 1.3), jitter(color, rng, 20), rng)


def _bags(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """Translucent bags of small parts with a highlight, some with a part label."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for _ in range(int(rng.integers(1, 4))):
        bw, bh = w * rng.uniform(0.3, 0.8), h * rng.uniform(0.25, 0.7)
        bx = x0 + rng.uniform(0, max(1.0, w - bw))
        overlay = canvas.copy()
        cv2.rectangle(
            overlay,
            (int(bx), int(y1 - bh)),
            (int(bx + bw), int(y1)),
            jitter((225, 225, 220), rng),
            -1,
        )
        for _ in range(int(rng.integers(3, 12))):
            small_part(
                overlay,
                bx + rng.uniform(0.1, 0.9) * bw,
                y1 - rng.uniform(0.1, 0.9) * bh,
                min(bw, bh) * 0.25,
                color,
                rng,
            )
        alpha = rng.uniform(0.55, 0.85)
        cv2.addWeighted(overlay, alpha, canvas, 1 - alpha, 0, dst=canvas)
        cv2.line(
            canvas,
            (int(bx + bw * 0.2), int(y1 - bh * 0.8)),
            (int(bx + bw * 0.5), int(y1 - bh * 0.6)),
            (250, 250, 250),
            2,
            cv2.LINE_AA,
        )
        if rng.random() < 0.4:
            label_on(canvas, (int(bx), int(y1 - bh), int(bx + bw), int(y1)), item, quantity, rng)


def _rolls(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """Rolls seen end-on, stacked in staggered rows, some missing."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    r = max(3.0, min(w, h) * rng.uniform(0.1, 0.3))
    for row in range(int(rng.integers(1, 4))):
        for k in range(int((w - 2) // (2 * r))):
            if rng.random() < 0.2:
                continue
            cx, cy = x0 + r + 2 * r * k + row % 2 * r, y1 - r - row * 1.7 * r
            if cx + r > x1 or cy - r < y0:
                continue
            cv2.circle(canvas, (int(cx), int(cy)), int(r), color, -1, cv2.LINE_AA)
            cv2.circle(
                canvas,
                (int(cx), int(cy)),
                int(r * rng.uniform(0.2, 0.6)),
                shade(color, 0.5),
                -1,
                cv2.LINE_AA,
            )


def _single(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """The hard positive: one small part (sometimes two or three), usually in a corner."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    n = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
    corner = rng.random() < 0.75
    left = rng.random() < 0.5
    for _ in range(n):
        size = min(w, h) * rng.uniform(0.12, 0.28)
        px = (
            (x0 + size * rng.uniform(0.6, 1.4) if left else x1 - size * rng.uniform(0.6, 1.4))
            if corner
            else x0 + rng.uniform(size, max(size + 1, w - size))
        )
        small_part(canvas, px, y1 - size * rng.uniform(0.5, 0.9), size, color, rng)


def _object(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """One large irregular object with a highlight."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    n = int(rng.integers(5, 11))
    ow, oh = w * rng.uniform(0.3, 0.9), h * rng.uniform(0.3, 0.9)
    cx = x0 + rng.uniform(ow / 2, max(ow / 2 + 1, w - ow / 2))
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    pts = np.stack(
        [
            cx + ow / 2 * rng.uniform(0.6, 1, n) * np.cos(ang),
            y1 - oh / 2 + oh / 2 * rng.uniform(0.6, 1, n) * np.sin(ang),
        ],
        1,
    )
    fill_polygon(canvas, pts, color)
    cv2.ellipse(
        canvas,
        (int(cx - ow * 0.15), int(y1 - oh * 0.6)),
        (max(1, int(ow * 0.15)), max(1, int(oh * 0.08))),
        0,
        0,
        360,
        shade(color, 1.4),
        -1,
        cv2.LINE_AA,
    )


def _coil(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """A coil of cable or hose: a few loose elliptical loops."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    thick = max(2, int(min(w, h) * rng.uniform(0.02, 0.06)))
    cx, cy = x0 + w * rng.uniform(0.3, 0.7), y1 - h * rng.uniform(0.25, 0.45)
    for k in range(int(rng.integers(3, 8))):
        axes = (max(2, int(w * rng.uniform(0.15, 0.4))), max(2, int(h * rng.uniform(0.1, 0.3))))
        cv2.ellipse(
            canvas,
            (int(cx + rng.normal(0, 3)), int(cy + rng.normal(0, 3))),
            axes,
            float(rng.uniform(-20, 20)),
            0,
            360,
            shade(color, 0.8 + 0.05 * k),
            thick,
            cv2.LINE_AA,
        )


def _stack(
    canvas: np.ndarray, box: Rect, color: Color, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """A stack of flat parts (plates, cartons lying down)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    y = float(y1)
    for _ in range(int(rng.integers(2, 9))):
        th = h * rng.uniform(0.05, 0.15)
        sw = w * rng.uniform(0.5, 0.95)
        sx = x0 + (w - sw) * rng.uniform(0.2, 0.8)
        if y - th < y0:
            break
        cv2.rectangle(
            canvas, (int(sx), int(y - th)), (int(sx + sw), int(y)), jitter(color, rng, 25), -1
        )
        cv2.line(canvas, (int(sx), int(y - th)), (int(sx + sw), int(y - th)), shade(color, 1.3), 1)
        y -= th


_ARRANGEMENTS: dict[str, Arrangement] = {
    "boxes": _boxes,
    "pile": _pile,
    "bags": _bags,
    "rolls": _rolls,
    "single": _single,
    "object": _object,
    "coil": _coil,
    "stack": _stack,
}
# The draw's list (its order and the doubled "single") fixes the random stream: keep it.
_KINDS = ("boxes", "pile", "bags", "rolls", "single", "single", "object", "coil", "stack")


def draw_occupied(
    canvas: np.ndarray,
    box: Rect,
    bin_color: Color,
    item: str,
    quantity: int,
    rng: np.random.Generator,
) -> None:
    """Stock resting on the floor (bottom edge) of `box`; one of several kinds of contents."""
    kind = str(rng.choice(list(_KINDS)))
    color = item_color(rng, bin_color)
    _ARRANGEMENTS[kind](canvas, box, color, item, quantity, rng)
