"""Carton-flow racks: lanes of rollers or skate wheels falling towards the picker, cartons and
totes running down to the front stop. The front of each lane is one location.

An empty lane shows its rollers receding to the back (and the wall or the next aisle behind);
the bed of the level above closes a lane from above, which is what hides deep stock from a
camera below it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.camera import Array
from edge.synth.pickface.containers import draw_block
from edge.synth.pickface.layout import Slot, Stock, draw_far_to_near, label_quad, stand
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import location_label

FRAMES: tuple[Colour, ...] = (
    (30.0, 110.0, 230.0),
    (150.0, 90.0, 30.0),
    (120.0, 120.0, 118.0),
    (30.0, 190.0, 235.0),
    (60.0, 120.0, 50.0),
)
BED = 0.04  # thickness of a lane bed
STEEL: Colour = (175.0, 178.0, 180.0)


@dataclass(frozen=True)
class FlowRack:
    back: str  # "wall" | "open"
    deck: str  # "rollers" | "wheels"
    slots: tuple[Slot, ...]
    labels: tuple[np.ndarray, ...]
    beds: tuple[float, ...]  # world y of each level's bed front
    beam: float  # height of the front beam under each bed
    span: tuple[float, float]  # x0, x1 of the lanes
    frame: Colour
    bed_parts: tuple[tuple[tuple[Array, ...], tuple[Colour, ...]], ...]  # per slot
    style: str = "flow"

    @property
    def counts(self) -> tuple[int, int]:
        return (4, 30)

    def viewpoint(self, rng: np.random.Generator) -> tuple[Array, Array, Array]:
        x0, x1 = self.span
        ww = (x1 - x0) * rng.uniform(0.35, 1.0)
        wx = rng.uniform(x0, x1 - ww)
        lo, hi = self.beds[0], self.beds[-1] + (self.beds[1] - self.beds[0])
        wh = (hi - lo) * rng.uniform(0.45, 1.0)
        wy = rng.uniform(lo, hi - wh)
        distance = max(ww, wh) * rng.uniform(1.0, 1.8) + 0.5
        yaw, height = rng.uniform(-20, 20), rng.uniform(0.9, 2.3)
        return stand(rng, (wx, wy, wx + ww, wy + wh), distance, yaw, height)

    def draw(self, painter: Painter, stock: Sequence[Stock | None]) -> None:
        draw_far_to_near(self, painter, stock)
        x0, x1 = self.span
        world = _identity
        for y in self.beds:
            draw_block(
                painter, world, (x0 - 0.05, y - self.beam, -0.01), (x1 + 0.05, y, 0.02), self.frame
            )
        for i, slot in enumerate(self.slots):
            if stock[i] is not None:
                painter.paste(self.labels[i], slot.label)
        top = self.beds[-1] + 0.6
        for x in (x0 - 0.07, x1 + 0.01):
            draw_block(painter, world, (x, 0.0, -0.02), (x + 0.06, top, 0.04), self.frame)

    def draw_slot(self, painter: Painter, index: int, stock: Stock) -> None:
        slot = self.slots[index]
        w, h, d = slot.width, slot.height, slot.depth
        eye = slot.local([painter.camera.eye])[0]
        front = float(slot.origin[2])
        quads, colours = self.bed_parts[index]
        top_level = slot.origin[1] >= self.beds[-1] - 1e-6
        with painter.interior(slot.gloom, 0.5, d, front):
            painter.fill(
                slot.world([(0, -BED, 0), (w, -BED, 0), (w, -BED, -d), (0, -BED, -d)]),
                (45.0, 45.0, 48.0),
            )
            painter.fills(list(quads), list(colours))
            for x, inward in ((0.0, 1.0), (w, -1.0)):
                rail = slot.world([(x, 0.035, 0), (x, 0.035, -d), (x, 0.0, -d), (x, 0.0, 0)])
                if (eye[0] - x) * inward > 0:
                    painter.fill(rail, scaled(self.frame, 0.9))
            painter.fill(
                slot.world([(0, 0.06, -d), (w, 0.06, -d), (w, 0, -d), (0, 0, -d)]), self.frame
            )
            for draw in stock.inside:
                draw(painter)
            if not top_level and eye[1] < h:
                painter.fill(
                    slot.world([(0, h, 0), (w, h, 0), (w, h, -d), (0, h, -d)]), (55.0, 55.0, 58.0)
                )
            if slot.shadow:
                share, _, dark = slot.shadow
                painter.fill(
                    slot.world(
                        [(0, h, -d), (w, h, -d), (w, h * (1 - share), 0), (0, h * (1 - share), 0)]
                    ),
                    (0.0, 0.0, 0.0),
                    lit=False,
                    alpha=dark,
                )
        if eye[1] < 0:
            painter.fill(
                slot.world([(0, -BED, 0), (w, -BED, 0), (w, -BED, -d), (0, -BED, -d)]),
                (60.0, 60.0, 62.0),
            )
        for draw in stock.outside:
            draw(painter)


def _identity(points: Sequence[Sequence[float]]) -> Array:
    return np.asarray(points, np.float64).reshape(-1, 3)


def _bed(
    slot: Slot, deck: str, rng: np.random.Generator
) -> tuple[tuple[Array, ...], tuple[Colour, ...]]:
    """The rollers (or skate wheels) of one lane, as quads back to front."""
    w, d = slot.width, slot.depth
    quads: list[Array] = []
    colours: list[Colour] = []
    pitch = rng.uniform(0.05, 0.09)
    if deck == "rollers":
        r = pitch * 0.4
        for z in np.arange(-d + pitch / 2, 0, pitch):
            quads.append(
                slot.world([(0, -0.002, z - r), (w, -0.002, z - r), (w, 0, z + r), (0, 0, z + r)])
            )
            colours.append(scaled(STEEL, 0.8))
            quads.append(
                slot.world(
                    [
                        (0, 0, z - r * 0.2),
                        (w, 0, z - r * 0.2),
                        (w, 0, z + r * 0.4),
                        (0, 0, z + r * 0.4),
                    ]
                )
            )
            colours.append(scaled(STEEL, 1.15))
        return tuple(quads), tuple(colours)
    rails = int(rng.integers(3, 5))
    for k in range(rails):
        x = w * (k + 0.5) / rails
        quads.append(
            slot.world(
                [
                    (x - 0.006, -0.01, -d),
                    (x + 0.006, -0.01, -d),
                    (x + 0.006, -0.01, 0),
                    (x - 0.006, -0.01, 0),
                ]
            )
        )
        colours.append((90.0, 90.0, 92.0))
    for z in np.arange(-d + pitch / 2, 0, pitch * 0.6):
        for k in range(rails):
            x = w * (k + 0.5) / rails
            quads.append(
                slot.world(
                    [
                        (x - 0.012, 0, z - 0.012),
                        (x + 0.012, 0, z - 0.012),
                        (x + 0.012, 0, z + 0.012),
                        (x - 0.012, 0, z + 0.012),
                    ]
                )
            )
            colours.append((60.0, 190.0, 225.0) if k % 2 else (200.0, 200.0, 200.0))
    return tuple(quads), tuple(colours)


def build(rng: np.random.Generator, aisle: str, bay: int) -> FlowRack:
    """A carton-flow rack of 2–4 levels of 3–8 lanes."""
    levels = int(rng.integers(2, 5))
    lanes = int(rng.integers(3, 9))
    width = rng.uniform(0.25, 0.5)
    depth = rng.uniform(1.2, 2.4)
    tilt = math.radians(rng.uniform(4, 9))
    pitch = rng.uniform(0.34, 0.52)
    beam = rng.uniform(0.06, 0.1)
    base = rng.uniform(0.3, 0.6)
    deck = "rollers" if rng.random() < 0.6 else "wheels"
    back = "open" if rng.random() < 0.5 else "wall"
    frame = FRAMES[int(rng.integers(len(FRAMES)))]
    beds = tuple(base + k * pitch for k in range(levels))
    slots: list[Slot] = []
    labels: list[np.ndarray] = []
    parts = []
    for level, y in enumerate(beds, start=1):
        h = pitch - beam - BED if level < levels else pitch * 1.2
        for position in range(1, lanes + 1):
            x = (position - 1) * width
            slot = Slot(
                kind="lane",
                bay=bay,
                level=level,
                position=position,
                origin=(x, y, 0.0),
                width=width - 0.01,
                height=h,
                depth=depth,
                click=(),
                label=(),
                tilt=tilt,
                gloom=1.0 if rng.random() < 0.8 else float(rng.uniform(0.5, 0.85)),
                shadow=(float(rng.uniform(0.2, 0.5)), 0.0, float(rng.uniform(0.2, 0.4)))
                if rng.random() < 0.2
                else (),
            )
            top = min(h, pitch - beam - BED)
            click = [
                (x, y + top, 0.0),
                (x + width - 0.01, y + top, 0.0),
                (x + width - 0.01, y, 0.0),
                (x, y, 0.0),
            ]
            lw = min(0.13, 0.7 * width)
            cx = x + width / 2
            label = label_quad(cx, lw, y - 0.12 * beam, y - 0.85 * beam, 0.021)
            slot = slot.placed(click, label)
            slots.append(slot)
            labels.append(location_label(slot.code(aisle), level, rng, lw / (0.73 * beam)))
            parts.append(_bed(slot, deck, rng))
    return FlowRack(
        back,
        deck,
        tuple(slots),
        tuple(labels),
        beds,
        beam,
        (0.0, lanes * width),
        frame,
        tuple(parts),
    )
