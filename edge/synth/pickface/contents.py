"""Which stock a location holds in one frame, and how that becomes something to draw.

A `Look` is the whole state of a location in a frame: the kind of goods (None: empty), whether
an empty one has litter, and the seed that places every part. Drawing a look twice gives the
same picture, so a location left alone between the reference frame and the later frame looks
the same in both (only light, camera nudge and occluders differ).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.cases import lane
from edge.synth.pickface.layout import Slot, Stock
from edge.synth.pickface.litter import empty
from edge.synth.pickface.loads import bay
from edge.synth.pickface.packs import bags, coil, long_parts, single, small_boxes
from edge.synth.pickface.parts import loose

SMALL_PARTS = (
    "screws",
    "nuts",
    "washers",
    "mixed parts",
    "few parts",
    "polybags",
    "small boxes",
    "cable coil",
    "single part",
    "filled to top",
    "long parts",
)
KINDS: dict[str, tuple[str, ...]] = {
    "hopper": SMALL_PARTS,
    "box": SMALL_PARTS,
    "lane": ("cartons", "cartons", "single carton", "tote", "shrink pack", "polybags", "tubes"),
    "bay": ("cartons", "wrapped load", "sacks", "drums", "single crate", "low layer"),
}
VISIBLE_FALLBACK = "filled to top"


@dataclass(frozen=True)
class Look:
    """A location in one frame."""

    contents: str | None  # kind of goods; None: empty
    seed: int
    litter: bool = False

    @property
    def occupied(self) -> bool:
        return self.contents is not None


def pick_kind(slot: Slot, rng: np.random.Generator) -> str:
    kinds = KINDS[slot.kind]
    return kinds[int(rng.integers(len(kinds)))]


def plan(slot: Slot, look: Look) -> Stock:
    """What to draw for `look` in `slot` (the same every time for the same look)."""
    rng = np.random.default_rng(look.seed)
    kind = look.contents
    if kind is None:
        inside, outside = empty(slot, rng, look.litter)
    elif slot.kind == "lane" and kind == "polybags":
        inside, outside = bags(slot, rng)
    elif slot.kind == "lane":
        inside, outside = lane(slot, rng, kind)
    elif slot.kind == "bay":
        inside, outside = bay(slot, rng, kind)
    elif kind in ("screws", "nuts", "washers", "mixed parts", "few parts", "filled to top"):
        inside, outside = loose(slot, rng, kind)
    else:
        make = {
            "polybags": bags,
            "small boxes": small_boxes,
            "cable coil": coil,
            "single part": single,
            "long parts": long_parts,
        }[kind]
        inside, outside = make(slot, rng)
    return Stock(tuple(inside), tuple(outside))
