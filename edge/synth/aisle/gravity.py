"""The "gravity" rack: carton-flow lanes. Each level is a roller bed sloping down towards the
aisle; low guide rails split it into lanes (the locations), and cartons or totes ride down to a
front stop that carries the labels. An empty lane shows its rollers running away into the bay;
the back of the bay opens onto the replenishment side.
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, box, face, part, scaled, vec
from edge.synth.aisle.prints import PAPERS, printed_label
from edge.synth.aisle.rack import WALLS, Assembly, Rack, cavity, hollow_of, quad
from edge.synth.aisle.steel import STEELS

BED_T = 0.05  # roller bed thickness


def _plane(
    x0: float, x1: float, y: float, depth: float, slope: float, colour: Colour, up: bool
) -> Face:
    """A bed's top (up) or underside, at height y at the front, rising to the back."""
    rise = np.tan(slope) * depth
    pts = [[x0, y, 0], [x1, y, 0], [x1, y + rise, depth], [x0, y + rise, depth]]
    return face(pts, colour if up else scaled(colour, 0.7), vec(0, 1 if up else -1, 0))


def _rollers(
    x0: float, x1: float, y: float, depth: float, slope: float, pitch: float
) -> list[Face]:
    faces = []
    rise = np.tan(slope)
    for z in np.arange(0.04, depth - 0.02, pitch):
        a, b = z, z + pitch * 0.45
        faces.append(
            face(
                [
                    [x0, y + rise * a + 0.004, a],
                    [x1, y + rise * a + 0.004, a],
                    [x1, y + rise * b + 0.004, b],
                    [x0, y + rise * b + 0.004, b],
                ],
                (185, 188, 190),
                vec(0, 1, 0),
            )
        )
    return faces


def _rail(x: float, y: float, depth: float, slope: float) -> list[Face]:
    rise = np.tan(slope) * depth
    pts = [[x, y, 0.0], [x, y + rise, depth], [x, y + rise + 0.035, depth], [x, y + 0.035, 0.0]]
    return [face(pts, (150, 152, 155), vec(-1, 0, 0), two_sided=True)]


def build_gravity(rng: np.random.Generator, aisle_letter: str) -> Rack:
    wall = WALLS[int(rng.integers(len(WALLS)))]
    steel = STEELS[int(rng.integers(len(STEELS)))]
    bed_colour: Colour = (70, 72, 75) if rng.random() < 0.6 else (120, 122, 125)
    open_back = rng.random() < 0.6
    back_colour: Colour = (55, 58, 60) if open_back else wall
    depth = float(rng.uniform(1.0, 1.6))
    slope = float(np.radians(rng.uniform(5, 10)))
    levels = int(rng.integers(4, 7))
    pitch = float(rng.uniform(0.34, 0.5))
    fronts = float(rng.uniform(0.25, 0.45)) + pitch * np.arange(levels + 1)
    xs = np.concatenate([[0.0], np.cumsum(rng.uniform(1.2, 2.0, int(rng.integers(6, 10))))])
    post = 0.06
    lane_w = float(rng.uniform(0.24, 0.42))
    roller = float(rng.uniform(0.06, 0.1))
    paper = PAPERS[int(rng.integers(len(PAPERS)))]
    rack = Assembly(aisle_letter, first_bay=int(rng.integers(1, 40)))
    top = float(fronts[-1] + np.tan(slope) * depth + 0.1)
    for x in xs:
        rack.front.append(part(box((x - post / 2, 0, -0.05), (x + post / 2, top, 0.0), steel)))
    for s in range(len(xs) - 1):
        x0, x1 = float(xs[s] + post / 2), float(xs[s + 1] - post / 2)
        count = max(int((x1 - x0) / lane_w), 1)
        cuts = np.linspace(x0, x1, count + 1)
        for k in range(levels):
            y0 = float(fronts[k])
            y1 = float(fronts[k + 1]) - BED_T
            rise = float(np.tan(slope) * depth)
            back_face = face(
                [
                    [x0, y0 + rise, depth],
                    [x1, y0 + rise, depth],
                    [x1, y1 + rise, depth],
                    [x0, y1 + rise, depth],
                ],
                back_colour,
                vec(0, 0, -1),
            )
            ends = [
                face(
                    [[x0, y0, 0], [x0, y1, 0], [x0, y1 + rise, depth], [x0, y0 + rise, depth]],
                    scaled(steel, 0.9),
                    vec(1, 0, 0),
                ),
                face(
                    [[x1, y0, 0], [x1, y1, 0], [x1, y1 + rise, depth], [x1, y0 + rise, depth]],
                    scaled(steel, 0.9),
                    vec(-1, 0, 0),
                ),
            ]
            shell = part(
                [
                    back_face,
                    *ends,
                    _plane(x0, x1, y0, depth, slope, bed_colour, True),
                    _plane(x0, x1, y1, depth, slope, bed_colour, False),
                ]
            )
            ids = []
            for p in range(count):
                a, b = float(cuts[p]), float(cuts[p + 1])
                opening = quad(a, b, y0, y1, 0.0)
                lw = min(0.1, (b - a) * 0.7)
                label = quad((a + b - lw) / 2, (a + b + lw) / 2, y0 - 0.045, y0 - 0.01, -0.0415)
                rack.tags.append(printed_label(label, rng, paper))
                lane = part(
                    [
                        *_rollers(a + 0.012, b - 0.012, y0, depth, slope, roller),
                        *_rail(a + 0.004, y0, depth, slope),
                        *_rail(b - 0.004, y0, depth, slope),
                    ]
                )
                room = (
                    np.array([a + 0.015, y0 + 0.006, 0.03]),
                    np.array([b - 0.015, y1 - 0.02, depth - 0.03]),
                )
                ids.append(
                    rack.add_slot(
                        (s, k, p), opening, label, room, bed_colour, tilt=slope, shell=(lane,)
                    )
                )
            hollow = hollow_of(depth, (y1 - y0) * 1.6)
            rack.bays.append(cavity(quad(x0, x1, y0, y1, 0.0), (shell,), tuple(ids), hollow))
        for k in range(levels + 1):
            y = float(fronts[k])
            # the front stop and label rail, and under the bottom level a kick plate to the floor
            low = 0.0 if k == 0 else y - 0.06
            rack.front.append(
                part(
                    box(
                        (x0, low, -0.04),
                        (x1, y + 0.03, 0.0),
                        scaled(steel, 1.05),
                        sides={"top": scaled(steel, 1.2)},
                    )
                )
            )
        # the top bed, seen from above by high cameras
        rack.front.append(part([_plane(x0, x1, float(fronts[-1]), depth, slope, bed_colour, True)]))
    return rack.in_hall(
        rng,
        style="gravity",
        back="open" if open_back else "wall",
        deck="rollers",
        holder="lane",
        span=(float(xs[0]), float(xs[-1])),
        height=top,
        hall_depth=depth + 0.4,
        ceilings=(4.0, 7.0),
        aisles=(1.2, 2.0),
        wall=wall,
    )
