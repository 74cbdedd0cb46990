"""Did a bin change? A light-invariant difference between two crops of the same bin (or of two
bins of one rack), on a coarse grid.

A smooth change of illumination across the bin (a plane in log intensity, fitted robustly so
that changed cells do not bend it) and a colour cast are removed first; what is left is the
share of grid cells whose light or colour still differs by a clear step. A polygon misaligned
by up to one cell (1/16 of the bin) is tolerated by comparing at the best of 25 shifts of the
whole second picture, in half cells: a shift per cell would let any object about a cell wide (a
roll's rim, a few small parts) match the floor next to it, and an emptied bin read unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from edge.vision.crop import square_bgr

INPUT_SIZE = 64  # both crops are compared at this size
_GRID = 16
_LIGHT_STEP = 0.22  # log-intensity change that counts (≈ 25 % brighter or darker)
_CHROMA_STEP = 0.05  # chromaticity change that counts (a clearly different colour)
# whole-picture shifts, in half cells, unshifted first: up to one cell each way
_SHIFTS = [(dx, dy) for dy in (0, -1, 1, -2, 2) for dx in (0, -1, 1, -2, 2)]
_ys, _xs = np.mgrid[0:_GRID, 0:_GRID].astype(np.float64) / (_GRID - 1) - 0.5
_PLANE = np.stack([np.ones(_GRID**2), _xs.ravel(), _ys.ravel()], axis=1)


@dataclass(frozen=True)
class Look:
    """A crop on the grid: log intensity (S×16×16) and chromaticity (S×16×16×2), for the
    unshifted picture and, when `shifted`, its 24 shifts (`_SHIFTS` order)."""

    light: np.ndarray
    chroma: np.ndarray


def _blocks(crop: np.ndarray) -> np.ndarray:
    """The blurred crop on a grid of half cells, edge-padded by one cell, summed over every
    2×2 window: [y, x] is the grid cell whose corner is half cell (y, x)."""
    blurred = cv2.GaussianBlur(square_bgr(crop, INPUT_SIZE).astype(np.float32), (0, 0), 1.2)
    halves = cv2.resize(blurred, (2 * _GRID, 2 * _GRID), interpolation=cv2.INTER_AREA)
    padded = np.pad(halves, ((2, 2), (2, 2), (0, 0)), mode="edge")
    pairs = padded[:, :-1] + padded[:, 1:]
    return np.asarray((pairs[:-1] + pairs[1:]) / 4.0)


def _on_grid(blocks: np.ndarray, shifts: list[tuple[int, int]]) -> Look:
    side = 2 * _GRID
    grids = np.stack(
        [blocks[2 - dy : 2 - dy + side : 2, 2 - dx : 2 - dx + side : 2] for dx, dy in shifts]
    )
    light, chroma = _log_and_chroma(grids)
    return Look(light, chroma)


def _log_and_chroma(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    total = grid.sum(axis=-1)
    return np.log(total / 3.0 + 8.0), grid[..., [0, 2]] / (total[..., None] + 24.0)


def look(crop: np.ndarray, *, shifted: bool = True) -> Look:
    """`crop` (BGR or gray, any size) on the grid; `shifted=False`: the unshifted grid only
    (enough for the first picture of a comparison).

    A shift moves the picture by half cells with its edge repeated; on a grid of half cells
    that is a slice of the edge-padded grid (exact for all but the border cells, which are not
    compared)."""
    return _on_grid(_blocks(crop), _SHIFTS if shifted else _SHIFTS[:1])


def changed_share(now: Look, then: Look) -> float:
    """Share of `now`'s grid (0..1, border cells left out) that differs from `then` at the best
    of `then`'s shifts, after removing the light and colour change between the two."""
    light_a, chroma_a, light_b, chroma_b = now.light[0], now.chroma[0], then.light, then.chroma
    d = (light_a - light_b[0]).ravel()
    weights = np.ones_like(d)
    coef = np.zeros(3)
    for _ in range(3):
        coef, *_ = np.linalg.lstsq(_PLANE * weights[:, None], d * weights, rcond=None)
        weights = (np.abs(d - _PLANE @ coef) < _LIGHT_STEP).astype(np.float64) + 1e-3
    light_a = light_a - (_PLANE @ coef).reshape(_GRID, _GRID)
    chroma_a = chroma_a - np.median((chroma_a - chroma_b[0]).reshape(-1, 2), axis=0)
    score = np.maximum(
        np.abs(light_a - light_b)[:, 1:-1, 1:-1] / _LIGHT_STEP,
        np.abs(chroma_a - chroma_b)[:, 1:-1, 1:-1].max(axis=-1) / _CHROMA_STEP,
    )
    return float((score > 1.0).mean(axis=(1, 2)).min())


def reference_difference(crop: np.ndarray, reference: np.ndarray) -> float:
    """Share of a bin (0..1) that changed since its taught reference crop (module docstring).
    The 24 shifts of the reference are only made when the bin differs unshifted."""
    now = look(crop, shifted=False)
    then = _blocks(reference)
    unshifted = changed_share(now, _on_grid(then, _SHIFTS[:1]))
    return unshifted if unshifted == 0.0 else changed_share(now, _on_grid(then, _SHIFTS))
