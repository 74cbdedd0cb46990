"""Open containers seen from anywhere: plastic hopper bins, cardboard parts boxes, totes.

A container is drawn as the camera would see it through its open front and top: the inner faces
that turn towards the camera, then what is in it (back to front), then the outer faces that turn
towards the camera and the rims. That order is right for any viewpoint, so the same routine
serves a hopper bin above the eye, a parts box seen from above and a tote in a flow lane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.camera import Array, as_points
from edge.synth.pickface.painter import Colour, Painter, scaled

Draw = Callable[[Painter], None]
ToWorld = Callable[[Sequence[Sequence[float]]], Array]


@dataclass(frozen=True)
class Shell:
    """An open box `width` × `height` × `depth` (local: front-left-bottom at the origin, back at
    z = -depth). Its front wall is `lip` high; the side walls rise from the lip at the front to
    full height `rake` metres back (a hopper's sloped opening; rake 0 for a plain box)."""

    width: float
    height: float
    depth: float
    lip: float
    rake: float = 0.0
    flange: float = 0.0  # the back wall rises this much above the sides (hanging hook)


def _side(shell: Shell, x: float) -> list[tuple[float, float, float]]:
    s = shell
    return [
        (x, 0.0, 0.0),
        (x, s.lip, 0.0),
        (x, s.height, -s.rake),
        (x, s.height, -s.depth),
        (x, 0.0, -s.depth),
    ]


def _facing(painter: Painter, pts: Array, normal: Array) -> bool:
    return painter.camera.facing(pts.mean(axis=0), normal)


def draw_shell(
    painter: Painter,
    world: ToWorld,
    shell: Shell,
    colour: Colour,
    *,
    inside: Sequence[Draw] = (),
    outside: Sequence[Draw] = (),
    decor: Sequence[Draw] = (),
    gloom: float = 1.0,
    shadow: tuple[float, ...] = (),
) -> None:
    """The container with `inside` drawn in it, `decor` on its outside (a label) and `outside`
    over its front."""
    s = shell
    w, h, d = s.width, s.height, s.depth
    o = world([(0.0, 0.0, 0.0)])[0]
    ax = world([(1.0, 0.0, 0.0)])[0] - o
    ay = world([(0.0, 1.0, 0.0)])[0] - o
    az = world([(0.0, 0.0, 1.0)])[0] - o
    inner = scaled(colour, 0.88)
    back = world([(0, 0, -d), (w, 0, -d), (w, h + s.flange, -d), (0, h + s.flange, -d)])
    faces: list[tuple[Array, Array]] = [
        (back, az),
        (world([(0, 0, 0), (w, 0, 0), (w, 0, -d), (0, 0, -d)]), ay),
        (world(_side(s, 0.0)), ax),
        (world(_side(s, w)), -ax),
        (world([(0, 0, 0), (w, 0, 0), (w, s.lip, 0), (0, s.lip, 0)]), -az),
    ]
    front_z = float(o[2])
    with painter.interior(gloom, 0.45, d, front_z):
        for pts, normal in faces:
            if _facing(painter, pts, normal):
                painter.fill(pts, inner)
        for draw in inside:
            draw(painter)
        if shadow:
            share, slant, dark = shadow
            top = h + s.flange
            low = top * (1 - share)
            painter.fill(
                world([(0, top, -d), (w, top, -d), (w, low + slant * h, -0.5 * d), (0, low, 0)]),
                (0.0, 0.0, 0.0),
                lit=False,
                alpha=dark,
            )
    outer_faces: list[tuple[Array, Array]] = [
        (world(_side(s, 0.0)), -ax),
        (world(_side(s, w)), ax),
        (world([(0, 0, 0), (w, 0, 0), (w, 0, -d), (0, 0, -d)]), -ay),
        (world([(0, 0, 0), (w, 0, 0), (w, s.lip, 0), (0, s.lip, 0)]), az),
    ]
    for pts, normal in outer_faces:
        if _facing(painter, pts, normal):
            painter.fill(pts, colour)
    rim = scaled(colour, 1.25)
    t = min(0.004, 0.05 * h)
    for a, b in (
        ((0, s.lip, 0), (w, s.lip, 0)),
        ((0, s.lip, 0), (0, h, -s.rake)),
        ((w, s.lip, 0), (w, h, -s.rake)),
        ((0, h, -s.rake), (0, h, -d)),
        ((w, h, -s.rake), (w, h, -d)),
    ):
        painter.rod(world([a])[0], world([b])[0], t, rim)
    for draw in (*decor, *outside):
        draw(painter)


def box_faces(
    world: ToWorld, lo: Sequence[float], hi: Sequence[float]
) -> list[tuple[str, Array, Array]]:
    """The six faces of a local axis-aligned box: name, world corners (outside view, starting
    top-left where that means something) and outward world normal."""
    x0, y0, z0 = lo
    x1, y1, z1 = hi
    o = world([(0.0, 0.0, 0.0)])[0]
    ax = world([(1.0, 0.0, 0.0)])[0] - o
    ay = world([(0.0, 1.0, 0.0)])[0] - o
    az = world([(0.0, 0.0, 1.0)])[0] - o
    return [
        ("front", world([(x0, y1, z1), (x1, y1, z1), (x1, y0, z1), (x0, y0, z1)]), az),
        ("top", world([(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)]), ay),
        ("left", world([(x0, y1, z0), (x0, y1, z1), (x0, y0, z1), (x0, y0, z0)]), -ax),
        ("right", world([(x1, y1, z1), (x1, y1, z0), (x1, y0, z0), (x1, y0, z1)]), ax),
        ("bottom", world([(x0, y0, z1), (x1, y0, z1), (x1, y0, z0), (x0, y0, z0)]), -ay),
        ("back", world([(x1, y1, z0), (x0, y1, z0), (x0, y0, z0), (x1, y0, z0)]), -az),
    ]


def visible_faces(
    painter: Painter, world: ToWorld, lo: Sequence[float], hi: Sequence[float]
) -> list[tuple[str, Array]]:
    """The faces of a local box the camera sees, without drawing them (for film over a load)."""
    return [
        (name, quad)
        for name, quad, normal in box_faces(world, lo, hi)
        if _facing(painter, quad, normal)
    ]


def draw_block(
    painter: Painter,
    world: ToWorld,
    lo: Sequence[float],
    hi: Sequence[float],
    colour: Colour,
    *,
    faces: dict[str, Colour] | None = None,
) -> list[tuple[str, Array]]:
    """A solid box (a carton, a beam, a pallet block); returns the faces it drew, so callers
    can print on the ones the camera sees. `faces` overrides colours by face name."""
    drawn = []
    for name, pts, normal in box_faces(world, lo, hi):
        if _facing(painter, pts, normal):
            painter.fill(pts, (faces or {}).get(name, colour))
            drawn.append((name, pts))
    return drawn


def on_face(quad: Array, u0: float, v0: float, u1: float, v1: float, lift: float = 0.0) -> Array:
    """A sub-rectangle of a world quad (u along its top edge, v down its side, in shares),
    lifted off it by `lift` metres along its normal (a label on a carton)."""
    q = as_points(quad)
    a, b, d = q[0], q[1], q[3]

    def at(u: float, v: float) -> Array:
        return np.asarray(a + (b - a) * u + (d - a) * v, np.float64)

    normal = np.cross(b - a, d - a)
    normal = normal / max(float(np.linalg.norm(normal)), 1e-12) * -lift
    return np.array([at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)]) + normal
