"""Pallet racking bays: floor positions and one or two beam levels, each bay holding 1–3 pallet
positions; a location is one position (2–6 watched by a camera).

Occupied: a pallet with a load. Empty: a bare pallet or bare floor / decking. Decks on beam
levels are wire mesh, timber boards, or nothing (pallets bridge the beams). Floor positions are
labelled on a small plate at the front of the floor, beam positions on the beam below them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.camera import Array
from edge.synth.pickface.containers import draw_block
from edge.synth.pickface.layout import Slot, Stock, draw_far_to_near, stand
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import location_label

BEAMS: tuple[Colour, ...] = (
    (30.0, 110.0, 230.0),
    (150.0, 90.0, 30.0),
    (30.0, 190.0, 235.0),
    (130.0, 130.0, 128.0),
)
UPRIGHTS: tuple[Colour, ...] = (
    (150.0, 90.0, 30.0),
    (140.0, 140.0, 138.0),
    (60.0, 110.0, 50.0),
)
DEPTH = 1.1
UPRIGHT = 0.09
PLATE = 0.14  # height of a floor position's label plate


def _identity(points: Sequence[Sequence[float]]) -> Array:
    return np.asarray(points, np.float64).reshape(-1, 3)


@dataclass(frozen=True)
class PalletRack:
    back: str  # "wall" | "open"
    deck: str  # beam levels: "wire" | "timber" | "beams"
    slots: tuple[Slot, ...]
    labels: tuple[np.ndarray, ...]
    uprights: tuple[float, ...]  # world x of each upright's left side
    beams: tuple[float, ...]  # world y of each beam level's top
    beam: float  # beam height
    beam_colour: Colour
    upright_colour: Colour
    style: str = "pallet"

    @property
    def counts(self) -> tuple[int, int]:
        return (2, 6)

    def viewpoint(self, rng: np.random.Generator) -> tuple[Array, Array, Array]:
        bays = len(self.uprights) - 1
        b0 = int(rng.integers(0, bays))
        b1 = min(bays, b0 + int(rng.integers(1, 3)))
        x0, x1 = self.uprights[b0], self.uprights[b1] + UPRIGHT
        top = self.beams[0] + (self.beams[0] if rng.random() < 0.5 else 0.0)
        distance, yaw, height = rng.uniform(3.5, 8.0), rng.uniform(-35, 35), rng.uniform(1.0, 3.2)
        return stand(rng, (x0, 0.0, x1, top), distance, yaw, height)

    def draw(self, painter: Painter, stock: Sequence[Stock | None]) -> None:
        x0, x1 = self.uprights[0], self.uprights[-1] + UPRIGHT
        top = self.beams[-1] + 1.2
        for x in self.uprights:
            draw_block(
                painter,
                _identity,
                (x, 0, -DEPTH - 0.05),
                (x + UPRIGHT, top, -DEPTH + 0.03),
                scaled(self.upright_colour, 0.8),
            )
        for y in self.beams:
            draw_block(
                painter,
                _identity,
                (x0, y - self.beam, -DEPTH - 0.03),
                (x1, y, -DEPTH + 0.02),
                scaled(self.beam_colour, 0.8),
            )
        draw_far_to_near(self, painter, stock)
        for y in self.beams:
            draw_block(
                painter, _identity, (x0, y - self.beam, -0.03), (x1, y, 0.02), self.beam_colour
            )
        for i, slot in enumerate(self.slots):
            if stock[i] is None:
                continue
            if slot.origin[1] < 1e-6:
                (lx0, _, _), (lx1, _, _) = slot.label[0], slot.label[1]
                draw_block(
                    painter,
                    _identity,
                    (lx0 - 0.02, 0.0, 0.02),
                    (lx1 + 0.02, PLATE, 0.05),
                    (30.0, 30.0, 32.0),
                )
            painter.paste(self.labels[i], slot.label)
        holes: list[Array] = []
        for x in self.uprights:
            draw_block(
                painter, _identity, (x, 0, -0.05), (x + UPRIGHT, top, 0.03), self.upright_colour
            )
            for y in np.arange(0.1, top, 0.075):
                for hx in (x + 0.02, x + UPRIGHT - 0.03):
                    holes.append(
                        np.array(
                            [
                                (hx, y + 0.03, 0.031),
                                (hx + 0.01, y + 0.03, 0.031),
                                (hx + 0.01, y, 0.031),
                                (hx, y, 0.031),
                            ]
                        )
                    )
        painter.fills(holes, [(30.0, 30.0, 30.0)] * len(holes))

    def _deck(self, painter: Painter, slot: Slot, y: float, below: bool) -> None:
        """The deck of a beam level under one position, from above or (`below`) beneath."""
        w = slot.width
        if self.deck == "timber":
            colour = (95.0, 145.0, 185.0) if not below else (60.0, 90.0, 115.0)
            painter.fill(slot.world([(0, y, -DEPTH), (w, y, -DEPTH), (w, y, 0), (0, y, 0)]), colour)
        elif self.deck == "wire":
            quads = [
                slot.world([(x, y, -DEPTH), (x + 0.005, y, -DEPTH), (x + 0.005, y, 0), (x, y, 0)])
                for x in np.arange(0.0, w, 0.05)
            ]
            quads += [
                slot.world([(0, y, z), (w, y, z), (w, y, z + 0.03), (0, y, z + 0.03)])
                for z in (-DEPTH + 0.05, -DEPTH / 2, -0.08)
            ]
            painter.fills(
                quads, [(150.0, 150.0, 150.0) if not below else (60.0, 60.0, 60.0)] * len(quads)
            )

    def draw_slot(self, painter: Painter, index: int, stock: Stock) -> None:
        slot = self.slots[index]
        eye = slot.local([painter.camera.eye])[0]
        with painter.interior(slot.gloom, 0.35, DEPTH, float(slot.origin[2])):
            if slot.origin[1] > 1e-6:
                self._deck(painter, slot, 0.0, False)
            for draw in stock.inside:
                draw(painter)
            ceiling = slot.height + self.beam
            if slot.origin[1] + ceiling <= self.beams[-1] + 1e-6 and eye[1] < ceiling:
                self._deck(painter, slot, ceiling, True)
            if slot.shadow:
                share, _, dark = slot.shadow
                h = slot.height
                painter.fill(
                    slot.world(
                        [
                            (0, h, -DEPTH),
                            (slot.width, h, -DEPTH),
                            (slot.width, h * (1 - share), 0),
                            (0, h * (1 - share), 0),
                        ]
                    ),
                    (0.0, 0.0, 0.0),
                    lit=False,
                    alpha=dark,
                )
        for draw in stock.outside:
            draw(painter)


def build(rng: np.random.Generator, aisle: str, bay: int) -> PalletRack:
    """2–4 bays of pallet racking with one or two beam levels."""
    bays = int(rng.integers(2, 5))
    per_bay = [int(rng.choice([1, 2, 2, 3])) for _ in range(bays)]
    pallet_w = 1.35
    first = rng.uniform(1.3, 1.9)
    beam = rng.uniform(0.1, 0.16)
    beams = (first, first + rng.uniform(1.3, 1.8))
    uprights = [0.0]
    for n in per_bay:
        uprights.append(uprights[-1] + UPRIGHT + n * pallet_w)
    deck = str(rng.choice(["wire", "timber", "beams"]))
    slots: list[Slot] = []
    labels: list[np.ndarray] = []
    for b, n in enumerate(per_bay):
        x_bay = uprights[b] + UPRIGHT
        for level, y in enumerate((0.0, *beams), start=1):
            above = (*beams, y + 1.9)[level - 1]
            h = min(above - beam - y, 1.8)
            for position in range(1, n + 1):
                x = x_bay + (position - 1) * pallet_w
                slot = Slot(
                    kind="bay",
                    bay=bay + b,
                    level=level,
                    position=position,
                    origin=(x, y, 0.0),
                    width=pallet_w - 0.02,
                    height=h,
                    depth=DEPTH,
                    click=(),
                    label=(),
                    gloom=1.0 if rng.random() < 0.8 else float(rng.uniform(0.6, 0.85)),
                    shadow=(float(rng.uniform(0.2, 0.6)), 0.0, float(rng.uniform(0.2, 0.35)))
                    if rng.random() < 0.2
                    else (),
                )
                w = slot.width
                click = [(x, y + h, 0.0), (x + w, y + h, 0.0), (x + w, y, 0.0), (x, y, 0.0)]
                cx, lw = x + w / 2, 0.26
                if level == 1:
                    lab = [
                        (cx - lw / 2, PLATE - 0.015, 0.051),
                        (cx + lw / 2, PLATE - 0.015, 0.051),
                        (cx + lw / 2, 0.025, 0.051),
                        (cx - lw / 2, 0.025, 0.051),
                    ]
                    aspect = lw / (PLATE - 0.04)
                else:
                    lab = [
                        (cx - lw / 2, y - 0.15 * beam, 0.021),
                        (cx + lw / 2, y - 0.15 * beam, 0.021),
                        (cx + lw / 2, y - 0.85 * beam, 0.021),
                        (cx - lw / 2, y - 0.85 * beam, 0.021),
                    ]
                    aspect = lw / (0.7 * beam)
                slot = slot.placed(click, lab)
                slots.append(slot)
                labels.append(location_label(slot.code(aisle), level, rng, aspect))
    back = "open" if rng.random() < 0.5 else "wall"
    return PalletRack(
        back,
        deck,
        tuple(slots),
        tuple(labels),
        tuple(uprights),
        beams,
        beam,
        BEAMS[int(rng.integers(len(BEAMS)))],
        UPRIGHTS[int(rng.integers(len(UPRIGHTS)))],
    )
