"""Box-shaped locations: the inside of a box open at the front, and the pigeonhole cubby built
from it (an open box in a wall of boxes)."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, TextureFn, quad
from edge.synth.wireshelf.slot import (
    BACK,
    DOWN,
    FRONT,
    INSIDE,
    LEFT,
    RIGHT,
    UP,
    Box,
    Region,
    Slot,
)


def shell(box: Box) -> dict[str, Vec]:
    """The five inside faces of a box open at the front (z = box.z), as quads whose texture v
    runs from the front to the back (so a ramp darkens with depth)."""
    x0, x1, y0, y1, z0, z1 = box.x, box.x + box.w, box.y, box.y + box.h, box.z, box.z + box.d
    return {
        "floor": quad((x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)),
        "ceiling": quad((x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)),
        "left": quad((x0, y1, z0), (x0, y0, z0), (x0, y0, z1), (x0, y1, z1)),
        "right": quad((x1, y1, z0), (x1, y0, z0), (x1, y0, z1), (x1, y1, z1)),
        "back": quad((x0, y1, z1), (x1, y1, z1), (x1, y0, z1), (x0, y0, z1)),
        "front": quad((x0, y1, z0), (x1, y1, z0), (x1, y0, z0), (x0, y0, z0)),
    }


INWARD = {"floor": UP, "ceiling": DOWN, "left": RIGHT, "right": LEFT, "back": FRONT, "front": BACK}
SHADE = {"floor": 0.85, "ceiling": 0.5, "left": 0.7, "right": 0.65, "back": 0.6, "front": 0.9}


def cell(
    index: int,
    location: str,
    box: Box,
    colour: Colour,
    look: TextureFn,
    key: str,
    label: Vec,
    divider: bool,
    open_top: float,
) -> Slot:
    """A pigeonhole: the box is the hole's inside; its front edges and label rail belong to the
    wall of cubbies and are painted with it. `open_top`: where the visible opening ends above."""
    own = index + 1
    sides = shell(box)
    inner = tuple(
        Face(
            sides[name],
            colour,
            look,
            f"{key}{name}",
            None,
            INWARD[name],
            SHADE[name] * INSIDE,
            (1.0, 0.6) if name != "back" else (1.0, 1.0),
            owner=own,
        )
        for name in ("back", "floor", "ceiling", "left", "right")
    )
    opening = sides["front"].copy()
    opening[:2, 1] = open_top
    regions: tuple[Region, ...] = (
        Region(np.array([box.x, box.y, box.z]), box.w, box.d, box.h, 0.0),
    )
    walls: tuple[Face, ...] = ()
    if divider:
        xm = box.x + box.w / 2
        wall = quad(
            (xm, box.y + box.h * 0.55, box.z + 0.01),  # lower than the hole: goods show over it
            (xm, box.y + box.h * 0.55, box.z + box.d),
            (xm, box.y, box.z + box.d),
            (xm, box.y, box.z + 0.01),
        )
        half = box.w / 2 - 0.003
        regions = (
            Region(np.array([box.x, box.y, box.z]), half, box.d, box.h, 0.0),
            Region(np.array([xm + 0.003, box.y, box.z]), half, box.d, box.h, 0.0),
        )
        walls = tuple(
            Face(wall, colour, look, f"{key}div", None, n, 0.75, owner=own) for n in (LEFT, RIGHT)
        )
    return Slot(
        index,
        location,
        "cell",
        colour,
        inner,
        (),
        opening,
        label,
        regions,
        opening.min(axis=0),
        sides["back"].max(axis=0),
        walls,
    )
