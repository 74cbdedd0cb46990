"""Things between the camera and the rack in the later frame: a person (torso, head, a reaching
arm), an arm alone, a platform trolley, a step ladder, a hanging sign, a carton held up, a
forklift mast. Drawn in frame pixels, close to the lens (so out of focus); the mask is where they
are mostly opaque."""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.wireshelf.camera import Image
from edge.synth.wireshelf.textures import smooth

KINDS = ("person", "arm", "trolley", "ladder", "sign", "box", "mast")
SKIN = ((0.85, 0.66, 0.52), (0.62, 0.45, 0.33), (0.4, 0.27, 0.18), (0.93, 0.78, 0.66))
CLOTHES = (
    (0.95, 0.85, 0.1),
    (0.98, 0.5, 0.08),
    (0.1, 0.14, 0.3),
    (0.2, 0.2, 0.22),
    (0.55, 0.56, 0.58),
    (0.6, 0.1, 0.1),
)
Pt = tuple[int, int]


class Layer:
    def __init__(self, size: tuple[int, int]) -> None:
        w, h = size
        self.w, self.h = w, h
        self.rgb = np.zeros((h, w, 3), np.float32)
        self.alpha = np.zeros((h, w), np.float32)

    def poly(self, pts: np.ndarray, colour: tuple[float, float, float], alpha: float = 1.0) -> None:
        p = [np.round(np.asarray(pts)).astype(np.int32)]
        cv2.fillPoly(self.rgb, p, colour)
        cv2.fillPoly(self.alpha, p, alpha)

    def line(self, a: Pt, b: Pt, colour: tuple[float, float, float], width: int) -> None:
        cv2.line(self.rgb, a, b, colour, max(1, width))
        cv2.line(self.alpha, a, b, 1.0, max(1, width))

    def ellipse(self, c: Pt, axes: Pt, angle: float, colour: tuple[float, float, float]) -> None:
        cv2.ellipse(self.rgb, c, axes, angle, 0, 360, colour, -1)
        cv2.ellipse(self.alpha, c, axes, angle, 0, 360, 1.0, -1)


def _arm(
    layer: Layer, rng: np.random.Generator, start: Pt, sleeve: tuple[float, float, float]
) -> None:
    h = layer.h
    end = (int(rng.uniform(0.2, 0.8) * layer.w), int(rng.uniform(0.2, 0.75) * h))
    elbow = (
        int((start[0] + end[0]) / 2 + rng.normal(0, 0.08) * h),
        int((start[1] + end[1]) / 2 + rng.uniform(0, 0.1) * h),
    )
    width = int(rng.uniform(0.05, 0.09) * h)
    skin = SKIN[int(rng.integers(len(SKIN)))]
    layer.line(start, elbow, sleeve, width)
    layer.line(elbow, end, skin if rng.random() < 0.5 else sleeve, int(width * 0.8))
    glove = skin if rng.random() < 0.6 else (0.15, 0.15, 0.15)
    layer.ellipse(end, (int(width * 0.7), int(width * 0.55)), float(rng.uniform(0, 180)), glove)


