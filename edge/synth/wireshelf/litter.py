"""What lies in an empty location without being stock: a packing slip, tape pieces, dust, a torn
old label, a rubber band, a scrap of shrink wrap. (Loose screws would be stock: never here.)"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from edge.synth.wireshelf import strokes
from edge.synth.wireshelf.camera import Pixels
from edge.synth.wireshelf.faces import Face, TextureFn, quad
from edge.synth.wireshelf.looks import film
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.prints import label, slip
from edge.synth.wireshelf.slot import Region
from edge.synth.wireshelf.textures import rgba, smooth

KINDS = ("slip", "tape", "dust", "torn label", "rubber band", "shrink wrap")


def _flat_quad(
    region: Region, u: float, d: float, w: float, length: float, angle: float, h: float
) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    corners = [
        (-w / 2, length / 2),
        (w / 2, length / 2),
        (w / 2, -length / 2),
        (-w / 2, -length / 2),
    ]
    return np.array([region.at(u + x * c - y * s, h, d + x * s + y * c) for x, y in corners])


def litter(region: Region, ri: int, rng: np.random.Generator) -> tuple[list[Item], tuple[str, ...]]:
    """One to three pieces of litter in a floor region, and their kinds."""
    kinds = tuple(str(k) for k in rng.choice(KINDS, size=int(rng.integers(1, 4)), replace=False))
    items: list[Item] = []
    for kind in kinds:
        seed = int(rng.integers(1 << 30))
        u, d = rng.uniform(0.15, 0.85) * region.width, rng.uniform(0.15, 0.85) * region.depth
        angle = rng.uniform(0, math.pi)
        h = 0.0015 + 0.0005 * len(items)
        if kind == "slip":
            w, length = min(0.1, region.width * 0.7), min(0.14, region.depth * 0.6)
            pts = _flat_quad(
                region, u, d, w * rng.uniform(0.5, 1), length * rng.uniform(0.5, 1), angle, h
            )
            face = Face(pts, (0.95, 0.95, 0.93), slip(seed), f"slip{seed}")
        elif kind == "torn label":
            pts = _flat_quad(region, u, d, 0.045, 0.02, angle, h)
            pts[int(rng.integers(4))] += np.array(
                [rng.uniform(-0.01, 0.01), 0, rng.uniform(-0.008, 0.008)]
            )
            face = Face(pts, (0.95, 0.95, 0.95), label("W-00-00-00", seed), f"torn{seed}")
        elif kind == "shrink wrap":
            s = min(region.width, region.depth) * rng.uniform(0.3, 0.7)
            face = Face(
                _flat_quad(region, u, d, s, s * rng.uniform(0.5, 1), angle, h + 0.004),
                (0.9, 0.9, 0.9),
                film(seed),
                f"film{seed}",
            )
        elif kind == "tape":
            tone = (0.72, 0.56, 0.32) if rng.random() < 0.6 else (0.85, 0.85, 0.8)
            face = Face(
                _flat_quad(region, u, d, 0.018, rng.uniform(0.03, 0.1), angle, h), tone, alpha=0.85
            )
        elif kind == "rubber band":
            r = rng.uniform(0.012, 0.025)
            t = np.linspace(0, 2 * math.pi, 24, endpoint=False)
            loop = np.array(
                [region.at(u + r * math.cos(a) * 1.4, h, d + r * math.sin(a)) for a in t]
            )
            tone = (0.7, 0.5, 0.3) if rng.random() < 0.5 else (0.7, 0.15, 0.1)

            def band(
                painter: Painter, loop: np.ndarray = loop, tone: tuple[float, float, float] = tone
            ) -> None:
                strokes.polyline(painter, loop, tone, 0.0018, closed=True)

            items.append(Item(loop.mean(axis=0), ri, band))
            continue
        else:  # dust: a grey film and crumbs over the floor
            pts = quad(
                region.at(0, h, 0),
                region.at(region.width, h, 0),
                region.at(region.width, h, region.depth),
                region.at(0, h, region.depth),
            )
            face = Face(pts, (0.5, 0.48, 0.45), _grime(seed), f"dust{seed}")
        items.append(Item(face.points.mean(axis=0), ri, _draw(face)))
    return items, kinds


def _draw(face: Face) -> Callable[[Painter], None]:
    def draw(painter: Painter) -> None:
        painter.face(face)

    return draw


def _grime(seed: int) -> TextureFn:
    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        alpha = np.clip(0.25 * smooth(rng, w, h, 4) + 0.12, 0, 0.35).astype(np.float32)
        crumbs = rng.random((h, w)) < 0.01
        alpha[crumbs] = 0.9
        rgb = np.full((h, w, 3), 0.45, np.float32)
        rgb[crumbs] = 0.2
        return rgba(rgb, alpha)

    return make
