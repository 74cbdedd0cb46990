"""Loose small parts, as found in hopper bins, parts boxes and totes: screws, nuts, washers.

Drawn in a location's local box (floor y = 0, front z = 0, back z = -depth). Parts are flat
shapes lying at random tilts, many on a heap, a bin filled to the top, or a few on the floor;
a heap has a body of its own so that it reads as a heap and not as scattered dots.
"""

from __future__ import annotations

import math

import numpy as np

from edge.synth.pickface.camera import Array
from edge.synth.pickface.layout import Goods, Slot
from edge.synth.pickface.painter import Colour, Painter, mixed, scaled

METALS: tuple[Colour, ...] = (
    (185.0, 186.0, 180.0),  # zinc
    (60.0, 58.0, 62.0),  # black oxide
    (70.0, 150.0, 195.0),  # brass
    (150.0, 160.0, 170.0),  # stainless
    (90.0, 180.0, 200.0),  # yellow zinc
)


def _outlines(kind: str, size: Array, rng: np.random.Generator) -> list[Array]:
    """Outlines (k, corners, 2) of k parts of one kind in their own plane, metres: the body,
    then the head (screw) or the hole (nut, washer)."""
    k = len(size)
    if kind == "screw":
        r = size * 0.18
        length = size * rng.uniform(2.0, 4.0, k)
        half = length / 2
        shaft = np.stack(
            [
                np.stack([-half, -r], 1),
                np.stack([half, -r], 1),
                np.stack([half + r, 0 * r], 1),
                np.stack([half, r], 1),
                np.stack([-half, r], 1),
            ],
            1,
        )
        t = np.linspace(0, 2 * np.pi, 8, endpoint=False)
        ring = np.stack([np.cos(t), np.sin(t)], 1)[None] * (2.2 * r)[:, None, None]
        return [shaft, ring - np.stack([half, 0 * r], 1)[:, None, :]]
    t = np.linspace(0, 2 * np.pi, 6 if kind == "nut" else 12, endpoint=False)
    outer = np.stack([np.cos(t), np.sin(t)], 1)[None] * (0.5 * size)[:, None, None]
    return [outer, outer * (0.45 if kind == "washer" else 0.5)]


def _scatter(
    slot: Slot, rng: np.random.Generator, count: int, surface: Array, kinds: list[str]
) -> tuple[list[Array], list[Colour]]:
    """`count` loose parts on a height field `surface` (rows along z, columns along x), back
    to front."""
    w, d = slot.width, slot.depth
    size = min(w, d) * rng.uniform(0.045, 0.1)
    metal = METALS[int(rng.integers(len(METALS)))]
    gz, gx = surface.shape
    u, v = rng.uniform(0.05, 0.95, count), rng.uniform(0.05, 0.95, count)
    height = surface[
        np.minimum(gz - 1, (v * gz).astype(int)), np.minimum(gx - 1, (u * gx).astype(int))
    ]
    keep = (height > 0) | (surface.max() <= 0) | (rng.random(count) < 0.2)
    u, v, height = u[keep], v[keep], height[keep]
    k = len(u)
    centre = np.stack([u * w, height + 0.002, -d + v * d], 1)
    n = np.stack([rng.normal(0, 0.35, k), np.ones(k), rng.normal(0, 0.35, k)], 1)
    n /= np.linalg.norm(n, axis=1, keepdims=True)
    a = rng.uniform(0, math.pi, k)
    e1 = np.cross(n, np.stack([np.sin(a), np.zeros(k), np.cos(a)], 1))
    e1 /= np.linalg.norm(e1, axis=1, keepdims=True)
    e2 = np.cross(n, e1)
    tone = rng.uniform(0.7, 1.25, k)
    other = rng.random(k) >= 0.85
    which = rng.integers(len(kinds), size=k)
    bases = [scaled(METALS[int(rng.integers(5))] if other[i] else metal, tone[i]) for i in range(k)]
    parts: list[tuple[float, list[Array], list[Colour]]] = []
    for j, kind in enumerate(kinds):
        idx = np.flatnonzero(which == j)
        if not len(idx):
            continue
        shapes = _outlines(kind, size * rng.uniform(0.8, 1.2, len(idx)), rng)
        worlds = []
        for o in shapes:
            pts = centre[idx, None] + o[..., :1] * e1[idx, None] + o[..., 1:] * e2[idx, None]
            worlds.append(slot.world(pts.reshape(-1, 3)).reshape(pts.shape))
        for m, i in enumerate(idx):
            base = bases[i]
            hole = scaled(base, 0.3) if kind != "screw" else scaled(base, 1.15)
            parts.append((float(v[i]), [worlds[0][m], worlds[1][m]], [base, hole]))
    parts.sort(key=lambda p: p[0])
    polys = [poly for _, ps, _ in parts for poly in ps]
    colours = [c for _, _, cs in parts for c in cs]
    return polys, colours


