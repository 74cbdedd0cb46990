"""pyzbar (zbar), the optional second backend: some damaged EAN-13 and QR that zxing-cpp misses.

Restricted to symbologies zbar reads reliably (EAN/UPC, QR, Code 128): it reads no DataMatrix
or PDF417 and mangles Code 39 full-ASCII (FINDINGS.md). Missing libzbar means "not available",
never an import error for the caller.
"""

import logging
from typing import Any

import numpy as np
import numpy.typing as npt

from edge.vision.decode.symbols import Symbol, quad_from_box

logger = logging.getLogger(__name__)

BACKEND = "pyzbar"

# zbar type → (our format name, AIM symbology identifier)
_FORMATS: dict[str, tuple[str, str]] = {
    "EAN13": ("EAN13", "]E0"),
    "ISBN13": ("EAN13", "]E0"),
    "EAN8": ("EAN8", "]E4"),
    "UPCA": ("UPCA", "]E0"),
    "UPCE": ("UPCE", "]E0"),
    "QRCODE": ("QRCode", "]Q1"),
    "CODE128": ("Code128", "]C0"),
}

_pyzbar: Any = None
_load_error: str | None = None


def _module() -> Any:
    global _pyzbar, _load_error
    if _pyzbar is None and _load_error is None:
        try:
            from pyzbar import pyzbar

            _pyzbar = pyzbar
        except (ImportError, OSError) as exc:  # OSError: libzbar present but broken
            _load_error = str(exc)
            logger.info("pyzbar backend unavailable: %s", exc)
    return _pyzbar


def available() -> bool:
    """Whether pyzbar and libzbar are installed."""
    return _module() is not None


def _symbol_types(pyzbar: Any) -> list[Any]:
    wanted = set(_FORMATS)
    return [s for s in pyzbar.ZBarSymbol if s.name in wanted]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_pyzbar(gray: npt.NDArray[np.uint8]) -> tuple[Symbol, ...]:
    """Decode a grayscale image; () when pyzbar is unavailable or zbar fails on the image."""
    pyzbar = _module()
    if pyzbar is None:
        return ()
    try:
        decoded = pyzbar.decode(np.ascontiguousarray(gray), symbols=_symbol_types(pyzbar))
    except (ValueError, TypeError) as exc:
        # zbar reports orientations pyzbar does not know (`not a valid ZBarOrientation`).
        logger.debug("pyzbar failed: %s", exc)
        return ()
    symbols = []
    for item in decoded:
        fmt = _FORMATS.get(item.type)
        if fmt is None:
            continue
        left, top, width, height = item.rect
        symbols.append(
            Symbol(
                format=fmt[0],
                text=_text(item.data),
                raw=bytes(item.data),
                position=quad_from_box(left, top, left + width, top + height),
                symbology_identifier=fmt[1],
                backend=BACKEND,
            )
        )
    return tuple(symbols)
