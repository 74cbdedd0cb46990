"""What is inside a bin: stocked parts for occupied bins, litter and stains for empty ones.

Everything is drawn on the rack plane into a bin's interior box whose bottom edge is the floor
the contents rest on. The hard cases the occupancy model has to learn live here: an empty bin
with a sheet of paper, tape or an old label in it; an occupied bin holding one small part in a
corner; parts coloured like the tote they sit in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import cv2
import numpy as np

from edge.synth.labels import part_label, paste
from edge.synth.rack import Color, Rect, random_color

logger = logging.getLogger(__name__)

_METALS: tuple[Color, ...] = (
    (170, 170, 165),
    (120, 125, 130),
    (60, 150, 190),
    (40, 40, 45),
    (200, 200, 205),
    (80, 110, 140),
)
_CARTON: tuple[Color, ...] = (
    (90, 140, 190),
    (110, 160, 205),
    (70, 120, 170),
    (225, 225, 225),
    (60, 100, 150),
)


def _shade(color: Color, factor: float) -> Color:
    return tuple(min(255, max(0, int(c * factor))) for c in color)  # type: ignore[return-value]


def _jitter(color: Color, rng: np.random.Generator, amount: float = 15.0) -> Color:
    return tuple(min(255, max(0, int(c + rng.normal(0, amount)))) for c in color)  # type: ignore[return-value]


def _item_color(rng: np.random.Generator, bin_color: Color) -> Color:
    roll = rng.random()
    if roll < 0.15:  # camouflaged: close to the bin's own colour
        return _jitter(bin_color, rng, 22)
    if roll < 0.45:
        return _jitter(_METALS[int(rng.integers(len(_METALS)))], rng)
    return random_color(rng)


def _poly(canvas: np.ndarray, pts: np.ndarray, color: Color, outline: bool = True) -> None:
    ipts = np.round(pts).astype(np.int32)
    cv2.fillPoly(canvas, [ipts], color, cv2.LINE_AA)
    if outline:
        cv2.polylines(canvas, [ipts], True, _shade(color, 0.6), 1, cv2.LINE_AA)


def _box(
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
    _poly(canvas, front, color)
    _poly(canvas, lid, _shade(color, 1.2))
    if rng.random() < 0.6:
        tx = x + w * rng.uniform(0.35, 0.55)
        cv2.rectangle(
            canvas,
            (int(tx), int(y_floor - h)),
            (int(tx + max(2, w * 0.1)), int(y_floor - h * rng.uniform(0.3, 0.8))),
            _shade(color, rng.uniform(0.75, 1.25)),
            -1,
        )
    return int(x), int(y_floor - h), int(x + w), int(y_floor)


def _small_part(
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
        _poly(canvas, pts, color)
        cv2.circle(
            canvas, (int(cx), int(cy)), max(1, int(s / 5)), _shade(color, 0.4), -1, cv2.LINE_AA
        )
    elif kind == 1:  # washer
        cv2.circle(canvas, (int(cx), int(cy)), max(1, int(s / 2)), color, -1, cv2.LINE_AA)
        cv2.circle(
            canvas, (int(cx), int(cy)), max(1, int(s / 5)), _shade(color, 0.35), -1, cv2.LINE_AA
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
            _shade(color, 0.8),
            -1,
            cv2.LINE_AA,
        )
    elif kind == 3:  # moulded plastic part
        n = int(rng.integers(5, 9))
        angles = np.sort(rng.uniform(0, 2 * np.pi, n))
        rad = s / 2 * rng.uniform(0.5, 1.0, n)
        _poly(canvas, np.stack([cx + rad * np.cos(angles), cy + rad * np.sin(angles)], 1), color)
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
            _shade(color, 0.6),
            1,
        )
    if rng.random() < 0.5 and s > 5:  # specular glint
        cv2.circle(
            canvas,
            (int(cx - s / 6), int(cy - s / 6)),
            max(1, int(s / 8)),
            _shade(color, 1.6),
            -1,
            cv2.LINE_AA,
        )


def _label_on(
    canvas: np.ndarray, rect: Rect, item: str, quantity: int, rng: np.random.Generator
) -> None:
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


def draw_occupied(
    canvas: np.ndarray,
    box: Rect,
    bin_color: Color,
    item: str,
    quantity: int,
    rng: np.random.Generator,
) -> None:
    """Stock resting on the floor (bottom edge) of `box`; one of several kinds of contents."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    kind = rng.choice(
        ["boxes", "pile", "bags", "rolls", "single", "single", "object", "coil", "stack"]
    )
    color = _item_color(rng, bin_color)
    if kind == "boxes":
        x = x0 + w * rng.uniform(0.0, 0.15)
        for _ in range(int(rng.integers(1, 5))):
            bw = w * rng.uniform(0.25, 0.7)
            if x + bw > x1:
                break
            rect = _box(
                canvas,
                x,
                y1,
                bw,
                h * rng.uniform(0.3, 0.95),
                _jitter(_CARTON[int(rng.integers(len(_CARTON)))], rng)
                if rng.random() < 0.7
                else color,
                rng,
            )
            if rng.random() < 0.5:
                _label_on(canvas, rect, item, quantity, rng)
            x += bw + w * rng.uniform(0.0, 0.1)
    elif kind == "pile":
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
            _small_part(canvas, px, py, size * rng.uniform(0.7, 1.3), _jitter(color, rng, 20), rng)
    elif kind == "bags":
        for _ in range(int(rng.integers(1, 4))):
            bw, bh = w * rng.uniform(0.3, 0.8), h * rng.uniform(0.25, 0.7)
            bx = x0 + rng.uniform(0, max(1.0, w - bw))
            overlay = canvas.copy()
            cv2.rectangle(
                overlay,
                (int(bx), int(y1 - bh)),
                (int(bx + bw), int(y1)),
                _jitter((225, 225, 220), rng),
                -1,
            )
            for _ in range(int(rng.integers(3, 12))):
                _small_part(
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
                _label_on(
                    canvas, (int(bx), int(y1 - bh), int(bx + bw), int(y1)), item, quantity, rng
                )
    elif kind == "rolls":
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
                    _shade(color, 0.5),
                    -1,
                    cv2.LINE_AA,
                )
    elif kind == "single":
        # the hard positive: one small part, usually in a corner
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
            _small_part(canvas, px, y1 - size * rng.uniform(0.5, 0.9), size, color, rng)
    elif kind == "object":
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
        _poly(canvas, pts, color)
        cv2.ellipse(
            canvas,
            (int(cx - ow * 0.15), int(y1 - oh * 0.6)),
            (max(1, int(ow * 0.15)), max(1, int(oh * 0.08))),
            0,
            0,
            360,
            _shade(color, 1.4),
            -1,
            cv2.LINE_AA,
        )
    elif kind == "coil":
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
                _shade(color, 0.8 + 0.05 * k),
                thick,
                cv2.LINE_AA,
            )
    else:  # stack of flat parts (plates, cartons lying down)
        y = float(y1)
        for _ in range(int(rng.integers(2, 9))):
            th = h * rng.uniform(0.05, 0.15)
            sw = w * rng.uniform(0.5, 0.95)
            sx = x0 + (w - sw) * rng.uniform(0.2, 0.8)
            if y - th < y0:
                break
            cv2.rectangle(
                canvas, (int(sx), int(y - th)), (int(sx + sw), int(y)), _jitter(color, rng, 25), -1
            )
            cv2.line(
                canvas, (int(sx), int(y - th)), (int(sx + sw), int(y - th)), _shade(color, 1.3), 1
            )
            y -= th


