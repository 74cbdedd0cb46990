"""What a rack builder hands the scene: the hall around it, closed cavities ("bays") each seen
only through its front opening, the storage locations inside them, and the front steel.

The split is the painter's: the hall first, then bays far to near (each clipped to its opening,
its locations far to near inside it, goods between a location's inner shell and its lips), then
the front steel, which nothing in the rack can hide, the labels stuck on it, and last whatever
stands in the aisle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from edge.synth.aisle.geometry import Colour, Part, Vec
from edge.synth.aisle.hall import hall


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


def cavity(
    opening: Vec, shell: tuple[Part, ...], slots: tuple[int, ...], hollow: tuple[float, float]
) -> Bay:
    """A bay seen through `opening`, anchored at the opening's centre."""
    return Bay(opening, shell, slots, hollow, opening.mean(axis=0))


@dataclass
class Assembly:
    """What a builder has put together so far, in the painter's split (locations, bays, front
    steel, labels on the steel), with the location codes its labels print: the aisle letter and
    the section count from `first_bay`."""

    aisle_letter: str
    first_bay: int
    slots: list[Slot] = field(default_factory=list)
    bays: list[Bay] = field(default_factory=list)
    front: list[Part] = field(default_factory=list)
    tags: list[Part] = field(default_factory=list)

    def add_slot(
        self,
        where: tuple[int, int, int],
        opening: Vec,
        label: Vec,
        room: tuple[Vec, Vec],
        tone: Colour,
        *,
        tilt: float = 0.0,
        shell: tuple[Part, ...] = (),
        lips: tuple[Part, ...] = (),
    ) -> int:
        """Add the location at `where` (section, level, position, each counted from 0) whose
        goods fill `room` (lo, hi); returns its index, for the bay that holds it."""
        section, level, position = where
        self.slots.append(
            Slot(
                code=code(self.aisle_letter, self.first_bay + section, level + 1, position + 1),
                opening=opening,
                label=label,
                lo=room[0],
                hi=room[1],
                tilt=tilt,
                shell=shell,
                lips=lips,
                anchor=opening.mean(axis=0),
                tone=tone,
            )
        )
        return len(self.slots) - 1

    def in_hall(
        self,
        rng: np.random.Generator,
        *,
        style: str,
        back: str,
        deck: str,
        holder: str,
        span: tuple[float, float],
        height: float,
        hall_depth: float,
        ceilings: tuple[float, float],
        aisles: tuple[float, float],
        wall: Colour,
    ) -> Rack:
        """The finished rack in its hall: the ceiling height and the aisle width are drawn from
        their ranges (in that order, then the hall's own draws), and the hall's back wall stands
        `hall_depth` behind the rack face."""
        ceiling = float(rng.uniform(*ceilings))
        aisle = float(rng.uniform(*aisles))
        background, lamps = hall(rng, span, hall_depth, aisle, ceiling, wall)
        return Rack(
            style=style,
            back=back,
            deck=deck,
            holder=holder,
            aisle=aisle,
            span=span,
            height=height,
            ceiling=ceiling,
            lamps=lamps,
            background=background,
            bays=tuple(self.bays),
            front=tuple(self.front),
            tags=tuple(self.tags),
            slots=tuple(self.slots),
        )


def quad(x0: float, x1: float, y0: float, y1: float, z: float) -> Vec:
    """An upright rectangle facing the aisle: TL, TR, BR, BL."""
    return np.array([[x0, y1, z], [x1, y1, z], [x1, y0, z], [x0, y0, z]], np.float64)


def hollow_of(depth: float, clearance: float) -> tuple[float, float]:
    """Deep, low cavities get darkest at the back."""
    return depth, float(np.clip(0.25 + 0.22 * depth / max(clearance, 0.05), 0.3, 0.82))


WALLS: tuple[Colour, ...] = ((205, 205, 200), (180, 185, 185), (175, 190, 200), (150, 150, 145))
