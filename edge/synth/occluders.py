"""Things between the camera and the rack: people, poles, hanging signs, carts, arms.

Each occluder is drawn in image space (it is in front of the rack) and also into a mask, so
the renderer can tell which bins it hides and by how much.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from edge.synth.rack import Color, random_color

logger = logging.getLogger(__name__)

_HIVIS: tuple[Color, ...] = ((40, 230, 230), (20, 130, 250), (60, 220, 160))


@dataclass(frozen=True)
class Person:
    """A person seen from the front at `x` (centre), feet at `y_feet`, `height` pixels tall."""

    x: float
    y_feet: float
    height: float
    shirt: Color
    trousers: Color
    skin: Color
    stride: float  # phase of the walking cycle, radians
    carrying: bool


def random_person(rng: np.random.Generator, size: tuple[int, int]) -> Person:
    w, h = size
    shirt = _HIVIS[int(rng.integers(len(_HIVIS)))] if rng.random() < 0.4 else random_color(rng)
    skins: list[Color] = [(170, 200, 240), (120, 160, 210), (70, 100, 150), (50, 70, 100)]
    return Person(
        x=float(rng.uniform(0.1, 0.9) * w),
        y_feet=float(h * rng.uniform(0.95, 1.4)),
        height=float(h * rng.uniform(0.8, 1.5)),
        shirt=shirt,
        trousers=random_color(rng, sat=(0, 0.5), val=(0.1, 0.6)),
        skin=skins[int(rng.integers(len(skins)))],
        stride=float(rng.uniform(0, 2 * np.pi)),
        carrying=bool(rng.random() < 0.4),
    )


def draw_person(image: np.ndarray, mask: np.ndarray, p: Person) -> None:
    """A blocky human figure; crude, but it hides bins the way a person does."""
    u = p.height / 8.0  # head units
    cx, feet = p.x, p.y_feet
    swing = np.sin(p.stride) * u * 0.8

    def limb(a: tuple[float, float], b: tuple[float, float], width: float, color: Color) -> None:
        for canvas, c in ((image, color), (mask, (255,))):
            cv2.line(
                canvas,
                (int(a[0]), int(a[1])),
                (int(b[0]), int(b[1])),
                c,
                max(2, int(width)),
                cv2.LINE_AA,
            )

    hip_y, shoulder_y = feet - 4 * u, feet - 6.6 * u
    limb((cx - 0.4 * u, hip_y), (cx - 0.4 * u + swing, feet), 0.9 * u, p.trousers)
    limb((cx + 0.4 * u, hip_y), (cx + 0.4 * u - swing, feet), 0.9 * u, p.trousers)
    torso = np.array(
        [
            [cx - 1.1 * u, shoulder_y],
            [cx + 1.1 * u, shoulder_y],
            [cx + 0.9 * u, hip_y + 0.3 * u],
            [cx - 0.9 * u, hip_y + 0.3 * u],
        ]
    )
    for canvas, c in ((image, p.shirt), (mask, (255,))):
        cv2.fillPoly(canvas, [torso.astype(np.int32)], c, cv2.LINE_AA)
    limb(
        (cx - 1.0 * u, shoulder_y + 0.3 * u),
        (cx - 1.2 * u - swing, hip_y + 0.5 * u),
        0.6 * u,
        p.shirt,
    )
    limb(
        (cx + 1.0 * u, shoulder_y + 0.3 * u),
        (cx + 1.2 * u + swing, hip_y + 0.5 * u),
        0.6 * u,
        p.shirt,
    )
    head = (int(cx), int(shoulder_y - 0.65 * u))
    for canvas, c in ((image, p.skin), (mask, (255,))):
        cv2.ellipse(canvas, head, (int(0.45 * u), int(0.6 * u)), 0, 0, 360, c, -1, cv2.LINE_AA)
    if p.carrying:  # a carton held in front of the chest
        box = np.array(
            [
                [cx - 1.3 * u, shoulder_y + 0.8 * u],
                [cx + 1.3 * u, shoulder_y + 0.8 * u],
                [cx + 1.3 * u, hip_y - 0.2 * u],
                [cx - 1.3 * u, hip_y - 0.2 * u],
            ]
        )
        for canvas, c in ((image, (80, 130, 180)), (mask, (255,))):
            cv2.fillPoly(canvas, [box.astype(np.int32)], c, cv2.LINE_AA)
    # shading so the figure is not one flat colour
    shade = np.zeros_like(mask)
    cv2.line(
        shade,
        (int(cx + 0.7 * u), int(shoulder_y)),
        (int(cx + 0.6 * u), int(hip_y)),
        255,
        max(1, int(0.5 * u)),
    )
    image[(shade > 0) & (mask > 0)] = (image[(shade > 0) & (mask > 0)] * 0.8).astype(np.uint8)


def draw_random_occluder(image: np.ndarray, mask: np.ndarray, rng: np.random.Generator) -> None:
    """One of: person, pole, hanging sign, cart or stacked cartons, an arm reaching in."""
    h, w = image.shape[:2]
    kind = rng.choice(["person", "person", "pole", "sign", "cart", "arm"])
    color = random_color(rng)
    if kind == "person":
        draw_person(image, mask, random_person(rng, (w, h)))
    elif kind == "pole":
        x = rng.uniform(0, w)
        width = w * rng.uniform(0.02, 0.08)
        tilt = rng.normal(0, w * 0.03)
        pts = np.array(
            [[x, -5], [x + width, -5], [x + width + tilt, h + 5], [x + tilt, h + 5]], np.int32
        )
        for canvas, c in ((image, color), (mask, (255,))):
            cv2.fillPoly(canvas, [pts], c)
        cv2.line(
            image,
            (int(x + width * 0.3), 0),
            (int(x + width * 0.3 + tilt), h),
            tuple(min(255, int(v * 1.3)) for v in color),
            max(1, int(width * 0.15)),
        )
    elif kind == "sign":
        sw, sh = w * rng.uniform(0.1, 0.3), h * rng.uniform(0.08, 0.2)
        x, y = rng.uniform(0, w - sw), rng.uniform(0, h * 0.6)
        for canvas, c in ((image, color), (mask, (255,))):
            cv2.rectangle(canvas, (int(x), int(y)), (int(x + sw), int(y + sh)), c, -1)
            cv2.line(canvas, (int(x + sw / 2), 0), (int(x + sw / 2), int(y)), c, 2)
        cv2.putText(
            image,
            "EXIT" if rng.random() < 0.5 else "ZONE B",
            (int(x + sw * 0.1), int(y + sh * 0.7)),
            cv2.FONT_HERSHEY_SIMPLEX,
            sh / 50,
            (250, 250, 250),
            2,
        )
    elif kind == "cart":
        cw, ch = w * rng.uniform(0.15, 0.4), h * rng.uniform(0.2, 0.5)
        x = rng.uniform(-cw * 0.2, w - cw * 0.8)
        y = h - ch + rng.uniform(0, ch * 0.2)
        for canvas, c in ((image, color), (mask, (255,))):
            cv2.rectangle(canvas, (int(x), int(y)), (int(x + cw), int(h)), c, -1)
        for k in range(int(rng.integers(1, 4))):
            bw = cw * rng.uniform(0.3, 0.6)
            bh = ch * rng.uniform(0.3, 0.6)
            bx = x + rng.uniform(0, cw - bw)
            by = y - bh * (k + 1) * 0.9
            for canvas, c in ((image, (70 + 20 * k, 120, 170)), (mask, (255,))):
                cv2.rectangle(canvas, (int(bx), int(by)), (int(bx + bw), int(by + bh)), c, -1)
    else:  # an arm reaching into a bin
        start = (rng.uniform(0, w), h + 10)
        end = (rng.uniform(0.1, 0.9) * w, rng.uniform(0.2, 0.8) * h)
        width = int(w * rng.uniform(0.03, 0.06))
        sleeve = random_color(rng)
        for canvas, c in ((image, sleeve), (mask, (255,))):
            cv2.line(
                canvas,
                (int(start[0]), int(start[1])),
                (int(end[0]), int(end[1])),
                c,
                width,
                cv2.LINE_AA,
            )
        for canvas, c in ((image, (120, 160, 210)), (mask, (255,))):
            cv2.circle(canvas, (int(end[0]), int(end[1])), int(width * 0.8), c, -1, cv2.LINE_AA)
