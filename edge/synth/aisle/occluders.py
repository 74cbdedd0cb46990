"""People and things between the camera and the rack in the later frame.

Each is placed on the line of sight to a calibrated location so it really hides something: a
picker walking down the aisle (near the lens, so large), a trolley or a pallet jack parked at
the rack foot, a carton flap hanging over the beam in front of a location, and something right
at the lens at the frame's edge. Their pixels, not their intent, make the truth's mask.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.aisle.geometry import (
    Colour,
    Face,
    Part,
    Vec,
    box,
    face,
    moved,
    part,
    prism,
    ring,
    turn_y,
    turn_z,
    vec,
)
from edge.synth.aisle.items import carton, carton_colour
from edge.synth.aisle.rack import Rack
from edge.synth.aisle.view import View
from edge.synth.scene_truth import hidden_share

VESTS: tuple[Colour, ...] = (
    (40, 230, 230),
    (20, 120, 245),
    (60, 60, 60),
    (150, 80, 30),
    (200, 200, 200),
)
CLOTH: tuple[Colour, ...] = ((50, 45, 40), (90, 70, 50), (40, 40, 45), (110, 110, 105))
SKIN: tuple[Colour, ...] = ((120, 160, 210), (80, 110, 150), (60, 80, 110), (140, 180, 225))


def _within(
    span: tuple[float, float], start: float, slope: float, bounds: tuple[float, float]
) -> tuple[float, float]:
    """The part of the parameter span where start + s·slope stays within bounds."""
    lo, hi = span
    if abs(slope) < 1e-12:
        return (lo, hi) if bounds[0] <= start <= bounds[1] else (1.0, 0.0)
    a, b = sorted(((bounds[0] - start) / slope, (bounds[1] - start) / slope))
    return max(lo, a), min(hi, b)


def _spot(
    rng: np.random.Generator,
    eye: Vec,
    target: Vec,
    zs: tuple[float, float],
    top: float,
    reach: tuple[float, float] = (0.0, 99.0),
) -> Vec | None:
    """A floor point under the sight line from the eye to the target where something `top`
    tall would cut it: at an aisle depth within `zs`, `reach` metres (along the floor) from the
    lens. None if there is no such point."""
    run = target - eye
    ground = float(np.hypot(run[0], run[2]))
    span = (reach[0] / ground, min(reach[1] / ground, 1.0))
    span = _within(span, float(eye[2]), float(run[2]), zs)
    span = _within(span, float(eye[1]), float(run[1]), (0.05, top))
    if span[1] <= span[0]:
        return None
    spot = eye + float(rng.uniform(*span)) * run
    return vec(spot[0], 0.0, spot[2])


def _picker(rng: np.random.Generator, eye: Vec, target: Vec) -> list[Face] | None:
    tall = float(rng.uniform(1.6, 1.9))
    # walking down the aisle 1.3–8 m from the lens: large, but rarely the whole frame
    foot = _spot(rng, eye, target, (eye[2] + 0.3, -0.3), tall - 0.1, (1.3, 8.0))
    if foot is None:
        return None
    vest, legs = VESTS[int(rng.integers(len(VESTS)))], CLOTH[int(rng.integers(len(CLOTH)))]
    skin = SKIN[int(rng.integers(len(SKIN)))]
    hip, shoulder = tall * 0.48, tall * 0.8

    def limb(
        x: float, z: float, y0: float, y1: float, r: float, colour: Colour, sides: int = 6
    ) -> list[Face]:
        return prism(
            ring(vec(x, y0, z), vec(r, 0, 0), vec(0, 0, r), sides), vec(0, y1 - y0, 0), colour
        )

    faces: list[Face] = []
    stride = float(rng.uniform(-0.15, 0.15))
    for side in (-1, 1):
        step = stride * side
        faces += box(
            (0.1 * side - 0.06, 0, step - 0.06),
            (0.1 * side + 0.06, 0.08, step + 0.16),
            (25, 25, 25),
        )
        faces += limb(0.1 * side, step * 0.5, 0.06, hip + 0.05, 0.075, legs)
    torso = ring(vec(0, hip - 0.02, 0), vec(0.2, 0, 0), vec(0, 0, 0.12), 8)
    faces += prism(torso, vec(0, shoulder - hip + 0.04, 0), vest)
    for side in (-1, 1):
        faces += limb(0.25 * side, -stride * side * 0.4, hip - 0.02, shoulder, 0.05, vest)
    faces += limb(0.0, 0.0, shoulder + 0.01, shoulder + 0.06, 0.05, skin)
    faces += prism(
        ring(vec(0, shoulder + 0.06, 0.0), vec(0.09, 0, 0), vec(0, 0, 0.1), 8),
        vec(0, tall - shoulder - 0.08, 0),
        skin,
        cap=CLOTH[0],
    )
    if rng.random() < 0.5:  # a hard hat
        hat: Colour = [(240, 240, 240), (30, 200, 240), (170, 90, 30)][int(rng.integers(3))]
        faces += prism(
            ring(vec(0, tall - 0.05, 0), vec(0.11, 0, 0), vec(0, 0, 0.12), 8), vec(0, 0.07, 0), hat
        )
    return moved(faces, turn_y(float(rng.uniform(-0.6, 0.6))), vec(0, 0, 0), foot)


def _trolley(rng: np.random.Generator, eye: Vec, target: Vec) -> list[Face] | None:
    """A platform trolley with a push handle and a stack of cartons, parked by the rack."""
    deck = float(rng.uniform(0.18, 0.3))
    sizes = [
        rng.uniform((0.3, 0.2, 0.3), (0.75, 0.45, 0.5)) for _ in range(int(rng.integers(1, 4)))
    ]
    top = max(deck + 0.95, deck + float(sum(s[1] for s in sizes)))
    foot = _spot(rng, eye, target, (max(-0.9, eye[2] + 0.35), -0.45), top - 0.05)
    if foot is None:
        return None
    frame: Colour = [(120, 120, 120), (150, 90, 40), (40, 40, 170)][int(rng.integers(3))]
    faces: list[Face] = []
    for x in (-0.4, 0.36):
        for z in (-0.25, 0.21):
            faces += box((x, 0, z), (x + 0.05, deck - 0.03, z + 0.04), (30, 30, 30))
    faces += box((-0.45, deck - 0.04, -0.28), (0.45, deck, 0.28), frame)
    for z in (-0.26, 0.23):
        faces += box((0.41, deck, z), (0.44, deck + 0.95, z + 0.03), frame)
    faces += box((0.41, deck + 0.92, -0.26), (0.44, deck + 0.95, 0.26), frame)
    y = deck
    for w, h, d in sizes:
        lo = vec(-0.42 + float(rng.uniform(0, 0.8 - w)), y, -d / 2)
        faces += carton(lo, lo + vec(w, h, d), carton_colour(rng), rng)
        y += float(h)
    return moved(faces, turn_y(float(rng.uniform(-0.3, 0.3))), vec(0, 0, 0), foot)


def _jack(rng: np.random.Generator, eye: Vec, target: Vec) -> list[Face] | None:
    loaded = rng.random() < 0.55
    top = 1.2 if loaded else 0.35
    foot = _spot(rng, eye, target, (max(-1.3, eye[2] + 0.5), -0.65), top)
    if foot is None:
        return None
    paint: Colour = [(30, 30, 200), (20, 170, 230), (30, 110, 230)][int(rng.integers(3))]
    faces: list[Face] = []
    for z in (-0.28, 0.12):
        faces += box((-0.6, 0.0, z), (0.55, 0.08, z + 0.16), paint)
    faces += box((0.55, 0.0, -0.3), (0.85, 0.38, 0.3), paint)
    handle = box((0.8, 0.35, -0.02), (0.85, 1.25, 0.02), (30, 30, 30))
    faces += moved(handle, turn_z(0.3), vec(0.82, 0.35, 0), vec(0, 0, 0))  # leaning back
    if loaded:  # carrying a pallet of cartons
        faces += box((-0.62, 0.08, -0.45), (0.5, 0.22, 0.45), (90, 150, 190))
        h = float(rng.uniform(0.5, 1.2))
        faces += carton(vec(-0.6, 0.22, -0.44), vec(0.48, 0.22 + h, 0.44), carton_colour(rng), rng)
    return moved(faces, turn_y(float(rng.uniform(-0.25, 0.25))), vec(0, 0, 0), foot)


def _flap(rng: np.random.Generator, rack: Rack, index: int) -> list[Face]:
    """A carton flap drooping from the level above over the front of this location."""
    tl, tr, _, bl = rack.slots[index].opening
    width, height = tr[0] - tl[0], tl[1] - bl[1]
    w = width * float(rng.uniform(0.5, 1.0))
    x0 = tl[0] + float(rng.uniform(0, width - w))
    drop = height * float(rng.uniform(0.45, 0.85))
    top, z = tl[1] + 0.04, -0.12
    colour = carton_colour(rng)
    pts = [
        [x0, top, z],
        [x0 + w, top, z],
        [x0 + w, top - drop, z - 0.06],
        [x0, top - drop, z - 0.06],
    ]
    return [face(pts, colour, vec(0, 0, -1), two_sided=True)]


def _edge(rng: np.random.Generator, view: View) -> list[Face]:
    """A sleeve or shoulder right in front of the lens, cut by the left or right edge: a
    rounded column in the camera's own axes."""
    lens = view.lens
    w, h = lens.size
    side = 1.0 if rng.random() < 0.5 else -1.0
    depth = float(rng.uniform(0.45, 0.9))
    xd = (w * (0.5 + 0.5 * side) - lens.centre[0]) / lens.f
    edge = xd * (1 + lens.k1 * xd**2 + lens.k2 * xd**4)  # the frame's edge, undistorted
    inner = edge - side * float(rng.uniform(0.04, 0.12)) * w / lens.f
    radius = abs(edge - inner) + 0.2  # focal units at that depth
    centre = vec(
        (inner + side * radius) * depth,
        float(rng.uniform(-0.5, 0.3)) * h / lens.f * depth,
        depth + 0.1,
    )
    base = ring(centre, vec(radius * depth, 0, 0), vec(0, 0, 0.1), 10)
    axes, eye = view.pose.axes, view.pose.eye
    colour = (CLOTH + VESTS)[int(rng.integers(len(CLOTH) + len(VESTS)))]
    return prism(base @ axes + eye, vec(0, 1.5 * depth, 0) @ axes, colour)


