"""The decode ladder: a cheap first pass, then retries only where it is worth it.

`decode_fast` is the camera worker's hot path: one zxing-cpp pass. `decode_image` adds, only
where the first pass read nothing (whole image) or located a symbol it could not decode (that
region), a ladder of retries ordered by what pays on real photos: another binarizer, CLAHE,
the pyzbar backend, sharpening, upscaling, adaptive threshold, rotation. Each target stops at
the first retry that reads something; all of it within a time budget.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, cast

import cv2
import numpy as np
import numpy.typing as npt

from edge.vision.decode import pyzbar_backend
from edge.vision.decode.quiet_zone import itf_ends_clear
from edge.vision.decode.symbols import Symbol, overlaps, to_quad
from edge.vision.decode.verify import rejection
from edge.vision.decode.zxing_backend import ZxingOptions, read_zxing

logger = logging.getLogger(__name__)

Gray = npt.NDArray[np.uint8]
Affine = npt.NDArray[np.float64]

DEFAULT_BUDGET_MS = 250.0
# Upscaling a region past this many pixels on its long side costs more than it finds.
MAX_UPSCALED_SIDE = 2400
# A failed symbol is retried on a crop this much larger than its located quad (each side).
REGION_MARGIN = 0.35
MIN_REGION_MARGIN_PX = 24
MAX_REGIONS = 6

_IDENTITY: Affine = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


@dataclass(frozen=True)
class Retry:
    """One rung: a transform of the gray image and the backend that reads the result."""

    name: str
    transform: Callable[[Gray], tuple[Gray, Affine] | None]
    backend: str = "zxing"
    options: ZxingOptions = field(default_factory=ZxingOptions)


def _u8(image: Any) -> Gray:
    """OpenCV's stubs type every result loosely; these transforms keep uint8."""
    return cast(Gray, image)


def to_gray(image: npt.NDArray[Any]) -> Gray:
    """Gray uint8 from gray, BGR or BGRA input; raises ValueError for anything else."""
    if image.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image, got {image.dtype}")
    if image.ndim == 2:
        return _u8(image)
    if image.ndim == 3 and image.shape[2] == 3:
        return _u8(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
    if image.ndim == 3 and image.shape[2] == 4:
        return _u8(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY))
    if image.ndim == 3 and image.shape[2] == 1:
        return _u8(image[:, :, 0])
    raise ValueError(f"expected a gray or BGR image, got shape {image.shape}")


def _same(gray: Gray) -> tuple[Gray, Affine]:
    return gray, _IDENTITY


def _clahe(gray: Gray) -> tuple[Gray, Affine]:
    return _u8(cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(gray)), _IDENTITY


def _sharpen(gray: Gray) -> tuple[Gray, Affine]:
    blurred = cv2.GaussianBlur(gray, (0, 0), 2.0)
    return _u8(cv2.addWeighted(gray, 1.8, blurred, -0.8, 0)), _IDENTITY


def _adaptive(gray: Gray) -> tuple[Gray, Affine]:
    # The block follows module size, not image size: 15 px suits the 2-8 px modules of labels
    # at camera distance (measured on real DataMatrix photos and blurred renders).
    out = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 15, 5)
    return _u8(out), _IDENTITY


def _median(gray: Gray) -> tuple[Gray, Affine]:
    return _u8(cv2.medianBlur(gray, 3)), _IDENTITY


def _scale(factor: float) -> Callable[[Gray], tuple[Gray, Affine] | None]:
    def transform(gray: Gray) -> tuple[Gray, Affine] | None:
        if factor > 1 and max(gray.shape) * factor > MAX_UPSCALED_SIDE:
            return None
        interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        out = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)
        return _u8(out), np.array([[1.0 / factor, 0.0, 0.0], [0.0, 1.0 / factor, 0.0]])

    return transform


def _then(
    first: Callable[[Gray], tuple[Gray, Affine] | None],
    second: Callable[[Gray], tuple[Gray, Affine] | None],
) -> Callable[[Gray], tuple[Gray, Affine] | None]:
    def transform(gray: Gray) -> tuple[Gray, Affine] | None:
        a = first(gray)
        if a is None:
            return None
        b = second(a[0])
        if b is None:
            return None
        # back = a_back ∘ b_back
        a3 = np.vstack([a[1], [0.0, 0.0, 1.0]])
        b3 = np.vstack([b[1], [0.0, 0.0, 1.0]])
        return b[0], (a3 @ b3)[:2]

    return transform


def _rotate(degrees: float) -> Callable[[Gray], tuple[Gray, Affine] | None]:
    """Rotation about the centre onto a canvas large enough to keep every corner."""

    def transform(gray: Gray) -> tuple[Gray, Affine] | None:
        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), degrees, 1.0)
        cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
        new_w, new_h = int(h * sin + w * cos) + 1, int(h * cos + w * sin) + 1
        matrix[0, 2] += new_w / 2.0 - w / 2.0
        matrix[1, 2] += new_h / 2.0 - h / 2.0
        border = int(np.median(gray))
        out = cv2.warpAffine(
            gray, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=border
        )
        return _u8(out), np.asarray(cv2.invertAffineTransform(matrix), dtype=np.float64)

    return transform


