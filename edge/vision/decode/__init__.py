"""Decoding symbols in images: zxing-cpp first, pyzbar second, one typed `Symbol` result.

`decode_fast(image)` is the cheap first pass (the camera worker's hot path);
`decode_image(image, budget_ms=…)` adds the retry ladder for hard images. Both return only
verified symbols (check digits and lengths where the symbology has them).
"""

from edge.vision.decode.ladder import DEFAULT_BUDGET_MS, decode_fast, decode_image, to_gray
from edge.vision.decode.pyzbar_backend import available as pyzbar_available
from edge.vision.decode.symbols import Point, Quad, Symbol
from edge.vision.decode.verify import rejection

__all__ = [
    "DEFAULT_BUDGET_MS",
    "Point",
    "Quad",
    "Symbol",
    "decode_fast",
    "decode_image",
    "pyzbar_available",
    "rejection",
    "to_gray",
]
