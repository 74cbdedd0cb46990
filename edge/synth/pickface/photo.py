"""From a painted scene to a JPEG: light, lens, sensor and compression of a cheap camera.

Light falls on the scene first (a colour cast of the lamps, a gradient, a spotlight pool, stripes
of light between fixtures); the later frame of a camera gets related but different light. The
lens darkens its corners and bends the picture (division model, `camera.Lens`); the sensor adds
noise that grows with the signal (shot noise) plus a floor (read noise) and coarse colour
blotches; the picture may be smeared by motion or defocus; JPEG at a random quality last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

CASTS: dict[str, tuple[float, float, float]] = {  # BGR gains
    "neutral": (1.0, 1.0, 1.0),
    "warm": (0.78, 0.95, 1.12),
    "cool": (1.14, 1.02, 0.86),
    "fluorescent": (0.95, 1.1, 0.88),
}


@dataclass(frozen=True)
class Light:
    gain: float
    cast: tuple[float, float, float]
    gradient: tuple[float, float]  # direction (radians), strength
    spot: tuple[float, float, float, float] | None  # centre x, y (shares), radius share, strength
    stripes: tuple[float, float, float] | None  # direction, period share, strength


def random_light(rng: np.random.Generator) -> Light:
    name = list(CASTS)[int(rng.integers(len(CASTS)))]
    strength = rng.uniform(0.3, 1.0)
    cast = tuple(1.0 + (g - 1.0) * strength for g in CASTS[name])
    return Light(
        gain=float(rng.uniform(0.65, 1.2)),
        cast=(float(cast[0]), float(cast[1]), float(cast[2])),
        gradient=(float(rng.uniform(0, 2 * math.pi)), float(rng.uniform(0.0, 0.45))),
        spot=(
            (
                float(rng.uniform(0.1, 0.9)),
                float(rng.uniform(0.0, 0.9)),
                float(rng.uniform(0.15, 0.5)),
                float(rng.uniform(0.2, 0.7)),
            )
            if rng.random() < 0.45
            else None
        ),
        stripes=(
            (
                float(rng.uniform(-0.6, 0.6)),
                float(rng.uniform(0.15, 0.5)),
                float(rng.uniform(0.08, 0.3)),
            )
            if rng.random() < 0.3
            else None
        ),
    )


def relight(light: Light, rng: np.random.Generator) -> Light:
    """The same camera later: other exposure, a drifted cast, often other lamps on."""
    other = random_light(rng)
    drift = rng.uniform(0.0, 1.0)
    cast = tuple(a + (b - a) * drift for a, b in zip(light.cast, other.cast, strict=True))
    return replace(
        light,
        gain=float(light.gain * rng.uniform(0.7, 1.35)),
        cast=(float(cast[0]), float(cast[1]), float(cast[2])),
        gradient=other.gradient if rng.random() < 0.5 else light.gradient,
        spot=other.spot if rng.random() < 0.5 else light.spot,
        stripes=other.stripes if rng.random() < 0.5 else light.stripes,
    )


def gain_field(
    light: Light,
    surface: np.ndarray,
    lens: tuple[float, float, float, float],
    size: tuple[int, int],
) -> np.ndarray:
    """Per-pixel BGR gain over a canvas of `size`: the light falling on the scene, times the
    fixed dirt of the surfaces (`surface`, any coarse resolution) and the lens's vignetting
    (`lens`: centre x, y and radius in canvas pixels, strength). Computed coarse, then smooth."""
    w, h = size
    sh, sw = surface.shape[:2]
    x = np.linspace(0, 1, sw, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, sh, dtype=np.float32)[:, None] * np.float32(h / w)
    a, strength = light.gradient
    field = 1.0 + strength * ((x - 0.5) * math.cos(a) + (y - 0.5 * h / w) * math.sin(a))
    if light.spot is not None:
        sx, sy, r, s = light.spot
        field = field + s * np.exp(-((x - sx) ** 2 + (y - sy * h / w) ** 2) / (2 * r * r))
    if light.stripes is not None:
        d, period, s = light.stripes
        t = (x * math.cos(d) + y * math.sin(d)) / period
        field = field + s * np.clip(np.sin(2 * math.pi * t) * 2.5, -1, 1)
    cx, cy, radius, vignette = lens
    r2 = ((x * w - cx) ** 2 + (y * w - cy) ** 2) / radius**2
    fall = 1.0 - vignette * np.minimum(r2, 2.0) ** 1.5 / 1.5
    field = np.maximum(field, 0.15) * np.float32(light.gain) * fall * surface
    coloured = field[..., None].astype(np.float32) * np.array(light.cast, np.float32)
    return np.asarray(cv2.resize(coloured, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)


def _blur(img: np.ndarray, rng: np.random.Generator, scale: float) -> np.ndarray:
    kind = rng.choice(["none", "motion", "defocus"], p=[0.45, 0.25, 0.3])
    if kind == "none":
        return img
    if kind == "motion":
        length = max(2, round(rng.uniform(2, 7) * scale))
        kernel = np.zeros((length, length), np.float32)
        a = rng.uniform(0, math.pi)
        c = (length - 1) / 2
        p0 = (round(c - c * math.cos(a)), round(c - c * math.sin(a)))
        p1 = (round(c + c * math.cos(a)), round(c + c * math.sin(a)))
        cv2.line(kernel, p0, p1, 1.0, 1, cv2.LINE_AA)
    else:
        r = rng.uniform(0.8, 2.5) * scale
        n = 2 * math.ceil(r) + 1
        kernel = np.zeros((n, n), np.float32)
        cv2.circle(kernel, (n // 2, n // 2), max(1, round(r)), 1.0, -1, cv2.LINE_AA)
    kernel /= kernel.sum()
    return np.asarray(cv2.filter2D(img, -1, kernel), np.uint8)


def develop(
    scene: np.ndarray,
    maps: tuple[np.ndarray, np.ndarray],
    rng: np.random.Generator,
) -> bytes:
    """A lit scene (float BGR, 0–255, undistorted canvas) through the lens (`maps`), smeared,
    with sensor noise and a tone curve, to JPEG bytes of the final picture."""
    img = cv2.remap(scene, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    h, w = img.shape[:2]
    img = _blur(cv2.convertScaleAbs(img), rng, h / 1080.0)
    # shot noise grows with the signal, read noise is a floor (in 0–255 units)
    signal = img.astype(np.float32)
    shot, read = rng.uniform(0.0002, 0.003) * 255.0, rng.uniform(1e-6, 4e-5) * 255.0**2
    sigma = cv2.sqrt(cv2.addWeighted(signal, shot, signal, 0.0, read))
    # grain: fine in brightness, coarser in colour (as after demosaicing)
    luma = rng.standard_normal((h, w), dtype=np.float32)
    coarse = rng.standard_normal(((h + 1) // 2, (w + 1) // 2, 3), dtype=np.float32)
    chroma = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)
    grain = cv2.addWeighted(cv2.merge([luma, luma, luma]), 0.8, chroma, 0.9, 0.0)
    spots = rng.normal(0, rng.uniform(0.0, 5.0), (max(2, h // 24), max(2, w // 24), 3))
    blotch = cv2.resize(spots.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    noisy = cv2.add(cv2.add(signal, cv2.multiply(sigma, grain)), blotch)
    gamma = rng.uniform(0.85, 1.15)
    table = (np.linspace(0, 1, 256) ** gamma * 255.0 + 0.5).astype(np.uint8)
    out = cv2.LUT(cv2.convertScaleAbs(noisy), table)
    quality = int(rng.integers(50, 96))
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(data.tobytes())
