"""Quiet-zone check for ITF reads without a check digit.

A tilted ITF-14 makes zxing-cpp's horizontal scan lines leave the symbol through its top or
bottom edge, and a prefix of the digits decodes as a shorter, valid-looking ITF (measured:
`0001234567` from `00012345678905`). Along the symbol's true axis (perpendicular to the bars,
found with the structure tensor), a real read ends in a quiet zone; a truncated one runs into
more bars. Only reads without a check digit need this: check-digit reads are verified already.
"""

import numpy as np
import numpy.typing as npt

from edge.vision.decode.symbols import Symbol

# ITF asks for 10 modules of quiet zone; ITF-14 bearer boxes start right after it, so only the
# first modules are sampled.
_QUIET_MODULES_FROM = 1.5
_QUIET_MODULES_TO = 6.0


def _axis(patch: npt.NDArray[np.float64]) -> npt.NDArray[np.float64] | None:
    """Unit vector of the dominant gradient direction (across the bars), or None if flat."""
    gy, gx = np.gradient(patch)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    if jxx + jyy < 1e-6:
        return None
    angle = 0.5 * np.arctan2(2.0 * jxy, jxx - jyy)
    return np.array([np.cos(angle), np.sin(angle)])


def _sample(
    gray: npt.NDArray[np.float64], points: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    h, w = gray.shape
    xs = np.clip(np.rint(points[:, 0]).astype(int), 0, w - 1)
    ys = np.clip(np.rint(points[:, 1]).astype(int), 0, h - 1)
    inside = (points[:, 0] >= 0) & (points[:, 0] < w) & (points[:, 1] >= 0) & (points[:, 1] < h)
    values = gray[ys, xs]
    return np.where(inside, values, np.nan)


def itf_ends_clear(gray: npt.NDArray[np.uint8], symbol: Symbol) -> bool:
    """False when bars continue past either end of the read along the symbol's axis."""
    digits = len(symbol.text)
    quad = np.asarray(symbol.position, dtype=np.float64)
    centre = quad.mean(axis=0)
    # The quad may be one scan line thin: judge the bar direction on a square patch.
    half = max(4.0, float(np.ptp(quad, axis=0).max()) / 3.0)
    h, w = gray.shape
    x0, y0 = (max(0, int(c - half)) for c in centre)
    x1, y1 = min(w, int(centre[0] + half) + 1), min(h, int(centre[1] + half) + 1)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return True
    image = gray.astype(np.float64)
    axis = _axis(image[y0:y1, x0:x1])
    if axis is None:
        return True
    along = (quad - centre) @ axis
    start, end = float(along.min()), float(along.max())
    length = end - start
    # Narrow = 1, wide ≈ 2.5 modules: 8 modules per digit, 4 start + 4.5 stop.
    module = length / (8.0 * digits + 8.5)
    if module <= 0.3:
        return True
    offsets = np.arange(start, end, 0.5)
    inner = _sample(image, centre + offsets[:, None] * axis)
    inner = inner[~np.isnan(inner)]
    if inner.size < 8:
        return True
    threshold = (float(np.percentile(inner, 5)) + float(np.percentile(inner, 95))) / 2.0
    for sign, edge in ((1.0, end), (-1.0, start)):
        steps = edge + sign * np.arange(
            _QUIET_MODULES_FROM * module, _QUIET_MODULES_TO * module, 0.5
        )
        values = _sample(image, centre + steps[:, None] * axis)
        dark = values < threshold  # NaN (outside the image) compares False: counts as clear
        run = max(2, int(module))
        if (
            np.convolve(dark.astype(int), np.ones(run, dtype=int), mode="valid").max(initial=0)
            >= run
        ):
            return False
    return True
