"""Single goods as small solids: a carton with tape and a label, a poly bag, a strapped bundle,
a tube, a small part. Each is built in place from the box of room it is given, so the callers
only decide where things go.

They are solids rather than pictures so they keep a top and a side as the view turns down the
aisle, and so their labels foreshorten with them.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, Vec, box, face, mix, prism, rect, ring, vec
from edge.synth.aisle.prints import logo, shipping_label

KRAFT: tuple[Colour, ...] = (
    (80, 130, 175),
    (95, 145, 190),
    (70, 115, 160),
    (110, 155, 195),
    (215, 218, 220),
)
BRIGHT: tuple[Colour, ...] = (
    (40, 40, 200),
    (170, 90, 30),
    (40, 150, 60),
    (30, 180, 230),
    (150, 60, 150),
    (35, 35, 35),
    (230, 230, 230),
    (60, 110, 220),
)
TAPES: tuple[Colour, ...] = ((60, 120, 170), (180, 190, 195), (40, 150, 210), (150, 110, 60))


def carton_colour(rng: np.random.Generator) -> Colour:
    if rng.random() < 0.8:
        return KRAFT[int(rng.integers(len(KRAFT)))]
    return BRIGHT[int(rng.integers(len(BRIGHT)))]


def carton(lo: Vec, hi: Vec, colour: Colour, rng: np.random.Generator) -> list[Face]:
    """A closed carton: tape over the top, sometimes a shipping label or a print on its front."""
    faces = box(lo, hi, colour, sides={"top": mix(colour, (255, 255, 255), 0.08)})
    w, h, d = hi - lo
    up = vec(0, 1, 0)
    tape = TAPES[int(rng.integers(len(TAPES)))]
    band = min(w, d) * 0.12
    top = hi[1] + 0.0005
    if rng.random() < 0.8:
        # packing tape along the top's middle, folded down over the front
        xm = (lo[0] + hi[0]) / 2
        faces.append(
            face(
                [
                    [xm - band / 2, top, lo[2]],
                    [xm + band / 2, top, lo[2]],
                    [xm + band / 2, top, hi[2]],
                    [xm - band / 2, top, hi[2]],
                ],
                tape,
                up,
            )
        )
        drop = h * float(rng.uniform(0.12, 0.25))
        faces.append(
            rect(
                vec(xm - band / 2, hi[1] - drop, lo[2] - 0.0005),
                vec(band, 0, 0),
                vec(0, drop, 0),
                tape,
                vec(0, 0, -1),
            )
        )
    z = lo[2] - 0.001
    front = vec(0, 0, -1)
    roll = rng.random()
    if roll < 0.55 and w > 0.08 and h > 0.06:
        lw, lh = min(0.1, w * 0.45), min(0.07, h * 0.45)
        x0 = lo[0] + float(rng.uniform(0.08, 0.9)) * (w - lw)
        y0 = lo[1] + float(rng.uniform(0.15, 0.85)) * (h - lh)
        faces += shipping_label(vec(x0, y0, z), vec(lw, 0, 0), vec(0, lh, 0), front, rng)
    elif roll < 0.8 and w > 0.1 and h > 0.08:
        lw, lh = w * float(rng.uniform(0.3, 0.6)), h * float(rng.uniform(0.25, 0.45))
        x0 = lo[0] + (w - lw) * float(rng.uniform(0.1, 0.9))
        faces += logo(vec(x0, lo[1] + h * 0.35, z), vec(lw, 0, 0), vec(0, lh, 0), front, rng)
    return faces


def pillow(lo: Vec, hi: Vec, colour: Colour, rng: np.random.Generator, label: bool) -> list[Face]:
    """A filled bag or sack lying along x: a flattened hexagonal cross-section."""
    x0, y0, z0 = lo
    x1, y1, z1 = hi
    d, h = z1 - z0, y1 - y0
    sag = float(rng.uniform(0.1, 0.2))
    section = np.array(
        [
            [x0, y0 + h * 0.35, z0],
            [x0, y0, z0 + d * sag],
            [x0, y0, z1 - d * sag],
            [x0, y0 + h * 0.35, z1],
            [x0, y1, z1 - d * 0.25],
            [x0, y1, z0 + d * 0.25],
        ]
    )
    faces = prism(section, vec(x1 - x0, 0, 0), colour, cap=mix(colour, (0, 0, 0), 0.12))
    if label and x1 - x0 > 0.12:
        # on the slanted upper front, where a printed panel usually is
        a, b = section[0], section[5]
        lw = (x1 - x0) * 0.4
        origin = a + (b - a) * 0.25 + vec((x1 - x0) * 0.3, 0, 0)
        toward = np.cross(vec(1, 0, 0), b - a)
        toward = toward if toward[2] < 0 else -toward
        faces += shipping_label(origin + toward * 0.002, vec(lw, 0, 0), (b - a) * 0.5, toward, rng)
    return faces


def bundle(lo: Vec, hi: Vec, colour: Colour, rng: np.random.Generator) -> list[Face]:
    """Flat goods stacked and strapped: boards, sheets, folded cartons."""
    count = int(rng.integers(3, 7))
    h = (hi[1] - lo[1]) / count
    faces: list[Face] = []
    edge = mix(colour, (0, 0, 0), 0.25)
    for k in range(count):
        jx, jz = rng.uniform(-0.012, 0.012, 2)
        faces += box(
            (lo[0] + jx, lo[1] + k * h, lo[2] + jz),
            (hi[0] + jx, lo[1] + (k + 1) * h - 0.002, hi[2] + jz),
            colour,
            sides={"front": edge, "left": edge, "right": edge},
        )
    strap: Colour = [(20, 20, 20), (230, 230, 230), (160, 90, 30)][int(rng.integers(3))]
    for t in (0.25, 0.75):
        x = lo[0] + (hi[0] - lo[0]) * t
        # a band round the stack: its ends would be solid panels through it, so they go
        faces += box(
            (x - 0.009, lo[1] - 0.001, lo[2] - 0.016),
            (x + 0.009, hi[1] + 0.004, hi[2] + 0.016),
            strap,
            skip=("left", "right"),
        )
    return faces


def cylinder(
    foot: Vec, radius: float, height: float, colour: Colour, sides: int = 10
) -> list[Face]:
    """A standing cylinder (a can, a spool, a drum) on the point `foot`."""
    base = ring(foot, vec(radius, 0, 0), vec(0, 0, radius), sides)
    return prism(base, vec(0, height, 0), colour, cap=mix(colour, (255, 255, 255), 0.12))


def tube(lo: Vec, hi: Vec, colour: Colour) -> list[Face]:
    """A tube or bar lying front to back, filling the box's width and height."""
    r_u, r_v = (hi[0] - lo[0]) / 2, (hi[1] - lo[1]) / 2
    centre = vec((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, lo[2])
    base = ring(centre, vec(r_u, 0, 0), vec(0, r_v, 0), 8)
    return prism(base, vec(0, 0, hi[2] - lo[2]), colour, cap=mix(colour, (0, 0, 0), 0.3))
