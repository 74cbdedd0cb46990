"""From a clean rendering to a camera photo: exposure, colour temperature, a light gradient or a
lamp spot, vignetting, sensor noise, sometimes blur, and JPEG compression."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.independent.paint import Image


def _light(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A smooth multiplicative light field (computed small, scaled up)."""
    w, h = size
    sw, sh = 64, max(8, 64 * h // w)
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    xs, ys = xs / sw - 0.5, ys / sh - 0.5
    angle = rng.uniform(0, 2 * np.pi)
    field = 1 + rng.uniform(0, 0.45) * (xs * np.cos(angle) + ys * np.sin(angle))
    if rng.random() < 0.6:  # a lamp
        sx, sy = rng.uniform(-0.5, 0.5), rng.uniform(-0.6, 0.3)
        r = rng.uniform(0.1, 0.35)
        field += rng.uniform(0.15, 0.7) * np.exp(
            -((xs - sx) ** 2 + ((ys - sy) * h / w) ** 2) / (2 * r * r)
        )
    if rng.random() < 0.5:
        field *= 1 - rng.uniform(0.1, 0.4) * (xs**2 + ys**2) * 2
    return np.asarray(cv2.resize(field.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC))


def _f32(a: object) -> np.ndarray:
    return np.asarray(a, np.float32)


def photograph(image: Image, rng: np.random.Generator) -> bytes:
    """The JPEG bytes of `image` as a camera would deliver it under this frame's light."""
    h, w = image.shape[:2]
    exposure = rng.uniform(0.6, 1.3)
    t = rng.uniform(-1, 1)  # colour temperature: > 0 cool (blue), < 0 warm (orange)
    gains = np.array([1 + 0.14 * t, 1.0 + 0.02 * abs(t), 1 - 0.14 * t], np.float32) * exposure
    light = _light(rng, (w, h))
    img = np.asarray(
        cv2.multiply(image.astype(np.float32), cv2.merge([light * float(g) for g in gains]))
    )
    np.minimum(img, 255.0, out=img)
    # sensor noise: read noise plus shot noise (by brightness); luma noise per pixel, chroma
    # noise coarser
    read = rng.uniform(1.0, 5.0)
    shot = rng.uniform(0.02, 0.25)
    sigma = _f32(cv2.sqrt(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) * float(shot) + float(read * read)))
    luma = cv2.multiply(rng.standard_normal((h, w), dtype=np.float32), sigma, scale=0.7)
    coarse = rng.standard_normal(((h + 1) // 2, (w + 1) // 2, 3), dtype=np.float32)
    chroma = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_NEAREST)
    chroma = cv2.multiply(chroma, cv2.merge([sigma, sigma, sigma]), scale=0.5)
    noisy = cv2.add(cv2.add(img, cv2.merge([luma, luma, luma])), chroma)
    out = np.clip(noisy, 0, 255).astype(np.uint8)
    r = rng.random()
    if r < 0.3:
        out = np.asarray(cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.4)), np.uint8)
    elif r < 0.4:
        k = int(rng.integers(3, 8))
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
        turned = np.asarray(cv2.warpAffine(kernel, rot, (k, k)), np.float32)
        out = np.asarray(cv2.filter2D(out, -1, turned / max(float(turned.sum()), 1e-6)), np.uint8)
    quality = int(rng.integers(70, 96))
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(data.tobytes())
