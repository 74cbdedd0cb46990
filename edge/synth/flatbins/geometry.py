"""Flat geometry of the front-on canvas: rectangles, and the one-point "box" a location's inside
is drawn as. A box is its front opening plus a smaller back wall pulled toward the eye's vanishing
point; that is all the perspective this renderer has, and it lets goods stand on a floor at any
depth without a 3-D model."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Point = tuple[float, float]
Points = NDArray[np.float64]


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def corners(self) -> Points:
        """Clockwise from the top-left, as the calibration wants its quads."""
        return np.array(
            [[self.x0, self.y0], [self.x1, self.y0], [self.x1, self.y1], [self.x0, self.y1]],
            np.float64,
        )

    def inset(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 - dx, self.y1 - dy)

    def lerp(self, other: Rect, t: float) -> Rect:
        return Rect(
            self.x0 + (other.x0 - self.x0) * t,
            self.y0 + (other.y0 - self.y0) * t,
            self.x1 + (other.x1 - self.x1) * t,
            self.y1 + (other.y1 - self.y1) * t,
        )

    def part(self, u0: float, v0: float, u1: float, v1: float) -> Rect:
        """The sub-rectangle between fractions (u across, v down) of this one."""
        return Rect(
            self.x0 + u0 * self.w,
            self.y0 + v0 * self.h,
            self.x0 + u1 * self.w,
            self.y0 + v1 * self.h,
        )

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )


def toward(rect: Rect, point: Point, k: float) -> Rect:
    """`rect` shrunk by `k` about `point`: the back wall of an opening seen from `point`."""
    px, py = point
    return Rect(
        px + (rect.x0 - px) * k,
        py + (rect.y0 - py) * k,
        px + (rect.x1 - px) * k,
        py + (rect.y1 - py) * k,
    )


@dataclass(frozen=True)
class Box:
    """A location's inside: `front` is the opening, `back` the back wall; depth t runs 0 (front)
    to 1 (back). Heights are in front-plane pixels and shrink with depth like everything else."""

    front: Rect
    back: Rect

    def scale(self, t: float) -> float:
        return 1.0 + (self.back.w / self.front.w - 1.0) * t

    def floor_y(self, t: float) -> float:
        return self.front.y1 + (self.back.y1 - self.front.y1) * t

    def at(self, u: float, t: float, z: float) -> Point:
        """Canvas point `u` across (0 left wall, 1 right wall), `t` deep, `z` above the floor."""
        r = self.front.lerp(self.back, t)
        return r.x0 + u * r.w, r.y1 - z * self.scale(t)

    def quad(self, u0: float, u1: float, t0: float, t1: float) -> Points:
        """A flat patch on the floor (litter, a sheet, a stain), clockwise."""
        return np.array(
            [self.at(u0, t1, 0), self.at(u1, t1, 0), self.at(u1, t0, 0), self.at(u0, t0, 0)]
        )

    def cuboid(
        self, u0: float, u1: float, t0: float, t1: float, z0: float, z1: float
    ) -> dict[str, Points]:
        """Faces of a block on the floor. Painting top, sides then front is right whatever the eye:
        a face the eye cannot see projects inside the front face, which covers it."""

        def pts(*corners: tuple[float, float, float]) -> Points:
            return np.array([self.at(u, t, z) for u, t, z in corners])

        return {
            "top": pts((u0, t1, z1), (u1, t1, z1), (u1, t0, z1), (u0, t0, z1)),
            "bottom": pts((u0, t1, z0), (u1, t1, z0), (u1, t0, z0), (u0, t0, z0)),
            "left": pts((u0, t1, z1), (u0, t0, z1), (u0, t0, z0), (u0, t1, z0)),
            "right": pts((u1, t0, z1), (u1, t1, z1), (u1, t1, z0), (u1, t0, z0)),
            "front": pts((u0, t0, z1), (u1, t0, z1), (u1, t0, z0), (u0, t0, z0)),
        }

    def lowest_visible(self, line_y: float, t: float) -> float:
        """Height at depth `t` above which a thing shows over a front wall whose top is `line_y`."""
        return max(0.0, (self.floor_y(t) - line_y) / self.scale(t))
