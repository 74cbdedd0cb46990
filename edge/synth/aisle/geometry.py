"""The aisle painter's vocabulary: flat convex faces in metres, solids built from them, and the
parts and bays the painter orders.

Everything a frame shows is a convex planar polygon with a flat albedo, because the scene is
painted far-to-near rather than traced: a face knows which way it looks (for back-face culling and
for the light), and a part keeps its faces in the order they must be drawn (a label after the box
it is stuck on). World axes: x along the aisle, y up from the floor, z into the rack (the rack
face is the plane z = 0, the aisle is z < 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Vec = npt.NDArray[np.float64]
Colour = tuple[float, float, float]  # BGR albedo, 0..255


@dataclass(frozen=True)
class Face:
    pts: Vec  # (n, 3), convex and planar
    normal: Vec  # unit; the side the face is seen from
    colour: Colour
    two_sided: bool = False  # thin sheets (paper, flaps) show both sides
    glow: float = 0.0  # lamps shine by themselves


@dataclass(frozen=True)
class Part:
    """Faces drawn in order; `anchor` is where the painter measures the part's distance. The
    faces' corners are also kept stacked, so a frame projects a part in one go."""

    faces: tuple[Face, ...]
    anchor: Vec
    points: Vec = field(init=False, repr=False)  # (m, 3) every face's corners in turn
    starts: tuple[int, ...] = field(init=False, repr=False)  # face k: points[starts[k]:starts[k+1]]
    normals: Vec = field(init=False, repr=False)  # (n, 3)
    firsts: Vec = field(init=False, repr=False)  # (n, 3) each face's first corner

    def __post_init__(self) -> None:
        counts = [len(f.pts) for f in self.faces]
        object.__setattr__(self, "points", np.concatenate([f.pts for f in self.faces]))
        object.__setattr__(self, "starts", (0, *np.cumsum(counts).tolist()))
        object.__setattr__(self, "normals", np.array([f.normal for f in self.faces]))
        object.__setattr__(self, "firsts", np.array([f.pts[0] for f in self.faces]))


def vec(*xyz: float) -> Vec:
    return np.array(xyz, np.float64)


def _normal(pts: list[list[float]]) -> tuple[float, float, float] | None:
    """Unit normal of a planar polygon from the first corner that spans it (plain floats: faces
    are built by the thousand, and small numpy calls cost more than the arithmetic)."""
    ax, ay, az = pts[0]
    for i in range(1, len(pts) - 1):
        ux, uy, uz = pts[i][0] - ax, pts[i][1] - ay, pts[i][2] - az
        vx, vy, vz = pts[i + 1][0] - ax, pts[i + 1][1] - ay, pts[i + 1][2] - az
        nx, ny, nz = uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx
        length = (nx * nx + ny * ny + nz * nz) ** 0.5
        if length > 1e-12:
            return nx / length, ny / length, nz / length
    return None


def face(
    pts: npt.ArrayLike,
    colour: Colour,
    toward: npt.ArrayLike,
    *,
    two_sided: bool = False,
    glow: float = 0.0,
) -> Face:
    """A face whose normal points to the same side as `toward` (an outward hint, not exact)."""
    p = np.asarray(pts, np.float64)
    hint = [float(t) for t in np.asarray(toward, np.float64)]
    n = _normal(p.tolist()) or (hint[0], hint[1], hint[2])
    if n[0] * hint[0] + n[1] * hint[1] + n[2] * hint[2] < 0:
        n = (-n[0], -n[1], -n[2])
    return Face(p, np.array(n), colour, two_sided, glow)


def rect(
    origin: Vec,
    u: Vec,
    v: Vec,
    colour: Colour,
    toward: Vec,
    *,
    two_sided: bool = False,
    glow: float = 0.0,
) -> Face:
    """The parallelogram origin, origin+u, origin+u+v, origin+v."""
    pts = np.array([origin, origin + u, origin + u + v, origin + v])
    return face(pts, colour, toward, two_sided=two_sided, glow=glow)


