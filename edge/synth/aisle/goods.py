"""What fills a location on a shelf deck, in a tote or in a flow lane, and what the truth calls it.

Goods are arranged inside the location's room (its floor may slope, as flow lanes do), pushed
to the front as pickers leave them; now and then a location holds only one small thing at the
back, or goods of nearly the location's own colour, which are the cases that make an occupancy
judge earn its keep.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from edge.synth.aisle.geometry import (
    Colour,
    Face,
    Part,
    Vec,
    box,
    hexa,
    mix,
    moved,
    part,
    turn_x,
    vec,
)
from edge.synth.aisle.items import BRIGHT, bundle, carton, carton_colour, cylinder, pillow, tube
from edge.synth.aisle.rack import Slot

BAGS: tuple[Colour, ...] = (
    (225, 220, 215),
    (200, 170, 140),
    (150, 190, 215),
    (90, 90, 95),
    (120, 180, 120),
)
SMALL: tuple[Colour, ...] = (
    (140, 140, 140),
    (30, 30, 30),
    (60, 60, 190),
    (190, 190, 195),
    (40, 130, 200),
)


def _colour(rng: np.random.Generator, slot: Slot, usual: Colour) -> Colour:
    """Mostly the goods' usual colour; sometimes nearly the location's own (the hard case)."""
    if rng.random() < 0.12:
        return mix(slot.tone, (128, 128, 128), float(rng.uniform(0.05, 0.2)))
    return usual


def on_floor(slot: Slot, faces: list[Face]) -> Part:
    """Tip faces built on a flat floor at the slot's front height onto its sloping floor."""
    if abs(slot.tilt) > 1e-6:
        pivot = vec(0.0, slot.lo[1], slot.lo[2])
        faces = moved(faces, turn_x(-slot.tilt), pivot, vec(0, 0, 0))
    return part(faces)


def _small_one(rng: np.random.Generator, foot: Vec, size: float) -> list[Face]:
    colour = SMALL[int(rng.integers(len(SMALL)))]
    if rng.random() < 0.5:
        return cylinder(foot, size / 2, size * float(rng.uniform(0.6, 1.6)), colour, 8)
    half = vec(size / 2, 0, size * float(rng.uniform(0.3, 0.5)))
    return box(foot - half, foot + half + vec(0, size * float(rng.uniform(0.4, 1.0)), 0), colour)


def _cartons(rng: np.random.Generator, slot: Slot, count: int, stack: bool) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    _, h, d = hi - lo
    colour = _colour(rng, slot, carton_colour(rng))
    parts = []
    cuts = np.linspace(lo[0], hi[0], count + 1)
    for i in range(count):
        cw = (cuts[i + 1] - cuts[i]) * float(rng.uniform(0.7, 0.95))
        x0 = cuts[i] + float(rng.uniform(0, cuts[i + 1] - cuts[i] - cw))
        cd = d * float(rng.uniform(0.5, 0.95))
        z0 = lo[2] + float(rng.uniform(0, 0.35)) * (d - cd)
        layers = 2 if stack and h > 0.22 else 1
        ch = h * float(rng.uniform(0.45, 0.92)) / layers
        for k in range(layers):
            a = vec(x0, lo[1] + k * ch, z0)
            parts.append(on_floor(slot, carton(a, a + vec(cw, ch - 0.002, cd), colour, rng)))
    return parts


def _bags(rng: np.random.Generator, slot: Slot, count: int, fat: float = 0.5) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    colour = _colour(rng, slot, BAGS[int(rng.integers(len(BAGS)))])
    parts = []
    for i in range(count):
        bw = w * float(rng.uniform(0.45, 0.9))
        x0 = lo[0] + float(rng.uniform(0, w - bw))
        bh = min(h * float(rng.uniform(0.25, fat)), 0.2)
        y0 = lo[1] + (bh * 0.7 if i else 0.0)
        bd = d * float(rng.uniform(0.5, 0.9))
        z0 = lo[2] + float(rng.uniform(0, 0.3)) * (d - bd)
        faces = pillow(
            vec(x0, y0, z0), vec(x0 + bw, y0 + bh, z0 + bd), colour, rng, rng.random() < 0.6
        )
        parts.append(on_floor(slot, faces))
    return parts


def _parts(rng: np.random.Generator, slot: Slot, count: int) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    parts = []
    for _ in range(count):
        size = float(np.clip(rng.uniform(0.04, 0.11), 0.03, min(w, h, d) * 0.5))
        foot = vec(
            lo[0] + size + float(rng.uniform(0, max(w - 2 * size, 0.0))),
            lo[1],
            lo[2] + size + float(rng.uniform(0, 0.6)) * max(d - 2 * size, 0.0),
        )
        parts.append(on_floor(slot, _small_one(rng, foot, size)))
    return parts


def _heap(rng: np.random.Generator, slot: Slot) -> list[Part]:
    """Loose small parts heaped in a tote: a mound with a few pieces lying on it."""
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    colour = _colour(rng, slot, SMALL[int(rng.integers(len(SMALL)))])
    top = h * float(rng.uniform(0.5, 0.9))
    inset = np.array([w * 0.12, 0.0, d * 0.15])
    pts = []
    for i in range(8):
        sx, sy, sz = i & 1, (i >> 1) & 1, (i >> 2) & 1
        lo_c = lo + (inset if sy else 0.0)
        hi_c = hi - (inset if sy else 0.0)
        pts.append([(lo_c[0], hi_c[0])[sx], lo[1] + top * sy, (lo_c[2], hi_c[2])[sz]])
    mound = hexa(np.array(pts), colour, sides={"top": mix(colour, (255, 255, 255), 0.1)})
    parts = [part(mound)]
    for _ in range(int(rng.integers(2, 6))):
        size = float(min(rng.uniform(0.03, 0.07), w * 0.3))
        foot = vec(
            lo[0] + inset[0] + float(rng.uniform(0, w - 2 * inset[0])),
            lo[1] + top,
            lo[2] + inset[2] + float(rng.uniform(0, d - 2 * inset[2])),
        )
        parts.append(part(_small_one(rng, foot, size)))
    return parts


