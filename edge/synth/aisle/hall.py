"""The building around the rack: concrete floor with a painted line along the rack foot, the
wall behind it, the ceiling with rows of fluorescent fixtures over the aisle, and the aisle's
two end walls.

The fixtures are glowing faces, and their spacing and position go to the light model too, so
the bright bands on the rack fall under the tubes one can see.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Part, face, part, vec

FLOORS: tuple[Colour, ...] = ((150, 152, 150), (120, 125, 128), (165, 160, 150), (105, 110, 95))


def _flat(x0: float, x1: float, y: float, z0: float, z1: float, colour: Colour, up: bool) -> Part:
    pts = [[x0, y, z0], [x1, y, z0], [x1, y, z1], [x0, y, z1]]
    return part([face(pts, colour, vec(0, 1 if up else -1, 0))])


def hall(
    rng: np.random.Generator,
    span: tuple[float, float],
    back_z: float,
    aisle: float,
    ceiling: float,
    wall: Colour,
) -> tuple[tuple[Part, ...], tuple[float, float]]:
    """The hall's parts in drawing order, and the fixtures' spacing and the x of one."""
    x0, x1 = span[0] - 40.0, span[1] + 40.0
    near = -aisle - 3.0  # behind the camera's own rack
    back = [[x0, 0, back_z], [x1, 0, back_z], [x1, ceiling, back_z], [x0, ceiling, back_z]]
    parts = [
        _flat(x0, x1, 0.0, near, back_z, FLOORS[int(rng.integers(len(FLOORS)))], True),
        part([face(back, wall, vec(0, 0, -1))]),
        _flat(x0, x1, ceiling, near, back_z, (95, 95, 92), False),
    ]
    line: Colour = (40, 190, 225) if rng.random() < 0.6 else (235, 235, 235)
    zl = -float(rng.uniform(0.08, 0.3))
    parts.append(_flat(x0, x1, 0.002, zl - 0.06, zl, line, True))
    for end in (span[0] - float(rng.uniform(4, 9)), span[1] + float(rng.uniform(4, 9))):
        toward = vec(1, 0, 0) if end < span[0] else vec(-1, 0, 0)
        pts = [[end, 0, near], [end, 0, back_z], [end, ceiling, back_z], [end, ceiling, near]]
        parts.append(part([face(pts, (70, 72, 75), toward)]))
    spacing = float(rng.uniform(2.2, 4.5))
    first = x0 + float(rng.uniform(0, spacing))
    zc, y = -aisle / 2, ceiling - 0.05
    lamps = []
    for xa in np.arange(first, x1, spacing):
        pts = [
            [xa - 0.6, y, zc - 0.08],
            [xa + 0.6, y, zc - 0.08],
            [xa + 0.6, y, zc + 0.08],
            [xa - 0.6, y, zc + 0.08],
        ]
        lamps.append(face(pts, (235, 240, 240), vec(0, -1, 0), glow=2.2))
    parts.append(part(lamps))
    return tuple(parts), (spacing, first)
