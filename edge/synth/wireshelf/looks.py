"""Textures of goods: a heap of small parts seen from above, a polybag (what is inside showing
through crinkled film, a heat seal, sometimes a header card), shrink-wrap scrap."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Pixels
from edge.synth.wireshelf.faces import Colour, TextureFn
from edge.synth.wireshelf.prints import header
from edge.synth.wireshelf.textures import rgba, smooth


def parts(seed: int, metal: Colour, width_m: float, item_m: float, kind: str) -> TextureFn:
    """Thousands of small parts: screws (short strokes), nuts (hexagons), washers (rings) with
    glints, on the darker shadows between them."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        rgb = np.empty((h, w, 3), np.float32)
        rgb[:] = np.asarray(metal, np.float32) * 0.35
        size = max(1.5, item_m * w / max(width_m, 1e-3))
        count = int(min(3000, 1.6 * w * h / (size * size)))
        xs, ys = rng.uniform(0, w, count), rng.uniform(0, h, count)
        tones = rng.uniform(0.45, 1.35, count)
        angles = rng.uniform(0, np.pi, count)
        for x, y, tone, a in zip(xs, ys, tones, angles, strict=True):
            c = tuple(float(v) * tone for v in metal)
            if kind == "screws":
                dx, dy = np.cos(a) * size, np.sin(a) * size
                cv2.line(
                    rgb,
                    (int(x - dx), int(y - dy)),
                    (int(x + dx), int(y + dy)),
                    c,
                    max(1, int(size / 3)),
                )
            else:
                cv2.circle(rgb, (int(x), int(y)), max(1, int(size / 2)), c, -1)
                if kind == "washers" or (kind == "nuts" and size > 4):
                    cv2.circle(rgb, (int(x), int(y)), max(1, int(size / 5)), (0.05, 0.05, 0.05), -1)
        glint = rng.random((h, w)) < 0.004
        rgb[glint] = 1.0
        return rgba(rgb)

    return make


def bag(seed: int, inside: Colour, tint: Colour, card: Colour | None, kind: str) -> TextureFn:
    """A zip or heat-sealed bag: its contents (small parts or one coloured item), film haze and
    glare, a clear border and seal, and a header card at the top when `card` is given."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        w, h = max(w, 8), max(h, 8)
        rgb = np.empty((h, w, 3), np.float32)
        rgb[:] = tint
        alpha = np.full((h, w), 0.35, np.float32)
        top = int(h * (0.22 if card is not None else 0.1))
        x0, x1, y1 = int(w * 0.08), int(w * 0.92), int(h * 0.92)
        if kind == "parts":
            fill = parts(seed, inside, 0.1, 0.006, str(rng.choice(["screws", "nuts", "washers"])))
            rgb[top:y1, x0:x1] = fill(x1 - x0, y1 - top)[..., :3] / np.float32(255)
        else:
            rgb[top:y1, x0:x1] = inside
            rgb[top:y1, x0:x1] *= (1 + 0.25 * smooth(rng, x1 - x0, y1 - top, 3))[..., None]
        alpha[top:y1, x0:x1] = 0.95
        haze = np.clip(0.15 + 0.3 * smooth(rng, w, h, 6), 0, 0.6)[..., None]
        rgb = rgb * (1 - haze) + haze * np.float32(0.9)
        for _ in range(int(rng.integers(2, 6))):  # glare along the crinkles
            p = rng.uniform(0, 1, 2) * (w, h)
            q = p + rng.normal(0, 0.3, 2) * (w, h)
            cv2.line(
                rgb, tuple(p.astype(int)), tuple(q.astype(int)), (1.0, 1.0, 1.0), max(1, w // 40)
            )
            cv2.line(alpha, tuple(p.astype(int)), tuple(q.astype(int)), 0.9, max(1, w // 40))
        cv2.rectangle(rgb, (0, h - max(2, h // 25)), (w, h), (0.85, 0.85, 0.85), -1)  # seal
        if card is not None:
            head = header(seed, card)(w, max(top, 2))[:top, :w]
            rgb[:top] = head[..., :3] / np.float32(255)
            alpha[:top] = head[..., 3] / np.float32(255)
        return rgba(rgb, alpha)

    return make


def film(seed: int) -> TextureFn:
    """Torn shrink wrap: mostly clear, wrinkled, with bright creases."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        alpha = np.clip(0.15 + 0.2 * smooth(rng, w, h, 5), 0.05, 0.5).astype(np.float32)
        rgb = np.full((h, w, 3), 0.92, np.float32)
        for _ in range(int(rng.integers(3, 8))):
            p = rng.uniform(0, 1, 2) * (w, h)
            q = p + rng.normal(0, 0.4, 2) * (w, h)
            cv2.line(alpha, tuple(p.astype(int)), tuple(q.astype(int)), 0.8, max(1, w // 30))
        return rgba(rgb, alpha)

    return make
