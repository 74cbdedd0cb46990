"""The camera body: focus and motion blur, lens dirt, vignetting, a monochrome infrared mode
(illuminator hot spot, low resolution upscaled, more noise), exposure and white balance, sensor
noise, tone curve and JPEG."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from edge.synth.wireshelf.camera import Image

Spot = tuple[float, float, float, float]
_LEVELS = np.arange(256, dtype=np.float32) / np.float32(127.5)
SHOULDER = np.clip(255 * _LEVELS * 1.25 / (1 + 0.25 * _LEVELS), 0, 255).astype(
    np.uint8
)  # x, y, radius (frame fractions of height), strength


@dataclass(frozen=True)
class Sensor:
    exposure: float
    white: tuple[float, float, float]  # RGB gains
    blur: float  # focus blur sigma at 1080 lines
    motion: tuple[float, float] | None  # length (px at 1080 lines), angle
    vignette: float
    read_noise: float
    shot_noise: float
    quality: int
    dirt: tuple[Spot, ...]
    ir: bool = False
    scale: float = 1.0  # below 1: a smaller sensor image blown up to the frame size
    ir_mix: tuple[float, float, float] = (0.4, 0.4, 0.2)
    hot_spot: tuple[float, float, float] = (0.5, 0.5, 0.0)  # x, y, gain of the IR illuminator


def sensor_pair(rng: np.random.Generator, ir_later: bool, ir_first: bool) -> tuple[Sensor, Sensor]:
    dirt = tuple(
        (
            float(rng.uniform(0, 1.7)),
            float(rng.uniform(0, 1)),
            float(rng.uniform(0.02, 0.12)),
            float(rng.uniform(0.1, 0.35)),
        )
        for _ in range(int(rng.integers(1, 5)) if rng.random() < 0.25 else 0)
    )

    def one(ir: bool) -> Sensor:
        base = Sensor(
            exposure=float(rng.uniform(0.85, 1.2)),
            white=(float(rng.uniform(0.9, 1.1)), 1.0, float(rng.uniform(0.88, 1.12))),
            blur=float(rng.uniform(0.4, 1.6)),
            motion=(float(rng.uniform(3, 12)), float(rng.uniform(0, math.pi)))
            if rng.random() < 0.15
            else None,
            vignette=float(rng.uniform(0.05, 0.35)),
            read_noise=float(rng.uniform(0.004, 0.015)),
            shot_noise=float(rng.uniform(0.0005, 0.004)),
            quality=int(rng.integers(40, 96)),
            dirt=dirt,
        )
        if not ir:
            return base
        mix = rng.dirichlet((3, 3, 2))
        return replace(
            base,
            ir=True,
            scale=float(rng.uniform(0.45, 0.75)),
            vignette=float(rng.uniform(0.4, 0.75)),
            read_noise=float(rng.uniform(0.015, 0.04)),
            shot_noise=float(rng.uniform(0.003, 0.01)),
            ir_mix=(float(mix[0]), float(mix[1]), float(mix[2])),
            white=(1.0, 1.0, 1.0),
            hot_spot=(
                float(rng.uniform(0.3, 0.7)),
                float(rng.uniform(0.3, 0.7)),
                float(rng.uniform(0.4, 1.2)),
            ),
        )

    return one(ir_first), one(ir_later)


def _radial(size: tuple[int, int], cx: float, cy: float) -> Image:
    w, h = size
    sw, sh = max(8, w // 8), max(8, h // 8)
    x = (np.linspace(0, 1, sw, dtype=np.float32)[None, :] - cx) * (w / h)
    y = np.linspace(0, 1, sh, dtype=np.float32)[:, None] - cy
    return (x * x + y * y).astype(np.float32)


def _smooth_gain(small: NDArray[np.floating[Any]], size: tuple[int, int]) -> Image:
    return np.asarray(cv2.resize(small, size, interpolation=cv2.INTER_LINEAR), np.float32)


def develop(image: Image, sensor: Sensor, rng: np.random.Generator) -> bytes:
    """RGB scene radiance (frame geometry) to the JPEG the camera sends."""
    h, w = image.shape[:2]
    scale = h / 1080
    img = image
    if sensor.dirt:
        small = np.zeros((max(8, h // 8), max(8, w // 8)), np.float32)
        for x, y, r, s in sensor.dirt:
            centre = (int(x * small.shape[0]), int(y * small.shape[0]))
            cv2.circle(small, centre, max(1, int(r * small.shape[0])), s, -1)
        haze = _smooth_gain(np.asarray(cv2.GaussianBlur(small, (0, 0), 3)), (w, h))[..., None]
        img = np.asarray(img * (1 - haze) + haze * float(img.mean()) * 0.9, np.float32)
    sigma = sensor.blur * scale
    if sigma > 0.3:
        img = np.asarray(cv2.GaussianBlur(img, (0, 0), sigma), np.float32)
    if sensor.motion is not None:
        length, angle = sensor.motion
        k = max(3, int(length * scale) | 1)
        kernel = np.zeros((k, k), np.float32)
        c = k // 2
        dx, dy = math.cos(angle) * c, math.sin(angle) * c
        cv2.line(kernel, (int(c - dx), int(c - dy)), (int(c + dx), int(c + dy)), 1.0, 1)
        img = np.asarray(cv2.filter2D(img, -1, kernel / kernel.sum()), np.float32)
    fall = 1 / (1 + sensor.vignette * _radial((w, h), 0.5, 0.5) * 2.2)
    if sensor.ir:
        hx, hy, hg = sensor.hot_spot
        fall = fall * (1 + hg * np.exp(-_radial((w, h), hx, hy) / 0.06))
        grey = np.asarray(img, np.float32).reshape(-1, 3) @ np.asarray(sensor.ir_mix, np.float32)
        # most dyes reflect near-IR alike: colours flatten into light greys
        img = np.asarray(0.12 + 0.88 * grey, np.float32).reshape(h, w, 1)
    # vignetting, exposure and white balance as one smooth gain, worked out small
    balance = np.float32(sensor.exposure) * np.asarray(
        (1.0,) if sensor.ir else sensor.white, np.float32
    )
    gain = _smooth_gain(np.asarray(fall[..., None] * balance, np.float32), (w, h))
    img = np.asarray(img, np.float32) * gain.reshape(h, w, -1)
    if sensor.scale < 1:
        small_size = (max(16, int(w * sensor.scale)), max(16, int(h * sensor.scale)))
        img = np.asarray(cv2.resize(img, small_size, interpolation=cv2.INTER_AREA), np.float32)
        img = img.reshape(small_size[1], small_size[0], -1)
    sh, sw, channels = img.shape
    # shot and read noise on brightness, a little colour noise at a coarser grain
    luma = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if channels > 1 else img[..., 0]
    sigma_map = np.sqrt(
        np.float32(sensor.read_noise**2) + np.float32(sensor.shot_noise) * np.maximum(luma, 0)
    )
    img += (rng.standard_normal((sh, sw), dtype=np.float32) * sigma_map)[..., None]
    if channels > 1:
        chroma = rng.standard_normal((sh // 4 + 1, sw // 4 + 1, 3), dtype=np.float32) * np.float32(
            sensor.read_noise
        )
        img += np.asarray(cv2.resize(chroma, (sw, sh), interpolation=cv2.INTER_NEAREST), np.float32)
    # a soft shoulder instead of a hard clip, as a table over [0, 2]
    out = cv2.LUT(cv2.convertScaleAbs(img, alpha=127.5), SHOULDER).reshape(sh, sw, channels)
    if sensor.scale < 1:
        out = cv2.resize(out, (w, h), interpolation=cv2.INTER_LINEAR)
    out = out.reshape(h, w, -1)
    if out.shape[2] == 1:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    else:
        out = cv2.cvtColor(out, cv2.COLOR_RGB2BGR)
    ok, jpg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, sensor.quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(jpg.tobytes())
