"""A storage location as the painter sees it: `Slot` (the faces seen from inside, painted
before its contents, and from outside, painted after; its opening, the polygon a person would
click; its label; the floor regions goods stand on) and the geometry helpers bodies share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, quad

UP, DOWN = np.array([0.0, 1, 0]), np.array([0.0, -1, 0])
LEFT, RIGHT = np.array([-1.0, 0, 0]), np.array([1.0, 0, 0])
FRONT, BACK = np.array([0.0, 0, -1]), np.array([0.0, 0, 1])
INSIDE = 0.8  # interiors get less of the overhead light


@dataclass(frozen=True)
class Box:
    """Outer extent: left, bottom, front corner and size (metres)."""

    x: float
    y: float
    z: float
    w: float
    h: float
    d: float


@dataclass(frozen=True)
class Region:
    """Where goods can go: a floor rectangle and the clear height above it."""

    origin: Vec  # left, floor, front corner (world)
    width: float
    depth: float
    height: float
    lip: float  # front wall height: lower goods hide behind it when seen level

    def at(self, u: float, h: float, d: float) -> Vec:
        return np.asarray(self.origin + np.array([u, h, d]), np.float64)


@dataclass(frozen=True)
class Slot:
    index: int
    location: str
    kind: str  # "leanto" | "shelfbin" | "cell" | "basket" | "drawer"
    colour: Colour
    inner: tuple[Face, ...]
    outer: tuple[Face, ...]
    opening: Vec  # (4, 3): top-left, top-right, bottom-right, bottom-left seen from the front
    label: Vec  # (4, 3) the location label
    regions: tuple[Region, ...]
    lo: Vec  # bounding box, for painting order
    hi: Vec
    divider: tuple[Face, ...] = ()  # between regions[0] (left) and regions[1] (right)


def normal_of(points: Vec, hint: Vec) -> Vec:
    """Plane normal of a polygon, turned to the side of `hint`."""
    n = np.cross(points[1] - points[0], points[2] - points[0])
    n = np.asarray(n / (np.linalg.norm(n) + 1e-12), np.float64)
    return n if float(np.dot(n, hint)) >= 0 else -n


def on_face(face: Vec, u0: float, u1: float, v0: float, v1: float, lift: Vec) -> Vec:
    """A sub-rectangle of a quad (fractions along its top edge and down its left edge),
    lifted a hair off the surface so it paints over it."""
    tl, tr, _br, bl = face

    def point(u: float, v: float) -> Vec:
        return np.asarray(tl + (tr - tl) * u + (bl - tl) * v + lift, np.float64)

    return quad(point(u0, v0), point(u1, v0), point(u1, v1), point(u0, v1))
