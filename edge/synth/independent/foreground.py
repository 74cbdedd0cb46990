"""Things between the camera and the rack in the later frame: a person walking past, a pallet
jack or a platform cart with a load, a sign hanging from the ceiling. Drawn in image pixels
(they are close to the camera) with a mask of what they cover."""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from edge.synth.independent import paint
from edge.synth.independent.paint import Colour, Image, shade

OCCLUDERS = ("person", "cart", "sign")
CLOTHES: tuple[Colour, ...] = (
    (70, 40, 25),
    (35, 35, 38),
    (95, 95, 92),
    (50, 80, 40),
    (40, 40, 150),
    (120, 120, 128),
    (60, 90, 130),
    (150, 110, 70),
)
SKIN: tuple[Colour, ...] = ((150, 180, 225), (120, 150, 200), (80, 110, 160), (60, 80, 120))
SIGNS = ("ZONE B", "AISLE 07", "PICKING", "RETURNS", "DOCK 3", "QC HOLD", "FAST MOVERS", "A-12")


class Layer:
    """Colours drawn on a copy of the image, and the mask of what was drawn."""

    def __init__(self, image: Image) -> None:
        self.image = image.copy()
        self.mask = np.zeros(image.shape[:2], np.uint8)

    def fill(self, pts: npt.ArrayLike, colour: Colour) -> None:
        paint.fill(self.image, pts, colour)
        paint.fill(self.mask, pts, (255, 255, 255))

    def ellipse(
        self,
        centre: tuple[float, float],
        axes: tuple[float, float],
        colour: Colour,
        start: float = 0,
        end: float = 360,
    ) -> None:
        c = (round(centre[0]), round(centre[1]))
        a = (max(1, round(axes[0])), max(1, round(axes[1])))
        cv2.ellipse(self.image, c, a, 0, start, end, colour, -1, cv2.LINE_AA)
        cv2.ellipse(self.mask, c, a, 0, start, end, 255, -1, cv2.LINE_AA)

    def limb(
        self, a: tuple[float, float], b: tuple[float, float], wa: float, wb: float, colour: Colour
    ) -> None:
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        px, py = -dy / n, dx / n
        self.fill(
            [
                (a[0] + px * wa / 2, a[1] + py * wa / 2),
                (b[0] + px * wb / 2, b[1] + py * wb / 2),
                (b[0] - px * wb / 2, b[1] - py * wb / 2),
                (a[0] - px * wa / 2, a[1] - py * wa / 2),
            ],
            colour,
        )


