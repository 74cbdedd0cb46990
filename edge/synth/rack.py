"""The layout of a synthetic rack: geometry, colours, codes and camera pose, from a seed.

A layout is everything that stays fixed while a camera watches a rack: where each bin is on
the rack's front plane, what it looks like when empty, which part it stocks, and how the camera
sees the plane (a homography plus radial lens distortion). Drawing is `render`'s business.
Plane units are chosen so that one plane pixel is about one image pixel.
"""

from __future__ import annotations

import colorsys
import logging
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

logger = logging.getLogger(__name__)

Color = tuple[int, int, int]
Rect = tuple[int, int, int, int]
BackKind = Literal["plain", "perforated", "wood", "open"]

MIN_MODULE_PX = 3.0  # narrowest bar or cell of a location label a camera reads reliably
# A Code 128 of the 10-character location codes below: start, 10 characters, check and stop
# symbols (11 + 110 + 11 + 13 modules) and two 10-module quiet zones.
CODE128_LABEL_MODULES = 165


@dataclass(frozen=True)
class ToteStyle:
    """A plastic tote standing in a bin opening (an open-front hopper bin when `notch`)."""

    color: Color
    height_frac: float  # of the opening
    lip_frac: float  # front-wall height as a fraction of the tote
    margin_frac: float  # free space left and right, fraction of the opening width
    notch: bool


@dataclass(frozen=True)
class BinSpec:
    """One storage location on the rack plane."""

    location: str
    level: int
    slot: int
    rect: Rect  # the bin opening on the plane: x0, y0, x1, y1
    label_rect: Rect  # the location label on the beam below
    tote: ToteStyle | None
    item: str  # the part this bin stocks when occupied
    quantity: int


@dataclass(frozen=True)
class CameraPose:
    """Plane → image: `homography` to the ideal pinhole image, then radial distortion."""

    homography: np.ndarray  # 3×3 float64
    k1: float
    k2: float
    image_size: tuple[int, int]  # width, height

    @property
    def focal(self) -> float:
        return 0.9 * max(self.image_size)

    def undistorted_from_distorted(self, points: np.ndarray) -> np.ndarray:
        """Map raw (distorted) image pixels to ideal pixels; defines the lens model."""
        w, h = self.image_size
        centre = np.array([w / 2.0, h / 2.0])
        n = (points - centre) / self.focal
        r2 = np.sum(n * n, axis=-1, keepdims=True)
        return np.asarray(n * (1.0 + self.k1 * r2 + self.k2 * r2 * r2) * self.focal + centre)

    def distorted_from_undistorted(self, points: np.ndarray) -> np.ndarray:
        """Inverse of the lens model by fixed-point iteration (converges for mild distortion)."""
        w, h = self.image_size
        centre = np.array([w / 2.0, h / 2.0])
        u = (points - centre) / self.focal
        d = u.copy()
        for _ in range(30):
            r2 = np.sum(d * d, axis=-1, keepdims=True)
            d = u / (1.0 + self.k1 * r2 + self.k2 * r2 * r2)
        return np.asarray(d * self.focal + centre)

    def project(self, plane_points: np.ndarray) -> np.ndarray:
        """Plane points (N×2) → raw image pixels (N×2)."""
        pts = cv2.perspectiveTransform(
            plane_points.reshape(-1, 1, 2).astype(np.float64), self.homography
        ).reshape(-1, 2)
        return self.distorted_from_undistorted(pts)


@dataclass(frozen=True)
class RackLayout:
    seed: int
    rows: int
    cols: int
    plane_size: tuple[int, int]  # width, height of the rack plane canvas
    bins: tuple[BinSpec, ...]
    upright_color: Color
    beam_color: Color
    back_color: Color
    back_kind: BackKind
    wall_color: Color
    floor_color: Color
    shelf_color: Color  # the shelf surface seen at the bottom of open bins
    label_symbol: Literal["code128", "datamatrix"]
    label_paper: Color
    upright_w: int
    beam_h: int
    camera: CameraPose