def _single(rng: np.random.Generator, slot: Slot) -> list[Part]:
    """One small thing left at the back."""
    lo, hi = slot.lo, slot.hi
    w, _, d = hi - lo
    size = float(min(rng.uniform(0.06, 0.12), w * 0.4, d * 0.4))
    foot = vec(lo[0] + float(rng.uniform(0.2, 0.8)) * w, lo[1], hi[2] - size * 0.8)
    return [on_floor(slot, _small_one(rng, foot, size))]


def _bundle(rng: np.random.Generator, slot: Slot) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    bw, bd = w * float(rng.uniform(0.6, 0.95)), d * float(rng.uniform(0.6, 0.95))
    a = vec(lo[0] + float(rng.uniform(0, w - bw)), lo[1], lo[2] + 0.02)
    colour = _colour(rng, slot, carton_colour(rng) if rng.random() < 0.6 else (170, 200, 215))
    top = a + vec(bw, h * float(rng.uniform(0.25, 0.7)), bd - 0.02)
    return [on_floor(slot, bundle(a, top, colour, rng))]


def _tubes(rng: np.random.Generator, slot: Slot) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    r = float(min(rng.uniform(0.02, 0.045), h * 0.2, w * 0.15))
    colour = BRIGHT[int(rng.integers(len(BRIGHT)))]
    parts = []
    per_row = max(int(w * 0.8 / (2 * r)), 1)
    for row in range(int(rng.integers(1, 4))):
        for i in range(per_row - row):
            x = lo[0] + w * 0.1 + (2 * i + row) * r
            a = vec(x, lo[1] + row * 1.7 * r, lo[2] + 0.01)
            parts.append(on_floor(slot, tube(a, a + vec(2 * r, 2 * r, d * 0.9), colour)))
    return parts


def _totes(rng: np.random.Generator, slot: Slot) -> list[Part]:
    """Small plastic totes riding a flow lane, one behind the other."""
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    colour = _colour(
        rng,
        slot,
        [(160, 90, 30), (90, 90, 90), (40, 40, 180), (40, 160, 200)][int(rng.integers(4))],
    )
    tw, th, td = w * 0.92, min(h * 0.75, 0.25), min(0.4, d / 2)
    parts = []
    for k in range(int(rng.integers(1, 3))):
        a = vec(lo[0] + (w - tw) / 2, lo[1], lo[2] + 0.01 + k * (td + 0.01))
        inner = mix(colour, (0, 0, 0), 0.45)
        parts.append(on_floor(slot, box(a, a + vec(tw, th, td), colour, sides={"top": inner})))
    return parts


def _lane_cartons(rng: np.random.Generator, slot: Slot) -> list[Part]:
    lo, hi = slot.lo, slot.hi
    w, h, d = hi - lo
    colour = _colour(rng, slot, carton_colour(rng))
    cw, ch = w * float(rng.uniform(0.75, 0.95)), h * float(rng.uniform(0.4, 0.85))
    cd = float(rng.uniform(0.25, 0.45))
    parts = []
    for k in range(int(min(rng.integers(1, 5), d // (cd + 0.01)))):
        a = vec(lo[0] + (w - cw) / 2, lo[1], lo[2] + 0.01 + k * (cd + 0.005))
        parts.append(on_floor(slot, carton(a, a + vec(cw, ch, cd), colour, rng)))
    return parts


Filler = Callable[[np.random.Generator, Slot], list[Part]]
MENUS: dict[str, tuple[tuple[str, float, Filler], ...]] = {
    "shelf": (
        ("carton", 0.4, lambda r, s: _cartons(r, s, int(r.integers(1, 4)), r.random() < 0.3)),
        ("bag", 0.18, lambda r, s: _bags(r, s, int(r.integers(1, 4)))),
        ("bundle", 0.14, _bundle),
        ("parts", 0.16, lambda r, s: _parts(r, s, int(r.integers(3, 8)))),
        ("small-item", 0.12, _single),
    ),
    "tote": (
        ("parts", 0.36, _heap),
        ("bag", 0.22, lambda r, s: _bags(r, s, int(r.integers(2, 4)), 0.8)),
        ("carton", 0.18, lambda r, s: _cartons(r, s, int(r.integers(1, 3)), False)),
        ("tubes", 0.12, _tubes),
        ("small-item", 0.12, _single),
    ),
    "lane": (
        ("carton", 0.66, _lane_cartons),
        ("tote", 0.22, _totes),
        ("small-item", 0.12, _single),
    ),
}


def fill(rng: np.random.Generator, slot: Slot, holder: str) -> tuple[str, list[Part]]:
    """A kind of goods for the location and the goods, as parts to sort far to near."""
    menu = MENUS[holder]
    weights = np.array([m[1] for m in menu])
    kind, _, filler = menu[int(rng.choice(len(menu), p=weights / weights.sum()))]
    return kind, filler(rng, slot)
