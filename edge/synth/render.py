"""Drawing a rack scene: the rack plane, its bins and contents, the camera, the occluders.

`render_scene` is the public entry point; `RackRenderer` keeps the per-layout work (lens maps,
background) so that videos and training sets render many frames of one rack cheaply.
Randomness comes from separate streams keyed by the seed, so a bin's empty look (its litter)
and its stock stay the same across frames while light, noise and occluders vary.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

import cv2
import numpy as np

from edge.synth.degrade import (
    Photometry,
    apply_photometry,
    distort,
    lens_maps,
    random_photometry,
    warp_plane,
)
from edge.synth.labels import location_label, paste
from edge.synth.litter import draw_litter
from edge.synth.occluders import draw_random_occluder
from edge.synth.rack import BinSpec, Color, RackLayout, make_layout, random_color
from edge.synth.stock import draw_occupied

logger = logging.getLogger(__name__)

State = Literal["empty", "occupied"]
OCCLUDED_FRACTION = 0.2  # a bin hidden this much or more is "occluded" in the truth
_VISIBLE_FRACTION = 0.01  # an occupied bin shows stock on at least this share of its area
_VISIBLE_ATTEMPTS = 6


@dataclass(frozen=True)
class BinTruth:
    location: str
    state: State
    occluded: bool
    item: str | None
    polygon: list[tuple[float, float]]  # 4 points, image pixels, clockwise from top-left
    occluded_fraction: float = 0.0


@dataclass(frozen=True)
class RackScene:
    image: np.ndarray  # BGR uint8
    calibration: dict[str, Any]
    truth: list[BinTruth]


def _shade(color: Color, factor: float) -> Color:
    return tuple(min(255, max(0, int(c * factor))) for c in color)  # type: ignore[return-value]


def _texture(roi: np.ndarray, kind: str, color: Color, cell: int, rng: np.random.Generator) -> None:
    roi[:] = color
    h, w = roi.shape[:2]
    if kind == "perforated":
        step = max(5, int(cell * rng.uniform(0.04, 0.1)))
        dark = _shade(color, 0.35)
        for y in range(step // 2, h, step):
            for x in range(step // 2, w, step):
                cv2.circle(roi, (x, y), max(1, step // 5), dark, -1)
    elif kind == "wood":
        for _ in range(max(3, h // 6)):
            y = int(rng.uniform(0, h))
            cv2.line(
                roi,
                (0, y),
                (w, y + int(rng.normal(0, 3))),
                _shade(color, rng.uniform(0.8, 1.15)),
                int(rng.integers(1, 3)),
            )
    elif kind == "open":  # see-through to goods on the far side of the next aisle
        for _ in range(int(rng.integers(1, 5))):
            bw, bh = int(w * rng.uniform(0.1, 0.5)), int(h * rng.uniform(0.1, 0.6))
            x, y = int(rng.uniform(0, w)), int(rng.uniform(0, h))
            cv2.rectangle(roi, (x, y), (x + bw, y + bh), _shade(random_color(rng), 0.6), -1)


class RackRenderer:
    """Renders frames of one rack layout (fixed camera) with any bin states."""

    def __init__(self, layout: RackLayout) -> None:
        self.layout = layout
        self._maps = lens_maps(layout.camera)
        self._background = self._draw_background()
        self._polygons = {
            b.location: layout.camera.project(
                np.array(
                    [
                        [b.rect[0], b.rect[1]],
                        [b.rect[2], b.rect[1]],
                        [b.rect[2], b.rect[3]],
                        [b.rect[0], b.rect[3]],
                    ],
                    np.float64,
                )
            )
            for b in layout.bins
        }
        self._labels: dict[str, tuple[np.ndarray, tuple[int, int, int, int]]] = {}
        for b in layout.bins:
            x0, y0, x1, y1 = b.label_rect
            art = location_label(
                b.location, layout.label_symbol, (x1 - x0, y1 - y0), layout.label_paper
            )
            self._labels[b.location] = (art, b.label_rect)
        self._label_polygons = {
            loc: layout.camera.project(
                np.array([[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]]], np.float64)
            )
            for loc, (_, r) in self._labels.items()
        }
        w, h = layout.camera.image_size
        self._bin_masks: dict[str, tuple[tuple[int, int, int, int], np.ndarray]] = {}
        for loc, poly in self._polygons.items():
            x0, y0 = np.floor(poly.min(axis=0)).astype(int)
            x1, y1 = np.ceil(poly.max(axis=0)).astype(int) + 1
            x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
            m = np.zeros((y1 - y0, x1 - x0), np.uint8)
            cv2.fillPoly(m, [np.round(poly - [x0, y0]).astype(np.int32)], 1)
            self._bin_masks[loc] = ((x0, y0, x1, y1), m)

    # -- geometry -------------------------------------------------------------------------
    def polygon(self, location: str) -> list[tuple[float, float]]:
        return [(round(float(x), 2), round(float(y), 2)) for x, y in self._polygons[location]]

    def calibration(self, camera: str, site: str) -> dict[str, Any]:
        """The contract's calibration-file dict for this rack."""
        w, h = self.layout.camera.image_size
        return {
            "camera": camera,
            "site": site,
            "image_size": [w, h],
            "bins": [
                {
                    "location": b.location,
                    "polygon": [[x, y] for x, y in self.polygon(b.location)],
                    "label_polygon": [
                        [round(float(x), 2), round(float(y), 2)]
                        for x, y in self._label_polygons[b.location]
                    ],
                }
                for b in self.layout.bins
            ],
        }

    def occluded_fractions(self, mask: np.ndarray) -> dict[str, float]:
        out: dict[str, float] = {}
        for loc, ((x0, y0, x1, y1), m) in self._bin_masks.items():
            inside = m > 0
            out[loc] = float((mask[y0:y1, x0:x1][inside] > 0).mean()) if inside.any() else 0.0
        return out

    # -- drawing --------------------------------------------------------------------------
    def _draw_background(self) -> np.ndarray:
        layout = self.layout
        w, h = layout.camera.image_size
        rng = np.random.default_rng([layout.seed, 5])
        bg = np.empty((h, w, 3), np.uint8)
        bg[:] = layout.wall_color
        horizon = int(h * rng.uniform(0.75, 1.0))
        bg[horizon:] = layout.floor_color
        for _ in range(int(rng.integers(3, 12))):  # neighbouring racks, boxes, doors
            bw, bh = int(w * rng.uniform(0.05, 0.3)), int(h * rng.uniform(0.05, 0.5))
            x, y = int(rng.uniform(-bw / 2, w)), int(rng.uniform(0, h))
            cv2.rectangle(bg, (x, y), (x + bw, y + bh), random_color(rng), -1)
        return cv2.GaussianBlur(bg, (0, 0), 2.0)

    def draw_plane(self, states: dict[str, State], refills: dict[str, int]) -> np.ndarray:
        layout = self.layout
        pw, ph = layout.plane_size
        style = np.random.default_rng([layout.seed, 2])
        plane = np.empty((ph, pw, 3), np.uint8)
        cell = layout.bins[0].rect[2] - layout.bins[0].rect[0]
        _texture(plane, layout.back_kind, layout.back_color, cell, style)
        shelf_band = style.uniform(0.06, 0.2)
        # uprights with their punched holes
        for x in (0, pw - layout.upright_w):
            roi = plane[:, x : x + layout.upright_w]
            roi[:] = layout.upright_color
            step = max(6, layout.upright_w)
            for y in range(step // 2, ph, step):
                cv2.rectangle(
                    roi,
                    (layout.upright_w // 3, y),
                    (layout.upright_w * 2 // 3, y + step // 3),
                    _shade(layout.upright_color, 0.3),
                    -1,
                )
        for b in layout.bins:
            self._draw_bin(
                plane, b, states.get(b.location, "empty"), refills.get(b.location, 0), shelf_band
            )
        # beams: one under each level and one on top
        tops = sorted({b.rect[3] for b in layout.bins} | {0})
        for y in tops:
            y1 = min(ph, y + layout.beam_h)
            plane[y:y1, layout.upright_w // 2 : pw - layout.upright_w // 2] = layout.beam_color
            cv2.line(plane, (0, y), (pw, y), _shade(layout.beam_color, 1.3), 1)
            cv2.line(plane, (0, y1 - 1), (pw, y1 - 1), _shade(layout.beam_color, 0.5), 2)
        # dividers between neighbouring openings on a level
        for a, b in zip(layout.bins, layout.bins[1:], strict=False):
            if a.level == b.level and b.rect[0] > a.rect[2]:
                plane[a.rect[1] : a.rect[3], a.rect[2] : b.rect[0]] = _shade(
                    layout.upright_color, 0.8
                )
        for art, (x0, y0, x1, _) in self._labels.values():
            paste(plane, art, x0, y0, x1 - x0)
        return plane

    def _draw_bin(
        self, plane: np.ndarray, b: BinSpec, state: State, refill: int, shelf_band: float
    ) -> None:
        x0, y0, x1, y1 = b.rect
        index = next(i for i, c in enumerate(self.layout.bins) if c.location == b.location)
        look = np.random.default_rng([self.layout.seed, 3, index])
        roi = plane[y0:y1, x0:x1]
        h, w = roi.shape[:2]
        # light falls from the front and above: the top of an opening sits in the beam's shadow
        depth = look.uniform(0.3, 0.75)
        ramp = 1.0 - depth * np.clip(1 - np.linspace(0, 1, h) / look.uniform(0.3, 0.9), 0, 1)
        if b.tote is None:
            floor_h = max(2, int(h * shelf_band))
            roi[h - floor_h :] = self.layout.shelf_color
            draw_litter(roi, (0, 0, w, h), self.layout.back_color, look)
            contents_box = (0, int(h * look.uniform(0.0, 0.15)), w, h - floor_h // 2)
            lip: tuple[int, int] | None = None
            bin_color = self.layout.back_color
        else:
            t = b.tote
            m = int(w * t.margin_frac)
            top = int(h * (1 - t.height_frac))
            lip_h = max(2, int((h - top) * t.lip_frac))
            inner = _shade(t.color, 0.7)
            roi[top:, m : w - m] = inner
            wall = max(1, w // 30)
            roi[top:, m : m + wall] = _shade(t.color, 0.85)
            roi[top:, w - m - wall : w - m] = _shade(t.color, 0.85)
            cv2.line(roi, (m, top), (w - m, top), _shade(t.color, 1.2), max(1, h // 60))
            draw_litter(
                roi[top:, m + wall : w - m - wall],
                (0, 0, w - 2 * m - 2 * wall, h - top),
                inner,
                look,
            )
            # items stand on the tote floor just behind the front wall, which hides their feet
            floor = h - lip_h + max(1, int(lip_h * 0.35))
            contents_box = (m + wall, int(top - (h - top) * 0.1), w - m - wall, floor)
            lip = (m, lip_h)
            bin_color = inner
        empty_look = roi.copy()
        self._draw_lip(empty_look, b, lip)
        if state == "occupied":
            cx0, cy0, cx1, cy1 = contents_box
            cy0 = max(0, cy0)
            base = roi.copy()
            for attempt in range(_VISIBLE_ATTEMPTS):
                # truth says occupied, so the stock must show: redraw stock that hides
                # behind the lip or matches the bin too closely
                roi[:] = base
                stock = np.random.default_rng([self.layout.seed, 4, index, refill, attempt])
                draw_occupied(
                    roi[cy0:cy1, cx0:cx1],
                    (0, 0, cx1 - cx0, cy1 - cy0),
                    bin_color,
                    b.item,
                    b.quantity,
                    stock,
                )
                self._draw_lip(roi, b, lip)
                changed = np.abs(roi.astype(np.int16) - empty_look).max(axis=-1) > 30
                if changed.mean() >= _VISIBLE_FRACTION:
                    break
        else:
            roi[:] = empty_look
        shaded = roi.astype(np.float32) * ramp[:, None, None].astype(np.float32)
        roi[:] = shaded.astype(np.uint8)

    @staticmethod
    def _draw_lip(roi: np.ndarray, b: BinSpec, lip: tuple[int, int] | None) -> None:
        """The tote's front wall (with a hopper notch) in front of its contents."""
        if lip is None or b.tote is None:
            return
        h, w = roi.shape[:2]
        m, lip_h = lip
        top = h - lip_h
        if b.tote.notch:
            nw = (w - 2 * m) * 0.5
            front = np.array(
                [
                    [m, top],
                    [w / 2 - nw / 2, top],
                    [w / 2 - nw / 3, h - lip_h * 0.5],
                    [w / 2 + nw / 3, h - lip_h * 0.5],
                    [w / 2 + nw / 2, top],
                    [w - m, top],
                    [w - m, h],
                    [m, h],
                ]
            )
        else:
            front = np.array([[m, top], [w - m, top], [w - m, h], [m, h]])
        cv2.fillPoly(roi, [front.astype(np.int32)], b.tote.color)
        cv2.polylines(
            roi, [front[:6].astype(np.int32)], False, _shade(b.tote.color, 1.25), 1, cv2.LINE_AA
        )

    def compose(self, states: dict[str, State], refills: dict[str, int]) -> np.ndarray:
        """The distorted, noise-free frame of the rack and its background (no occluders)."""
        plane = self.draw_plane(states, refills)
        ideal = warp_plane(plane, self._background, self.layout.camera)
        return distort(ideal, self._maps)

    def render(
        self,
        states: dict[str, State],
        *,
        photometry: Photometry,
        noise_rng: np.random.Generator,
        occluder_rng: np.random.Generator | None = None,
        occluders: int = 0,
        refills: dict[str, int] | None = None,
        overlay: Any = None,
    ) -> tuple[np.ndarray, dict[str, float]]:
        """A raw camera frame and the occluded fraction of each bin.

        `overlay(image, mask)` may draw extra occluders (the video's walking person).
        """
        image = self.compose(states, refills or {})
        mask = np.zeros(image.shape[:2], np.uint8)
        if occluder_rng is not None:
            for _ in range(occluders):
                draw_random_occluder(image, mask, occluder_rng)
        if overlay is not None:
            overlay(image, mask)
        frame = apply_photometry(image, photometry, noise_rng)
        return frame, self.occluded_fractions(mask)


def random_states(seed: int, locations: list[str]) -> dict[str, State]:
    rng = np.random.default_rng([seed, 6])
    p_empty = rng.uniform(0.2, 0.6)
    return {loc: ("empty" if rng.random() < p_empty else "occupied") for loc in locations}


def render_scene(
    seed: int,
    *,
    size: tuple[int, int] = (1920, 1080),
    rows: int | None = None,
    cols: int | None = None,
    states: dict[str, str] | None = None,
    occluders: bool = True,
    camera: str = "rack-a01",
    site: str = "plant-1",
    variant: int = 0,
    refills: dict[str, int] | None = None,
) -> RackScene:
    """One synthetic camera frame of a rack, its calibration and its ground truth.

    The same seed (and rows/cols/size) gives the same rack, camera pose and stock; `states`
    forces bin states (others are drawn from the seed); `variant` changes light, noise and
    occluders only (a reference frame and a later frame); `refills` gives a bin new stock.
    """
    layout = make_layout(seed, size, rows, cols)
    renderer = RackRenderer(layout)
    chosen = random_states(seed, [b.location for b in layout.bins])
    for loc, state in (states or {}).items():
        if state not in ("empty", "occupied"):
            raise ValueError(f"bin state must be empty or occupied, not {state!r} ({loc})")
        if loc in chosen:
            chosen[loc] = state  # type: ignore[assignment]
    photo_rng = np.random.default_rng([seed, 7, variant])
    occ_rng = np.random.default_rng([seed, 8, variant])
    n_occ = int(occ_rng.choice([0, 0, 1, 1, 2])) if occluders else 0
    image, fractions = renderer.render(
        chosen,
        photometry=random_photometry(photo_rng),
        noise_rng=photo_rng,
        occluder_rng=occ_rng,
        occluders=n_occ,
        refills=refills,
    )
    truth = [
        BinTruth(
            location=b.location,
            state=chosen[b.location],
            occluded=fractions[b.location] >= OCCLUDED_FRACTION,
            item=b.item if chosen[b.location] == "occupied" else None,
            polygon=renderer.polygon(b.location),
            occluded_fraction=round(fractions[b.location], 4),
        )
        for b in layout.bins
    ]
    return RackScene(image=image, calibration=renderer.calibration(camera, site), truth=truth)
