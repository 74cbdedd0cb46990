"""Where a flat rack's locations are: the canvas the rack is painted on (larger than the frame,
so the camera's tilt never runs off it), a grid of cells sized in units of the frame height (so
every frame size gets the same picture), and the per-location records the painters and the
calibration share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from edge.synth.flatbins.draw import Colour
from edge.synth.flatbins.geometry import Box, Point, Rect

MARGIN = 1.4  # canvas size over frame size
MAX_BINS = 30
MIN_WIDTH = 130  # of a cell, in 1080-line pixels


@dataclass(frozen=True)
class Canvas:
    frame: tuple[int, int]  # output (width, height)
    size: tuple[int, int]  # canvas (width, height)
    unit: float  # canvas pixels per pixel of a 1080-line frame

    @classmethod
    def of(cls, frame: tuple[int, int]) -> Canvas:
        w, h = frame
        return cls(frame, (round(w * MARGIN), round(h * MARGIN)), h / 1080)

    @property
    def centre(self) -> Point:
        return self.size[0] / 2, self.size[1] / 2


@dataclass(frozen=True)
class Grid:
    """Cells of `levels` rows by `columns`, rows listed top to bottom."""

    rows: tuple[float, ...]
    cols: tuple[float, ...]

    @property
    def levels(self) -> int:
        return len(self.rows) - 1

    @property
    def columns(self) -> int:
        return len(self.cols) - 1

    @property
    def outline(self) -> Rect:
        return Rect(self.cols[0], self.rows[0], self.cols[-1], self.rows[-1])

    def cell(self, row: int, col: int) -> Rect:
        return Rect(self.cols[col], self.rows[row], self.cols[col + 1], self.rows[row + 1])

    def opening(self, row: int, col: int, divider: float, beam: float) -> Rect:
        """A cell less half a `divider` on each side it shares with a neighbour and half a
        `beam` above and below: the outer columns reach the rack's own side posts."""
        cell = self.cell(row, col)
        left = 0.0 if col == 0 else divider / 2
        right = 0.0 if col == self.columns - 1 else divider / 2
        return Rect(cell.x0 + left, cell.y0 + beam / 2, cell.x1 - right, cell.y1 - beam / 2)


def plan_grid(
    rng: np.random.Generator,
    canvas: Canvas,
    cell_h: tuple[float, float],
    aspect: tuple[float, float],
    frame_room: tuple[float, float],
) -> Grid:
    """A grid centred on the canvas: 2–5 levels × 3–8 cells, at most 30, cells `cell_h` tall
    (in 1080-line pixels) and `aspect` wide-to-tall, the whole at most `frame_room` of the frame
    (beyond it the rack's own frame and labels need space)."""
    u = canvas.unit
    fw, fh = canvas.frame
    levels, columns = int(rng.integers(2, 6)), int(rng.integers(3, 9))
    # narrow frames (portrait, 4:3) get fewer columns, so no location is squeezed under ~120 px
    columns = max(3, min(columns, int(frame_room[0] * fw / (MIN_WIDTH * u))))
    while levels * columns > MAX_BINS:
        if columns > levels + 2:
            columns -= 1
        else:
            levels -= 1
    height = min(rng.uniform(*cell_h) * u, frame_room[1] * fh / levels)
    width = min(height * rng.uniform(*aspect), frame_room[0] * fw / columns)
    cx, cy = canvas.centre
    x0, y0 = cx - width * columns / 2, cy - height * levels / 2
    rows = tuple(y0 + height * i for i in range(levels + 1))
    cols = tuple(x0 + width * i for i in range(columns + 1))
    return Grid(rows, cols)


def location(aisle: str, bay: int, level: int, position: int) -> str:
    return f"{aisle}-{bay:02d}-{level:02d}-{position:02d}"


@dataclass(frozen=True)
class Slot:
    location: str
    opening: Rect  # the calibration polygon: what a person clicks as the bin
    label: Rect  # the location label on the beam or the bin's front
    box: Box  # the inside, for goods and litter
    lip: float  # canvas y of the top of a front wall that hides the floor (opening.y1 if none)
    sticker: bool  # a label-like sticker on the back wall, always there


@dataclass(frozen=True)
class Rack:
    style: str
    outline: Rect  # everything that has to stay in the frame
    slots: tuple[Slot, ...]
    grid: Grid
    colours: Mapping[str, Colour]
    sizes: Mapping[str, float]  # the style's structural measures, in canvas pixels
    back: str
    deck: str
    unit: float
    seed: int  # for the structure's details, the same in both frames


# where a style puts one location in its grid cell: opening, label, inside and lip (see Slot)
Placement = tuple[Rect, Rect, Box, float]


def plan_slots(
    rng: np.random.Generator,
    grid: Grid,
    address: tuple[str, int],
    sticker_share: float,
    place: Callable[[int, int, Rect], Placement],
) -> list[Slot]:
    """One location per cell, the top row first, coded by `address` (aisle, bay), the level
    counted from the floor and the position from the left. `place(row, col, cell)` makes the
    cell's draws, then one more decides (with chance `sticker_share`) whether its back wall
    carries a sticker; the random stream keeps that order."""
    aisle, bay = address
    slots = []
    for row in range(grid.levels):
        for col in range(grid.columns):
            opening, label, box, lip = place(row, col, grid.cell(row, col))
            code = location(aisle, bay, grid.levels - row, col + 1)
            slots.append(Slot(code, opening, label, box, lip, bool(rng.random() < sticker_share)))
    return slots


def rack_of(
    rng: np.random.Generator,
    grid: Grid,
    slots: list[Slot],
    *,
    style: str,
    border: tuple[float, float],
    colours: Mapping[str, Colour],
    sizes: Mapping[str, float],
    back: str,
    deck: str,
    unit: float,
) -> Rack:
    """The rack record: its outline is the grid grown by `border` (across, then up and down) for
    the structure around the cells; the seed of the structure's details is drawn last, after
    whatever the caller drew for its colours and sizes."""
    return Rack(
        style=style,
        outline=grid.outline.inset(-border[0], -border[1]),
        slots=tuple(slots),
        grid=grid,
        colours=colours,
        sizes=sizes,
        back=back,
        deck=deck,
        unit=unit,
        seed=int(rng.integers(2**31)),
    )


def eye_point(rng: np.random.Generator, grid: Grid, height: tuple[float, float]) -> Point:
    """The vanishing point: near the rack's middle across, `height` of the way down it."""
    r = grid.outline
    return r.cx + rng.uniform(-0.25, 0.25) * r.w, r.y0 + rng.uniform(*height) * r.h
