"""Chrome or black wire shelving: notched round posts, mesh decks with a truss along the front,
and rows of stackable lean-to bins, one to three high, on every deck."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.backdrop import surroundings
from edge.synth.wireshelf.bins import leanto
from edge.synth.wireshelf.camera import Pixels
from edge.synth.wireshelf.faces import Colour, Face, TextureFn, quad
from edge.synth.wireshelf.prints import label as label_texture
from edge.synth.wireshelf.rack import Level, Part, Post, Rack, location
from edge.synth.wireshelf.slot import FRONT, Box, Slot
from edge.synth.wireshelf.textures import mesh, post, rgba

BIN_COLOURS: dict[str, Colour] = {
    "blue": (0.1, 0.3, 0.72),
    "red": (0.78, 0.12, 0.1),
    "yellow": (0.95, 0.74, 0.08),
    "green": (0.12, 0.5, 0.22),
    "grey": (0.47, 0.49, 0.51),
    "black": (0.09, 0.09, 0.1),
}
WIDTHS = (0.105, 0.105, 0.15, 0.21, 0.28, 0.42)
HEIGHTS = (0.075, 0.1, 0.125, 0.125, 0.18)
DEPTHS = (0.27, 0.34, 0.39, 0.45)
PARTS = ("M6X20", "M8-NUT", "W-10", "SC4X30", "PN-4411", "RV-312", "CL-25", "HX-1032")


def truss(colour: Colour, seed: int, length: float) -> TextureFn:
    """The front edge of a wire deck: two rails and a zig-zag wire between them."""

    def make(w: int, h: int) -> Pixels:
        alpha = np.zeros((h, w), np.uint8)
        px = max(1, round(0.004 * w / length))
        cv2.line(alpha, (0, px), (w, px), 255, px + 1, cv2.LINE_AA)
        cv2.line(alpha, (0, h - 1 - px), (w, h - 1 - px), 255, px + 1, cv2.LINE_AA)
        step = max(2.0, 0.05 * w / length)
        xs = np.arange(0, w + step, step)
        pts = np.stack([xs, np.where(np.arange(len(xs)) % 2 == 0, px, h - 1 - px)], axis=1)
        cv2.polylines(alpha, [pts.astype(np.int32)], False, 255, px, cv2.LINE_AA)
        shade = 1 + 0.2 * np.sin(np.arange(w, dtype=np.float32) / max(w / 7, 1) + seed)
        rgb = np.asarray(colour, np.float32)[None, None, :] * shade[None, :, None]
        return rgba(np.repeat(rgb, h, axis=0), alpha.astype(np.float32) / 255)

    return make


def _deck(x0: float, x1: float, y: float, depth: float, wire: Colour, key: str) -> list[Face]:
    top = quad((x0, y, 0.0), (x1, y, 0.0), (x1, y, depth), (x0, y, depth))
    look = mesh(wire, len(key), (x1 - x0, depth), (0.025, 0.17), 0.004, True)
    return [Face(top, wire, look, key, shade=0.95, solid=False)]


def wire_rack(rng: np.random.Generator, aisle: str, first_bay: int) -> Rack:
    chrome = rng.random() < 0.6
    wire: Colour = (0.78, 0.79, 0.8) if chrome else (0.1, 0.1, 0.11)
    unit, depth = float(rng.choice([0.91, 1.07, 1.22])), float(rng.choice([0.36, 0.46, 0.53, 0.61]))
    units = 4
    x_start = -unit * units / 2
    palette = rng.choice(list(BIN_COLOURS), size=int(rng.integers(1, 4)), replace=False)
    weights = np.array([0.7, 0.2, 0.1][: len(palette)])
    edge_labels = rng.random() < 0.3
    behind: list[Part] = []
    front: list[Part] = []
    slots: list[Slot] = []
    levels: list[Level] = []
    y = float(rng.uniform(0.12, 0.2))
    level_no = 0
    top = 1.95 + float(rng.uniform(-0.1, 0.2))
    while y < top - 0.2:
        h = float(rng.choice(HEIGHTS))
        tiers = int(rng.integers(1, 4))
        while tiers > 1 and tiers * h > 0.55:
            tiers -= 1
        clearance = tiers * h + float(rng.uniform(0.03, 0.14))
        level_slots: list[int] = []
        for u in range(units):
            ux = x_start + u * unit
            w = float(rng.choice([v for v in WIDTHS if v < unit / 2]))
            d = max(v for v in DEPTHS if v <= depth - 0.02) if rng.random() < 0.7 else DEPTHS[0]
            gap = float(rng.uniform(0.0, 0.006))
            cols = int((unit - 0.05) // (w + gap))
            x = ux + (unit - cols * (w + gap) + gap) / 2
            colour_name = str(rng.choice(palette, p=weights / weights.sum()))
            position = 0
            for c in range(cols):
                for k in range(tiers):
                    position += 1
                    seed = int(rng.integers(1 << 30))
                    colour = (
                        colour_name if rng.random() < 0.9 else str(rng.choice(list(BIN_COLOURS)))
                    )
                    part = str(rng.choice(PARTS)) if rng.random() < 0.3 else None
                    name = location(aisle, first_bay + u, level_no + 1, position)
                    edge = None
                    bx = x + c * (w + gap)
                    if edge_labels and tiers == 1:
                        lw = min(0.075, w * 0.8)
                        cx = bx + w / 2
                        edge = quad(
                            (cx - lw / 2, y - 0.006, -0.004),
                            (cx + lw / 2, y - 0.006, -0.004),
                            (cx + lw / 2, y - 0.031, -0.004),
                            (cx - lw / 2, y - 0.031, -0.004),
                        )
                        front.append(
                            Face(
                                edge,
                                texture=label_texture(name, seed),
                                key=f"lab{seed}",
                                normal=FRONT,
                                owner=len(slots) + 1,
                            )
                        )
                    slots.append(
                        leanto(
                            len(slots),
                            name,
                            Box(bx, y + 0.004 + k * h, 0.012, w, h, d),
                            BIN_COLOURS[colour],
                            seed,
                            lip=float(rng.uniform(0.35, 0.55)),
                            kink=float(rng.uniform(0.25, 0.45)),
                            hopper=float(rng.uniform(0.005, 0.02)),
                            stacked_on=k < tiers - 1,
                            part=part,
                            label=edge,
                        )
                    )
                    level_slots.append(len(slots) - 1)
        deck: list[Part] = []
        for u in range(units):
            ux = x_start + u * unit
            deck.extend(_deck(ux, ux + unit, y, depth, wire, f"deck{u}-{level_no}"))
            band = quad(
                (ux, y, 0.0), (ux + unit, y, 0.0), (ux + unit, y - 0.035, 0.0), (ux, y - 0.035, 0.0)
            )
            look = truss(wire, u, unit)
            front.insert(0, Face(band, wire, look, f"truss{u}", solid=False))
            behind.append(
                Face(band + np.array([0, 0, depth]), wire, look, f"truss{u}", solid=False)
            )
        levels.append(Level(y, y + tiers * h, tuple(deck), tuple(level_slots)))
        y += clearance + 0.035
        level_no += 1
    height = y
    for u in range(units + 1):
        x = x_start + u * unit
        tex = post(wire, u, height, chrome)
        front.append(Post(x, 0.0, 0.0, height, 0.0127, wire, tex, f"post{u}f"))
        behind.append(Post(x, depth, 0.0, height, 0.0127, wire, tex, f"post{u}b"))
        for lv in levels:  # the split collars that hold each deck on the posts
            grey: Colour = (0.25, 0.25, 0.27) if chrome else (0.2, 0.2, 0.2)
            front.append(
                Post(
                    x,
                    0.0,
                    lv.y - 0.045,
                    lv.y + 0.004,
                    0.017,
                    grey,
                    post(grey, 9, 0.05, False),
                    "collar",
                )
            )
    lo, hi = np.array([x_start, 0.0, 0.0]), np.array([x_start + units * unit, height, depth])
    back, surround = surroundings(rng, lo, hi)
    return Rack(
        style="wire",
        back=back,
        deck=("chrome" if chrome else "black") + " wire mesh",
        surround=surround,
        behind=tuple(behind),
        levels=tuple(levels),
        front=tuple(front),
        slots=tuple(slots),
        lo=lo,
        hi=hi,
    )
