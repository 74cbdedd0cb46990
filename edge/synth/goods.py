"""Single pieces of stock: their colours, cartons, small parts and the part labels on them.

Each function draws one thing at a given place; arranging goods inside a bin is `stock`'s
business. Colours include the hard case of a part coloured like the bin it sits in.
"""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.labels import part_label, paste
from edge.synth.paint import fill_polygon, jitter, shade
from edge.synth.rack import Color, Rect, random_color

METALS: tuple[Color, ...] = (
    (170, 170, 165),
    (120, 125, 130),
    (60, 150, 190),
    (40, 40, 45),
    (200, 200, 205),
    (80, 110, 140),
)
CARTON: tuple[Color, ...] = (
    (90, 140, 190),
    (110, 160, 205),
    (70, 120, 170),
    (225, 225, 225),
    (60, 100, 150),
)


def item_color(rng: np.random.Generator, bin_color: Color) -> Color:
    """The colour of a bin's stock: sometimes camouflaged, often metal, otherwise anything."""
    roll = rng.random()
    if roll < 0.15:  # camouflaged: close to the bin's own colour
        return jitter(bin_color, rng, 22)
    if roll < 0.45:
        return jitter(METALS[int(rng.integers(len(METALS)))], rng)
    return random_color(rng)


def carton(
    canvas: np.ndarray,
    x: float,
    y_floor: float,
    w: float,
    h: float,
    color: Color,
    rng: np.random.Generator,
) -> Rect:
    """A carton seen from the front with a lit top face and a tape strip."""
    top = max(3.0, h * rng.uniform(0.08, 0.2))
    skew = w * rng.uniform(-0.12, 0.12)
    front = np.array([[x, y_floor - h], [x + w, y_floor - h], [x + w, y_floor], [x, y_floor]])
    lid = np.array(
        [
            [x, y_floor - h],
            [x + w, y_floor - h],
            [x + w + skew, y_floor - h - top],
            [x + skew, y_floor - h - top],
        ]
    )
    fill_polygon(canvas, front, color)
    fill_polygon(canvas, lid, shade(color, 1.2))
    if rng.random() < 0.6:
        tx = x + w * rng.uniform(0.35, 0.55)
        cv2.rectangle(
            canvas,
            (int(tx), int(y_floor - h)),
            (int(tx + max(2, w * 0.1)), int(y_floor - h * rng.uniform(0.3, 0.8))),
            shade(color, rng.uniform(0.75, 1.25)),
            -1,
        )
    return int(x), int(y_floor - h), int(x + w), int(y_floor)


def small_part(
    canvas: np.ndarray, cx: float, cy: float, size: float, color: Color, rng: np.random.Generator
) -> None:
    """A nut, washer, bolt, fitting or blob of `size` pixels."""
    kind = int(rng.integers(5))
    s = max(2.0, size)
    if kind == 0:  # hex nut
        ang = rng.uniform(0, np.pi)
        pts = np.array(
            [
                [cx + s / 2 * np.cos(ang + k * np.pi / 3), cy + s / 2 * np.sin(ang + k * np.pi / 3)]
                for k in range(6)
            ]
        )
        fill_polygon(canvas, pts, color)
        cv2.circle(
            canvas, (int(cx), int(cy)), max(1, int(s / 5)), shade(color, 0.4), -1, cv2.LINE_AA
        )
    elif kind == 1:  # washer
        cv2.circle(canvas, (int(cx), int(cy)), max(1, int(s / 2)), color, -1, cv2.LINE_AA)
        cv2.circle(
            canvas, (int(cx), int(cy)), max(1, int(s / 5)), shade(color, 0.35), -1, cv2.LINE_AA
        )
    elif kind == 2:  # bolt lying down
        ang = rng.uniform(0, np.pi)
        dx, dy = np.cos(ang) * s * 0.9, np.sin(ang) * s * 0.9
        cv2.line(
            canvas,
            (int(cx - dx), int(cy - dy)),
            (int(cx + dx), int(cy + dy)),
            color,
            max(1, int(s / 4)),
            cv2.LINE_AA,
        )
        cv2.circle(
            canvas,
            (int(cx + dx), int(cy + dy)),
            max(1, int(s / 3)),
            shade(color, 0.8),
            -1,
            cv2.LINE_AA,
        )
    elif kind == 3:  # moulded plastic part
        n = int(rng.integers(5, 9))
        angles = np.sort(rng.uniform(0, 2 * np.pi, n))
        rad = s / 2 * rng.uniform(0.5, 1.0, n)
        fill_polygon(
            canvas, np.stack([cx + rad * np.cos(angles), cy + rad * np.sin(angles)], 1), color
        )
    else:  # small box
        w, h = s * rng.uniform(0.7, 1.3), s * rng.uniform(0.5, 1.0)
        cv2.rectangle(
            canvas,
            (int(cx - w / 2), int(cy - h / 2)),
            (int(cx + w / 2), int(cy + h / 2)),
            color,
            -1,
        )
        cv2.rectangle(
            canvas,
            (int(cx - w / 2), int(cy - h / 2)),
            (int(cx + w / 2), int(cy + h / 2)),
            shade(color, 0.6),
            1,
        )
    if rng.random() < 0.5 and s > 5:  # specular glint
        cv2.circle(
            canvas,
            (int(cx - s / 6), int(cy - s / 6)),
            max(1, int(s / 8)),
            shade(color, 1.6),
            -1,
            cv2.LINE_AA,
        )


def label_on(
    canvas: np.ndarray, rect: Rect, item: str, quantity: int, rng: np.random.Generator
) -> None:
    """A part label (DataMatrix or GS1-128) stuck somewhere on the face `rect`, if it fits."""
    x0, y0, x1, y1 = rect
    w = x1 - x0
    if w < 40 or y1 - y0 < 20:
        return
    module = 2 if w < 160 else 3
    scheme = "mh10" if rng.random() < 0.6 else "gs1"
    art = part_label(item, quantity, scheme, module, rng)  # type: ignore[arg-type]
    lw = int(min(w * rng.uniform(0.5, 0.85), art.shape[1] * 1.5))
    lh = int(art.shape[0] * lw / art.shape[1])
    if lh > (y1 - y0) * 0.9:
        return
    paste(
        canvas,
        art,
        x0 + int((w - lw) * rng.uniform(0.1, 0.9)),
        y0 + int((y1 - y0 - lh) * rng.uniform(0.1, 0.9)),
        lw,
    )
