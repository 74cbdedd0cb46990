"""Boltless steel shelving: posts, decks with a folded front lip, a back, and the closed cavity
each shelf level of a section makes. Shared by the "shelving" and "binwall" racks, which differ
in what stands on the decks.

A section's shelf level is one bay (the painter clips its inside to the opening between the
posts and the decks); locations split it with thin dividers, whose faces belong to the
locations themselves so each wall is drawn just before the goods it stands behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, Part, Vec, box, face, part, scaled, vec
from edge.synth.aisle.rack import Assembly, Bay, Rack, cavity, hollow_of, quad

STEELS: tuple[Colour, ...] = (
    (150, 152, 150),
    (190, 192, 190),
    (120, 80, 30),
    (80, 120, 70),
    (170, 200, 215),
    (60, 62, 66),
)


@dataclass(frozen=True)
class Shelf:
    xs: tuple[float, ...]  # post centres along the aisle, one more than sections
    decks: tuple[float, ...]  # deck top heights, bottom shelf to the roof
    depth: float
    post: float  # post width
    deck_t: float
    lip_h: float
    lip_d: float
    steel: Colour
    back: Colour

    def bay_box(self, section: int, level: int) -> tuple[float, float, float, float]:
        """x0, x1, floor, ceiling of one section's shelf level."""
        half = self.post / 2
        return (
            self.xs[section] + half,
            self.xs[section + 1] - half,
            self.decks[level],
            self.decks[level + 1] - self.deck_t,
        )


def plan_shelf(
    rng: np.random.Generator,
    sections: int,
    width: tuple[float, float],
    levels: int,
    clearance: tuple[float, float],
    depth: tuple[float, float],
    back: Colour,
) -> Shelf:
    xs = np.concatenate([[0.0], np.cumsum(rng.uniform(*width, size=sections))])
    base = float(rng.uniform(0.08, 0.16))
    pitch = float(rng.uniform(*clearance))
    decks = base + pitch * np.arange(levels + 1) + rng.uniform(-0.01, 0.01, levels + 1)
    steel = STEELS[int(rng.integers(len(STEELS)))]
    return Shelf(
        xs=tuple(float(x) for x in xs),
        decks=tuple(float(y) for y in decks),
        depth=float(rng.uniform(*depth)),
        post=float(rng.uniform(0.03, 0.045)),
        deck_t=0.025,
        lip_h=float(rng.uniform(0.035, 0.055)),
        lip_d=float(rng.uniform(0.02, 0.035)),
        steel=steel,
        back=back,
    )


def bay(shelf: Shelf, section: int, level: int, slots: tuple[int, ...], ends: bool = False) -> Bay:
    """One section's shelf level as a closed cavity: back, deck, the deck above's underside,
    and with `ends` its two end walls (when no location brings its own)."""
    x0, x1, y0, y1 = shelf.bay_box(section, level)
    d = shelf.depth
    shell = part(
        [
            face([[x0, y0, d], [x1, y0, d], [x1, y1, d], [x0, y1, d]], shelf.back, vec(0, 0, -1)),
            face([[x0, y0, 0], [x1, y0, 0], [x1, y0, d], [x0, y0, d]], shelf.steel, vec(0, 1, 0)),
            face(
                [[x0, y1, 0], [x1, y1, 0], [x1, y1, d], [x0, y1, d]],
                scaled(shelf.steel, 0.8),
                vec(0, -1, 0),
            ),
        ]
    )
    parts = (shell, side_walls(shelf, (x0, x1), (y0, y1), (d, d))) if ends else (shell,)
    return cavity(quad(x0, x1, y0, y1, 0.0), parts, slots, hollow_of(d, y1 - y0))


def side_walls(
    shelf: Shelf, xs: tuple[float, float], ys: tuple[float, float], depths: tuple[float, float]
) -> Part:
    """The two walls of a location (divider or section end): only the far one shows."""
    c = scaled(shelf.steel, 0.95)
    (x0, x1), (y0, y1), (d0, d1) = xs, ys, depths
    return part(
        [
            face([[x0, y0, 0], [x0, y1, 0], [x0, y1, d0], [x0, y0, d0]], c, vec(1, 0, 0)),
            face([[x1, y0, 0], [x1, y1, 0], [x1, y1, d1], [x1, y0, d1]], c, vec(-1, 0, 0)),
        ]
    )


def divider_edge(shelf: Shelf, x: float, thick: float, y0: float, y1: float) -> Part:
    return part(
        box((x - thick / 2, y0, -0.003), (x + thick / 2, y1, 0.0), scaled(shelf.steel, 1.1))
    )


def frame(shelf: Shelf) -> list[Part]:
    """Front steel: posts, deck lips (the bottom one down to the floor) and the roof."""
    parts = []
    top = shelf.decks[-1]
    for x in shelf.xs:
        h = shelf.post / 2
        parts.append(
            part(box((x - h, 0, -shelf.lip_d - 0.01), (x + h, top + 0.04, 0.0), shelf.steel))
        )
    for s in range(len(shelf.xs) - 1):
        x0, x1 = shelf.xs[s] + shelf.post / 2, shelf.xs[s + 1] - shelf.post / 2
        for k, y in enumerate(shelf.decks):
            low = 0.0 if k == 0 else y - shelf.lip_h
            faces: list[Face] = box(
                (x0, low, -shelf.lip_d),
                (x1, y, 0.0),
                shelf.steel,
                sides={"top": scaled(shelf.steel, 1.1)},
            )
            if k == len(shelf.decks) - 1:  # the roof is seen from above by high cameras
                faces += box(
                    (x0, y - shelf.deck_t, 0.0), (x1, y, shelf.depth), shelf.steel, skip=("front",)
                )
            parts.append(part(faces))
    return parts


def shelving_in_hall(
    rack: Assembly,
    shelf: Shelf,
    rng: np.random.Generator,
    *,
    style: str,
    back: str,
    deck: str,
    holder: str,
    wall: Colour,
) -> Rack:
    """A shelving rack finished in the hall light shelving stands in: a 3.5–6 m ceiling over a
    1–1.6 m aisle, the wall just behind the shelves' back."""
    return rack.in_hall(
        rng,
        style=style,
        back=back,
        deck=deck,
        holder=holder,
        span=(shelf.xs[0], shelf.xs[-1]),
        height=shelf.decks[-1],
        hall_depth=shelf.depth + 0.03,
        ceilings=(3.5, 6.0),
        aisles=(1.0, 1.6),
        wall=wall,
    )


def tag_quad(shelf: Shelf, x0: float, x1: float, level: int, rng: np.random.Generator) -> Vec:
    """Where a location's label sits on the lip under it: TL, TR, BR, BL."""
    y = shelf.decks[level]
    w = min(0.11, 0.75 * (x1 - x0))
    left = x0 + float(rng.uniform(0.01, max(0.012, (x1 - x0 - w) * 0.35)))
    hgt = shelf.lip_h * 0.78
    y0 = y - shelf.lip_h + (shelf.lip_h - hgt) / 2
    return quad(left, left + w, y0, y0 + hgt, -shelf.lip_d - 0.0015)


def slot_anchor(opening: Vec) -> Vec:
    return np.asarray(opening.mean(axis=0), np.float64)