def _person(
    layer: Layer, rng: np.random.Generator, target: tuple[float, float], h_img: int
) -> None:
    hp = rng.uniform(0.6, 1.15) * h_img
    cx = target[0] + rng.uniform(-0.08, 0.08) * hp
    top = target[1] - rng.uniform(0.15, 0.45) * hp
    shirt = CLOTHES[int(rng.integers(len(CLOTHES)))]
    trousers = CLOTHES[int(rng.integers(len(CLOTHES)))]
    skin = SKIN[int(rng.integers(len(SKIN)))]
    stride = rng.uniform(-0.09, 0.09) * hp
    hip_y, foot_y = top + 0.52 * hp, top + 0.97 * hp
    for side in (-1, 1):
        hip = (cx + side * 0.05 * hp, hip_y)
        knee = (cx + side * 0.055 * hp + side * stride * 0.5, top + 0.75 * hp)
        foot = (cx + side * 0.06 * hp + side * stride, foot_y)
        leg = shade(trousers, 0.85 if side < 0 else 1.0)
        layer.limb(hip, knee, 0.1 * hp, 0.075 * hp, leg)
        layer.limb(knee, foot, 0.075 * hp, 0.06 * hp, leg)
        layer.ellipse((foot[0] + 0.02 * hp, foot[1]), (0.05 * hp, 0.022 * hp), (30, 30, 30))
    sh_y = top + 0.16 * hp
    torso = [
        (cx - 0.12 * hp, sh_y),
        (cx + 0.12 * hp, sh_y),
        (cx + 0.1 * hp, hip_y + 0.02 * hp),
        (cx - 0.1 * hp, hip_y + 0.02 * hp),
    ]
    layer.fill(torso, shirt)
    for side in (-1, 1):
        layer.ellipse((cx + side * 0.105 * hp, sh_y + 0.03 * hp), (0.04 * hp, 0.035 * hp), shirt)
    if rng.random() < 0.45:  # hi-vis vest with reflective stripes
        vest = (30, 200, 235) if rng.random() < 0.6 else (20, 120, 245)
        layer.fill(
            [
                (cx - 0.1 * hp, sh_y + 0.005 * hp),
                (cx + 0.1 * hp, sh_y + 0.005 * hp),
                (cx + 0.095 * hp, hip_y - 0.02 * hp),
                (cx - 0.095 * hp, hip_y - 0.02 * hp),
            ],
            vest,
        )
        for y in (top + 0.38 * hp, top + 0.44 * hp):
            layer.fill(
                [
                    (cx - 0.097 * hp, y),
                    (cx + 0.097 * hp, y),
                    (cx + 0.096 * hp, y + 0.018 * hp),
                    (cx - 0.096 * hp, y + 0.018 * hp),
                ],
                (190, 195, 195),
            )
    carrying = rng.random() < 0.25
    swing = rng.uniform(-0.05, 0.05) * hp
    sleeve = shade(shirt, 0.82)
    for side in (-1, 1):
        shoulder = (cx + side * 0.12 * hp, sh_y + 0.035 * hp)
        if carrying:
            elbow = (cx + side * 0.13 * hp, top + 0.33 * hp)
            hand = (cx + side * 0.09 * hp, top + 0.38 * hp)
        else:
            elbow = (cx + side * 0.135 * hp + side * swing * 0.3, top + 0.34 * hp)
            hand = (cx + side * 0.125 * hp + side * swing, top + 0.5 * hp)
        layer.limb(shoulder, elbow, 0.058 * hp, 0.05 * hp, sleeve)
        layer.limb(elbow, hand, 0.05 * hp, 0.042 * hp, sleeve)
        layer.ellipse(hand, (0.022 * hp, 0.028 * hp), skin)
    if carrying:  # a carton held in front
        c = paint.jitter(rng, (92, 140, 184), 0.12)
        bw, bh = rng.uniform(0.2, 0.32) * hp, rng.uniform(0.12, 0.22) * hp
        by = top + 0.38 * hp
        layer.fill(
            [
                (cx - bw / 2, by - bh * 0.7),
                (cx + bw / 2, by - bh * 0.7),
                (cx + bw / 2, by + bh * 0.3),
                (cx - bw / 2, by + bh * 0.3),
            ],
            c,
        )
        layer.fill(
            [
                (cx - 0.06 * bw, by - bh * 0.7),
                (cx + 0.06 * bw, by - bh * 0.7),
                (cx + 0.06 * bw, by - bh * 0.4),
                (cx - 0.06 * bw, by - bh * 0.4),
            ],
            shade(c, 0.75),
        )
    layer.fill(
        [
            (cx - 0.025 * hp, top + 0.1 * hp),
            (cx + 0.025 * hp, top + 0.1 * hp),
            (cx + 0.025 * hp, sh_y + 0.01 * hp),
            (cx - 0.025 * hp, sh_y + 0.01 * hp),
        ],
        shade(skin, 0.85),
    )
    head = (cx, top + 0.065 * hp)
    layer.ellipse(head, (0.052 * hp, 0.066 * hp), skin)
    if rng.random() < 0.5:  # helmet
        helmet = [(240, 240, 240), (30, 200, 235), (20, 120, 240), (160, 90, 30)][
            int(rng.integers(4))
        ]
        layer.ellipse((head[0], head[1] - 0.015 * hp), (0.062 * hp, 0.06 * hp), helmet, 180, 360)
    else:
        layer.ellipse(
            (head[0], head[1] - 0.025 * hp), (0.054 * hp, 0.045 * hp), (30, 35, 45), 180, 360
        )
    # round the body: darker towards its sides
    x0, x1 = int(max(0, cx - 0.3 * hp)), int(min(layer.image.shape[1], cx + 0.3 * hp))
    if x1 > x0:
        xs = (np.arange(x0, x1, dtype=np.float32) - cx) / (0.16 * hp)
        f = np.clip(1.08 - 0.35 * xs**2, 0.55, 1.1)
        sel = layer.mask[:, x0:x1] > 0
        region = layer.image[:, x0:x1].astype(np.float32) * f[None, :, None]
        layer.image[:, x0:x1][sel] = np.clip(region, 0, 255).astype(np.uint8)[sel]


