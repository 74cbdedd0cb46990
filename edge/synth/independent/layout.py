"""Where everything of one rack is on the canvas: style, colours, levels, bins and labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.independent.geometry import Camera

Colour = tuple[int, int, int]  # BGR
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 (canvas)

STYLES = ("steel", "totes", "cartons")
BEAMS: dict[str, Colour] = {
    "orange": (18, 105, 232),
    "blue": (150, 78, 28),
    "grey": (128, 128, 122),
    "green": (58, 128, 44),
}
UPRIGHTS: dict[str, Colour] = {**BEAMS, "galvanised": (168, 170, 166), "dark blue": (110, 52, 25)}
TOTES: dict[str, Colour] = {
    "blue": (168, 92, 26),
    "red": (42, 36, 188),
    "yellow": (28, 188, 232),
    "grey": (128, 126, 120),
    "black": (40, 40, 42),
    "green": (62, 138, 46),
}
WALLS: tuple[Colour, ...] = (
    (205, 208, 206),
    (176, 194, 206),
    (168, 202, 214),
    (186, 204, 188),
    (150, 152, 150),
    (214, 212, 218),
    (160, 178, 196),
)
CARDS = (
    "M8x20",
    "6205-2RS",
    "DIN 933",
    "M6 NUT",
    "O-RING 32",
    "CLIP 12",
    "FUSE 10A",
    "GASKET",
    "M10x40",
    "RIVET 4.8",
    "SPRING 7",
)
DECKS = ("mesh", "chipboard", "steel")
BACKS = ("wall", "mesh", "open")


@dataclass(frozen=True)
class Tote:
    """A plastic tote standing on the shelf; its front face is the bin polygon."""

    x0: float  # front plane x extent of the tote (before the shift of its depth)
    x1: float
    height: float
    front: float  # depth of the front face behind the beam's front plane
    depth: float
    colour: Colour
    hopper: bool  # a picking bin with a low front and sloped sides (else a straight crate)
    band: float  # height of the front wall, share of the tote's height
    card: str  # what the tote's own label slot says


@dataclass(frozen=True)
class Slot:
    location: str
    level: int  # index into Layout.levels
    x0: float  # the shelf section on the front plane
    x1: float
    face: Rect  # the calibration polygon (an upright rectangle on the canvas)
    label: Rect  # the location label on the beam below
    tote: Tote | None


@dataclass(frozen=True)
class Level:
    opening: tuple[int, int, int, int]  # inside of the shelf section: x0, y0, x1, y1
    depth: float
    slots: tuple[int, ...]
    dividers: tuple[float, ...]  # x of divider centres between slots
    beam: Rect  # the beam below the opening (carries the labels)
    floor: int  # 0 = bottom level


@dataclass(frozen=True)
class Layout:
    style: str
    unit: float  # pixels per "1080p pixel"
    levels: tuple[Level, ...]
    slots: tuple[Slot, ...]
    rack: Rect  # outer extent of the labelled part of the rack
    uprights: tuple[tuple[float, float], ...]  # x0, x1 of each upright
    top_beam: Rect
    floor_y: float
    beam: Colour
    upright: Colour
    deck: str
    deck_colour: Colour
    back: str
    wall: Colour
    divider: float  # thickness of dividers (0: none)
    divider_colour: Colour
    aisle: str
    label_left: bool  # labels at the left of their bin (else centred)
    shadow: float  # how dark the shelf above makes the top of each bin
    extend_up: bool  # uprights run on above the top beam (out of the picture)


def _scaled(colour: Colour, factor: float) -> Colour:
    return (int(colour[0] * factor), int(colour[1] * factor), int(colour[2] * factor))


def _pick(rng: np.random.Generator, options: dict[str, Colour]) -> Colour:
    return options[str(rng.choice(sorted(options)))]


@dataclass(frozen=True)
class _Dims:
    counts: list[list[int]]  # bins per level (bottom first) and bay
    rack_w: float
    rack_h: float
    post: float
    top_h: float
    beam_h: float
    open_h: float


def _dims(rng: np.random.Generator, sw: float, sh: float, unit: float) -> _Dims:
    """Levels, bins and sizes that fit the safe region (sw × sh) with sensible bin shapes."""
    for attempt in range(61):
        n_levels = int(rng.integers(2, 6)) if attempt < 60 else 2
        bays = 2 if rng.random() < 0.3 and attempt < 60 else 1
        if bays == 2:
            base = [int(rng.integers(2, 5)) for _ in range(bays)]
        else:
            base = [int(rng.integers(3, 9)) if attempt < 60 else 3]
        least = 2 if bays == 2 else 3
        counts = [
            list(base)
            if rng.random() > 0.25
            else [max(least, c + int(rng.integers(-1, 2))) for c in base]
            for _ in range(n_levels)
        ]
        rack_w = sw * rng.uniform(0.62, 0.97)
        rack_h = sh * rng.uniform(0.6, 0.97)
        post = float(np.clip(0.022 * rack_w, 12 * unit, 42 * unit))
        top_h = float(np.clip(0.05 * rack_h / n_levels, 16 * unit, 48 * unit))
        pitch = (rack_h - top_h) / n_levels
        beam_h = float(np.clip(0.13 * pitch, 22 * unit, 66 * unit))
        open_h = pitch - beam_h
        most = max(sum(c) for c in counts)
        slot_w = (rack_w - (bays + 1) * post) / most
        if slot_w / open_h > 3.3:
            rack_w -= (slot_w - 3.3 * open_h) * most
            slot_w = 3.3 * open_h
        if slot_w / open_h < 0.6:
            open_h = slot_w / 0.6
            rack_h = n_levels * (open_h + beam_h) + top_h
        fits = rack_w <= sw and rack_h <= sh
        if fits and open_h >= 70 * unit and slot_w >= 80 * unit:
            break
        if fits and attempt == 60:
            break
    return _Dims(counts, rack_w, rack_h, post, top_h, beam_h, open_h)


def make_layout(rng: np.random.Generator, camera: Camera) -> Layout:
    unit = camera.size[1] / 1080.0
    style = str(rng.choice(STYLES))
    sx0, sy0, sx1, sy1 = camera.safe
    sw, sh = sx1 - sx0, sy1 - sy0
    dims = _dims(rng, sw, sh, unit)
    counts, rack_w, rack_h = dims.counts, dims.rack_w, dims.rack_h
    post, top_h, beam_h, open_h = dims.post, dims.top_h, dims.beam_h, dims.open_h
    n_levels, bays = len(counts), len(counts[0])
    x_rack = sx0 + rng.uniform(0, max(1.0, sw - rack_w))
    y_rack = sy0 + rng.uniform(0, max(1.0, sh - rack_h))
    aisle = str(rng.choice(list("ABCDEFGH")))
    first_rack = int(rng.integers(1, 30))
    beam = _pick(rng, BEAMS)
    upright = beam if rng.random() < 0.35 else _pick(rng, UPRIGHTS)
    deck = {
        "steel": str(rng.choice(DECKS)),
        "totes": str(rng.choice(DECKS)),
        "cartons": "chipboard",
    }[style]
    if style == "cartons" and rng.random() < 0.35:
        deck = "steel"
    deck_colour: Colour = {
        "mesh": (110, 112, 110),
        "chipboard": _scaled((112, 160, 196), rng.uniform(0.8, 1.1)),
        "steel": _scaled((150, 152, 148), rng.uniform(0.75, 1.1)),
    }[deck]
    divider = float(rng.uniform(5, 11) * unit) if style == "steel" else 0.0
    uniform_widths = rng.random() < 0.7
    tote_height = rng.uniform(0.55, 0.85)
    tote_gap = rng.uniform(0.05, 0.12)
    tote_colour = _pick(rng, TOTES)
    mixed_totes = rng.random() < 0.3
    hopper = bool(rng.random() < 0.65)
    band = float(rng.uniform(0.28, 0.45) if hopper else rng.uniform(0.3, 0.55))
    label_left = bool(rng.random() < 0.4)
    lab_ratio = rng.uniform(2.6, 3.6)
    depth_ratio = rng.uniform(0.9, 1.6)
    bay_w = (rack_w - (bays + 1) * post) / bays
    uprights = tuple(
        (x_rack + b * (bay_w + post), x_rack + b * (bay_w + post) + post) for b in range(bays + 1)
    )
    top_beam = (x_rack, y_rack, x_rack + rack_w, y_rack + top_h)
    levels: list[Level] = []
    slots: list[Slot] = []
    vx = camera.foot[0]
    for lvl in range(n_levels):
        y0 = y_rack + top_h + (n_levels - 1 - lvl) * (open_h + beam_h)
        y1 = y0 + open_h
        depth = open_h * depth_ratio
        for bay in range(bays):
            bx0 = uprights[bay][1]
            bx1 = uprights[bay + 1][0]
            n = counts[lvl][bay]
            weights = np.ones(n) if uniform_widths else rng.uniform(0.75, 1.25, n)
            edges = bx0 + np.concatenate([[0.0], np.cumsum(weights) / weights.sum()]) * (bx1 - bx0)
            ids: list[int] = []
            for i in range(n):
                x0, x1 = float(edges[i]), float(edges[i + 1])
                half = divider / 2
                fx0 = x0 + (half if i > 0 else 0.0)
                fx1 = x1 - (half if i < n - 1 else 0.0)
                face: Rect = (fx0, y0, fx1, y1)
                tote = None
                if style == "totes":
                    gap = tote_gap * (x1 - x0)
                    front = depth * float(rng.uniform(0.0, 0.06))
                    th = open_h * tote_height
                    colour = _pick(rng, TOTES) if mixed_totes else tote_colour
                    tote = Tote(
                        x0=x0 + gap / 2,
                        x1=x1 - gap / 2,
                        height=th,
                        front=front,
                        depth=depth * float(rng.uniform(0.75, 0.95)),
                        colour=colour,
                        hopper=hopper,
                        band=band,
                        card=str(rng.choice(CARDS)),
                    )
                    s = camera.distance / (camera.distance + front)
                    vy = camera.foot[1]
                    face = (
                        vx + (tote.x0 - vx) * s,
                        vy + (y1 - th - vy) * s,
                        vx + (tote.x1 - vx) * s,
                        vy + (y1 - vy) * s,
                    )
                lab_h = 0.72 * beam_h
                lab_w = min(0.8 * (x1 - x0), lab_h * lab_ratio)
                lx = x0 + 0.06 * (x1 - x0) if label_left else (x0 + x1 - lab_w) / 2
                ly = y1 + (beam_h - lab_h) / 2
                location = f"{aisle}-{first_rack + bay:02d}-{lvl + 1:02d}-{i + 1:02d}"
                ids.append(len(slots))
                slots.append(
                    Slot(
                        location, len(levels), x0, x1, face, (lx, ly, lx + lab_w, ly + lab_h), tote
                    )
                )
            levels.append(
                Level(
                    opening=(round(bx0), round(y0), round(bx1), round(y1)),
                    depth=depth,
                    slots=tuple(ids),
                    dividers=tuple(float(e) for e in edges[1:-1]) if divider else (),
                    beam=(bx0, y1, bx1, y1 + beam_h),
                    floor=lvl,
                )
            )
    rack_bottom = y_rack + rack_h
    return Layout(
        style=style,
        unit=unit,
        levels=tuple(levels),
        slots=tuple(slots),
        rack=(x_rack, y_rack, x_rack + rack_w, rack_bottom),
        uprights=uprights,
        top_beam=top_beam,
        floor_y=rack_bottom + float(rng.uniform(0.0, 0.35)) * open_h,
        beam=beam,
        upright=upright,
        deck=deck,
        deck_colour=deck_colour,
        back=str(rng.choice(BACKS)),
        wall=WALLS[int(rng.integers(len(WALLS)))],
        divider=divider,
        divider_colour=(160, 162, 158) if rng.random() < 0.6 else upright,
        aisle=aisle,
        label_left=label_left,
        shadow=float(rng.uniform(0.2, 0.55)),
        extend_up=bool(rng.random() < 0.5),
    )
