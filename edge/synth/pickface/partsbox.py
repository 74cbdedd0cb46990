"""Open shelving (wire or steel decks) with small open-top parts boxes, seen from above.

Each box is a location: cardboard or plastic, plain or with a cut-away front, in a row along the
shelf. Its goods are seen through its open top, so the camera stands above the shelves it
watches; boxes above the eye would show only their fronts, and an integrator would not watch
them (they are never calibrated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.camera import Array
from edge.synth.pickface.containers import Shell, draw_block, draw_shell
from edge.synth.pickface.layout import Slot, Stock, label_quad, stand
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import location_label

BOXES: tuple[Colour, ...] = (
    (80.0, 135.0, 180.0),
    (90.0, 145.0, 190.0),
    (70.0, 120.0, 165.0),
    (215.0, 220.0, 222.0),
    (170.0, 95.0, 30.0),
)
POSTS: tuple[Colour, ...] = (
    (150.0, 150.0, 148.0),
    (60.0, 110.0, 50.0),
    (150.0, 90.0, 30.0),
    (45.0, 45.0, 45.0),
)
LIP = 0.035  # height of a shelf's front edge


@dataclass(frozen=True)
class ShelfRack:
    back: str  # "wall" | "open"
    deck: str  # "wire" | "steel"
    slots: tuple[Slot, ...]
    shells: tuple[Shell, ...]
    labels: tuple[np.ndarray, ...]
    decks: tuple[float, ...]  # world y of each shelf's top
    shelf_depth: float
    posts: tuple[float, ...]  # world x of the posts
    colour: Colour  # posts and decks
    style: str = "partsbox"

    @property
    def counts(self) -> tuple[int, int]:
        return (4, 30)

    def viewpoint(self, rng: np.random.Generator) -> tuple[Array, Array, Array]:
        x0, x1 = self.posts[0], self.posts[-1]
        ww = (x1 - x0) * rng.uniform(0.35, 1.0)
        wx = rng.uniform(x0, x1 - ww)
        k0 = int(rng.integers(0, len(self.decks) - 1))
        k1 = int(rng.integers(k0 + 1, len(self.decks)))
        lo, hi = self.decks[k0], self.decks[k1]
        distance = max(ww, hi - lo) * rng.uniform(0.9, 1.7) + 0.3
        yaw, height = rng.uniform(-15, 15), hi + rng.uniform(0.25, 0.9)  # above the boxes
        return stand(rng, (wx, lo, wx + ww, hi), distance, yaw, height)

    def draw(self, painter: Painter, stock: Sequence[Stock | None]) -> None:
        eye = painter.camera.eye
        x0, x1 = self.posts[0], self.posts[-1]
        by_level: dict[int, list[int]] = {}
        for i, slot in enumerate(self.slots):
            by_level.setdefault(slot.level, []).append(i)
        levels = sorted(range(len(self.decks)), key=lambda k: -abs(self.decks[k] - eye[1]))
        for k in levels:
            y = self.decks[k]
            draw_block(
                painter,
                _identity,
                (x0, y - LIP, -self.shelf_depth),
                (x1, y, 0.0),
                scaled(self.colour, 1.05),
            )
            if eye[1] > y:
                self._deck_top(painter, y, x0, x1)
            boxes = sorted(
                by_level.get(k + 1, []), key=lambda i: -abs(self.slots[i].centre[0] - eye[0])
            )
            for i in boxes:
                here = stock[i]
                if here is not None:
                    self.draw_slot(painter, i, here)
            for i in boxes:
                if stock[i] is not None:
                    painter.paste(self.labels[i], self.slots[i].label)
        for x in self.posts:
            draw_block(
                painter,
                _identity,
                (x - 0.035, 0.0, -0.035),
                (x, self.decks[-1] + 0.3, 0.0),
                self.colour,
            )

    def _deck_top(self, painter: Painter, y: float, x0: float, x1: float) -> None:
        d = self.shelf_depth
        painter.fill(
            [(x0, y, -d), (x1, y, -d), (x1, y, 0), (x0, y, 0)],
            (70.0, 70.0, 72.0) if self.deck == "wire" else scaled(self.colour, 0.95),
        )
        if self.deck == "wire":
            quads = [
                np.array(
                    [
                        (x, y + 0.001, -d),
                        (x + 0.004, y + 0.001, -d),
                        (x + 0.004, y + 0.001, 0),
                        (x, y + 0.001, 0),
                    ]
                )
                for x in np.arange(x0, x1, 0.05)
            ]
            quads += [
                np.array(
                    [
                        (x0, y + 0.002, z),
                        (x1, y + 0.002, z),
                        (x1, y + 0.002, z + 0.004),
                        (x0, y + 0.002, z + 0.004),
                    ]
                )
                for z in np.arange(-d, 0, 0.1)
            ]
            painter.fills(quads, [(185.0, 185.0, 182.0)] * len(quads))

    def draw_slot(self, painter: Painter, index: int, stock: Stock) -> None:
        slot = self.slots[index]
        draw_shell(
            painter,
            slot.world,
            self.shells[index],
            slot.tint,
            inside=stock.inside,
            outside=stock.outside,
            gloom=slot.gloom,
            shadow=slot.shadow,
        )


def _identity(points: Sequence[Sequence[float]]) -> Array:
    return np.asarray(points, np.float64).reshape(-1, 3)


def build(rng: np.random.Generator, aisle: str, bay: int) -> ShelfRack:
    """Shelving of 1–2 sections and 4–6 shelves, each shelf a row of open-top boxes."""
    sections = int(rng.integers(1, 3))
    section = rng.uniform(0.8, 1.2)
    shelves = int(rng.integers(4, 7))
    pitch = rng.uniform(0.3, 0.45)
    base = rng.uniform(0.1, 0.3)
    depth = rng.uniform(0.4, 0.6)
    decks = tuple(base + k * pitch for k in range(shelves))
    posts = tuple(s * section for s in range(sections + 1))
    colour = POSTS[int(rng.integers(len(POSTS)))]
    box_colour = BOXES[int(rng.integers(len(BOXES)))]
    cutaway = rng.random() < 0.4
    reach = rng.uniform(0.4, 0.8)  # how far back the integrator clicks the top edge
    slots: list[Slot] = []
    shells: list[Shell] = []
    labels: list[np.ndarray] = []
    for level, y in enumerate(decks, start=1):
        hb = min(pitch - 0.12, rng.uniform(0.1, 0.2))
        db = min(depth - 0.03, rng.uniform(0.3, 0.5))
        for s in range(sections):
            position = 0
            x = posts[s] + 0.01
            while True:
                wb = float(rng.choice([0.1, 0.15, 0.2, 0.3]))
                if x + wb > posts[s + 1] - 0.01:
                    break
                position += 1
                lip, rake = (hb * 0.6, db * 0.35) if cutaway else (hb, 0.0)
                z0 = -rng.uniform(0.01, 0.03)
                tint = box_colour if rng.random() < 0.8 else BOXES[int(rng.integers(len(BOXES)))]
                slot = Slot(
                    kind="box",
                    bay=bay + s,
                    level=level,
                    position=position,
                    origin=(x, y, z0),
                    width=wb,
                    height=hb,
                    depth=db,
                    click=(),
                    label=(),
                    lip=lip,
                    rake=rake,
                    tint=scaled(tint, rng.uniform(0.9, 1.1)),
                    gloom=1.0 if rng.random() < 0.85 else float(rng.uniform(0.6, 0.85)),
                    shadow=(
                        float(rng.uniform(0.3, 0.6)),
                        float(rng.uniform(-0.4, 0.4)),
                        float(rng.uniform(0.2, 0.4)),
                    )
                    if rng.random() < 0.2
                    else (),
                )
                click = slot.world(
                    [(0, hb, -db * reach), (wb, hb, -db * reach), (wb, 0, 0), (0, 0, 0)]
                )
                lw = min(0.08, 0.75 * wb)
                cx = x + wb / 2
                label = label_quad(cx, lw, y - 0.15 * LIP, y - 0.85 * LIP, 0.001)
                slot = slot.placed(click, label)
                slots.append(slot)
                shells.append(Shell(wb, hb, db, lip, rake))
                labels.append(location_label(slot.code(aisle), level, rng, lw / (0.7 * LIP)))
                x += wb + rng.uniform(0.004, 0.015)
    back = "open" if rng.random() < 0.4 else "wall"
    deck = "wire" if rng.random() < 0.5 else "steel"
    return ShelfRack(
        back, deck, tuple(slots), tuple(shells), tuple(labels), decks, depth, posts, colour
    )