def _heap(slot: Slot, rng: np.random.Generator, full: bool) -> Array:
    """A height field over the floor: a heap somewhere, or the bin filled to the top."""
    gz, gx = 7, 7
    u = np.linspace(0, 1, gx)[None, :]
    v = np.linspace(0, 1, gz)[:, None]
    if full:
        back = slot.height * rng.uniform(0.85, 1.0)
        front = max(slot.lip * 1.1, slot.height * rng.uniform(0.5, 0.9))
        field = back + (front - back) * v + rng.normal(0, 0.03 * slot.height, (gz, gx))
        return np.asarray(np.clip(field, 0, slot.height), np.float64)
    cu, cv = rng.uniform(0.25, 0.75), rng.uniform(0.3, 0.85)
    ru, rv = rng.uniform(0.25, 0.6), rng.uniform(0.25, 0.6)
    top = slot.height * rng.uniform(0.25, 0.8)
    bump = 1 - ((u - cu) / ru) ** 2 - ((v - cv) / rv) ** 2
    return np.asarray(top * np.clip(bump, 0, 1) ** 0.7, np.float64)


def loose(slot: Slot, rng: np.random.Generator, kind: str) -> Goods:
    """Screws, nuts, washers or a mix: on a heap, filling the bin, or a few on the floor."""
    kinds = {"screws": ["screw"], "nuts": ["nut"], "washers": ["washer"]}.get(
        kind, ["screw", "nut", "washer"]
    )
    full = kind == "filled to top"
    few = kind == "few parts"
    surface = np.zeros((4, 4)) if few else _heap(slot, rng, full)
    count = int(rng.integers(3, 12)) if few else int(rng.integers(120, 320 if full else 220))
    polys, colours = _scatter(slot, rng, count, surface, kinds)
    body = mixed(colours[0] if colours else METALS[0], (40.0, 40.0, 40.0), 0.45)
    quads, shades = _surface(slot, surface, body)

    def draw(p: Painter) -> None:
        p.fills(quads, shades)
        p.fills(polys, colours)

    return [draw], []


def _surface(slot: Slot, surface: Array, colour: Colour) -> tuple[list[Array], list[Colour]]:
    """The body of a heap as quads over the height field, back to front, lighter where it
    slopes towards the front (where the light and the camera usually are)."""
    gz, gx = surface.shape
    xs = np.linspace(0, slot.width, gx)
    zs = np.linspace(-slot.depth, 0, gz)
    quads: list[Array] = []
    shades: list[Colour] = []
    for j in range(gz - 1):
        for i in range(gx - 1):
            ys = surface[j : j + 2, i : i + 2]
            if ys.max() <= 0.001:
                continue
            quad = [
                (xs[i], ys[0, 0], zs[j]),
                (xs[i + 1], ys[0, 1], zs[j]),
                (xs[i + 1], ys[1, 1], zs[j + 1]),
                (xs[i], ys[1, 0], zs[j + 1]),
            ]
            slope = float(ys[0].mean() - ys[1].mean()) / (zs[1] - zs[0])
            quads.append(slot.world(quad))
            shades.append(scaled(colour, 0.85 + 0.5 * math.tanh(slope)))
    return quads, shades
