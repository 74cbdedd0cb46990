"""Things between the camera and the rack in the later frame, and the mask of what they hide.

A picker's arm reaching into a bin, a person's torso, a pallet jack handle, a hanging aisle or
price sign, a plastic strip curtain, a tablet or scanner held up. They are drawn flat in the
picture (they are close to the camera, so a little out of focus) over some bins, covering none
to all of them. The mask counts a pixel as hidden where the occluder is mostly opaque: a clear
strip curtain hides nothing, a dirty one does.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from edge.synth.pickface.people import Layer, Target, arm, tablet, torso

KINDS = ("arm", "torso", "jack handle", "sign", "strip curtain", "tablet")
WEIGHTS: dict[str, tuple[float, ...]] = {  # by style, in the order of KINDS
    "louvre": (4, 2, 0.5, 1.5, 0.5, 2),
    "partsbox": (4, 2, 0.5, 1.5, 0.5, 2),
    "flow": (3, 2, 1, 1.5, 2, 1.5),
    "pallet": (1, 2, 3, 1.5, 2, 1),
}


def _jack(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    x0, y0, x1, y1 = view
    colour = [(40.0, 40.0, 200.0), (30.0, 190.0, 230.0), (40.0, 40.0, 40.0)][int(rng.integers(3))]
    base = np.array([goal[0] + rng.normal(0, 0.15) * (x1 - x0), y1 + 30])
    top = np.array(
        [base[0] + rng.uniform(-0.25, 0.25) * (x1 - x0), y0 + (y1 - y0) * rng.uniform(0.15, 0.6)]
    )
    width = (y1 - y0) * rng.uniform(0.025, 0.05)
    layer.band(base, top, width, colour)
    ring = np.round(top * 16).astype(np.int32)
    axes = (round(width * 2.2 * 16), round(width * 1.3 * 16))
    angle = math.degrees(math.atan2(top[1] - base[1], top[0] - base[0]))
    for target, value in ((layer.colour, (30.0, 30.0, 30.0)), (layer.alpha, 1.0)):
        cv2.ellipse(
            target,
            (int(ring[0]), int(ring[1])),
            axes,
            angle,
            0,
            360,
            value,
            max(2, round(width * 0.7)),
            cv2.LINE_AA,
            4,
        )


def _sign(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    x0, y0, x1, _ = view
    w = (x1 - x0) * rng.uniform(0.14, 0.35)
    h = w * rng.uniform(0.3, 0.6)
    cx, top = goal[0] + rng.normal(0, 0.05) * (x1 - x0), goal[1] - h * rng.uniform(0.1, 0.9)
    skew = rng.normal(0, 0.06) * h
    quad = np.array(
        [
            (cx - w / 2, top + skew),
            (cx + w / 2, top - skew),
            (cx + w / 2, top + h - skew),
            (cx - w / 2, top + h + skew),
        ]
    )
    colour = [
        (245.0, 245.0, 245.0),
        (30.0, 210.0, 245.0),
        (160.0, 90.0, 20.0),
        (40.0, 40.0, 200.0),
    ][int(rng.integers(4))]
    for hook in (quad[0], quad[1]):
        layer.band(np.array([hook[0], y0 - 10]), hook, max(2.0, w * 0.01), (70.0, 70.0, 70.0))
    layer.put(quad, colour)
    ink = (20.0, 20.0, 20.0) if colour[1] > 150 else (250.0, 250.0, 250.0)
    text = str(rng.choice(["PICK", "C 07", "SALE", "4.95", "B-12", "STOP"]))
    size, _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_DUPLEX, 1.0, 2)
    scale = min(h * 0.6 / size[1], w * 0.8 / size[0])
    x0i, y0i = int(max(0, cx - w / 2)), int(max(0, top - abs(skew)))
    roi = layer.colour[y0i : int(top + h + abs(skew)), x0i : int(cx + w / 2)]
    if roi.size:
        ink_mask = np.zeros(roi.shape[:2], np.uint8)
        org = (int(cx - w * 0.4) - x0i, int(top + h * 0.7) - y0i)
        cv2.putText(
            ink_mask,
            text,
            org,
            cv2.FONT_HERSHEY_DUPLEX,
            scale,
            255,
            max(2, int(scale * 2)),
            cv2.LINE_AA,
        )
        a = ink_mask.astype(np.float32)[..., None] / 255.0
        roi[:] = roi * (1 - a) + np.array(ink, np.float32) * a


def _curtain(layer: Layer, rng: np.random.Generator, view: tuple[float, ...], goal: Target) -> None:
    x0, y0, x1, y1 = view
    strip = (x1 - x0) * rng.uniform(0.07, 0.13)
    left = goal[0] - rng.uniform(0.5, 4) * strip
    right = goal[0] + rng.uniform(0.5, 4) * strip
    alpha = float(rng.uniform(0.2, 0.7))
    tint = (210.0, 225.0, 205.0)
    x = left
    while x < right:
        sway = rng.normal(0, strip * 0.15)
        quad = np.array(
            [(x, y0 - 20), (x + strip, y0 - 20), (x + strip + sway, y1 + 20), (x + sway, y1 + 20)]
        )
        layer.put(quad, tint, alpha)
        layer.put(
            np.array([quad[0], quad[0] + (4, 0), quad[3] + (4, 0), quad[3]]),
            tint,
            min(1.0, alpha + 0.3),
        )
        x += strip * rng.uniform(0.8, 0.95)


DRAW = {
    "arm": arm,
    "torso": torso,
    "jack handle": _jack,
    "sign": _sign,
    "strip curtain": _curtain,
    "tablet": tablet,
}


def add_occluders(
    canvas: np.ndarray,
    rng: np.random.Generator,
    view: tuple[float, float, float, float],
    targets: list[Target],
    style: str,
    count: int,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """`count` occluders over the canvas near `targets`; the canvas with them (float), the mask
    of what they hide (uint8, 255 hidden) and their kinds."""
    h, w = canvas.shape[:2]
    layer = Layer((h, w))
    weights = np.array(WEIGHTS.get(style, (1.0,) * len(KINDS)), np.float64)
    kinds: list[str] = []
    for _ in range(count if targets else 0):
        kind = KINDS[int(rng.choice(len(KINDS), p=weights / weights.sum()))]
        DRAW[kind](layer, rng, view, targets[int(rng.integers(len(targets)))])
        kinds.append(kind)
    if not kinds or not layer.alpha.any():
        return canvas.astype(np.float32), np.zeros((h, w), np.uint8), kinds
    sigma = rng.uniform(0.6, 3.0) * (view[3] - view[1]) / 1080.0
    rows, cols = np.nonzero(layer.alpha > 0)  # blur and blend only where something is
    pad = int(3 * sigma) + 2
    y0, y1 = max(0, int(rows.min()) - pad), min(h, int(rows.max()) + 1 + pad)
    x0, x1 = max(0, int(cols.min()) - pad), min(w, int(cols.max()) + 1 + pad)
    a = layer.alpha[y0:y1, x0:x1]
    alpha = cv2.GaussianBlur(a, (0, 0), sigma)
    colour = cv2.GaussianBlur(layer.colour[y0:y1, x0:x1] * a[..., None], (0, 0), sigma)
    out = canvas.astype(np.float32)
    out[y0:y1, x0:x1] = out[y0:y1, x0:x1] * (1 - alpha[..., None]) + colour
    mask = np.zeros((h, w), np.uint8)
    mask[y0:y1, x0:x1] = (alpha >= 0.5) * np.uint8(255)
    return out, mask, kinds
