"""Light and sensor, applied to the warped frame: a global gain and colour cast, a linear
gradient, sometimes a vignette and a lamp's bright spot (the same lamp in both frames, brighter or
dimmer), then slight blur, Gaussian noise and JPEG at quality 60–95. The later frame gets another
level and colour, which a judge comparing against the reference has to see through."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from edge.synth.flatbins.draw import Image

Field = NDArray[np.float32]


@dataclass(frozen=True)
class Light:
    gain: float
    cast: tuple[float, float, float]  # per-channel factor (B, G, R)
    slope: tuple[float, float]  # gain change across the frame, x and y
    vignette: float
    spot: tuple[float, float, float, float]  # x, y (frame fractions), radius (of height), strength


def _one(rng: np.random.Generator, gain: float, spot: tuple[float, float, float]) -> Light:
    warm = rng.uniform(-0.08, 0.08)
    cast = (1 - warm + rng.uniform(-0.03, 0.03), 1 + rng.uniform(-0.03, 0.03), 1 + warm)
    slope = (rng.uniform(-0.3, 0.3), rng.uniform(-0.25, 0.25))
    vignette = rng.uniform(0.1, 0.4) if rng.random() < 0.5 else 0.0
    return Light(gain, cast, slope, vignette, (*spot, rng.uniform(0.15, 0.5) if spot[2] else 0.0))


def light_pair(rng: np.random.Generator) -> tuple[Light, Light]:
    """Reference and later light: other level (not the same within 10 %), other colour."""
    spot = (
        (rng.uniform(0.2, 0.8), rng.uniform(0.15, 0.7), rng.uniform(0.12, 0.3))
        if rng.random() < 0.4
        else (0.0, 0.0, 0.0)
    )
    first = rng.uniform(0.75, 1.15)
    later = first * rng.choice([-1, 1]) * rng.uniform(0.1, 0.3) + first
    return _one(rng, first, spot), _one(rng, float(np.clip(later, 0.55, 1.35)), spot)


def _field(light: Light, size: tuple[int, int]) -> Field:
    """Gain per pixel and channel, computed small and enlarged (it is smooth)."""
    w, h = size
    sw, sh = 96, max(2, round(96 * h / w))
    x = (np.arange(sw, dtype=np.float32) + 0.5) / sw
    y = (np.arange(sh, dtype=np.float32) + 0.5) / sh
    gx, gy = np.meshgrid(x, y)
    g = light.gain * (1 + light.slope[0] * (gx - 0.5) + light.slope[1] * (gy - 0.5))
    if light.vignette:
        g = g * (1 - light.vignette * ((gx - 0.5) ** 2 + ((gy - 0.5) * h / w) ** 2) * 2)
    sx, sy, radius, strength = light.spot
    if strength:
        d2 = ((gx - sx) * w) ** 2 + ((gy - sy) * h) ** 2
        g = g * (1 + strength * np.exp(-d2 / (2 * (radius * h) ** 2)))
    small = np.stack([g * c for c in light.cast], axis=2).astype(np.float32)
    return np.asarray(cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)


def develop(image: Image, light: Light, rng: np.random.Generator) -> bytes:
    """The frame as the camera's JPEG."""
    h, w = image.shape[:2]
    lit = image.astype(np.float32) * _field(light, (w, h))
    sigma = rng.uniform(0.4, 1.1)
    lit = np.asarray(cv2.GaussianBlur(lit, (0, 0), sigma), np.float32)
    noise = rng.standard_normal(lit.shape, dtype=np.float32) * np.float32(rng.uniform(1.0, 4.0))
    out = np.clip(lit + noise, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 96))])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(data.tobytes())
