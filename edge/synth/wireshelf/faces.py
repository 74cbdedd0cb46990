"""The painter's vocabulary: a `Face` (a planar convex polygon in world space with a colour or
a texture, a facing side, an owner) and the small helpers that build them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from edge.synth.wireshelf.camera import Pixels, Vec

Colour = tuple[float, float, float]  # linear-ish RGB in [0, 1]
TextureFn = Callable[[int, int], Pixels]  # (width, height) -> height×width×4 RGBA


def colour_of(values: np.ndarray) -> Colour:
    """Three numbers (an RGB draw from a generator) as a colour."""
    return (float(values[0]), float(values[1]), float(values[2]))


def scaled(colour: Colour, k: float) -> Colour:
    """A colour made darker (k < 1) or lighter."""
    return (min(1.0, colour[0] * k), min(1.0, colour[1] * k), min(1.0, colour[2] * k))


def to_bytes(colour: Colour, shade: float = 1.0) -> tuple[int, int, int]:
    r, g, b = (min(255, max(0, round(c * shade * 255))) for c in colour)
    return r, g, b


@dataclass(frozen=True)
class Face:
    points: Vec  # (N, 3), N >= 3, planar and convex, world metres
    colour: Colour = (0.5, 0.5, 0.5)  # used when there is no texture
    texture: TextureFn | None = None
    key: str = ""  # texture cache key: same key, same pixels in both frames
    uv: Vec | None = None  # (N, 2) texture coordinates in [0, 1]; default: the unit square
    normal: Vec | None = None  # painted only when the eye is on this side of the plane
    shade: float = 1.0
    ramp: tuple[float, float] = (1.0, 1.0)  # shade at the texture's top and bottom rows
    alpha: float = 1.0
    owner: int = 0  # bin index + 1 for a bin's own surfaces, 0 for anything else
    solid: bool = True  # hides what is behind it (for the owner map)
    mapping: Vec | None = None  # (4, 3) where the texture's corners go, if not `points`
    hull: bool = False  # `points` are a cloud: paint their projected convex hull


Corner = tuple[float, float, float] | Vec


def quad(a: Corner, b: Corner, c: Corner, d: Corner) -> Vec:
    return np.array([a, b, c, d], np.float64)
