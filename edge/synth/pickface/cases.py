"""Case stock: cartons, totes, shrink packs and tubes in flow lanes; and stacks of cartons.

Stacks of blocks are drawn in an order that is right from any viewpoint in the aisle: a ray from
the eye only ever moves back (towards -z) and away from the eye sideways and vertically, so
rows further back go first, then columns and layers further from the eye.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from edge.synth.pickface.containers import (
    Shell,
    ToWorld,
    draw_block,
    draw_shell,
    on_face,
    visible_faces,
)
from edge.synth.pickface.layout import Draw, Goods, Slot
from edge.synth.pickface.painter import Colour, Painter, scaled
from edge.synth.pickface.textures import carton_print

Block = tuple[int, float, float, tuple[float, float, float], tuple[float, float, float], Colour]
KRAFT: Colour = (80.0, 135.0, 180.0)


def draw_blocks(p: Painter, slot: Slot, blocks: list[Block], prints: np.ndarray | None) -> None:
    eye = slot.local([p.camera.eye])[0]

    def key(b: Block) -> tuple[int, float, float]:
        row, xc, yc, _, _, _ = b
        return (row, -abs(xc - eye[0]), -abs(yc - eye[1]))

    for _, _, _, lo, hi, colour in sorted(blocks, key=key):
        for name, quad in draw_block(p, slot.world, lo, hi, colour):
            if name == "top" and hi[0] - lo[0] > 0.15:
                p.fill(on_face(quad, 0.45, -0.01, 0.55, 1.01, 0.0005), scaled(colour, 0.8))
            if name == "front" and prints is not None and hi[2] > -0.2:
                p.paste(prints, on_face(quad, 0.1, 0.15, 0.9, 0.85, 0.001))


def grid(
    rng: np.random.Generator,
    x0: float,
    width: float,
    z_front: float,
    depth: float,
    base: float,
    height: float,
    colour: Colour,
    layers_max: int = 12,
) -> list[Block]:
    """Cartons in rows, columns and layers over a footprint, each a little off and its own tint."""
    nx, nz = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    bh = rng.uniform(0.18, 0.4)
    layers = max(1, min(layers_max, int(height / bh)))
    bw, bd = width / nx, depth / nz
    blocks: list[Block] = []
    for k in range(layers):
        for j in range(nz):
            for i in range(nx):
                jx, jz = rng.normal(0, 0.008, 2)
                lo = (x0 + i * bw + 0.004 + jx, base + k * bh, z_front - (j + 1) * bd + 0.004 + jz)
                hi = (lo[0] + bw - 0.008, lo[1] + bh - 0.002, lo[2] + bd - 0.008)
                c = scaled(colour, rng.uniform(0.88, 1.1))
                blocks.append((nz - 1 - j, (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, lo, hi, c))
    return blocks


def lane(slot: Slot, rng: np.random.Generator, kind: str) -> Goods:
    """Stock in a carton-flow lane, run down to the front stop."""
    w, h = slot.width, slot.height
    if kind == "tote":
        return [_totes(slot, rng)], []
    if kind == "tubes":
        r = rng.uniform(0.012, 0.03)
        n = int(rng.integers(4, 14))
        xs = rng.uniform(0.15, 0.85, n) * w
        ys = r + rng.uniform(0, 0.3, n) * h
        colour = [
            (235.0, 235.0, 230.0),
            (40.0, 120.0, 230.0),
            (150.0, 150.0, 150.0),
            (50.0, 110.0, 200.0),
            (60.0, 60.0, 60.0),
        ][int(rng.integers(5))]

        def tubes(p: Painter) -> None:
            for x, y in sorted(zip(xs, ys, strict=True), key=lambda t: t[1]):
                a, b = slot.world([(x, y, -slot.depth * 0.9), (x, y, 0.06)])
                p.rod(a, b, r, colour)

        return [tubes], []
    count = 1 if kind == "single carton" else int(rng.integers(2, 6))
    colour = KRAFT if rng.random() < 0.7 else (215.0, 220.0, 222.0)
    prints = carton_print(colour, rng) if rng.random() < 0.6 else None
    blocks: list[Block] = []
    z = -0.01
    for i in range(count):
        bw, bd = w * rng.uniform(0.6, 0.92), rng.uniform(0.22, 0.5)
        bh = h * rng.uniform(0.35, 0.85)
        x0 = (w - bw) / 2 + rng.normal(0, 0.01)
        blocks.append((-i, 0.0, 0.0, (x0, 0.0, z - bd), (x0 + bw, bh, z), colour))
        z -= bd + rng.uniform(0.0, 0.02)
        if -z > slot.depth - 0.2:
            break
    if kind == "shrink pack":
        return _shrink_pack(slot, rng, blocks), []
    return [lambda p: draw_blocks(p, slot, blocks, prints)], []


def _totes(slot: Slot, rng: np.random.Generator) -> Draw:
    """One to three open plastic totes in a lane, with boxed parts in them."""
    colour = [
        (160.0, 90.0, 30.0),
        (110.0, 110.0, 105.0),
        (50.0, 50.0, 180.0),
        (60.0, 130.0, 50.0),
    ][int(rng.integers(4))]
    w, h = slot.width, slot.height
    tw, th, td = w * rng.uniform(0.8, 0.95), min(h * 0.8, 0.3), rng.uniform(0.4, 0.6)
    shell = Shell(tw, th, td, th)
    x0 = (w - tw) / 2
    n = int(rng.integers(1, 4))
    boxes = [
        (
            (u * tw, 0.0, -td + 0.02),
            (u * tw + 0.3 * tw, rng.uniform(0.3, 0.95) * th, -td + rng.uniform(0.1, 0.6) * td),
        )
        for u in rng.uniform(0.05, 0.6, 4)
    ]

    def tote(p: Painter) -> None:
        for i in reversed(range(n)):
            shift = np.array([x0, 0.0, -0.01 - i * (td + 0.01)])

            def world(pts: Sequence[Sequence[float]], shift: np.ndarray = shift) -> np.ndarray:
                return slot.world(np.asarray(pts, np.float64) + shift)

            def parts(q: Painter, world: ToWorld = world) -> None:
                for lo, hi in boxes:
                    draw_block(q, world, lo, hi, (70.0, 130.0, 175.0))

            draw_shell(p, world, shell, colour, inside=[parts])

    return tote


def _shrink_pack(slot: Slot, rng: np.random.Generator, blocks: list[Block]) -> list[Draw]:
    """Bottles in film: each block becomes a film-wrapped group of bottles with caps."""
    bottle = [(200.0, 120.0, 40.0), (60.0, 160.0, 60.0), (230.0, 230.0, 230.0)][
        int(rng.integers(3))
    ]

    def draw(p: Painter) -> None:
        for _, _, _, lo, hi, _ in sorted(blocks, key=lambda b: b[0]):
            cols = max(1, int((hi[0] - lo[0]) / 0.08))
            r = (hi[0] - lo[0]) / cols / 2
            t = np.linspace(0, 2 * math.pi, 12, endpoint=False)
            ring = np.stack([np.cos(t), np.zeros_like(t), np.sin(t)], 1) * r * 0.95
            for row in (lo[2] + r, hi[2] - r):
                for c in range(cols):
                    base = np.array([lo[0] + r * (2 * c + 1), 0.0, row])
                    body = np.concatenate([ring + base, ring * 0.9 + base + (0, hi[1], 0)])
                    p.hull(slot.world(body), bottle)
                    p.disc(
                        slot.world([base + np.array([0, hi[1] + 0.005, 0])])[0],
                        (r * 0.35, 0, 0),
                        (0, 0, r * 0.35),
                        (40.0, 40.0, 200.0),
                    )
            for _name, quad in visible_faces(p, slot.world, lo, hi):
                p.fill(quad, (245.0, 245.0, 245.0), lit=False, alpha=0.22)
                p.fill(
                    on_face(quad, 0.2, 0.0, 0.3, 1.0, 0.001),
                    (255.0, 255.0, 255.0),
                    lit=False,
                    alpha=0.35,
                )

    return [draw]
