"""Drawing primitives: anti-aliased polygons, blends, gradients, text, fake barcodes, and a
`View` that projects points with depth behind the rack's front plane into a canvas patch."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

Colour = tuple[int, int, int]
Image = npt.NDArray[np.uint8]
Points = npt.NDArray[np.float64]
Point3 = tuple[float, float, float]

FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_PLAIN)


def shade(colour: Sequence[float], factor: float) -> Colour:
    return (
        int(np.clip(colour[0] * factor, 0, 255)),
        int(np.clip(colour[1] * factor, 0, 255)),
        int(np.clip(colour[2] * factor, 0, 255)),
    )


def mix(a: Sequence[float], b: Sequence[float], t: float) -> Colour:
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


def jitter(rng: np.random.Generator, colour: Sequence[float], amount: float) -> Colour:
    f = rng.uniform(1 - amount, 1 + amount, 3)
    return shade((colour[0] * f[0], colour[1] * f[1], colour[2] * f[2]), 1.0)


def fill(img: Image, pts: npt.ArrayLike, colour: Sequence[float]) -> None:
    """Fill a polygon given in (sub)pixel coordinates."""
    p = np.round(np.asarray(pts, np.float64).reshape(-1, 2) * 16).astype(np.int32)
    cv2.fillPoly(img, [p], tuple(int(c) for c in colour), cv2.LINE_AA, 4)


def line(img: Image, a: Sequence[float], b: Sequence[float], colour: Colour, width: float) -> None:
    pa = (round(a[0] * 16), round(a[1] * 16))
    pb = (round(b[0] * 16), round(b[1] * 16))
    cv2.line(img, pa, pb, colour, max(1, round(width)), cv2.LINE_AA, 4)


def _roi(img: Image, pts: Points, pad: int = 0) -> tuple[int, int, int, int] | None:
    x0, y0 = np.floor(pts.min(axis=0)).astype(int) - pad
    x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + pad + 1
    h, w = img.shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 <= x0 or y1 <= y0:
        return None
    return int(x0), int(y0), int(x1), int(y1)


def blend(
    img: Image, pts: npt.ArrayLike, colour: Sequence[float], alpha: float, blur: float = 0.0
) -> None:
    """Blend a (optionally soft-edged) polygon of `colour` over the image."""
    p = np.asarray(pts, np.float64).reshape(-1, 2)
    pad = int(3 * blur) + 1
    box = _roi(img, p, pad)
    if box is None:
        return
    x0, y0, x1, y1 = box
    mask = np.zeros((y1 - y0, x1 - x0), np.float32)
    fill_mask = np.round((p - (x0, y0)) * 16).astype(np.int32)
    cv2.fillPoly(mask, [fill_mask], 1.0, cv2.LINE_AA, 4)
    if blur > 0:
        mask = np.asarray(cv2.GaussianBlur(mask, (0, 0), blur), np.float32)
    a = (mask * alpha)[..., None]
    roi = img[y0:y1, x0:x1].astype(np.float32)
    img[y0:y1, x0:x1] = (roi * (1 - a) + np.asarray(colour, np.float32) * a).astype(np.uint8)


def gradient(
    img: Image,
    pts: npt.ArrayLike,
    start: Sequence[float],
    end: Sequence[float],
    direction: tuple[float, float] = (0.0, 1.0),
) -> None:
    """Fill a polygon with a linear gradient from `start` to `end` along `direction`."""
    p = np.asarray(pts, np.float64).reshape(-1, 2)
    box = _roi(img, p)
    if box is None:
        return
    x0, y0, x1, y1 = box
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(mask, [np.round((p - (x0, y0)) * 16).astype(np.int32)], 255, cv2.LINE_AA, 4)
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = direction
    proj = xs * dx + ys * dy
    lo = float((p @ np.array([dx, dy])).min())
    hi = float((p @ np.array([dx, dy])).max())
    t = np.clip((proj - lo) / max(hi - lo, 1e-3), 0, 1)[..., None]
    first = np.asarray(start, np.float32)
    colours = first + (np.asarray(end, np.float32) - first) * t
    a = (mask.astype(np.float32) / 255)[..., None]
    roi = img[y0:y1, x0:x1].astype(np.float32)
    img[y0:y1, x0:x1] = (roi * (1 - a) + colours * a).astype(np.uint8)


def text(
    img: Image,
    content: str,
    box: Sequence[float],
    colour: Colour,
    font: int = cv2.FONT_HERSHEY_SIMPLEX,
    bold: float = 1.0,
) -> None:
    """Write `content` as large as fits into box (x0, y0, x1, y1), left aligned, centred."""
    x0, y0, x1, y1 = box
    (tw, th), base = cv2.getTextSize(content, font, 1.0, 2)
    scale = min((x1 - x0) / max(tw, 1), (y1 - y0) / max(th + base, 1))
    if scale * th < 3:
        # too small to be text: a grey smear, as a camera would see it
        blend(
            img,
            [
                (x0, y0 + (y1 - y0) * 0.3),
                (x1, y0 + (y1 - y0) * 0.3),
                (x1, y1 - (y1 - y0) * 0.3),
                (x0, y1 - (y1 - y0) * 0.3),
            ],
            colour,
            0.5,
        )
        return
    thick = max(1, round(scale * 1.6 * bold))
    org = (round(x0), round(y0 + (y1 - y0 + th * scale) / 2))
    cv2.putText(img, content, org, font, scale, colour, thick, cv2.LINE_AA)


def barcode(img: Image, box: Sequence[float], rng: np.random.Generator, colour: Colour) -> None:
    """Black bars of random widths (not decodable; only the look of a barcode)."""
    x0, y0, x1, y1 = box
    width = x1 - x0
    x = x0 + 0.04 * width
    module = max(0.6, width / float(rng.uniform(60, 110)))
    while x < x1 - 0.04 * width:
        w = module * float(rng.integers(1, 4))
        if rng.random() < 0.55:
            fill(img, [(x, y0), (x + w, y0), (x + w, y1), (x, y1)], colour)
        x += w + module * float(rng.integers(1, 3))


def paper_label(
    img: Image, box: Sequence[float], rng: np.random.Generator, content: str, paper: Colour
) -> None:
    """A white label with a line of text over a barcode."""
    x0, y0, x1, y1 = box
    fill(img, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], paper)
    w, h = x1 - x0, y1 - y0
    ink = (22, 22, 24)
    if h > 8:
        text(img, content, (x0 + 0.07 * w, y0 + 0.08 * h, x1 - 0.07 * w, y0 + 0.42 * h), ink)
        barcode(img, (x0 + 0.05 * w, y0 + 0.52 * h, x1 - 0.05 * w, y1 - 0.1 * h), rng, ink)
    else:
        barcode(img, (x0 + 0.05 * w, y0 + 0.2 * h, x1 - 0.05 * w, y1 - 0.2 * h), rng, ink)


class View:
    """A patch of the canvas seen by the camera standing at `foot`, `distance` in front: a point
    (x, y) of the front plane `depth` behind it is drawn at foot + (p - foot)·z/(z + depth)."""

    def __init__(
        self, image: Image, origin: tuple[int, int], foot: tuple[float, float], distance: float
    ) -> None:
        self.image = image
        self.ox, self.oy = origin
        self.fx, self.fy = foot
        self.z = distance

    def scale(self, depth: float) -> float:
        return self.z / (self.z + depth)

    def at(self, x: float, y: float, depth: float) -> tuple[float, float]:
        s = self.z / (self.z + depth)
        return self.fx + (x - self.fx) * s - self.ox, self.fy + (y - self.fy) * s - self.oy

    def pts(self, points: Sequence[Point3]) -> Points:
        return np.array([self.at(*p) for p in points], np.float64)

    def fill(self, points: Sequence[Point3], colour: Sequence[float]) -> None:
        fill(self.image, self.pts(points), colour)

    def blend(
        self, points: Sequence[Point3], colour: Sequence[float], alpha: float, blur: float = 0.0
    ) -> None:
        blend(self.image, self.pts(points), colour, alpha, blur)

    def rect(self, x0: float, y0: float, x1: float, y1: float, depth: float) -> tuple[float, ...]:
        """A front-facing rectangle at `depth`, in patch pixels."""
        a, b = self.at(x0, y0, depth), self.at(x1, y1, depth)
        return a[0], a[1], b[0], b[1]

    def box(
        self,
        x: float,
        bottom: float,
        depth: float,
        size: tuple[float, float, float],
        colour: Sequence[float],
    ) -> tuple[float, ...]:
        """A closed box standing on `bottom` (its front-left-bottom corner at x, depth): the
        faces the camera sees, lit from above. Returns its front face in patch pixels."""
        w, h, t = size
        top = bottom - h
        near, far = depth, depth + t
        if self.fy < top:
            self.fill(
                [(x, top, near), (x + w, top, near), (x + w, top, far), (x, top, far)],
                shade(colour, 1.14),
            )
        if self.fx < x:
            self.fill(
                [(x, top, near), (x, top, far), (x, bottom, far), (x, bottom, near)],
                shade(colour, 0.7),
            )
        if self.fx > x + w:
            self.fill(
                [
                    (x + w, top, near),
                    (x + w, top, far),
                    (x + w, bottom, far),
                    (x + w, bottom, near),
                ],
                shade(colour, 0.7),
            )
        self.fill(
            [(x, top, near), (x + w, top, near), (x + w, bottom, near), (x, bottom, near)], colour
        )
        return self.rect(x, top, x + w, bottom, near)
