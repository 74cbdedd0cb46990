"""A cheap 720p-class webcam turning canvas radiance into a JPEG of the delivered size.

Noise is added at the sensor's own resolution (so its colour blotches come out upscaled like a
real webcam's), the lens remap bends and enlarges the picture, then the usual cheap-camera
habits: vignetting, rolling-shutter flicker bands from the fluorescent tubes, auto exposure and
an auto white balance that never settles on the same answer twice, over-sharpening, and
JPEG at 55–90. The later frame is sometimes smeared by a little motion.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from edge.synth.aisle.camera import Map
from edge.synth.aisle.light import Image


@dataclass(frozen=True)
class Sensor:
    noise: float  # luma noise at mid grey
    chroma: float  # colour blotch strength
    flicker: float  # depth of the flicker bands
    period: float  # their spacing as a share of the frame height
    flicker_phase: float
    vignette: float
    balance: tuple[float, float, float]  # white-balance drift per channel (BGR)
    exposure: float  # auto exposure's target mean
    sharpen: float
    blur: int  # motion smear length in canvas pixels (0: none)
    blur_angle: float
    quality: int  # JPEG


def sensor_pair(rng: np.random.Generator) -> tuple[Sensor, Sensor]:
    noise, chroma = float(rng.uniform(0.01, 0.03)), float(rng.uniform(0.01, 0.035))
    sharpen, vignette = float(rng.uniform(0.2, 0.9)), float(rng.uniform(0.12, 0.35))
    period = float(rng.uniform(0.05, 0.22))
    out = []
    for later in (False, True):
        blur = int(rng.integers(2, 6)) if later and rng.random() < 0.3 else 0
        out.append(
            Sensor(
                noise=noise * float(rng.uniform(0.8, 1.25)),
                chroma=chroma,
                flicker=float(rng.uniform(0.0, 0.05)),
                period=period,
                flicker_phase=float(rng.uniform(0, 2 * np.pi)),
                vignette=vignette,
                balance=(
                    float(rng.uniform(0.93, 1.07)),
                    float(rng.uniform(0.97, 1.03)),
                    float(rng.uniform(0.93, 1.07)),
                ),
                exposure=float(rng.uniform(0.36, 0.5)),
                sharpen=sharpen,
                blur=blur,
                blur_angle=float(rng.uniform(-0.5, 0.5)),
                quality=int(rng.integers(55, 91)),
            )
        )
    return out[0], out[1]


def _smear(image: Image, length: int, angle: float) -> Image:
    kernel = np.zeros((2 * length + 1, 2 * length + 1), np.float32)
    c, s = np.cos(angle), np.sin(angle)
    for t in np.linspace(-length, length, 4 * length + 1):
        kernel[int(np.rint(length + s * t)), int(np.rint(length + c * t))] = 1
    kernel /= kernel.sum()
    return np.asarray(cv2.filter2D(image, -1, kernel, borderType=cv2.BORDER_REFLECT), np.float32)


def _spatial(size: tuple[int, int], sensor: Sensor) -> Image:
    """Vignetting times the flicker bands, per frame pixel."""
    fw, fh = size
    yy = (np.arange(fh, dtype=np.float32) - fh / 2) / np.float32(fh)
    xx = (np.arange(fw, dtype=np.float32) - fw / 2) / np.float32(fh)
    r2 = xx[None, :] ** 2 + yy[:, None] ** 2
    gain = 1 - np.float32(sensor.vignette) * r2 / np.float32(0.25 + (fw / fh / 2) ** 2)
    rows = 2 * np.pi * np.arange(fh, dtype=np.float32) / np.float32(sensor.period * fh)
    flicker = 1 + np.float32(sensor.flicker) * np.sin(rows + np.float32(sensor.flicker_phase))
    return np.asarray(gain * flicker[:, None], np.float32)


def develop(
    radiance: Image, sensor: Sensor, maps: tuple[Map, Map], rng: np.random.Generator
) -> bytes:
    """The frame as JPEG bytes. Everything up to the tone curve happens at the sensor's own
    resolution; the lens remap then upscales, and sharpening works on the upscaled picture as
    a webcam's does."""
    image = radiance
    if sensor.blur:
        image = _smear(image, sensor.blur, sensor.blur_angle)
    h, w = image.shape[:2]
    grain = rng.standard_normal((h, w), dtype=np.float32)
    shot = np.sqrt(np.maximum(image, np.float32(0))) * np.float32(sensor.noise)
    image = np.asarray(image + grain[..., None] * shot, np.float32)
    blotch = rng.standard_normal((h // 4 + 1, w // 4 + 1, 3), dtype=np.float32)
    blotch -= blotch.mean(axis=2, keepdims=True)  # colour only, no brightness
    smooth = np.asarray(cv2.resize(blotch, (w, h), interpolation=cv2.INTER_CUBIC), np.float32)
    image = image * (1 + np.float32(sensor.chroma) * smooth)
    means = image[::4, ::4].reshape(-1, 3).mean(axis=0) + 1e-4
    grey = float(means.mean())
    # auto white balance most of the way to grey, then its own drift; auto exposure most of
    # the way to its target
    wb = (grey / means) ** 0.75 * np.array(sensor.balance, np.float32)
    wb *= (sensor.exposure / max(grey, 1e-3)) ** 0.8
    image = np.clip(image * wb.astype(np.float32), 0.0, 1.0).astype(np.float32)
    toned = cv2.pow(image, 1 / 1.9)
    frame = np.asarray(
        cv2.remap(toned, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE),
        np.float32,
    )
    fh, fw = frame.shape[:2]
    frame *= _spatial((fw, fh), sensor)[..., None]
    soft = cv2.GaussianBlur(frame, (0, 0), 1.2)
    sharp = cv2.addWeighted(frame, 1 + sensor.sharpen, soft, -sensor.sharpen, 0.0)
    out = cv2.convertScaleAbs(sharp, alpha=255.0)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, sensor.quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(data.tobytes())
