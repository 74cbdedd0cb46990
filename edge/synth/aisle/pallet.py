"""The "pallet" rack: selective pallet racking. Upright frames with bracing, orange beams, two
or three pallet positions per beam level, the floor level on the concrete. An empty position
shows bare beams, its deck (wire mesh, timber or nothing) and the wall behind; labels sit on
the beam under each position (floor positions: on the first beam above them).
"""

from __future__ import annotations

import numpy as np

from edge.synth.aisle.geometry import Colour, Face, box, face, mix, part, scaled, vec
from edge.synth.aisle.prints import PAPERS, printed_label
from edge.synth.aisle.rack import WALLS, Assembly, Rack, cavity, hollow_of, quad

UPRIGHTS: tuple[Colour, ...] = ((150, 85, 25), (140, 140, 138), (30, 170, 220), (60, 60, 62))
BEAMS: tuple[Colour, ...] = ((20, 110, 235), (30, 50, 200), (30, 190, 230), (150, 85, 25))
DECKS: dict[str, Colour] = {
    "mesh": (150, 152, 150),
    "timber": (110, 150, 180),
    "open": (45, 45, 48),
}


def _frame(
    x: float, y0: float, y1: float, depth: float, width: float, colour: Colour, near: bool
) -> list[Face]:
    """The upright frame's inner side between two beam levels: rear post and bracing."""
    faces = box((x - width / 2, y0, depth - 0.08), (x + width / 2, y1, depth), colour)
    brace = mix(colour, (255, 255, 255), 0.15)
    rise = y1 - y0
    for k in range(2):
        ya, yb = y0 + rise * k / 2, y0 + rise * (k + 1) / 2
        a, b = (0.05, depth - 0.1) if (k % 2) ^ near else (depth - 0.1, 0.05)
        pts = [[x, ya, a], [x, ya + 0.04, a], [x, yb + 0.04, b], [x, yb, b]]
        faces.append(face(pts, brace, vec(-1 if near else 1, 0, 0), two_sided=True))
    return faces


def build_pallet(rng: np.random.Generator, aisle_letter: str) -> Rack:
    wall = WALLS[int(rng.integers(len(WALLS)))]
    upright, beam = UPRIGHTS[int(rng.integers(len(UPRIGHTS)))], BEAMS[int(rng.integers(len(BEAMS)))]
    deck = str(rng.choice(list(DECKS), p=[0.45, 0.25, 0.3]))
    dark_back = rng.random() < 0.4
    back_colour: Colour = (48, 50, 52) if dark_back else wall
    depth = float(rng.uniform(0.9, 1.1))
    back_z = depth + float(rng.uniform(0.1, 0.3))
    positions = int(rng.choice([2, 3]))
    pallet_w = (
        float(rng.choice([0.8, 1.0, 1.2])) if positions == 2 else float(rng.choice([0.8, 1.0]))
    )
    gap = float(rng.uniform(0.08, 0.12))
    uw = float(rng.uniform(0.08, 0.11))
    inner = positions * pallet_w + (positions + 1) * gap
    xs = np.arange(int(rng.integers(6, 9)) + 1) * (inner + uw)
    bh = float(rng.uniform(0.1, 0.15))
    first = float(rng.uniform(1.3, 1.7))
    pitch = float(rng.uniform(1.3, 1.75))
    levels = int(rng.integers(3, 5))
    beams = [first + pitch * k for k in range(levels)]  # beam tops
    floors = [0.0, *beams[:-1]]
    ceilings = [b - bh for b in beams]
    paper = PAPERS[int(rng.integers(len(PAPERS)))]
    rack = Assembly(aisle_letter, first_bay=int(rng.integers(1, 40)))
    top = beams[-1] + 0.3
    for x in xs:
        rack.front.append(part(box((x - uw / 2, 0, -0.08), (x + uw / 2, top, 0.0), upright)))
        guard = (30, 200, 235)
        rack.front.append(
            part(box((x - uw / 2 - 0.02, 0, -0.2), (x + uw / 2 + 0.02, 0.4, -0.08), guard))
        )
    for s in range(len(xs) - 1):
        x0, x1 = float(xs[s] + uw / 2), float(xs[s + 1] - uw / 2)
        for k in range(levels):
            y0, y1 = floors[k], ceilings[k]
            rack.front.append(
                part(
                    box(
                        (x0, beams[k] - bh, -0.06),
                        (x1, beams[k], 0.0),
                        beam,
                        sides={"top": scaled(beam, 1.2)},
                    )
                )
            )
            floor_c = (150, 152, 150) if k == 0 else DECKS[deck]
            shell: list[Face] = [
                face(
                    [[x0, y0, back_z], [x1, y0, back_z], [x1, y1, back_z], [x0, y1, back_z]],
                    back_colour,
                    vec(0, 0, -1),
                ),
                face(
                    [[x0, y0, 0], [x1, y0, 0], [x1, y0, back_z], [x0, y0, back_z]],
                    floor_c,
                    vec(0, 1, 0),
                ),
                face(
                    [[x0, y1, 0], [x1, y1, 0], [x1, y1, depth], [x0, y1, depth]],
                    scaled(DECKS[deck], 0.6),
                    vec(0, -1, 0),
                ),
                *box((x0, y1, depth - 0.06), (x1, y1 + bh, depth), beam),
                *_frame(x0, y0, y1, depth, uw, upright, True),
                *_frame(x1, y0, y1, depth, uw, upright, False),
            ]
            if k and deck == "mesh":
                for z in np.arange(0.05, depth, 0.1):
                    shell.append(
                        face(
                            [
                                [x0, y0 + 0.003, z],
                                [x1, y0 + 0.003, z],
                                [x1, y0 + 0.003, z + 0.012],
                                [x0, y0 + 0.003, z + 0.012],
                            ],
                            (105, 108, 108),
                            vec(0, 1, 0),
                        )
                    )
            ids = []
            for p in range(positions):
                a = x0 + gap / 2 + p * (pallet_w + gap)
                b = a + pallet_w + gap
                opening = quad(a, b, y0, y1, 0.0)
                lw = min(0.16, pallet_w * 0.3)
                # on the beam under the position; floor positions share the first beam, off centre
                ly = (beams[k - 1] if k else beams[0]) - bh * 0.8
                lx = (a + b - lw) / 2 + (0.0 if k else -(b - a) * 0.3)
                label = quad(lx, lx + lw, ly, ly + bh * 0.55, -0.0615)
                rack.tags.append(printed_label(label, rng, paper))
                room = (
                    np.array([a + 0.01, y0, 0.02]),
                    np.array([b - 0.01, y1 - 0.08, back_z - 0.03]),
                )
                ids.append(rack.add_slot((s, k, p), opening, label, room, floor_c))
            hollow = hollow_of(back_z, (y1 - y0) * 2.5)
            rack.bays.append(cavity(quad(x0, x1, y0, y1, 0.0), (part(shell),), tuple(ids), hollow))
    return rack.in_hall(
        rng,
        style="pallet",
        back="dark" if dark_back else "wall",
        deck=deck,
        holder="pallet",
        span=(float(xs[0]), float(xs[-1])),
        height=top,
        hall_depth=back_z + 0.01,
        ceilings=(7.0, 11.0),
        aisles=(2.6, 3.5),
        wall=wall,
    )
