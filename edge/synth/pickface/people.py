"""People in front of the rack, drawn flat into the picture layer of things near the camera:
a picker's arm and hand reaching into a bin, a person's torso (jacket or hi-vis vest), a tablet
or scanner held up in a hand.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from edge.synth.pickface.painter import Colour, scaled

SLEEVES: tuple[Colour, ...] = (
    (30.0, 140.0, 240.0),
    (40.0, 220.0, 230.0),
    (90.0, 50.0, 30.0),
    (60.0, 60.0, 60.0),
    (140.0, 140.0, 135.0),
)
SKIN: tuple[Colour, ...] = (
    (150.0, 180.0, 225.0),
    (110.0, 140.0, 190.0),
    (70.0, 95.0, 140.0),
    (40.0, 40.0, 40.0),  # black glove
    (40.0, 130.0, 230.0),  # orange glove
)
Target = tuple[float, float, float]  # centre x, y and width of a bin, canvas pixels


class Layer:
    """An occluder picture over the canvas: colour and opacity."""

    def __init__(self, shape: tuple[int, int]) -> None:
        self.colour = np.zeros((*shape, 3), np.float32)
        self.alpha = np.zeros(shape, np.float32)

    def put(self, pts: np.ndarray, colour: Colour, alpha: float = 1.0) -> None:
        p = np.round(np.asarray(pts, np.float64) * 16).astype(np.int32)
        cv2.fillPoly(self.colour, [p], colour, cv2.LINE_AA, 4)
        cv2.fillPoly(self.alpha, [p], alpha, cv2.LINE_AA, 4)

    def band(self, a: np.ndarray, b: np.ndarray, width: float, colour: Colour) -> None:
        d = b - a
        n = np.array([-d[1], d[0]]) / max(float(np.linalg.norm(d)), 1e-6) * width / 2
        self.put(np.array([a + n, b + n, b - n, a - n]), colour)
        self.put(
            np.array([a + 0.6 * n, b + 0.6 * n, b + 0.2 * n, a + 0.2 * n]), scaled(colour, 1.2)
        )


def hand(layer: Layer, at: np.ndarray, towards: np.ndarray, size: float, colour: Colour) -> None:
    """A palm and fingers at `at`, fingers pointing along `towards`."""
    u = towards / max(float(np.linalg.norm(towards)), 1e-6)
    v = np.array([-u[1], u[0]])
    t = np.linspace(0, 2 * math.pi, 16, endpoint=False)
    palm = at + np.cos(t)[:, None] * u * size * 0.55 + np.sin(t)[:, None] * v * size * 0.45
    layer.put(palm, colour)
    for k, off in enumerate((-0.3, -0.1, 0.1, 0.3)):
        base = at + u * size * 0.35 + v * size * off
        layer.band(base, base + u * size * (0.55 + 0.1 * (k % 2)), size * 0.17, colour)
    thumb = at + v * size * 0.4
    layer.band(thumb, thumb + (u + v) * size * 0.35, size * 0.2, colour)


def arm(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    x0, y0, x1, y1 = view
    side = rng.choice(["bottom", "left", "right"])
    gx, gy, gw = goal
    start = {
        "bottom": np.array([gx + rng.uniform(-0.3, 0.3) * (x1 - x0), y1 + 40]),
        "left": np.array([x0 - 40, gy + rng.uniform(0, 0.4) * (y1 - y0)]),
        "right": np.array([x1 + 40, gy + rng.uniform(0, 0.4) * (y1 - y0)]),
    }[str(side)]
    end = np.array([gx, gy]) + rng.normal(0, 0.2 * gw, 2)
    width = (y1 - y0) * rng.uniform(0.06, 0.12)
    wrist = start + (end - start) * 0.82
    sleeve = SLEEVES[int(rng.integers(len(SLEEVES)))]
    skin = SKIN[int(rng.integers(len(SKIN)))]
    layer.band(start, wrist, width, sleeve)
    layer.band(wrist - (end - start) * 0.05, end, width * 0.8, skin)
    hand(layer, end, end - start, width * 1.3, skin)


def torso(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    x0, y0, x1, y1 = view
    w = (x1 - x0) * rng.uniform(0.22, 0.42)
    cx = goal[0] + rng.normal(0, 0.1) * (x1 - x0)
    top = y0 + (y1 - y0) * rng.uniform(-0.2, 0.45)
    vest = rng.random() < 0.5
    colour = (40.0, 220.0, 230.0) if vest else SLEEVES[int(rng.integers(len(SLEEVES)))]
    layer.put(
        np.array(
            [
                (cx - w * 0.5, top + w * 0.15),
                (cx - w * 0.3, top),
                (cx + w * 0.3, top),
                (cx + w * 0.5, top + w * 0.15),
                (cx + w * 0.45, y1 + 50),
                (cx - w * 0.45, y1 + 50),
            ]
        ),
        colour,
    )
    if vest:
        for f in (0.55, 0.85):
            y = top + w * f
            layer.put(
                np.array(
                    [
                        (cx - w * 0.48, y),
                        (cx + w * 0.48, y),
                        (cx + w * 0.48, y + w * 0.07),
                        (cx - w * 0.48, y + w * 0.07),
                    ]
                ),
                (190.0, 195.0, 200.0),
            )
    for s in (-1, 1):  # arms at the sides
        a = np.array([cx + s * w * 0.5, top + w * 0.2])
        layer.band(a, a + np.array([s * w * 0.1, w * 1.3]), w * 0.22, scaled(colour, 0.85))
    if top - w * 0.35 > y0 - w * 0.4:
        t = np.linspace(0, 2 * math.pi, 20, endpoint=False)
        head = np.stack([cx + np.cos(t) * w * 0.17, top - w * 0.2 + np.sin(t) * w * 0.21], 1)
        layer.put(head, SKIN[int(rng.integers(3))])
        layer.put(head[10:] - (0, w * 0.03), (40.0, 40.0, 50.0))


def tablet(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    _, y0, _, y1 = view
    h = (y1 - y0) * rng.uniform(0.18, 0.4)
    w = h * rng.uniform(0.6, 1.4)
    c = np.array(goal[:2]) + rng.normal(0, 0.3 * goal[2], 2)
    a = rng.normal(0, 0.25)
    u, v = np.array([math.cos(a), math.sin(a)]), np.array([-math.sin(a), math.cos(a)])
    quad = np.array(
        [
            c - u * w / 2 - v * h / 2,
            c + u * w / 2 - v * h / 2,
            c + u * w / 2 + v * h / 2,
            c - u * w / 2 + v * h / 2,
        ]
    )
    scanner = rng.random() < 0.35
    layer.put(quad, (40.0, 190.0, 230.0) if scanner else (30.0, 30.0, 32.0))
    inner = c + (quad - c) * 0.85
    layer.put(inner, (200.0, 170.0, 120.0) if not scanner else (40.0, 40.0, 40.0))
    for k in range(4):
        row = inner[0] + (inner[3] - inner[0]) * (0.15 + 0.2 * k)
        layer.band(
            row + (inner[1] - inner[0]) * 0.1,
            row + (inner[1] - inner[0]) * 0.7,
            h * 0.05,
            (240.0, 240.0, 240.0),
        )
    skin = SKIN[int(rng.integers(len(SKIN)))]
    hand(layer, quad[3] + v * h * 0.1, -v, h * 0.35, skin)
