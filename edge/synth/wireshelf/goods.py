"""What stands in an occupied location, by kind: small parts heaps, bagged parts, small boxes,
cable coils, bottles, cans, a single item in a corner, a bin stuffed past its front, goods the
colour of their bin. Each kind returns painter items placed in the slot's floor regions."""

from __future__ import annotations

import math

import numpy as np

from edge.synth.wireshelf import strokes
from edge.synth.wireshelf.bottles import bottles
from edge.synth.wireshelf.cartons import any_colour, boxes, paint_all
from edge.synth.wireshelf.faces import Colour, Face, quad
from edge.synth.wireshelf.looks import bag
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.shapes import METALS, coils, pile
from edge.synth.wireshelf.slot import Region, Slot

KINDS = (
    "parts pile",
    "polybags",
    "boxes",
    "cable coil",
    "bottles",
    "cans",
    "single item",
    "stuffed",
    "same colour",
)
WEIGHTS = (0.2, 0.16, 0.15, 0.07, 0.06, 0.07, 0.11, 0.08, 0.1)


def bags(
    region: Region,
    ri: int,
    rng: np.random.Generator,
    amount: float,
    colour: Colour | None = None,
    stuffed: bool = False,
) -> list[Item]:
    """Polybags lying in a stack or leaning against the back wall (or, stuffed, leaning out of
    the front); some with a header card."""
    count = 1 + int(amount * rng.uniform(2, 6)) + (4 if stuffed else 0)
    inside = colour or (
        METALS[str(rng.choice(list(METALS)))] if rng.random() < 0.5 else any_colour(rng)
    )
    kind = "parts" if colour is None and rng.random() < 0.5 else "item"
    card = any_colour(rng) if rng.random() < 0.5 else None
    tint = colour or (0.85, 0.87, 0.9)
    seed = int(rng.integers(1 << 30))
    bw = rng.uniform(0.06, max(0.065, min(0.18, region.width * 0.95)))
    bl = rng.uniform(0.08, max(0.085, min(0.22, region.depth * 0.95 + (0.1 if stuffed else 0))))
    standing = rng.random() < 0.4 or stuffed
    items = []
    stack = 0.0
    for i in range(count):
        u = rng.uniform(0, max(region.width - bw, 0.0))
        look = bag(seed + i % 2, inside, tint, card, kind)
        if standing:
            lean = rng.uniform(0.02, 0.06)
            top = min(region.height * (1.25 if stuffed else 0.95), bl)
            back = (
                region.depth - 0.01 - i * 0.012
                if not stuffed
                else region.depth * rng.uniform(0.2, 0.6)
            )
            front = back - lean - (region.depth * 0.5 + 0.04 if stuffed else 0)
            pts = quad(
                region.at(u, top, front),
                region.at(u + bw, top, front),
                region.at(u + bw, 0.0, back),
                region.at(u, 0.0, back),
            )
        else:
            d0 = rng.uniform(0, max(region.depth - bl, 0.0))
            lift = rng.uniform(0.0, 0.02)
            pts = quad(
                region.at(u, stack + lift + 0.006, d0 + bl),
                region.at(u + bw, stack + lift + 0.006, d0 + bl),
                region.at(u + bw, stack + 0.006, d0),
                region.at(u, stack + 0.006, d0),
            )
            stack += rng.uniform(0.006, 0.015)
        face = Face(pts, tint, look, f"bag{seed + i % 2}")
        items.append(Item(pts.mean(axis=0), ri, paint_all([face])))
    return items


def single(region: Region, ri: int, rng: np.random.Generator, colour: Colour) -> list[Item]:
    """One thing in a corner: a small box, a bag, a coil, a can or a bearing."""
    corner = Region(
        region.at(rng.choice([0.0, region.width * 0.55]), 0, rng.choice([0.0, region.depth * 0.5])),
        region.width * 0.45,
        region.depth * 0.5,
        region.height,
        region.lip,
    )
    pick = rng.integers(0, 5)
    if pick == 0:
        return boxes(corner, ri, rng, 0.0)[:1]
    if pick == 1:
        return bags(corner, ri, rng, 0.0)[:1]
    if pick == 2:
        return coils(corner, ri, rng, 0.0)[:1]
    if pick == 3:
        return bottles(corner, ri, rng, 0.0, cans=True)[:1]
    r = min(corner.width, corner.depth) * rng.uniform(0.3, 0.45)
    centre = corner.at(corner.width / 2, 0.004, corner.depth / 2)
    steel = METALS["stainless"]

    def bearing(painter: Painter) -> None:
        t = np.linspace(0, 2 * math.pi, 28, endpoint=False)
        ring = np.stack([np.cos(t), np.zeros_like(t), np.sin(t)], axis=1)
        strokes.fill(painter, centre + ring * r, steel)
        strokes.fill(painter, centre + ring * r * 0.72 + np.array([0, 0.001, 0]), (0.3, 0.3, 0.32))
        strokes.fill(painter, centre + ring * r * 0.45 + np.array([0, 0.002, 0]), colour)

    return [Item(centre, ri, bearing)]


def goods(kind: str, slot: Slot, rng: np.random.Generator, amount: float) -> list[Item]:
    """Items for one occupied slot (one or both compartments)."""
    regions = list(enumerate(slot.regions))
    if len(regions) > 1 and rng.random() < 0.4:
        regions = [regions[int(rng.integers(len(regions)))]]
    out: list[Item] = []
    for ri, region in regions:
        if kind == "parts pile":
            out += pile(region, ri, rng, amount)
        elif kind == "polybags":
            out += bags(region, ri, rng, amount)
        elif kind == "boxes":
            out += boxes(region, ri, rng, amount)
        elif kind == "cable coil":
            out += coils(region, ri, rng, amount)
        elif kind in ("bottles", "cans"):
            out += bottles(region, ri, rng, amount, cans=kind == "cans")
        elif kind == "single item":
            out += single(region, ri, rng, slot.colour)
            break
        elif kind == "stuffed":
            out += (
                boxes(region, ri, rng, 1.0, protrude=0.05)
                if rng.random() < 0.4
                else bags(region, ri, rng, 1.0, stuffed=True)
            )
        else:  # same colour as the bin it is in
            tone = rng.uniform(0.9, 1.1)
            same: Colour = (
                min(1, slot.colour[0] * tone),
                min(1, slot.colour[1] * tone),
                min(1, slot.colour[2] * tone),
            )
            pick = rng.integers(0, 3)
            out += (
                boxes(region, ri, rng, amount, same)
                if pick == 0
                else bags(region, ri, rng, amount, same)
                if pick == 1
                else pile(region, ri, rng, amount, same)
            )
    return out
