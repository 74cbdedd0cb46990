"""Symbols rendered with zxing-cpp and degraded like real photos (blur, noise, tilt, contrast).

Test data made on the fly: the tests never read shared/data.
"""

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp

Gray = npt.NDArray[np.uint8]


def render(fmt: str, text: str, scale: int = 3, border: int = 40) -> Gray:
    """A clean symbol with a white border, gray uint8."""
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
    image = np.array(zxingcpp.write_barcode_to_image(barcode, scale=scale), dtype=np.uint8)
    return np.asarray(
        cv2.copyMakeBorder(image, border, border, border, border, cv2.BORDER_CONSTANT, value=255),
        dtype=np.uint8,
    )


def low_contrast(image: Gray, low: int = 100, high: int = 150) -> Gray:
    return (low + image.astype(np.float32) / 255.0 * (high - low)).astype(np.uint8)


def blur(image: Gray, sigma: float) -> Gray:
    return np.asarray(cv2.GaussianBlur(image, (0, 0), sigma), dtype=np.uint8)


def noise(image: Gray, sigma: float, seed: int = 0) -> Gray:
    rng = np.random.default_rng(seed)
    noisy = image.astype(np.float32) + rng.normal(0.0, sigma, image.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def perspective(image: Gray, amount: float = 0.2) -> Gray:
    h, w = image.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    dst = np.array(
        [
            [w * amount, h * amount * 0.5],
            [w, 0],
            [w * (1 - amount * 0.3), h],
            [0, h * (1 - amount * 0.4)],
        ],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    return np.asarray(cv2.warpPerspective(image, matrix, (w, h), borderValue=255), dtype=np.uint8)


def rotate(image: Gray, degrees: float, pad: int = 100) -> Gray:
    padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    h, w = padded.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(padded, matrix, (w, h), borderValue=255), dtype=np.uint8)


def paste(canvas_shape: tuple[int, int], image: Gray, x: int, y: int) -> Gray:
    """The image on a white canvas at (x, y)."""
    canvas = np.full(canvas_shape, 255, dtype=np.uint8)
    canvas[y : y + image.shape[0], x : x + image.shape[1]] = image
    return canvas
