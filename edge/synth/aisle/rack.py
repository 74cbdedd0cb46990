"""What a rack builder hands the scene: the hall around it, closed cavities ("bays") each seen
only through its front opening, the storage locations inside them, and the front steel.

The split is the painter's: the hall first, then bays far to near (each clipped to its opening,
its locations far to near inside it, goods between a location's inner shell and its lips), then
the front steel, which nothing in the rack can hide, the labels stuck on it, and last whatever
stands in the aisle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.aisle.geometry import Colour, Part, Vec


@dataclass(frozen=True)
class Slot:
    code: str  # location, e.g. A-03-02-04
    opening: Vec  # (4, 3) TL, TR, BR, BL: the face region a person would click
    label: Vec  # (4, 3) the location label, same order
    lo: Vec  # (3,) the room goods may fill: x0, floor height at the front, z0
    hi: Vec  # (3,) x1, top, z1
    tilt: float  # the floor rises by tan(tilt) per metre of depth (flow lanes fall to the front)
    shell: tuple[Part, ...]  # drawn before the goods: tote insides, lane rollers
    lips: tuple[Part, ...]  # drawn after the goods: tote fronts
    anchor: Vec
    tone: Colour  # the location's own colour (deck, tote), for goods that nearly match it

    def floor(self, z: float) -> float:
        return float(self.lo[1] + np.tan(self.tilt) * (z - self.lo[2]))


@dataclass(frozen=True)
class Bay:
    opening: Vec  # (4, 3) the cavity's front aperture; its inside is clipped to this
    shell: tuple[Part, ...]  # back, floor, ceiling and side walls
    slots: tuple[int, ...]
    hollow: tuple[float, float]  # depth, how dark its back gets
    anchor: Vec


@dataclass(frozen=True)
class Rack:
    style: str
    back: str  # what is behind the locations
    deck: str  # what goods stand on
    holder: str  # which goods family fits: "shelf", "tote", "lane", "pallet"
    aisle: float  # metres from the rack face to the opposite rack (the camera's)
    span: tuple[float, float]  # x extent of the rack
    height: float
    ceiling: float
    lamps: tuple[float, float]  # fixture spacing and the x of one fixture
    background: tuple[Part, ...]
    bays: tuple[Bay, ...]
    front: tuple[Part, ...]
    tags: tuple[Part, ...]  # labels on the front steel, drawn after all of it
    slots: tuple[Slot, ...]


def code(aisle: str, bay: int, level: int, position: int) -> str:
    return f"{aisle}-{bay:02d}-{level:02d}-{position:02d}"


def quad(x0: float, x1: float, y0: float, y1: float, z: float) -> Vec:
    """An upright rectangle facing the aisle: TL, TR, BR, BL."""
    return np.array([[x0, y1, z], [x1, y1, z], [x1, y0, z], [x0, y0, z]], np.float64)


def hollow_of(depth: float, clearance: float) -> tuple[float, float]:
    """Deep, low cavities get darkest at the back."""
    return depth, float(np.clip(0.25 + 0.22 * depth / max(clearance, 0.05), 0.3, 0.82))


WALLS: tuple[Colour, ...] = ((205, 205, 200), (180, 185, 185), (175, 190, 200), (150, 150, 145))