# corner indices of a hexahedron: bit 0 → x, bit 1 → y, bit 2 → z
_SIDES = {
    "left": (0, 2, 6, 4),
    "right": (1, 3, 7, 5),
    "bottom": (0, 1, 5, 4),
    "top": (2, 3, 7, 6),
    "front": (0, 1, 3, 2),
    "back": (4, 5, 7, 6),
}


def hexa(
    corners: Vec,
    colour: Colour,
    *,
    sides: dict[str, Colour] | None = None,
    skip: Iterable[str] = (),
) -> list[Face]:
    """The six faces of a convex hexahedron (corners ordered as `box` orders them), each
    looking away from its centre; `sides` recolours named sides, `skip` leaves sides out."""
    centre = corners.mean(axis=0)
    left_out = set(skip)
    faces = []
    for name, idx in _SIDES.items():
        if name in left_out:
            continue
        pts = corners[list(idx)]
        faces.append(face(pts, (sides or {}).get(name, colour), pts.mean(axis=0) - centre))
    return faces


def corners(lo: Sequence[float] | Vec, hi: Sequence[float] | Vec) -> Vec:
    lo_a, hi_a = np.asarray(lo, np.float64), np.asarray(hi, np.float64)
    return np.array(
        [[(lo_a, hi_a)[(i >> k) & 1][k] for k in range(3)] for i in range(8)], np.float64
    )


def box(
    lo: Sequence[float] | Vec,
    hi: Sequence[float] | Vec,
    colour: Colour,
    *,
    sides: dict[str, Colour] | None = None,
    skip: Iterable[str] = (),
) -> list[Face]:
    """An axis-aligned box between two corners."""
    return hexa(corners(lo, hi), colour, sides=sides, skip=skip)


def prism(base: Vec, rise: Vec, colour: Colour, *, cap: Colour | None = None) -> list[Face]:
    """A convex polygon `base` swept by `rise`: the mantle's faces, then both caps."""
    top = base + rise
    centre = (base.mean(axis=0) + top.mean(axis=0)) / 2
    faces = []
    n = len(base)
    for i in range(n):
        j = (i + 1) % n
        pts = np.array([base[i], base[j], top[j], top[i]])
        faces.append(face(pts, colour, pts.mean(axis=0) - centre))
    faces.append(face(base, cap or colour, -rise))
    faces.append(face(top, cap or colour, rise))
    return faces


def ring(centre: Vec, radius_u: Vec, radius_v: Vec, count: int) -> Vec:
    """`count` points round an ellipse in the plane of the two radius vectors."""
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False)
    return np.asarray(
        centre + np.cos(angles)[:, None] * radius_u + np.sin(angles)[:, None] * radius_v
    )


def turn_y(angle: float) -> Vec:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def turn_x(angle: float) -> Vec:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def turn_z(angle: float) -> Vec:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def moved(faces: Iterable[Face], rotation: Vec, pivot: Vec, shift: Vec) -> list[Face]:
    """Faces turned by `rotation` about `pivot`, then shifted."""
    out = []
    for f in faces:
        pts = (f.pts - pivot) @ rotation.T + pivot + shift
        out.append(Face(pts, rotation @ f.normal, f.colour, f.two_sided, f.glow))
    return out


def part(faces: Iterable[Face], anchor: Vec | None = None) -> Part:
    fs = tuple(faces)
    if anchor is None:
        anchor = np.concatenate([f.pts for f in fs]).mean(axis=0)
    return Part(fs, np.asarray(anchor, np.float64))


def scaled(colour: Colour, factor: float) -> Colour:
    return (
        float(min(255.0, colour[0] * factor)),
        float(min(255.0, colour[1] * factor)),
        float(min(255.0, colour[2] * factor)),
    )


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)