def _person(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    cx, top = rng.uniform(0.1, 0.9) * w, rng.uniform(0.15, 0.55) * h
    half = rng.uniform(0.14, 0.28) * h
    cloth = CLOTHES[int(rng.integers(len(CLOTHES)))]
    torso = np.array(
        [
            [cx - half, top + 0.1 * half],
            [cx + half, top + 0.1 * half],
            [cx + half * 1.1, h + 5],
            [cx - half * 1.1, h + 5],
        ]
    )
    layer.poly(torso, cloth)
    if cloth[0] > 0.9:  # hi-vis vest: reflective bands
        for y in (top + 0.9 * half, top + 1.4 * half):
            layer.poly(
                np.array(
                    [
                        [cx - half * 1.05, y],
                        [cx + half * 1.05, y],
                        [cx + half * 1.05, y + 0.12 * half],
                        [cx - half * 1.05, y + 0.12 * half],
                    ]
                ),
                (0.75, 0.75, 0.72),
            )
    skin = SKIN[int(rng.integers(len(SKIN)))]
    layer.ellipse((int(cx), int(top - 0.35 * half)), (int(0.38 * half), int(0.5 * half)), 0, skin)
    if rng.random() < 0.5:  # cap or hard hat
        layer.ellipse(
            (int(cx), int(top - 0.6 * half)),
            (int(0.42 * half), int(0.3 * half)),
            0,
            CLOTHES[int(rng.integers(len(CLOTHES)))],
        )
    _arm(layer, rng, (int(cx + half * rng.choice([-1, 1])), int(top + 0.3 * half)), cloth)


def _trolley(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    x0, width = rng.uniform(-0.1, 0.7) * w, rng.uniform(0.25, 0.45) * w
    deck = rng.uniform(0.7, 0.9) * h
    metal = (0.3, 0.45, 0.7) if rng.random() < 0.5 else (0.55, 0.56, 0.58)
    tube = int(0.018 * h)
    for x in (x0, x0 + tube * 3):
        layer.line((int(x), int(deck)), (int(x), int(rng.uniform(0.05, 0.3) * h)), metal, tube)
    layer.poly(
        np.array(
            [[x0, deck], [x0 + width, deck], [x0 + width, deck + 0.04 * h], [x0, deck + 0.04 * h]]
        ),
        (0.2, 0.2, 0.2),
    )
    y = deck
    for _ in range(int(rng.integers(1, 4))):  # cartons on it
        bw, bh = rng.uniform(0.3, 0.8) * width, rng.uniform(0.1, 0.25) * h
        bx = x0 + rng.uniform(0.05, 0.3) * width
        layer.poly(
            np.array([[bx, y - bh], [bx + bw, y - bh], [bx + bw, y], [bx, y]]), (0.6, 0.46, 0.3)
        )
        layer.line(
            (int(bx), int(y - bh / 2)),
            (int(bx + bw), int(y - bh / 2)),
            (0.7, 0.58, 0.38),
            max(1, int(0.01 * h)),
        )
        y -= bh


def _ladder(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    colour = ((0.75, 0.76, 0.78), (0.9, 0.75, 0.1), (0.9, 0.4, 0.05))[int(rng.integers(3))]
    x = rng.uniform(0.1, 0.8) * w
    spread, lean = rng.uniform(0.12, 0.22) * h, rng.uniform(-0.15, 0.15) * h
    rail = int(0.022 * h)
    a, b = (int(x), h + 10), (int(x + lean), -10)
    layer.line(a, b, colour, rail)
    layer.line((a[0] + int(spread), a[1]), (b[0] + int(spread * 0.8), b[1]), colour, rail)
    for t in np.arange(0.05, 1, rng.uniform(0.08, 0.13)):
        y = int(h + 10 - t * (h + 20))
        xl = int(a[0] + (b[0] - a[0]) * t)
        layer.line((xl, y), (xl + int(spread * (1 - 0.2 * t)), y), colour, int(rail * 0.8))


def _sign(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    sw, sh = rng.uniform(0.2, 0.35) * w, rng.uniform(0.1, 0.18) * h
    x, y = rng.uniform(0, 1) * (w - sw), rng.uniform(0.05, 0.3) * h
    colour = ((0.95, 0.95, 0.93), (0.95, 0.8, 0.1), (0.8, 0.1, 0.1), (0.1, 0.4, 0.2))[
        int(rng.integers(4))
    ]
    for cx in (x + 0.15 * sw, x + 0.85 * sw):
        layer.line((int(cx), 0), (int(cx), int(y)), (0.3, 0.3, 0.3), max(1, int(0.002 * h)))
    layer.poly(np.array([[x, y], [x + sw, y], [x + sw, y + sh], [x, y + sh]]), colour)
    ink = (0.05, 0.05, 0.05) if sum(colour) > 1.5 else (0.95, 0.95, 0.95)
    text = str(rng.choice(["AISLE 12", "PICK ZONE C", "NO FORKLIFTS", "RETURNS", "BAY 40-48"]))
    letters = np.zeros((layer.h, layer.w), np.uint8)  # putText draws on 8-bit images only
    origin = (int(x + 0.06 * sw), int(y + 0.65 * sh))
    cv2.putText(letters, text, origin, cv2.FONT_HERSHEY_SIMPLEX, sh / 70, 255, max(1, int(sh / 25)))
    layer.rgb[letters > 0] = ink


def _box(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    bw, bh = rng.uniform(0.2, 0.4) * h * 1.3, rng.uniform(0.2, 0.4) * h
    x, y = rng.uniform(0, 1) * (w - bw), rng.uniform(0.2, 0.7) * h
    top = rng.uniform(0.05, 0.2) * bh
    brown = (0.6, 0.45, 0.29)
    layer.poly(np.array([[x, y], [x + bw, y], [x + bw, y + bh], [x, y + bh]]), brown)
    layer.poly(
        np.array([[x, y], [x + bw, y], [x + bw * 0.92, y - top], [x + bw * 0.08, y - top]]),
        (0.7, 0.55, 0.37),
    )
    layer.line(
        (int(x + bw / 2), int(y - top)),
        (int(x + bw / 2), int(y + bh)),
        (0.75, 0.62, 0.4),
        max(1, int(0.03 * bw)),
    )
    skin = SKIN[int(rng.integers(len(SKIN)))]
    for hx in (x, x + bw):
        layer.ellipse((int(hx), int(y + bh * 0.6)), (int(0.05 * h), int(0.07 * h)), 0, skin)


def _mast(layer: Layer, rng: np.random.Generator) -> None:
    w, h = layer.w, layer.h
    x, gap = rng.uniform(-0.05, 0.75) * w, rng.uniform(0.15, 0.3) * w
    rail = rng.uniform(0.04, 0.08) * w
    colour = ((0.15, 0.15, 0.16), (0.9, 0.7, 0.05), (0.75, 0.1, 0.08))[int(rng.integers(3))]
    for xx in (x, x + gap):
        layer.poly(np.array([[xx, -5], [xx + rail, -5], [xx + rail, h + 5], [xx, h + 5]]), colour)
        layer.poly(
            np.array(
                [
                    [xx + rail * 0.3, -5],
                    [xx + rail * 0.6, -5],
                    [xx + rail * 0.6, h + 5],
                    [xx + rail * 0.3, h + 5],
                ]
            ),
            (colour[0] * 0.6, colour[1] * 0.6, colour[2] * 0.6),
        )
    for y in rng.uniform(0, 1, 2) * h:
        layer.poly(
            np.array(
                [[x, y], [x + gap + rail, y], [x + gap + rail, y + 0.05 * h], [x, y + 0.05 * h]]
            ),
            colour,
        )
    for xx in (x + rail * 1.3, x + gap - rail * 0.3):  # lift chains
        layer.line((int(xx), -5), (int(xx), h + 5), (0.25, 0.25, 0.25), max(1, int(0.008 * w)))


def occluders(
    rng: np.random.Generator, size: tuple[int, int], count: int
) -> tuple[tuple[str, ...], Image, Image]:
    """(kinds, colour, alpha) of `count` occluders; colour is premultiplied by alpha."""
    layer = Layer(size)
    kinds = tuple(
        str(k) for k in rng.choice(KINDS, size=count, p=[0.22, 0.2, 0.12, 0.12, 0.1, 0.12, 0.12])
    )
    draw = {
        "person": _person,
        "arm": lambda lay, r: _arm(
            lay,
            r,
            (int(r.uniform(0, 1) * lay.w), lay.h + 10),
            CLOTHES[int(r.integers(len(CLOTHES)))],
        ),
        "trolley": _trolley,
        "ladder": _ladder,
        "sign": _sign,
        "box": _box,
        "mast": _mast,
    }
    for kind in kinds:
        draw[kind](layer, rng)
    # no occluder is evenly lit: a broad light fall-off and folds over the flat shapes
    w, h = size
    shade = 0.8 + 0.25 * smooth(rng, max(w // 16, 8), max(h // 16, 8), 4)
    shade += np.linspace(0.12, -0.12, shade.shape[0], dtype=np.float32)[:, None]
    layer.rgb *= cv2.resize(shade, (w, h), interpolation=cv2.INTER_LINEAR)[..., None]
    sigma = rng.uniform(1.0, 5.0) * size[1] / 1080  # close to the lens: out of focus
    rgb = cv2.GaussianBlur(layer.rgb * layer.alpha[..., None], (0, 0), sigma)
    alpha = cv2.GaussianBlur(layer.alpha, (0, 0), sigma)
    return kinds, np.asarray(rgb, np.float32), np.asarray(alpha, np.float32)