def _cart(
    layer: Layer, rng: np.random.Generator, target: tuple[float, float], size: tuple[int, int]
) -> None:
    w_img, h_img = size
    width = rng.uniform(0.22, 0.45) * w_img
    cx = target[0] + rng.uniform(-0.3, 0.3) * width
    bottom = rng.uniform(0.93, 1.05) * h_img
    deck = bottom - rng.uniform(0.05, 0.1) * h_img
    x0, x1 = cx - width / 2, cx + width / 2
    for wx in (x0 + 0.1 * width, x1 - 0.1 * width):
        layer.ellipse((wx, bottom - 0.025 * h_img), (0.03 * h_img, 0.03 * h_img), (30, 30, 32))
    jack = rng.random() < 0.5
    body = [(30, 40, 190), (20, 150, 230), (120, 80, 30), (90, 90, 90)][int(rng.integers(4))]
    if jack:  # a pallet on a pallet jack: slats and blocks
        wood = paint.jitter(rng, (110, 160, 200), 0.1)
        ph = 0.06 * h_img
        layer.fill([(x0, deck - ph), (x1, deck - ph), (x1, deck), (x0, deck)], wood)
        for bx in (x0, cx - 0.06 * width, x1 - 0.12 * width):
            layer.fill(
                [
                    (bx, deck - 0.7 * ph),
                    (bx + 0.12 * width, deck - 0.7 * ph),
                    (bx + 0.12 * width, deck - 0.1 * ph),
                    (bx, deck - 0.1 * ph),
                ],
                shade(wood, 0.3),
            )
        deck -= ph
        layer.fill(
            [
                (x0 + 0.3 * width, deck + ph),
                (x1 - 0.3 * width, deck + ph),
                (x1 - 0.3 * width, bottom - 0.02 * h_img),
                (x0 + 0.3 * width, bottom - 0.02 * h_img),
            ],
            body,
        )
    else:
        layer.fill(
            [(x0, deck - 0.025 * h_img), (x1, deck - 0.025 * h_img), (x1, deck), (x0, deck)], body
        )
    handle_x = x1 - 0.05 * width if rng.random() < 0.5 else x0 + 0.05 * width
    handle_top = deck - rng.uniform(0.35, 0.6) * h_img
    layer.limb(
        (handle_x, deck),
        (handle_x + rng.uniform(-0.05, 0.05) * width, handle_top),
        0.018 * h_img,
        0.018 * h_img,
        shade(body, 0.7) if jack else (60, 60, 62),
    )
    layer.ellipse((handle_x, handle_top), (0.03 * h_img, 0.02 * h_img), (40, 40, 40))
    # the load: cartons, maybe wrapped in film
    y = deck
    for _ in range(int(rng.integers(1, 4))):
        bw = width * rng.uniform(0.5, 0.95)
        bh = h_img * rng.uniform(0.08, 0.18)
        bx = cx - bw / 2 + rng.uniform(-0.05, 0.05) * width
        c = paint.jitter(rng, (92, 140, 184), 0.15)
        layer.fill([(bx, y - bh), (bx + bw, y - bh), (bx + bw, y), (bx, y)], c)
        layer.fill(
            [(bx, y - bh), (bx + bw, y - bh), (bx + bw, y - 0.85 * bh), (bx, y - 0.85 * bh)],
            shade(c, 1.2),
        )
        layer.fill(
            [
                (bx + 0.45 * bw, y - bh),
                (bx + 0.55 * bw, y - bh),
                (bx + 0.55 * bw, y - 0.75 * bh),
                (bx + 0.45 * bw, y - 0.75 * bh),
            ],
            shade(c, 0.8),
        )
        y -= bh


