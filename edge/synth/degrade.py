"""What the camera does to a rack: perspective, lens distortion, light, blur, noise, JPEG.

`Photometry` is drawn from a random generator once per frame (or once per video, with a little
per-frame noise), so a reference frame and a later frame of the same camera can differ the way
real frames do: a bit of light, noise and compression, not the geometry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from edge.synth.rack import CameraPose

logger = logging.getLogger(__name__)


def warp_plane(plane: np.ndarray, background: np.ndarray, pose: CameraPose) -> np.ndarray:
    """Project the rack plane into the ideal image, over the background."""
    out = background.copy()
    w, h = pose.image_size
    cv2.warpPerspective(
        plane,
        pose.homography,
        (w, h),
        dst=out,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return out


def lens_maps(pose: CameraPose) -> tuple[np.ndarray, np.ndarray]:
    """`cv2.remap` maps that turn an ideal image into the raw, distorted one."""
    w, h = pose.image_size
    f = np.float32(pose.focal)
    x = (np.arange(w, dtype=np.float32) - np.float32(w / 2)) / f
    y = (np.arange(h, dtype=np.float32) - np.float32(h / 2)) / f
    r2 = x[None, :] ** 2 + y[:, None] ** 2
    scale = 1 + np.float32(pose.k1) * r2 + np.float32(pose.k2) * r2 * r2
    map_x = x[None, :] * scale * f + np.float32(w / 2)
    map_y = y[:, None] * scale * f + np.float32(h / 2)
    return map_x.astype(np.float32), map_y.astype(np.float32)


def distort(image: np.ndarray, maps: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return cv2.remap(image, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


@dataclass(frozen=True)
class Photometry:
    """Light and sensor for one frame."""

    gain: float  # overall exposure
    gradient: tuple[float, float, float]  # linear light falloff: dx, dy per image, offset
    spot: tuple[float, float, float, float]  # lamp: cx, cy (fractions), radius (fraction), gain
    vignette: float
    cast: tuple[float, float, float]  # white balance per BGR channel
    blur_sigma: float
    motion: int  # motion-blur length in pixels (0 = none)
    noise_sigma: float
    jpeg_quality: int  # 0 = no JPEG round trip


def random_photometry(rng: np.random.Generator, strength: float = 1.0) -> Photometry:
    s = strength
    return Photometry(
        gain=float(np.exp(rng.normal(0, 0.25 * s))),
        gradient=(float(rng.normal(0, 0.35 * s)), float(rng.normal(0, 0.35 * s)), 0.0),
        spot=(
            float(rng.uniform(0, 1)),
            float(rng.uniform(-0.2, 0.6)),
            float(rng.uniform(0.2, 0.8)),
            float(rng.uniform(0, 0.6 * s)),
        ),
        vignette=float(rng.uniform(0, 0.5 * s)),
        cast=tuple(float(np.exp(rng.normal(0, 0.08 * s))) for _ in range(3)),  # type: ignore[arg-type]
        blur_sigma=float(rng.uniform(0, 1.2 * s)) if rng.random() < 0.6 else 0.0,
        motion=int(rng.integers(2, 8)) if rng.random() < 0.12 * s else 0,
        noise_sigma=float(rng.uniform(0.5, 9 * s)),
        jpeg_quality=int(rng.integers(35, 96)) if rng.random() < 0.85 else 0,
    )


def nudge(p: Photometry, rng: np.random.Generator, amount: float = 0.3) -> Photometry:
    """A frame of the same scene a while later: slightly different light, fresh noise."""
    return Photometry(
        gain=p.gain * float(np.exp(rng.normal(0, 0.08 * amount))),
        gradient=(
            p.gradient[0] + float(rng.normal(0, 0.1 * amount)),
            p.gradient[1] + float(rng.normal(0, 0.1 * amount)),
            0.0,
        ),
        spot=(p.spot[0], p.spot[1], p.spot[2], max(0.0, p.spot[3] + float(rng.normal(0, 0.1)))),
        vignette=p.vignette,
        cast=p.cast,
        blur_sigma=max(0.0, p.blur_sigma + float(rng.normal(0, 0.3 * amount))),
        motion=p.motion,
        noise_sigma=max(0.5, p.noise_sigma * float(np.exp(rng.normal(0, 0.2 * amount)))),
        jpeg_quality=p.jpeg_quality,
    )


def light_field(size: tuple[int, int], p: Photometry) -> np.ndarray:
    """Multiplicative illumination (H×W×3 float32), computed at low resolution and upscaled."""
    w, h = size
    sw, sh = 64, max(8, int(64 * h / w))
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    u, v = xs / (sw - 1) - 0.5, ys / (sh - 1) - 0.5
    field = 1.0 + p.gradient[0] * u + p.gradient[1] * v
    cx, cy, radius, gain = p.spot
    field += gain * np.exp(-((u + 0.5 - cx) ** 2 + (v + 0.5 - cy) ** 2) / (2 * radius**2))
    field *= 1.0 - p.vignette * (u**2 + v**2) * 2
    field = np.clip(field * p.gain, 0.15, 3.0).astype(np.float32)
    coloured = np.ascontiguousarray(field[..., None] * np.array(p.cast, np.float32))
    return cv2.resize(coloured, (w, h), interpolation=cv2.INTER_LINEAR)


def apply_photometry(
    image: np.ndarray, p: Photometry, rng: np.random.Generator, light: np.ndarray | None = None
) -> np.ndarray:
    """Light, blur, sensor noise and JPEG; `light` may be a precomputed `light_field`."""
    h, w = image.shape[:2]
    field = light if light is not None else light_field((w, h), p)
    out: np.ndarray = cv2.multiply(image.astype(np.float32), field)
    if p.blur_sigma > 0.3:
        out = cv2.GaussianBlur(out, (0, 0), p.blur_sigma)
    if p.motion > 1:
        kernel = np.zeros((p.motion, p.motion), np.float32)
        kernel[p.motion // 2, :] = 1.0 / p.motion
        out = cv2.filter2D(out, -1, kernel)
    if p.noise_sigma > 0:
        # noise at half resolution, upscaled: sensor noise is not white after demosaicing
        coarse = rng.standard_normal((h // 2 + 1, w // 2 + 1, 3), dtype=np.float32)
        noise = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)
        out = cv2.scaleAdd(noise, p.noise_sigma * 1.3, out)
    result: np.ndarray = cv2.convertScaleAbs(np.maximum(out, 0.0))
    if p.jpeg_quality:
        ok, buf = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, p.jpeg_quality])
        decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
        if decoded is not None:
            result = decoded
    return result
