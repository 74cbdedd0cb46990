"""What surrounds a rack: the wall (or the dark far aisle) behind it and the floor in front."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Pixels, Vec
from edge.synth.wireshelf.faces import Face, TextureFn, colour_of, quad
from edge.synth.wireshelf.slot import FRONT, UP
from edge.synth.wireshelf.textures import Size, fit, flat_fill, rgba, smooth

WALLS = ("painted wall", "block wall", "pegboard", "dark aisle", "cladding")


def wall(kind: str, seed: int, size: Size) -> TextureFn:
    """What is behind the rack: 'painted wall', 'block wall', 'pegboard', 'dark aisle' or
    'cladding'."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 640)
        rng = np.random.default_rng(seed)
        noise = smooth(rng, w, h, 5)
        if kind == "dark aisle":  # far racks in the gloom: blurred uprights and beams
            rgb = flat_fill((0.12, 0.12, 0.13), w, h) * (1 + 0.3 * noise)[..., None]
            for x in rng.uniform(0, w, 6):
                c = (0.55, 0.3, 0.1) if rng.random() < 0.5 else (0.15, 0.25, 0.5)
                cv2.rectangle(rgb, (int(x), 0), (int(x + w * 0.01), h), c, -1)
            for y in rng.uniform(0, h, 4):
                cv2.rectangle(rgb, (0, int(y)), (w, int(y + h * 0.012)), (0.5, 0.28, 0.08), -1)
            return rgba(np.asarray(cv2.GaussianBlur(rgb, (0, 0), max(1.0, w / 300)), np.float32))
        colour = (
            (0.78, 0.76, 0.7)
            if kind == "pegboard" and rng.random() < 0.5
            else colour_of(rng.uniform(0.6, 0.85) * rng.uniform(0.92, 1.0, 3))
        )
        rgb = flat_fill(colour, w, h) * (1 + 0.05 * noise)[..., None]
        mx, my = w / size[0], h / size[1]
        if kind == "block wall":
            for row, y in enumerate(np.arange(0, size[1], 0.2) * my):
                cv2.line(rgb, (0, int(y)), (w, int(y)), (0.45, 0.45, 0.45), max(1, int(0.01 * my)))
                for x in np.arange(0.2 * (row % 2), size[0], 0.4) * mx:
                    cv2.line(rgb, (int(x), int(y)), (int(x), int(y + 0.2 * my)), (0.45,) * 3, 1)
        elif kind == "pegboard" and 0.025 * mx >= 4:
            pitch = int(0.025 * mx)
            tile = np.ones((pitch, pitch, 1), np.float32)
            cv2.circle(tile, (pitch // 2, pitch // 2), max(1, pitch // 7), 0.2, -1)
            reps = (h // pitch + 1, w // pitch + 1, 1)
            rgb *= np.tile(tile, reps)[:h, :w]
        elif kind == "cladding":
            x = np.arange(w, dtype=np.float32)
            rgb *= (1 + 0.12 * np.sign(np.sin(x * 2 * np.pi / max(0.2 * mx, 3))))[None, :, None]
        return rgba(rgb)

    return make


def concrete(seed: int, size: Size) -> TextureFn:
    """Warehouse floor: sealed concrete, tyre marks, a yellow aisle line."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 512)
        rng = np.random.default_rng(seed)
        rgb = flat_fill((0.55, 0.54, 0.52), w, h)
        rgb *= (1 + 0.08 * smooth(rng, w, h, 8) + 0.03 * rng.standard_normal((h, w)))[..., None]
        if rng.random() < 0.6:
            y = int(rng.uniform(0.1, 0.6) * h)
            cv2.rectangle(
                rgb, (0, y), (w, y + max(2, int(0.08 * h / size[1]))), (0.85, 0.7, 0.1), -1
            )
        return rgba(rgb)

    return make


def surroundings(rng: np.random.Generator, lo: Vec, hi: Vec) -> tuple[str, tuple[Face, ...]]:
    """The wall (or far aisle) behind the rack and the floor in front of it."""
    kind = str(rng.choice(WALLS, p=[0.3, 0.2, 0.12, 0.23, 0.15]))
    gap = rng.uniform(1.2, 3.0) if kind == "dark aisle" else rng.uniform(0.03, 0.4)
    x0, x1, zb = lo[0] - 25, hi[0] + 25, hi[2] + gap
    top = max(6.0, hi[1] + 4)
    seed = int(rng.integers(1 << 30))
    back = Face(
        quad((x0, top, zb), (x1, top, zb), (x1, 0, zb), (x0, 0, zb)),
        texture=wall(kind, seed, (x1 - x0, top)),
        key=f"wall{seed}",
        normal=FRONT,
        shade=0.9,
    )
    floor = Face(
        quad((x0, 0, -25), (x1, 0, -25), (x1, 0, zb), (x0, 0, zb)),
        texture=concrete(seed + 1, (x1 - x0, zb + 25)),
        key=f"floor{seed}",
        normal=UP,
    )
    return kind, (back, floor)
