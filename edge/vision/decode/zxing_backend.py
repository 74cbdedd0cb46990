"""zxing-cpp, the primary backend: 1D and 2D (DataMatrix, QR, PDF417, GS1) → `Symbol`s.

Always `TextMode.Plain`: the default HRI mode rewrites payloads (`[)><RS>06…`, `(01)…`) and the
label parser needs the control characters. Formats are passed as a list (FINDINGS.md).
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import zxingcpp

from edge.vision.decode.symbols import Quad, Symbol, to_quad

BACKEND = "zxing"

_BINARIZERS = {
    "local": zxingcpp.Binarizer.LocalAverage,
    "global": zxingcpp.Binarizer.GlobalHistogram,
    "fixed": zxingcpp.Binarizer.FixedThreshold,
}


@dataclass(frozen=True)
class ZxingOptions:
    """One zxing-cpp pass. `formats` empty means every readable format."""

    formats: tuple[str, ...] = ()
    try_rotate: bool = True
    try_invert: bool = True
    try_downscale: bool = True
    binarizer: str = "local"


@dataclass(frozen=True)
class ZxingRead:
    """Decoded symbols, and where a symbol was located but failed to decode (checksum etc.)."""

    symbols: tuple[Symbol, ...]
    failed: tuple[Quad, ...]


def _formats(names: tuple[str, ...]) -> Any:
    if not names:
        return zxingcpp.BarcodeFormat.All
    return [getattr(zxingcpp.BarcodeFormat, name) for name in names]


def _quad(barcode: Any) -> Quad:
    p = barcode.position
    return to_quad(
        [
            [p.top_left.x, p.top_left.y],
            [p.top_right.x, p.top_right.y],
            [p.bottom_right.x, p.bottom_right.y],
            [p.bottom_left.x, p.bottom_left.y],
        ]
    )


def to_symbol(barcode: Any) -> Symbol:
    return Symbol(
        format=barcode.format.name,
        text=barcode.text,
        raw=bytes(barcode.bytes),
        position=_quad(barcode),
        symbology_identifier=barcode.symbology_identifier,
        backend=BACKEND,
    )


def read_zxing(
    gray: npt.NDArray[np.uint8],
    options: ZxingOptions = ZxingOptions(),
    *,
    report_failures: bool = False,
) -> ZxingRead:
    """Decode a grayscale image; with `report_failures`, also list located-but-failed symbols."""
    barcodes = zxingcpp.read_barcodes(
        np.ascontiguousarray(gray),
        formats=_formats(options.formats),
        try_rotate=options.try_rotate,
        try_downscale=options.try_downscale,
        try_invert=options.try_invert,
        text_mode=zxingcpp.TextMode.Plain,
        binarizer=_BINARIZERS[options.binarizer],
        return_errors=report_failures,
    )
    symbols = tuple(to_symbol(b) for b in barcodes if b.valid)
    failed = tuple(_quad(b) for b in barcodes if not b.valid)
    return ZxingRead(symbols=symbols, failed=failed)
