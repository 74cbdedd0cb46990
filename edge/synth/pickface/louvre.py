"""Louvred panel bins: open-front plastic hopper bins hung in rows on a louvred steel panel, or
stacked on each other on a bench.

A hopper bin's front wall is low; its side walls rise along a slope to full height further back,
so its inside is seen through the sloped opening over the lip (and, when stacked, only there).
Bins of a row share a size; rows differ, as on a real parts panel.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.pickface.camera import Array
from edge.synth.pickface.containers import Shell, draw_block, draw_shell
from edge.synth.pickface.layout import Draw, Point, Slot, Stock, stand
from edge.synth.pickface.painter import Colour, Painter
from edge.synth.pickface.textures import location_label, louvre_panel

BIN_COLOURS: dict[str, Colour] = {
    "blue": (170.0, 95.0, 30.0),
    "red": (45.0, 45.0, 195.0),
    "yellow": (35.0, 195.0, 235.0),
    "green": (60.0, 145.0, 45.0),
    "grey": (135.0, 135.0, 130.0),
    "black": (42.0, 42.0, 45.0),
}
PANELS: tuple[Colour, ...] = (
    (150.0, 150.0, 145.0),
    (140.0, 90.0, 40.0),
    (215.0, 215.0, 210.0),
    (90.0, 120.0, 70.0),
)
SIZES = (  # width, height, depth of common hopper bins
    (0.105, 0.075, 0.19),
    (0.105, 0.1, 0.24),
    (0.14, 0.1, 0.29),
    (0.15, 0.125, 0.24),
    (0.15, 0.125, 0.35),
    (0.21, 0.15, 0.35),
)


@dataclass(frozen=True)
class LouvreRack:
    back: str  # "louvre-panel" | "stacked"
    slots: tuple[Slot, ...]
    shells: tuple[Shell, ...]
    labels: tuple[np.ndarray, ...]
    panel: tuple[float, float, float, float]  # x0, y0, x1, y1
    panel_z: float
    panel_picture: np.ndarray | None
    bench: Colour
    style: str = "louvre"
    deck: str = "plastic"

    @property
    def counts(self) -> tuple[int, int]:
        return (4, 30)

    def viewpoint(self, rng: np.random.Generator) -> tuple[Array, Array, Array]:
        x0, y0, x1, y1 = self.panel
        ww, wh = (x1 - x0) * rng.uniform(0.3, 1.0), (y1 - y0) * rng.uniform(0.35, 1.0)
        wx, wy = rng.uniform(x0, x1 - ww), rng.uniform(y0, y1 - wh)
        distance = max(ww, wh) * rng.uniform(0.9, 1.8) + 0.3
        yaw, pitch = rng.uniform(-35, 35), rng.uniform(-25, 35)  # pitch < 0: from below
        squint = max(1.0, math.hypot(yaw, pitch) / 42.0)  # not both steep at once
        height = wy + wh / 2 + distance * math.tan(math.radians(pitch / squint))
        return stand(rng, (wx, wy, wx + ww, wy + wh), distance, yaw / squint, height)

    def draw(self, painter: Painter, stock: Sequence[Stock | None]) -> None:
        x0, y0, x1, y1 = self.panel
        z = self.panel_z
        if self.panel_picture is not None:
            quad = [
                (x0 - 0.03, y1 + 0.05, z),
                (x1 + 0.03, y1 + 0.05, z),
                (x1 + 0.03, y0 - 0.05, z),
                (x0 - 0.03, y0 - 0.05, z),
            ]
            painter.paste(self.panel_picture, quad)
        else:
            draw_block(
                painter,
                lambda p: np.asarray(p, np.float64),
                (x0 - 0.1, y0 - 0.04, z),
                (x1 + 0.1, y0 - 0.002, 0.03),
                self.bench,
            )
        eye = painter.camera.eye
        order = sorted(
            range(len(self.slots)),
            key=lambda i: -math.hypot(*(self.slots[i].centre[:2] - eye[:2])),
        )
        for i in order:
            here = stock[i]
            if here is not None:
                self.draw_slot(painter, i, here)

    def draw_slot(self, painter: Painter, index: int, stock: Stock) -> None:
        slot = self.slots[index]
        label = self.labels[index]

        def tag(p: Painter) -> None:
            p.paste(label, slot.label)

        decor: list[Draw] = [tag]
        draw_shell(
            painter,
            slot.world,
            self.shells[index],
            slot.tint,
            inside=stock.inside,
            outside=stock.outside,
            decor=decor,
            gloom=slot.gloom,
            shadow=slot.shadow,
        )


def build(rng: np.random.Generator, aisle: str, bay: int) -> LouvreRack:
    """A panel of 3–9 rows of hopper bins."""
    back = "louvre-panel" if rng.random() < 0.6 else "stacked"
    width = rng.uniform(0.9, 2.2)
    base = rng.uniform(0.25, 0.9)
    top = base + rng.uniform(0.7, 1.6)
    lip_share, rake_share = rng.uniform(0.35, 0.55), rng.uniform(0.2, 0.4)
    mode = rng.choice(["one", "rows", "mixed"], p=[0.55, 0.25, 0.2])
    names = list(BIN_COLOURS)
    one = names[int(rng.integers(len(names)))]
    pitch = rng.uniform(0.025, 0.05)
    rows: list[tuple[float, float, float]] = []
    y = base
    stacked = SIZES[int(rng.integers(len(SIZES)))]  # stacked bins are all of one size
    while len(rows) < 9:
        w, h, d = stacked if back == "stacked" else SIZES[int(rng.integers(len(SIZES)))]
        if y + h > top and rows:
            break
        rows.append((y, w, h))
        gap = 0.002 if back == "stacked" else pitch * math.ceil((h + 0.01) / pitch) - h
        y += h + gap
    deepest = max(SIZES[i][2] for i in range(len(SIZES)))
    panel_z = -deepest - 0.005
    slots: list[Slot] = []
    shells: list[Shell] = []
    labels: list[np.ndarray] = []
    for level, (y, w, h) in enumerate(rows, start=1):
        d = next(s[2] for s in SIZES if s[0] == w and s[1] == h)
        gap = rng.uniform(0.003, 0.015)
        n = max(1, int((width + gap) / (w + gap)))
        x = (width - n * (w + gap) + gap) / 2
        row_colour = names[int(rng.integers(len(names)))]
        lip, rake = h * lip_share, d * rake_share
        for position in range(1, n + 1):
            colour = {"one": one, "rows": row_colour}.get(
                str(mode), names[int(rng.integers(len(names)))]
            )
            origin: Point = (x, y, panel_z + 0.005 + d)
            slot = Slot(
                kind="hopper",
                bay=bay,
                level=level,
                position=position,
                origin=origin,
                width=w,
                height=h,
                depth=d,
                click=(),
                label=(),
                lip=lip,
                rake=rake,
                tint=BIN_COLOURS[colour],
                gloom=1.0 if rng.random() < 0.8 else float(rng.uniform(0.55, 0.85)),
                shadow=(
                    (
                        float(rng.uniform(0.3, 0.7)),
                        float(rng.uniform(-0.5, 0.5)),
                        float(rng.uniform(0.2, 0.45)),
                    )
                    if rng.random() < 0.25
                    else ()
                ),
            )
            # hung bins show their sloped opening; a stacked bin only its front under the next
            reach = 0.0 if back == "stacked" else rake
            click = slot.world([(0, h, -reach), (w, h, -reach), (w, 0, 0), (0, 0, 0)])
            lab = slot.world(
                [
                    (0.15 * w, 0.85 * lip, 0.002),
                    (0.85 * w, 0.85 * lip, 0.002),
                    (0.85 * w, 0.2 * lip, 0.002),
                    (0.15 * w, 0.2 * lip, 0.002),
                ]
            )
            slots.append(slot.placed(click, lab))
            shells.append(Shell(w, h, d, lip, rake, flange=0.02 if back == "louvre-panel" else 0))
            labels.append(location_label(slot.code(aisle), level, rng, 0.7 * w / (0.65 * lip)))
            x += w + gap
    picture = None
    if back == "louvre-panel":
        steel = PANELS[int(rng.integers(len(PANELS)))]
        picture = louvre_panel(width + 0.06, y - base + 0.1, steel, pitch, rng)
    bench = (float(rng.uniform(60, 160)),) * 3
    return LouvreRack(
        back,
        tuple(slots),
        tuple(shells),
        tuple(labels),
        (0.0, base, width, y),
        panel_z,
        picture,
        bench,
    )