def default_ladder(second_backend: bool = True) -> tuple[Retry, ...]:
    """The retries in order. Order measured on real photos: cheapest wins first."""
    pyzbar = second_backend and pyzbar_backend.available()
    rungs = [
        Retry("global-binarizer", _same, options=ZxingOptions(binarizer="global")),
        Retry("clahe", _clahe),
        Retry("pyzbar", _same, backend="pyzbar") if pyzbar else None,
        Retry("sharpen", _sharpen),
        Retry("upscale-2", _scale(2.0)),
        Retry("adaptive-threshold", _adaptive),
        Retry("upscale-2-sharpen", _then(_scale(2.0), _sharpen)),
        Retry("upscale-3", _scale(3.0)),
        Retry("pyzbar-clahe", _clahe, backend="pyzbar") if pyzbar else None,
        Retry("rotate-45", _rotate(45.0)),
        Retry("median", _median),
        Retry("pyzbar-upscale-2", _scale(2.0), backend="pyzbar") if pyzbar else None,
        Retry("downscale-2", _scale(0.5)),
    ]
    return tuple(rung for rung in rungs if rung is not None)


def _map_back(symbol: Symbol, back: Affine, offset: tuple[int, int]) -> Symbol:
    points = np.asarray(symbol.position, dtype=np.float64)
    mapped = points @ back[:, :2].T + back[:, 2] + np.asarray(offset, dtype=np.float64)
    return replace(symbol, position=to_quad(mapped))


def _is_duplicate(symbol: Symbol, found: Iterable[Symbol]) -> bool:
    box = symbol.bounds()
    return any(
        s.format == symbol.format and s.text == symbol.text and overlaps(box, s.bounds())
        for s in found
    )


def _rejection(symbol: Symbol, gray: Gray) -> str | None:
    reason = rejection(symbol)
    unchecked_itf = symbol.format == "ITF" and symbol.symbology_identifier != "]I1"
    if reason is None and unchecked_itf and not itf_ends_clear(gray, symbol):
        reason = "bars past the end of the read (truncated by tilt)"
    return reason


def _accept(candidates: Iterable[Symbol], found: list[Symbol], gray: Gray) -> list[Symbol]:
    """Verified, new symbols from candidates, appended to found; returns the new ones.

    `gray` is the image the candidates' positions refer to.
    """
    new = []
    for symbol in candidates:
        reason = _rejection(symbol, gray)
        if reason is not None:
            logger.debug(
                "dropped %s read: %s", symbol.format, reason, extra={"backend": symbol.backend}
            )
            continue
        if not _is_duplicate(symbol, found):
            found.append(symbol)
            new.append(symbol)
    return new


def decode_fast(image: npt.NDArray[Any]) -> list[Symbol]:
    """Cheap first pass only (zxing-cpp defaults, plain text), verified and de-duplicated."""
    gray = to_gray(image)
    found: list[Symbol] = []
    _accept(read_zxing(gray).symbols, found, gray)
    return found


def _regions(
    gray: Gray, failed: Iterable[tuple[int, int, int, int]], found: list[Symbol]
) -> list[tuple[int, int, int, int]]:
    """Crops around located-but-undecoded symbols that no decoded symbol covers."""
    h, w = gray.shape
    out: list[tuple[int, int, int, int]] = []
    for x0, y0, x1, y1 in failed:
        if any(overlaps((x0, y0, x1, y1), s.bounds()) for s in found):
            continue
        mx = max(MIN_REGION_MARGIN_PX, int((x1 - x0) * REGION_MARGIN))
        my = max(MIN_REGION_MARGIN_PX, int((y1 - y0) * REGION_MARGIN))
        box = (max(0, x0 - mx), max(0, y0 - my), min(w, x1 + mx), min(h, y1 + my))
        if box[2] - box[0] < 16 or box[3] - box[1] < 16:
            continue
        if any(overlaps(box, other) for other in out):
            continue
        out.append(box)
    return out[:MAX_REGIONS]


def _run(rung: Retry, gray: Gray) -> tuple[list[Symbol], Affine] | None:
    transformed = rung.transform(gray)
    if transformed is None:
        return None
    image, back = transformed
    if rung.backend == "pyzbar":
        return list(pyzbar_backend.read_pyzbar(image)), back
    return list(read_zxing(image, rung.options).symbols), back


def decode_image(
    image: npt.NDArray[Any],
    *,
    budget_ms: float | None = None,
    second_backend: bool = True,
) -> list[Symbol]:
    """Every symbol in the image: the first pass, then the ladder where it found nothing.

    `budget_ms` bounds the retries (None = DEFAULT_BUDGET_MS); the first pass always runs.
    """
    gray = to_gray(image)
    budget = DEFAULT_BUDGET_MS if budget_ms is None else budget_ms
    start = time.perf_counter()
    deadline = start + budget / 1000.0
    first = read_zxing(gray, report_failures=True)
    found: list[Symbol] = []
    _accept(first.symbols, found, gray)
    if found:
        boxes = [_quad_bounds(q) for q in first.failed]
        targets = _regions(gray, boxes, found)
    else:
        targets = [(0, 0, gray.shape[1], gray.shape[0])]
    ladder = default_ladder(second_backend)
    for x0, y0, x1, y1 in targets:
        crop = gray[y0:y1, x0:x1]
        for rung in ladder:
            if time.perf_counter() >= deadline:
                logger.debug("decode budget of %.0f ms spent", budget)
                return found
            result = _run(rung, crop)
            if result is None:
                continue
            symbols, back = result
            mapped = [_map_back(s, back, (x0, y0)) for s in symbols]
            if _accept(mapped, found, gray):
                logger.debug("retry %s read a symbol", rung.name)
                break
    return found


def _quad_bounds(quad: tuple[tuple[int, int], ...]) -> tuple[int, int, int, int]:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return min(xs), min(ys), max(xs), max(ys)