def draw_litter(
    canvas: np.ndarray, box: Rect, bin_color: Color, rng: np.random.Generator, amount: float = 1.0
) -> None:
    """Things an empty bin may still show: paper, tape, an old label, dirt, scratches."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w < 8 or h < 8:
        return
    actions: list[Callable[[], None]] = []

    def paper() -> None:
        pw, ph = w * rng.uniform(0.2, 0.7), h * rng.uniform(0.08, 0.45)
        px, py = x0 + rng.uniform(0, w - pw), y1 - ph - rng.uniform(0, h * 0.3)
        skew = rng.normal(0, pw * 0.08, (4, 2))
        pts = np.array([[px, py], [px + pw, py], [px + pw, py + ph], [px, py + ph]]) + skew
        _poly(canvas, pts, _jitter((235, 238, 240), rng, 12), outline=False)
        if rng.random() < 0.5:  # printed lines on the sheet
            for k in range(int(rng.integers(2, 6))):
                ly = py + ph * (0.2 + 0.15 * k)
                if ly < py + ph * 0.9:
                    cv2.line(
                        canvas,
                        (int(px + pw * 0.1), int(ly)),
                        (int(px + pw * rng.uniform(0.4, 0.9)), int(ly)),
                        (90, 90, 90),
                        1,
                    )

    def tape() -> None:
        tw = max(2.0, min(w, h) * rng.uniform(0.04, 0.1))
        ang = rng.uniform(0, np.pi)
        length = w * rng.uniform(0.2, 0.7)
        cx, cy = x0 + rng.uniform(0.2, 0.8) * w, y0 + rng.uniform(0.3, 0.95) * h
        d = np.array([np.cos(ang), np.sin(ang)]) * length / 2
        n = np.array([-np.sin(ang), np.cos(ang)]) * tw / 2
        c = np.array([cx, cy])
        colors: list[Color] = [
            (60, 130, 180),
            (40, 200, 230),
            (200, 200, 195),
            (40, 40, 40),
            (60, 60, 200),
        ]
        _poly(
            canvas,
            np.array([c - d - n, c + d - n, c + d + n, c - d + n]),
            _jitter(colors[int(rng.integers(len(colors)))], rng),
            outline=False,
        )

    def old_label() -> None:
        lw, lh = w * rng.uniform(0.15, 0.35), h * rng.uniform(0.08, 0.2)
        lx, ly = x0 + rng.uniform(0.05, 0.95 - lw / w) * w, y0 + rng.uniform(0.1, 0.9 - lh / h) * h
        cv2.rectangle(
            canvas,
            (int(lx), int(ly)),
            (int(lx + lw), int(ly + lh)),
            _jitter((235, 235, 230), rng, 10),
            -1,
        )
        for k in range(int(rng.integers(1, 4))):
            yy = int(ly + lh * (0.3 + 0.25 * k))
            if yy < ly + lh - 1:
                cv2.line(
                    canvas,
                    (int(lx + 2), yy),
                    (int(lx + lw * rng.uniform(0.4, 0.9)), yy),
                    (40, 40, 40),
                    1,
                )
        if rng.random() < 0.5:  # half torn off
            cv2.rectangle(
                canvas,
                (int(lx + lw * 0.5), int(ly)),
                (int(lx + lw), int(ly + lh)),
                _jitter(bin_color, rng, 10),
                -1,
            )

    def dirt() -> None:
        overlay = canvas.copy()
        for _ in range(int(rng.integers(2, 10))):
            cv2.ellipse(
                overlay,
                (int(x0 + rng.uniform(0, w)), int(y0 + rng.uniform(0.4, 1) * h)),
                (
                    max(1, int(w * rng.uniform(0.02, 0.12))),
                    max(1, int(h * rng.uniform(0.01, 0.06))),
                ),
                float(rng.uniform(0, 180)),
                0,
                360,
                _shade(bin_color, 0.55),
                -1,
                cv2.LINE_AA,
            )
        alpha = rng.uniform(0.2, 0.6)
        cv2.addWeighted(overlay, alpha, canvas, 1 - alpha, 0, dst=canvas)

    def scratches() -> None:
        for _ in range(int(rng.integers(2, 8))):
            p = (int(x0 + rng.uniform(0, w)), int(y0 + rng.uniform(0, h)))
            q = (int(p[0] + rng.normal(0, w * 0.15)), int(p[1] + rng.normal(0, h * 0.05)))
            cv2.line(canvas, p, q, _shade(bin_color, rng.uniform(0.6, 1.4)), 1, cv2.LINE_AA)

    for action, chance in (
        (paper, 0.25),
        (tape, 0.25),
        (old_label, 0.25),
        (dirt, 0.35),
        (scratches, 0.3),
    ):
        if rng.random() < chance * amount:
            actions.append(action)
    for action in actions:
        action()
