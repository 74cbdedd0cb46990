"""Pallets and the loads on them, in a pallet bay: stacked cartons, a wrapped load, sacks,
drums, a single crate, a low layer; and the pallet itself (pine, grey, blue, black plastic),
which an empty bay may keep.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from edge.synth.pickface.cases import KRAFT, draw_blocks, grid
from edge.synth.pickface.containers import draw_block, on_face, visible_faces
from edge.synth.pickface.layout import Draw, Goods, Slot
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import carton_print

PALLET_WOODS: tuple[Colour, ...] = (
    (120.0, 170.0, 205.0),
    (125.0, 135.0, 140.0),
    (150.0, 95.0, 40.0),
    (50.0, 50.0, 52.0),
)
PALLET_TOP = 0.144


def pallet(slot: Slot, rng: np.random.Generator) -> tuple[Draw, float, float]:
    """A pallet on the floor of a bay: its drawing, left edge and width."""
    pw = float(rng.choice([0.8, 1.0, 1.2]))
    x0 = (slot.width - pw) / 2 + rng.normal(0, 0.03)
    wood = PALLET_WOODS[int(rng.integers(len(PALLET_WOODS)))]
    front, back = 0.04, 0.04 - min(1.2, slot.depth + 0.05)
    boards = int(rng.integers(5, 8))

    def draw(p: Painter) -> None:
        def blk(lo: tuple[float, float, float], hi: tuple[float, float, float], t: float) -> None:
            draw_block(p, slot.world, lo, hi, scaled(wood, t))

        for z0, z1 in (
            (back, back + 0.145),
            ((back + front) / 2 - 0.07, (back + front) / 2 + 0.07),
            (front - 0.145, front),
        ):
            for bx in (x0, x0 + pw / 2 - 0.05, x0 + pw - 0.1):
                blk((bx, 0.022, z0), (bx + 0.1, 0.1, z1), 0.9)
            blk((x0, 0.1, z0), (x0 + pw, 0.122, z1), 1.0)
        bw = pw / boards * 0.8
        for i in range(boards):
            bx = x0 + i * (pw - bw) / (boards - 1)
            blk((bx, 0.122, back), (bx + bw, PALLET_TOP, front), 1.05)

    return draw, x0, pw


def bay(slot: Slot, rng: np.random.Generator, kind: str) -> Goods:
    """A pallet with a load in a pallet bay."""
    draw_pallet, x0, pw = pallet(slot, rng)
    top = min(slot.height - 0.08, rng.uniform(0.6, 1.7)) - PALLET_TOP
    front, depth = 0.03, min(1.18, slot.depth + 0.03)
    draws: list[Draw] = [draw_pallet]
    colour = KRAFT if rng.random() < 0.65 else (205.0, 210.0, 212.0)
    if kind in ("cartons", "low layer", "wrapped load"):
        height = 0.25 if kind == "low layer" else top
        blocks = grid(rng, x0, pw, front, depth, PALLET_TOP, height, colour)
        if kind == "low layer":
            blocks = [b for b in blocks if b[3][1] < PALLET_TOP + 0.01]
        prints = carton_print(colour, rng) if rng.random() < 0.5 else None
        draws.append(lambda p: draw_blocks(p, slot, blocks, prints))
        if kind == "wrapped load":
            hi_y = max(b[4][1] for b in blocks)
            lo, hi = (x0, PALLET_TOP, front - depth), (x0 + pw, hi_y + 0.01, front + 0.005)

            def film(p: Painter) -> None:
                for _, quad in visible_faces(p, slot.world, lo, hi):
                    p.fill(quad, (235.0, 240.0, 240.0), lit=False, alpha=0.35)
                    for u in (0.15, 0.55):
                        p.fill(
                            on_face(quad, u, 0, u + 0.12, 1, 0.001),
                            (255.0, 255.0, 255.0),
                            lit=False,
                            alpha=0.4,
                        )

            draws.append(film)
    elif kind == "sacks":
        tint = [(215.0, 220.0, 225.0), (95.0, 150.0, 190.0), (70.0, 120.0, 60.0)][
            int(rng.integers(3))
        ]
        blocks = grid(rng, x0, pw, front, depth, PALLET_TOP, min(top, 1.0), tint, 6)

        def sacks(p: Painter) -> None:
            for _, _, _, lo, hi, c in sorted(blocks, key=lambda b: (b[0], b[3][1])):
                mid = [
                    (lo[0] - 0.02, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2),
                    (hi[0] + 0.02, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2),
                ]
                corners = [
                    (x, y, z)
                    for x in (lo[0] + 0.02, hi[0] - 0.02)
                    for y in (lo[1], hi[1])
                    for z in (lo[2], hi[2])
                ]
                p.hull(slot.world([*corners, *mid]), c)
                draw_block(
                    p,
                    slot.world,
                    (lo[0] + 0.03, hi[1] - 0.01, lo[2] + 0.02),
                    (hi[0] - 0.03, hi[1], hi[2] - 0.02),
                    c,
                )

        draws.append(sacks)
    elif kind == "drums":
        colour = [
            (150.0, 90.0, 30.0),
            (40.0, 40.0, 40.0),
            (40.0, 40.0, 170.0),
            (170.0, 172.0, 175.0),
        ][int(rng.integers(4))]
        r = min(0.29, pw / 4)
        height = min(top, 0.88)

        def drums(p: Painter) -> None:
            t = np.linspace(0, 2 * math.pi, 20, endpoint=False)
            ring = np.stack([np.cos(t), np.zeros_like(t), np.sin(t)], 1) * r
            for cz in (front - depth + r, front - r):
                for cx in sorted((x0 + r, x0 + pw - r), key=lambda x: -abs(x - p.camera.eye[0])):
                    base = np.array([cx, PALLET_TOP, cz])
                    p.hull(
                        slot.world(np.concatenate([ring + base, ring + base + (0, height, 0)])),
                        colour,
                    )
                    for f in (0.33, 0.66):
                        band = ring[10:] * 1.01 + base + (0, height * f, 0)
                        xy = slot.world(band)
                        for a, b in itertools.pairwise(xy):
                            p.rod(a, b, 0.006, scaled(colour, 1.3))
                    p.fill(slot.world(ring + base + (0, height, 0)), scaled(colour, 1.15))

        draws.append(drums)
    else:  # a single crate
        cw, ch = pw * rng.uniform(0.5, 0.95), min(top, rng.uniform(0.3, 0.9))
        cx = x0 + (pw - cw) * rng.uniform(0, 1)
        lo, hi = (cx, PALLET_TOP, front - depth * 0.8), (cx + cw, PALLET_TOP + ch, front - 0.02)
        wood = (95.0, 150.0, 190.0)

        def crate(p: Painter) -> None:
            for name, quad in draw_block(p, slot.world, lo, hi, wood):
                for v in (0.0, 0.45, 0.9):
                    p.fill(on_face(quad, 0, v, 1, v + 0.1, 0.002), scaled(wood, 0.8))
                if name == "front":
                    p.fill(on_face(quad, 0.3, 0.3, 0.7, 0.6, 0.003), (240.0, 240.0, 240.0))

        draws.append(crate)
    return draws, []
