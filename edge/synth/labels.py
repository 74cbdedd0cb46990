"""Label artwork for synthetic racks: location labels and part labels as BGR images.

Barcodes are made by zxing-cpp (`create_barcode` + `write_barcode_to_image`) so that the
decoders read them back; the human-readable text is drawn with `cv2.putText`. Nothing here
knows about racks or cameras: callers paste the returned images wherever they belong.
"""

from __future__ import annotations

import logging
from typing import Literal

import cv2
import numpy as np
import zxingcpp

logger = logging.getLogger(__name__)

LocationSymbol = Literal["code128", "datamatrix"]
PartScheme = Literal["mh10", "gs1"]

_GS = "\x1d"
_RS = "\x1e"
_EOT = "\x04"
_DM_8X32 = 26  # zint's symbol-size number of the rectangular 8×32 DataMatrix


def mh10_payload(part: str, quantity: int) -> str:
    """An ISO/IEC 15434 envelope with MH10.8.2 data identifiers P (part) and Q (quantity)."""
    return f"[){_RS}06{_GS}P{part}{_GS}Q{quantity}{_RS}{_EOT}"


def gs1_payload(gtin: str, quantity: int, lot: str) -> str:
    """A GS1 element string in parentheses form (zxing-cpp encodes it with FNC1)."""
    return f"(01){gtin}(30){quantity}(10){lot}"


def gtin14(body13: str) -> str:
    """Append the GS1 mod-10 check digit to 13 digits."""
    digits = [int(c) for c in body13]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return body13 + str((10 - total % 10) % 10)


