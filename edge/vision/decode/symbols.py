"""The typed result every decoder backend returns, and the geometry helpers around it."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Point = tuple[int, int]
Quad = tuple[Point, Point, Point, Point]


@dataclass(frozen=True)
class Symbol:
    """One decoded symbol.

    `text` keeps control characters (GS/RS/EOT) exactly as encoded, with no HRI rewriting;
    `raw` is the decoded byte content; `position` is clockwise from top-left in the pixels of
    the image given to the decoder.
    """

    format: str
    text: str
    raw: bytes
    position: Quad
    symbology_identifier: str
    backend: str

    def bounds(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) of the position."""
        xs = [p[0] for p in self.position]
        ys = [p[1] for p in self.position]
        return min(xs), min(ys), max(xs), max(ys)

    def centre(self) -> tuple[float, float]:
        return (
            sum(p[0] for p in self.position) / 4.0,
            sum(p[1] for p in self.position) / 4.0,
        )


def to_quad(points: npt.ArrayLike) -> Quad:
    """Four (x, y) points as a Quad of ints (rounded)."""
    arr = np.rint(np.asarray(points, dtype=np.float64).reshape(4, 2)).astype(int)
    return (
        (int(arr[0, 0]), int(arr[0, 1])),
        (int(arr[1, 0]), int(arr[1, 1])),
        (int(arr[2, 0]), int(arr[2, 1])),
        (int(arr[3, 0]), int(arr[3, 1])),
    )


def quad_from_box(x0: float, y0: float, x1: float, y1: float) -> Quad:
    return to_quad([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Whether two (x0, y0, x1, y1) boxes intersect (touching counts)."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
