"""Light on the rack as a per-pixel gain: overhead lamps as soft pools, an overall slope, a
patch of sunlight through a dock door or skylight, rolling-shutter flicker bands. The later frame
gets the same lamps with changes: one switched off, the sun moved or gone, other flicker."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Image

Lamp = tuple[float, float, float, float, float]  # centre x, y; spread x, y (frame fractions); gain
Patch = tuple[float, float, float, float, float, float]  # x, y, width, height, lean, gain


@dataclass(frozen=True)
class Light:
    ambient: float
    slope: tuple[float, float]  # gain change across the frame, left to right and top to bottom
    lamps: tuple[Lamp, ...]
    sun: Patch | None
    flicker: tuple[float, float, float] | None  # depth, period (frame heights), phase
    tint: tuple[float, float, float]  # colour of the lamps (RGB gains)


def _lamps(rng: np.random.Generator) -> tuple[Lamp, ...]:
    return tuple(
        (
            float(rng.uniform(-0.2, 1.2)),
            float(rng.uniform(-0.4, 0.8)),
            float(rng.uniform(0.25, 0.8)),
            float(rng.uniform(0.2, 0.6)),
            float(rng.uniform(0.25, 0.8)),
        )
        for _ in range(int(rng.integers(1, 4)))
    )


def _sun(rng: np.random.Generator) -> Patch:
    return (
        float(rng.uniform(0, 0.8)),
        float(rng.uniform(0, 0.7)),
        float(rng.uniform(0.1, 0.4)),
        float(rng.uniform(0.2, 0.7)),
        float(rng.uniform(-0.4, 0.4)),
        float(rng.uniform(0.4, 1.2)),
    )


def light_pair(rng: np.random.Generator) -> tuple[Light, Light]:
    """The reference frame's light and the later frame's."""
    tint = (1.0, float(rng.uniform(0.95, 1.02)), float(rng.uniform(0.85, 1.02)))
    first = Light(
        ambient=float(rng.uniform(0.45, 0.8)),
        slope=(float(rng.uniform(-0.25, 0.25)), float(rng.uniform(-0.35, 0.15))),
        lamps=_lamps(rng),
        sun=_sun(rng) if rng.random() < 0.15 else None,
        flicker=None,
        tint=tint,
    )
    later = first
    if rng.random() < 0.3 and len(first.lamps) > 0:  # a lamp switched off
        off = int(rng.integers(len(first.lamps)))
        later = replace(
            later,
            lamps=first.lamps[:off] + first.lamps[off + 1 :],
            ambient=first.ambient * float(rng.uniform(0.75, 1.0)),
        )
    if rng.random() < 0.3:  # sunlight arrives, moves or leaves
        later = replace(
            later, sun=None if first.sun is not None and rng.random() < 0.5 else _sun(rng)
        )
    if rng.random() < 0.2:
        later = replace(
            later,
            flicker=(
                float(rng.uniform(0.04, 0.15)),
                float(rng.uniform(0.05, 0.3)),
                float(rng.uniform(0, 6.3)),
            ),
        )
    later = replace(later, ambient=later.ambient * float(rng.uniform(0.85, 1.15)))
    return first, later


def gain(light: Light, size: tuple[int, int]) -> Image:
    """The light as an RGB gain image of the frame's size (worked out small: it is smooth)."""
    w, h = size
    sw, sh = max(8, w // 8), max(8, h // 8)
    x = np.linspace(0, 1, sw, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, sh, dtype=np.float32)[:, None]
    lamp = np.zeros((sh, sw), np.float32)
    for cx, cy, sx, sy, g in light.lamps:
        lamp += g * np.exp(-(((x - cx) / sx) ** 2) - ((y - cy) / sy) ** 2)
    flat = light.ambient * (1 + light.slope[0] * (x - 0.5) + light.slope[1] * (y - 0.5))
    rgb = np.empty((sh, sw, 3), np.float32)
    for c in range(3):
        rgb[..., c] = flat + lamp * light.tint[c]
    if light.sun is not None:
        px, py, pw, ph, lean, g = light.sun
        patch = np.zeros((sh, sw), np.float32)
        pts = np.array(
            [[px, py], [px + pw, py], [px + pw + lean * ph, py + ph], [px + lean * ph, py + ph]]
        )
        cv2.fillPoly(patch, [np.round(pts * (sw, sh)).astype(np.int32)], 1.0)
        patch = np.asarray(cv2.GaussianBlur(patch, (0, 0), 1.5), np.float32)
        for c, warm in enumerate((1.0, 0.9, 0.72)):
            rgb[..., c] += g * warm * patch
    out = np.asarray(cv2.resize(rgb, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)
    if light.flicker is not None:
        depth, period, phase = light.flicker
        rows = 1 + depth * np.sin(np.arange(h, dtype=np.float32) / (period * h) * 2 * np.pi + phase)
        out *= rows[:, None, None].astype(np.float32)
    return out
