"""What an empty bin may still show: paper, tape, an old label, dirt, scratches.

These are the occupancy model's hard negatives: an empty bin with a sheet of paper, a strip of
tape or a half-torn label in it must still read as empty. `draw_litter` draws them into a bin's
interior box on the rack plane.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from edge.synth.paint import fill_polygon, jitter, shade
from edge.synth.rack import Color, Rect

_TAPE_COLORS: tuple[Color, ...] = (
    (60, 130, 180),
    (40, 200, 230),
    (200, 200, 195),
    (40, 40, 40),
    (60, 60, 200),
)


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
        fill_polygon(canvas, pts, jitter((235, 238, 240), rng, 12), outline=False)
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
        fill_polygon(
            canvas,
            np.array([c - d - n, c + d - n, c + d + n, c - d + n]),
            jitter(_TAPE_COLORS[int(rng.integers(len(_TAPE_COLORS)))], rng),
            outline=False,
        )

    def old_label() -> None:
        lw, lh = w * rng.uniform(0.15, 0.35), h * rng.uniform(0.08, 0.2)
        lx, ly = x0 + rng.uniform(0.05, 0.95 - lw / w) * w, y0 + rng.uniform(0.1, 0.9 - lh / h) * h
        cv2.rectangle(
            canvas,
            (int(lx), int(ly)),
            (int(lx + lw), int(ly + lh)),
            jitter((235, 235, 230), rng, 10),
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
                jitter(bin_color, rng, 10),
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
                shade(bin_color, 0.55),
                -1,
                cv2.LINE_AA,
            )
        alpha = rng.uniform(0.2, 0.6)
        cv2.addWeighted(overlay, alpha, canvas, 1 - alpha, 0, dst=canvas)

    def scratches() -> None:
        for _ in range(int(rng.integers(2, 8))):
            p = (int(x0 + rng.uniform(0, w)), int(y0 + rng.uniform(0, h)))
            q = (int(p[0] + rng.normal(0, w * 0.15)), int(p[1] + rng.normal(0, h * 0.05)))
            cv2.line(canvas, p, q, shade(bin_color, rng.uniform(0.6, 1.4)), 1, cv2.LINE_AA)

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