def barcode_image(
    content: str, symbol: Literal["code128", "datamatrix", "gs1-128"], scale: int
) -> np.ndarray:
    """A black-on-white grayscale barcode with quiet zones, `scale` pixels per module."""
    if symbol == "datamatrix":
        code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.DataMatrix)
    elif symbol == "gs1-128":
        code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.Code128, gs1=True)
    else:
        code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.Code128)
    image = np.asarray(zxingcpp.write_barcode_to_image(code, scale=scale))
    if symbol != "datamatrix":
        # zxing writes linear codes 50 modules tall; labels want short, wide bars
        height = max(12 * scale, image.shape[0] * 2 // 5)
        image = image[:height]
    return np.ascontiguousarray(image)


def _fit_text(canvas: np.ndarray, text: str, box: tuple[int, int, int, int], bold: bool) -> None:
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if width < 4 or height < 4:
        return
    thickness = 2 if bold else 1
    font = cv2.FONT_HERSHEY_SIMPLEX
    (tw, th), _ = cv2.getTextSize(text, font, 1.0, thickness)
    scale = min(width / max(tw, 1), height / max(th, 1)) * 0.92
    (tw, th), _ = cv2.getTextSize(text, font, scale, thickness)
    origin = (x0 + (width - tw) // 2, y0 + (height + th) // 2)
    cv2.putText(canvas, text, origin, font, scale, (20, 20, 20), thickness, cv2.LINE_AA)


def location_matrix(location: str) -> np.ndarray:
    """The DataMatrix modules (1 = dark, no quiet zone) of a location label.

    A rectangular 8×32 symbol when the code fits (the 10-character codes do): a shelf edge is
    low and wide, and in the same height 8 rows (10 with the quiet zone) make modules 1.6× as
    large as the 14×14 square symbol's. Longer codes fall back to the smallest square symbol.
    """
    try:
        code = zxingcpp.create_barcode(
            location, zxingcpp.BarcodeFormat.DataMatrix, version=_DM_8X32
        )
    except ValueError:
        code = zxingcpp.create_barcode(location, zxingcpp.BarcodeFormat.DataMatrix)
    image = np.asarray(zxingcpp.write_barcode_to_image(code, scale=1, add_quiet_zones=False))
    return (image < 128).astype(np.uint8)


def _draw_matrix(canvas: np.ndarray, modules: np.ndarray, x: int, y: int, module: float) -> None:
    """Dark modules at (x, y), `module` pixels each (fractional sizes antialiased)."""
    rows, cols = modules.shape
    w, h = max(1, round(cols * module)), max(1, round(rows * module))
    fine = np.kron(1 - modules, np.ones((8, 8), np.uint8)) * 255
    ink = cv2.resize(fine, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    roi = canvas[y : y + h, x : x + w]
    roi[:] = (roi.astype(np.float32) * ink[: roi.shape[0], : roi.shape[1], None]).astype(np.uint8)


def location_label(
    location: str,
    symbol: LocationSymbol,
    size: tuple[int, int],
    paper: tuple[int, int, int] = (245, 245, 245),
) -> np.ndarray:
    """A shelf-edge location label of exactly `size` (width, height): barcode plus text.

    A DataMatrix label is made to be read from a distance, as real ones on camera-watched racks
    are: the symbol is as tall as the label allows with a one-module quiet zone of paper, the
    text takes the rest of the width. A Code 128 label spans the label's width.
    Drawn at twice the size and then shrunk, so the pasted label is antialiased like a photo.
    """
    width, height = max(8, size[0] * 2), max(8, size[1] * 2)
    label = np.full((height, width, 3), paper, np.uint8)
    if symbol == "datamatrix":
        modules = location_matrix(location)
        rows, cols = modules.shape
        # quiet zone of one module on every side; at least a fifth of the width for the text
        module = min(height / (rows + 2), width * 0.8 / (cols + 2))
        top = int((height - rows * module) / 2)
        left = max(1, round(module))
        _draw_matrix(label, modules, left, top, module)
        text_x = left + round((cols + 1) * module)
        _fit_text(label, location, (text_x, height // 5, width - left, height * 4 // 5), True)
    else:
        code_h = int(height * 0.66)
        probe = barcode_image(location, "code128", 1)
        code = barcode_image(location, "code128", max(1, width // probe.shape[1]))
        code = cv2.resize(code, (width, code_h), interpolation=cv2.INTER_NEAREST)
        label[:code_h] = code[..., None]
        _fit_text(label, location, (width // 8, code_h + 1, width - width // 8, height - 2), True)
    return cv2.resize(label, size, interpolation=cv2.INTER_AREA)


def part_label(
    part: str, quantity: int, scheme: PartScheme, module: int, rng: np.random.Generator
) -> np.ndarray:
    """A part label: a DataMatrix (MH10 15434) or a GS1-128, with the part and quantity in text."""
    if scheme == "mh10":
        code = barcode_image(mh10_payload(part, quantity), "datamatrix", module)
        text_w = int(code.shape[1] * 1.8)
        label = np.full((code.shape[0] + 4, code.shape[1] + text_w + 6, 3), 250, np.uint8)
        label[2 : 2 + code.shape[0], 2 : 2 + code.shape[1]] = code[..., None]
        half = label.shape[0] // 2
        _fit_text(label, part, (code.shape[1] + 6, 2, label.shape[1] - 2, half), True)
        _fit_text(
            label,
            f"QTY {quantity}",
            (code.shape[1] + 6, half, label.shape[1] - 2, label.shape[0] - 2),
            False,
        )
        return label
    gtin = gtin14("0" + "".join(str(int(d)) for d in rng.integers(0, 10, 12)))
    lot = f"L{int(rng.integers(1000, 99999))}"
    code = barcode_image(gs1_payload(gtin, quantity, lot), "gs1-128", module)
    code = code[: max(10 * module, code.shape[0] * 3 // 5)]
    text_h = max(10, code.shape[0] // 2)
    label = np.full((code.shape[0] + 2 * text_h + 4, code.shape[1] + 4, 3), 250, np.uint8)
    _fit_text(label, part, (4, 1, label.shape[1] - 4, text_h), True)
    label[text_h + 2 : text_h + 2 + code.shape[0], 2 : 2 + code.shape[1]] = code[..., None]
    _fit_text(
        label,
        f"({gtin}) Q{quantity} {lot}",
        (4, text_h + code.shape[0] + 3, label.shape[1] - 4, label.shape[0] - 1),
        False,
    )
    return label


def paste(canvas: np.ndarray, patch: np.ndarray, x: int, y: int, width: int) -> tuple[int, int]:
    """Resize `patch` to `width` (keeping aspect) and paste it at (x, y), clipped; returns size."""
    height = max(1, round(patch.shape[0] * width / max(patch.shape[1], 1)))
    resized = cv2.resize(patch, (max(1, width), height), interpolation=cv2.INTER_AREA)
    h, w = canvas.shape[:2]
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + width, w), min(y + height, h)
    if x1 > x0 and y1 > y0:
        canvas[y0:y1, x0:x1] = resized[y0 - y : y1 - y, x0 - x : x1 - x]
    return width, height
