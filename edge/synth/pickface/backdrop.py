"""Behind and below the rack: a painted wall or a view through to the next aisle, and the floor.

Drawn first, as world quads far enough back that the rack always stands in front of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import wall

WALLS: tuple[Colour, ...] = (
    (200.0, 205.0, 210.0),
    (170.0, 180.0, 185.0),
    (150.0, 190.0, 210.0),
    (190.0, 170.0, 140.0),
    (120.0, 125.0, 125.0),
)


@dataclass(frozen=True)
class Backdrop:
    """`far`: the wall's (or the far aisle's) picture, standing at z = `z` over x0…x1."""

    z: float
    x0: float
    x1: float
    height: float
    far: np.ndarray
    floor: Colour
    marking: float | None  # z of a yellow floor line, or none


def _aisle(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """The next aisle seen through the rack: dim racking with loads under bright lights."""
    img = np.empty((height, width, 3), np.uint8)
    img[:] = np.array(scaled((120, 120, 115), rng.uniform(0.5, 1.0)), np.uint8)
    upright = scaled((150, 90, 30) if rng.random() < 0.5 else (40, 110, 230), 0.6)
    x = int(rng.integers(0, 80))
    while x < width:
        cv2.rectangle(img, (x, 0), (x + 8, height), upright, -1)
        for y in range(height - 10, 0, -int(rng.integers(110, 170))):
            cv2.rectangle(img, (x, y - 6), (x + 220, y), scaled((40, 110, 230), 0.7), -1)
            if rng.random() < 0.7:
                load = scaled((80, 135, 180), rng.uniform(0.4, 0.8))
                cv2.rectangle(
                    img, (x + 20, y - int(rng.integers(40, 100))), (x + 200, y - 6), load, -1
                )
        x += 228
    for _ in range(3):
        cx = int(rng.integers(0, width))
        cv2.ellipse(img, (cx, 10), (60, 12), 0, 0, 360, (240, 245, 245), -1)
    return np.asarray(cv2.GaussianBlur(img, (0, 0), 3), np.uint8)


def make_backdrop(
    rng: np.random.Generator, kind: str, z: float, centre: float, height: float = 5.0
) -> Backdrop:
    """A wall (`kind` "wall") or the next aisle (anything else) `z` metres back."""
    span = 24.0
    x0, x1 = centre - span / 2, centre + span / 2
    size = (int(span * 80), int(height * 80))
    if kind == "wall":
        far = wall(size[0], size[1], WALLS[int(rng.integers(len(WALLS)))], rng)
    else:
        far = _aisle(size[0], size[1], rng)
    floor = scaled((150, 150, 145), rng.uniform(0.6, 1.1))
    marking = float(rng.uniform(0.2, 1.2)) if rng.random() < 0.5 else None
    return Backdrop(z, x0, x1, height, far, floor, marking)


def draw_backdrop(painter: Painter, b: Backdrop) -> None:
    painter.fill([(b.x0, 0, 30.0), (b.x1, 0, 30.0), (b.x1, 0, b.z), (b.x0, 0, b.z)], b.floor)
    if b.marking is not None:
        m = b.marking
        painter.fill(
            [(b.x0, 0.001, m), (b.x1, 0.001, m), (b.x1, 0.001, m + 0.08), (b.x0, 0.001, m + 0.08)],
            (30.0, 200.0, 230.0),
        )
    painter.paste(
        b.far, [(b.x0, b.height, b.z), (b.x1, b.height, b.z), (b.x1, 0, b.z), (b.x0, 0, b.z)]
    )