def _sign(
    layer: Layer, rng: np.random.Generator, target: tuple[float, float], size: tuple[int, int]
) -> None:
    w_img, h_img = size
    sw, sh = rng.uniform(0.12, 0.3) * w_img, rng.uniform(0.06, 0.14) * h_img
    cx, cy = target[0] + rng.uniform(-0.3, 0.3) * sw, target[1] + rng.uniform(-0.4, 0.4) * sh
    a = math.radians(rng.uniform(-6, 6))
    ca, sa = math.cos(a), math.sin(a)
    corners = [
        (cx + x * ca - y * sa, cy + x * sa + y * ca)
        for x, y in ((-sw / 2, -sh / 2), (sw / 2, -sh / 2), (sw / 2, sh / 2), (-sw / 2, sh / 2))
    ]
    for px, py in corners[:2]:
        layer.limb((px + (cx - px) * 0.2, -5), (px + (cx - px) * 0.2, py), 3, 3, (50, 50, 50))
    board = [(30, 200, 235), (235, 235, 235), (60, 140, 40), (160, 90, 30), (40, 40, 180)][
        int(rng.integers(5))
    ]
    layer.fill(corners, shade(board, 0.4))
    inner = [(cx + (x - cx) * 0.94, cy + (y - cy) * 0.88) for x, y in corners]
    layer.fill(inner, board)
    ink = (20, 20, 20) if sum(board) > 450 else (240, 240, 240)
    paint.text(
        layer.image,
        str(rng.choice(SIGNS)),
        (cx - 0.4 * sw, cy - 0.3 * sh, cx + 0.4 * sw, cy + 0.3 * sh),
        ink,
    )


def add_occluders(
    image: Image, rng: np.random.Generator, targets: list[tuple[float, float]], count: int
) -> tuple[Image, npt.NDArray[np.uint8], list[str]]:
    """Draw `count` occluders, each over one of `targets` (points in the image). Returns the
    image, the mask of everything they cover (255) and their kinds."""
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    kinds = []
    out = image
    for _ in range(count):
        kind = str(rng.choice(OCCLUDERS, p=[0.5, 0.3, 0.2]))
        target = targets[int(rng.integers(len(targets)))]
        if kind == "sign":  # signs hang high: aim at the upper half
            target = (target[0], min(target[1], rng.uniform(0.15, 0.5) * h))
        layer = Layer(out)
        if kind == "person":
            _person(layer, rng, target, h)
        elif kind == "cart":
            _cart(layer, rng, target, (w, h))
        else:
            _sign(layer, rng, target, (w, h))
        if kind == "person" and rng.random() < 0.3:  # walking: motion blur
            k = int(rng.integers(5, 15))
            kernel = np.zeros((1, k), np.float32) + 1.0 / k
            layer.image = np.asarray(cv2.filter2D(layer.image, -1, kernel), np.uint8)
            layer.mask = np.asarray(cv2.filter2D(layer.mask, -1, kernel), np.uint8)
        alpha = layer.mask.astype(np.float32)[..., None] / 255
        out = (layer.image * alpha + out * (1 - alpha)).astype(np.uint8)
        mask = np.maximum(mask, layer.mask)
        kinds.append(kind)
    return out, mask, kinds