Placer = Callable[[np.random.Generator, Vec, Vec], list[Face] | None]
ON_FLOOR: dict[str, Placer] = {"picker": _picker, "trolley": _trolley, "pallet-jack": _jack}


def _cover(blocker: Part, view: View, mask: npt.NDArray[np.uint8], scale: float) -> None:
    """Roughly where a part lands in the frame (straight edges), on a small mask."""
    cam = view.pose.to_camera(blocker.points)
    ahead = cam[:, 2] >= 0.05
    cam[:, 2] = np.maximum(cam[:, 2], 0.05)
    pix = view.lens.to_frame(cam) * scale
    starts = blocker.starts
    for k in range(len(blocker.faces)):
        a, b = starts[k], starts[k + 1]
        if ahead[a:b].all():
            cv2.fillPoly(mask, [np.round(pix[a:b] * 8).astype(np.int32)], 255, cv2.LINE_8, 3)


def occluders(
    rng: np.random.Generator, rack: Rack, view: View, polygons: Sequence[Vec]
) -> tuple[tuple[str, ...], tuple[Part, ...]]:
    """0–3 occluders for the later frame: their kinds and their parts. Whatever would leave
    more than 40 % of the calibrated bins at least half hidden is sent away: a benchmark frame
    should still show most of its rack."""
    count = int(rng.choice(4, p=[0.18, 0.4, 0.3, 0.12]))
    kinds = ("picker", "trolley", "pallet-jack", "flap", "edge")
    jack = 0.22 if rack.holder == "pallet" else 0.08
    weights = np.array([0.36, 0.16, jack, 0.2, 0.14])
    names, parts = [], []
    eye = view.pose.eye
    scale = 0.25
    w, h = view.lens.size
    covered = np.zeros((int(h * scale) + 1, int(w * scale) + 1), np.uint8)
    allowed = max(1, int(0.4 * len(polygons)))
    for _ in range(count):
        placed = False
        for _kind_try in range(3):  # a kind, and failing that another
            kind = str(rng.choice(kinds, p=weights / weights.sum()))
            for _try in range(16):  # a target this occluder can stand in front of
                index = int(rng.choice(view.listed))
                target = rack.slots[index].opening.mean(axis=0)
                faces: list[Face] | None
                if kind in ON_FLOOR:
                    faces = ON_FLOOR[kind](rng, eye, target)
                elif kind == "flap":
                    faces = _flap(rng, rack, index)
                else:
                    faces = _edge(rng, view)
                if not faces:
                    continue
                blocker = part(faces)
                trial = covered.copy()
                _cover(blocker, view, trial, scale)
                if sum(hidden_share(p * scale, trial) >= 0.5 for p in polygons) <= allowed:
                    covered = trial
                    names.append(kind)
                    parts.append(blocker)
                    placed = True
                    break
            if placed:
                break
    return tuple(names), tuple(parts)