def random_color(
    rng: np.random.Generator,
    sat: tuple[float, float] = (0.0, 1.0),
    val: tuple[float, float] = (0.15, 0.95),
) -> Color:
    """A BGR colour with hue uniform and saturation/value in the given ranges."""
    r, g, b = colorsys.hsv_to_rgb(
        float(rng.random()), float(rng.uniform(*sat)), float(rng.uniform(*val))
    )
    return (int(b * 255), int(g * 255), int(r * 255))


_TOTE_PALETTE: tuple[Color, ...] = (
    (160, 90, 20),
    (40, 40, 190),
    (30, 190, 230),
    (60, 140, 40),
    (120, 120, 120),
    (40, 40, 40),
    (220, 220, 215),
    (200, 150, 60),
    (30, 110, 230),
    (150, 60, 130),
)


def _tote_color(rng: np.random.Generator) -> Color:
    if rng.random() < 0.55:
        base = _TOTE_PALETTE[int(rng.integers(len(_TOTE_PALETTE)))]
        return tuple(int(np.clip(c + rng.normal(0, 18), 0, 255)) for c in base)  # type: ignore[return-value]
    return random_color(rng)


def _part_number(rng: np.random.Generator) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    prefix = "".join(letters[int(i)] for i in rng.integers(0, len(letters), 2))
    return f"{prefix}-{int(rng.integers(1000, 99999))}"


def make_layout(
    seed: int, size: tuple[int, int], rows: int | None = None, cols: int | None = None
) -> RackLayout:
    """The rack and camera pose for `seed` (deterministic: same arguments, same layout)."""
    rng = np.random.default_rng([seed, 1])
    width, height = size
    rows = rows if rows is not None else int(rng.integers(2, 6))
    cols = cols if cols is not None else int(rng.integers(3, 9))

    # Image-space targets first, so plane pixels come out about as large as image pixels.
    cover = rng.uniform(0.55, 0.95)
    cell_aspect = rng.uniform(0.5, 1.05)  # opening height / width
    beam_rel = rng.uniform(0.2, 0.38)  # beam height / opening height
    upright_rel = rng.uniform(0.05, 0.12)
    divider_rel = rng.uniform(0.0, 0.06) if rng.random() < 0.6 else 0.0
    rel_w = cols * 1.0 + (cols - 1) * divider_rel + 2 * upright_rel
    rel_h = rows * cell_aspect * (1 + beam_rel) + cell_aspect * beam_rel
    scale = min(cover * width / rel_w, 0.92 * height / rel_h)
    cell_w = max(24, int(scale))
    cell_h = max(16, int(cell_w * cell_aspect))
    beam_h = max(8, int(cell_h * beam_rel))
    upright_w = max(4, int(cell_w * upright_rel))
    divider_w = int(cell_w * divider_rel)
    plane_w = 2 * upright_w + cols * cell_w + (cols - 1) * divider_w
    plane_h = beam_h + rows * (cell_h + beam_h)

    aisle = "ABCDEFGH"[int(rng.integers(8))]
    bay = int(rng.integers(1, 40))
    use_totes = rng.random() < 0.55
    mixed_totes = rng.random() < 0.25
    tote_base = _tote_color(rng)
    # Compact labels (a 2D code and the text) or wide ones spanning most of the opening.
    compact_labels = rng.random() < 0.4
    # Location labels are printed to be read from where the cameras hang: a Code 128 only
    # where its bars come out at least MIN_MODULE_PX wide, a DataMatrix everywhere else.
    label_symbol: Literal["code128", "datamatrix"] = (
        "code128"
        if not compact_labels and 0.8 * (cell_w - 4) >= CODE128_LABEL_MODULES * MIN_MODULE_PX
        else "datamatrix"
    )
    label_align = rng.choice(["left", "centre"])

    bins: list[BinSpec] = []
    for r in range(rows):  # r = 0 is the top row
        level = rows - r
        y0 = beam_h + r * (cell_h + beam_h)
        for c in range(cols):
            x0 = upright_w + c * (cell_w + divider_w)
            rect = (x0, y0, x0 + cell_w, y0 + cell_h)
            label_h = int(beam_h * rng.uniform(0.8, 0.92))
            if compact_labels:
                lw = min(int(label_h * rng.uniform(3.0, 4.5)), cell_w - 4)
            else:
                lw = int((cell_w - 4) * rng.uniform(0.8, 1.0))
            lx = x0 + 3 if label_align == "left" else x0 + (cell_w - lw) // 2
            ly = y0 + cell_h + (beam_h - label_h) // 2
            tote: ToteStyle | None = None
            if use_totes:
                color = _tote_color(rng) if mixed_totes else tote_base
                tote = ToteStyle(
                    color=color,
                    height_frac=float(rng.uniform(0.55, 0.95)),
                    lip_frac=float(rng.uniform(0.15, 0.45)),
                    margin_frac=float(rng.uniform(0.02, 0.1)),
                    notch=bool(rng.random() < 0.4),
                )
            bins.append(
                BinSpec(
                    location=f"{aisle}-{bay:02d}-{level:02d}-{c + 1:02d}",
                    level=level,
                    slot=c + 1,
                    rect=rect,
                    label_rect=(lx, ly, lx + lw, ly + label_h),
                    tote=tote,
                    item=_part_number(rng),
                    quantity=int(rng.integers(1, 500)),
                )
            )

    camera = _camera_pose(rng, (plane_w, plane_h), size)
    back_kind: BackKind = rng.choice(["plain", "perforated", "wood", "open"])
    return RackLayout(
        seed=seed,
        rows=rows,
        cols=cols,
        plane_size=(plane_w, plane_h),
        bins=tuple(bins),
        upright_color=random_color(rng) if rng.random() < 0.6 else (35, 90, 220),
        beam_color=random_color(rng) if rng.random() < 0.5 else (20, 110, 240),
        back_color=random_color(rng, val=(0.2, 0.95)),
        back_kind=back_kind,
        wall_color=random_color(rng, sat=(0.0, 0.4), val=(0.3, 0.95)),
        floor_color=random_color(rng, sat=(0.0, 0.3), val=(0.2, 0.7)),
        shelf_color=random_color(rng, sat=(0.0, 0.6), val=(0.25, 0.95)),
        label_symbol=label_symbol,
        label_paper=(245, 245, 245) if rng.random() < 0.7 else (120, 230, 250),
        upright_w=upright_w,
        beam_h=beam_h,
        camera=camera,
    )


