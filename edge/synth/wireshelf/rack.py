"""A rack as the painter needs it: what lies behind it, its levels (a deck and the locations on
it), what stands in front of everything (front posts, shelf edges, labels on them), and the
order to paint it all in for a given eye point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, TextureFn, quad
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.slot import Slot


@dataclass(frozen=True)
class Post:
    """A round upright, painted as a strip turned to face the eye."""

    x: float
    z: float
    y0: float
    y1: float
    radius: float
    colour: Colour
    texture: TextureFn
    key: str


Part = Face | Post


@dataclass(frozen=True)
class Level:
    y: float  # the deck the level's locations stand on
    top: float  # highest point of its locations
    deck: tuple[Part, ...]
    slots: tuple[int, ...]


@dataclass(frozen=True)
class Rack:
    style: str  # "wire" | "cubby" | "basket"
    back: str
    deck: str
    surround: tuple[Face, ...]  # wall and floor: painted once per scene, under everything
    behind: tuple[Part, ...]
    levels: tuple[Level, ...]
    front: tuple[Part, ...]
    slots: tuple[Slot, ...]
    lo: Vec  # extent of the storage, for aiming the camera
    hi: Vec


def location(aisle: str, bay: int, level: int, position: int) -> str:
    return f"{aisle}-{bay:02d}-{level:02d}-{position:02d}"


def post_face(post: Post, eye: Vec) -> Face:
    view = np.array([eye[0] - post.x, 0.0, eye[2] - post.z])
    view /= np.linalg.norm(view) + 1e-9
    side = np.array([view[2], 0.0, -view[0]]) * post.radius
    base = np.array([post.x, 0.0, post.z])
    top, bottom = base + np.array([0, post.y1, 0]), base + np.array([0, post.y0, 0])
    return Face(
        quad(top - side, top + side, bottom + side, bottom - side),
        post.colour,
        post.texture,
        post.key,
    )


def _gap(value: float, lo: float, hi: float) -> float:
    return max(lo - value, value - hi, 0.0)


def paint_part(painter: Painter, part: Part) -> None:
    painter.face(post_face(part, painter.camera.eye) if isinstance(part, Post) else part)


def _goods(painter: Painter, slot: Slot, items: Sequence[Item]) -> None:
    painter.tag = -(slot.index + 1)  # goods mark the owner map with their slot's negative id
    for item in items:
        item.draw(painter)
    painter.tag = None


def paint_slot(painter: Painter, slot: Slot, items: Sequence[Item]) -> None:
    """Inside faces, then the goods far to near, then the outside faces and trims."""
    for face in slot.inner:
        painter.face(face)
    ordered = sorted(items, key=lambda it: -painter.distance(it.anchor))
    if slot.divider:
        split = float(slot.divider[0].points[:, 0].mean())
        near = 1 if painter.camera.eye[0] > split else 0
        _goods(painter, slot, [it for it in ordered if it.region != near])
        for face in slot.divider:
            painter.face(face)
        ordered = [it for it in ordered if it.region == near]
    _goods(painter, slot, ordered)
    for face in slot.outer:
        painter.face(face)


def paint_rack(
    painter: Painter, rack: Rack, items: Mapping[int, Sequence[Item]], *, surround: bool = True
) -> None:
    """Painter's order for boxes on a grid seen from the front: levels and tiers farthest from
    the eye's height first, and within a tier the bins farthest to the side first; front
    posts, shelf edges and their labels last. `surround`: paint the wall and floor too."""
    eye = painter.camera.eye
    for part in (*rack.surround, *rack.behind) if surround else rack.behind:
        paint_part(painter, part)
    for level in sorted(rack.levels, key=lambda lv: -_gap(eye[1], lv.y, lv.top)):
        above = eye[1] > level.y
        if above:
            for part in level.deck:
                paint_part(painter, part)
        slots = [rack.slots[i] for i in level.slots]
        slots.sort(
            key=lambda s: (-_gap(eye[1], s.lo[1], s.hi[1] - 0.01), -_gap(eye[0], s.lo[0], s.hi[0]))
        )
        for slot in slots:
            if painter.in_view(slot.lo - 0.05, slot.hi + 0.05):
                paint_slot(painter, slot, items.get(slot.index, ()))
        if not above:
            for part in level.deck:
                paint_part(painter, part)
    for part in rack.front:
        paint_part(painter, part)
