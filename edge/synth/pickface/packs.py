"""Packed and odd small-parts stock: polybags, boxed items, a cable coil, a single part left
in a corner, long parts sticking out over the front.

Drawn in a location's local box (floor y = 0, front z = 0, back z = -depth); every draw is
planned in full up front, so the same stock drawn twice is the same picture.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from edge.synth.pickface.containers import draw_block, on_face
from edge.synth.pickface.layout import Draw, Goods, Slot
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.parts import METALS

FILM_TINTS: tuple[Colour, ...] = (
    (235.0, 235.0, 235.0),
    (200.0, 170.0, 230.0),
    (230.0, 190.0, 150.0),
    (170.0, 175.0, 178.0),
)


def _bag(slot: Slot, rng: np.random.Generator, z0: float) -> Draw:
    """One polybag standing at depth z0 and leaning back (never through the back wall)."""
    bw = slot.width * rng.uniform(0.35, 0.85)
    bh = min(slot.height * rng.uniform(0.6, 1.25), slot.depth * 0.9)
    x0 = rng.uniform(0.02, max(0.03, slot.width - bw - 0.02))
    room = (slot.depth + z0 - 0.01) / bh
    lean = min(rng.uniform(0.15, 1.2), math.asin(min(1.0, max(0.0, room))))
    e_u = np.array([1.0, 0.0, 0.0])
    e_v = np.array([0.0, math.cos(lean), -math.sin(lean)])
    t = np.linspace(0, 2 * math.pi, 18, endpoint=False)
    cu, cv = np.cos(t), np.sin(t)
    su = np.sign(cu) * np.abs(cu) ** 0.35 * bw / 2 + x0 + bw / 2
    sv = (np.sign(cv) * np.abs(cv) ** 0.35 + 1) * bh / 2
    base = np.array([0.0, 0.01, z0])
    outline = slot.world(base + su[:, None] * e_u + sv[:, None] * e_v)
    tint = FILM_TINTS[int(rng.integers(len(FILM_TINTS)))]
    clear = bool(rng.random() < 0.5)
    inner = METALS[int(rng.integers(len(METALS)))]
    dots = [
        slot.world(
            [
                base
                + (x0 + rng.uniform(0.15, 0.85) * bw, 0.002, 0)
                + rng.uniform(0.1, 0.7) * bh * e_v
            ]
        )[0]
        for _ in range(12)
    ]
    u, v = slot.direction((0.012, 0, 0)), slot.direction(e_v * 0.01)
    seal = slot.world(
        [
            base + (x0 + bw * 0.1, 0, 0) + 0.9 * bh * e_v,
            base + (x0 + bw * 0.9, 0, 0) + 0.9 * bh * e_v,
        ]
    )
    streaks = []
    for k in range(int(rng.integers(1, 3))):
        f = 0.2 + 0.3 * k
        corners = ((f, 0.15), (f + 0.08, 0.15), (f + 0.25, 0.8), (f + 0.18, 0.8))
        streaks.append(slot.world([base + (x0 + bw * a, 0, 0) + bh * b * e_v for a, b in corners]))

    def draw(p: Painter) -> None:
        p.fill(outline, scaled(tint, 0.75) if clear else tint)
        if clear:
            for c in dots:
                p.disc(c, u, v, inner)
        p.rod(seal[0], seal[1], 0.002, (40.0, 40.0, 200.0))
        for streak in streaks:
            p.fill(streak, (255.0, 255.0, 255.0), lit=False, alpha=0.45)

    return draw


def bags(slot: Slot, rng: np.random.Generator) -> Goods:
    """Polybags with parts in them, leaning on the back or on each other, with sheen and a
    zip seal; drawn back to front."""
    depths = sorted(-slot.depth * rng.uniform(0.1, 0.5) for _ in range(int(rng.integers(1, 4))))
    return [_bag(slot, rng, float(z0)) for z0 in depths], []


def small_boxes(slot: Slot, rng: np.random.Generator) -> Goods:
    """A few boxed items (cardboard, white, coloured), some with a label on the front."""
    draws: list[Draw] = []
    z = -slot.depth + 0.005
    colour = [(70.0, 130.0, 175.0), (225.0, 228.0, 230.0), (170.0, 110.0, 40.0)][
        int(rng.integers(3))
    ]
    while z < -0.03 and len(draws) < 6:
        bd = slot.depth * rng.uniform(0.2, 0.45)
        if z + bd > -0.005:
            break
        bw = slot.width * rng.uniform(0.35, 0.9)
        bh = slot.height * rng.uniform(0.35, 0.9)
        x0 = rng.uniform(0.01, max(0.02, slot.width - bw - 0.01))
        lo, hi = (x0, 0.0, z), (x0 + bw, bh, z + bd)
        c = scaled(colour, rng.uniform(0.85, 1.1))
        labelled = rng.random() < 0.6

        def draw(
            p: Painter,
            lo: tuple[float, ...] = lo,
            hi: tuple[float, ...] = hi,
            c: Colour = c,
            labelled: bool = labelled,
        ) -> None:
            faces = draw_block(p, slot.world, lo, hi, c)
            for name, quad in faces:
                if name == "front" and labelled:
                    p.fill(on_face(quad, 0.15, 0.2, 0.85, 0.6, 0.001), (245.0, 245.0, 245.0))

        draws.append(draw)
        z += bd + rng.uniform(0.0, 0.03)
    return draws, []


def coil(slot: Slot, rng: np.random.Generator) -> Goods:
    """A coil of cable, lying flat or standing against the back."""
    upright = rng.random() < 0.5
    r_out = min(slot.width, slot.height if upright else slot.depth) * rng.uniform(0.3, 0.45)
    r_in = r_out * rng.uniform(0.45, 0.7)
    colour = [
        (30.0, 30.0, 30.0),
        (20.0, 120.0, 230.0),
        (180.0, 90.0, 30.0),
        (40.0, 40.0, 190.0),
        (40.0, 200.0, 220.0),
    ][int(rng.integers(5))]
    cx = rng.uniform(r_out, max(r_out + 1e-3, slot.width - r_out))
    centre = (
        np.array([cx, r_out + 0.005, -slot.depth + 0.03])
        if upright
        else np.array([cx, 0.015, -rng.uniform(r_out, max(r_out + 1e-3, slot.depth - r_out))])
    )
    u = np.array([1.0, 0.0, 0.0])
    v = np.array([0.0, 1.0, 0.0]) if upright else np.array([0.0, 0.0, 1.0])
    loops = int(rng.integers(6, 12))
    wire = (r_out - r_in) / loops * 1.3

    def draw(p: Painter) -> None:
        t = np.linspace(0, 2 * math.pi, 40)
        for i in range(loops):
            r = r_in + (r_out - r_in) * (i + 0.5) / loops
            pts = centre + np.cos(t)[:, None] * u * r + np.sin(t)[:, None] * v * r
            pts = slot.world(pts + np.array([0.0, 0.0 if upright else 0.003 * i, 0.0]))
            xy = np.round(p.xy(pts) * 16).astype(np.int32)
            px = max(1, round(wire * p.camera.scale_at(pts[0])))
            c = scaled(colour, (0.8 if i % 2 else 1.1) * p.depth_factor(pts))
            cv2.polylines(p.canvas, [xy], False, c, px, cv2.LINE_AA, 4)

    return [draw], []


def single(slot: Slot, rng: np.random.Generator) -> Goods:
    """One part left in a corner: a small box, a bracket or a can."""
    size = min(slot.width, slot.depth, slot.height) * rng.uniform(0.35, 0.6)
    x = 0.01 if rng.random() < 0.5 else slot.width - size - 0.01
    z = -slot.depth + 0.01 if rng.random() < 0.6 else -size - 0.01
    which = int(rng.integers(3))
    colour = [(60.0, 120.0, 170.0), (150.0, 155.0, 160.0), (40.0, 40.0, 180.0)][which]

    def draw(p: Painter) -> None:
        if which == 0:
            draw_block(p, slot.world, (x, 0, z), (x + size, size * 0.7, z + size * 0.8), colour)
        elif which == 1:
            draw_block(p, slot.world, (x, 0, z), (x + size, size * 0.12, z + size * 0.5), colour)
            draw_block(p, slot.world, (x, 0, z), (x + size * 0.12, size, z + size * 0.5), colour)
        else:
            t = np.linspace(0, 2 * math.pi, 12, endpoint=False)
            ring = np.stack([np.cos(t), np.zeros_like(t), np.sin(t)], 1) * size * 0.3
            base = np.array([x + size / 2, 0, z + size / 2])
            body = np.concatenate([ring + base, ring + base + (0, size * 1.1, 0)])
            p.hull(slot.world(body), colour)
            p.fill(slot.world(ring + base + (0, size * 1.1, 0)), (190.0, 190.0, 190.0))

    return [draw], []


def long_parts(slot: Slot, rng: np.random.Generator) -> Goods:
    """Rods or tubes lying in the bin and sticking out over its front."""
    colour = [
        (170.0, 172.0, 175.0),
        (235.0, 235.0, 230.0),
        (60.0, 120.0, 170.0),
        (40.0, 40.0, 40.0),
    ][int(rng.integers(4))]
    rods = []
    for _ in range(int(rng.integers(2, 8))):
        x = rng.uniform(0.15, 0.85) * slot.width
        a = (x, 0.01, -slot.depth * rng.uniform(0.75, 0.95))
        b = (  # out over the front, but not across the neighbours
            float(np.clip(x + rng.normal(0, 0.1) * slot.width, 0.1, 0.9 * slot.width)),
            max(slot.lip, slot.height * 0.3) + slot.height * rng.uniform(0.1, 0.5),
            rng.uniform(0.0, 0.06),
        )
        radius = min(slot.width, slot.height) * rng.uniform(0.02, 0.05)
        rods.append((a, b, radius, scaled(colour, rng.uniform(0.8, 1.1))))

    def draw(p: Painter) -> None:
        for a, b, r, c in rods:
            p.rod(slot.world([a])[0], slot.world([b])[0], r, c)

    return [], [draw]