def _camera_pose(
    rng: np.random.Generator, plane: tuple[int, int], size: tuple[int, int]
) -> CameraPose:
    """A perspective view that keeps the whole rack inside the image."""
    width, height = size
    pw, ph = plane
    k1 = float(rng.uniform(-0.04, 0.16))
    k2 = float(rng.uniform(-0.02, 0.04))
    yaw = rng.uniform(-0.22, 0.22)
    pitch = rng.uniform(-0.14, 0.14)
    angle = np.deg2rad(rng.uniform(-4, 4))
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    for shrink in np.linspace(1.0, 0.4, 13):
        half_w, half_h = pw / 2 * shrink, ph / 2 * shrink
        quad = np.array(
            [
                [-half_w * (1 + pitch), -half_h * (1 + yaw)],
                [half_w * (1 + pitch), -half_h * (1 - yaw)],
                [half_w * (1 - pitch), half_h * (1 - yaw)],
                [-half_w * (1 - pitch), half_h * (1 + yaw)],
            ]
        )
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        quad = quad @ rot.T
        span = quad.max(axis=0) - quad.min(axis=0)
        free_x = max(0.0, (width - span[0]) / 2 - 8)
        free_y = max(0.0, (height - span[1]) / 2 - 8)
        centre = np.array(
            [width / 2 + rng.uniform(-free_x, free_x), height / 2 + rng.uniform(-free_y, free_y)]
        )
        dst = (quad + centre).astype(np.float32)
        pose = CameraPose(cv2.getPerspectiveTransform(src, dst), k1, k2, size)
        corners = pose.project(src.astype(np.float64))
        if (
            (corners.min(axis=0) >= 4).all()
            and (corners[:, 0] <= width - 4).all()
            and (corners[:, 1] <= height - 4).all()
        ):
            return pose
    return pose
