"""Proposing bin polygons from the location labels visible in one snapshot (`edge calibrate bins`).

Shelf-edge location labels sit on the beam just below their bin. The proposer decodes them (the
whole frame, then overlapping tiles upscaled 2×, because small labels are missed at full-frame
scale, then once more along each shelf row it found and where a row between two found ones
must be, upscaled until the labels are large), groups them into shelf rows, and estimates each
bin from its neighbours: the bottom edge
is the row's label top line, the sides come from the label pitch along the row, the top is the
shelf edge of the row above (or, for the top row, the measured row spacing or a height
proportional to the label pitch). The result is a contract calibration document to review with
the overlay, not ground truth: bins whose label cannot be read are not proposed.
Pure image logic: no files, no configuration.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from edge.labels import parse_label
from edge.vision.decode import Symbol, decode_image, to_gray

logger = logging.getLogger(__name__)

Image = npt.NDArray[np.uint8]
Vec = npt.NDArray[np.float64]

TILE_GRID = (4, 3)  # columns × rows of the tiling; tiles overlap by half
TILE_UPSCALE = 2.0
TILE_BUDGET_MS = 30.0
FULL_BUDGET_MS = 250.0
# Second look along the shelf rows: crops a few labels wide, upscaled so that a label's symbol
# is about ROW_LABEL_PX tall (small, blurred labels read there that the tiles miss).
ROW_LABEL_PX = 64.0
ROW_MAX_UPSCALE = 4.0
ROW_CROP_LABELS = 10  # crop width in label widths; crops overlap by half
ROW_BUDGET_MS = 40.0
# The bin starts slightly left of its label: labels are stuck a few millimetres in.
SIDE_MARGIN = 0.03  # of the pitch
# Below a 2D symbol there is little paper; below a 1D barcode the human-readable text.
PAPER_BELOW_2D = 0.15  # of the symbol height
PAPER_BELOW_1D = 0.55
TOP_ROW_ASPECT = 0.8  # bin height ÷ pitch when there is no other row to measure
TWO_D = ("DataMatrix", "QRCode", "MicroQRCode", "Aztec", "PDF417", "RMQRCode")


@dataclass(frozen=True)
class LocationLabel:
    """One decoded location label: the code and the symbol's corners (clockwise from top-left)."""

    location: str
    corners: tuple[tuple[float, float], ...]
    format: str

    def points(self) -> Vec:
        return np.asarray(self.corners, dtype=np.float64)

    @property
    def centre(self) -> Vec:
        centre: Vec = self.points().mean(axis=0)
        return centre

    @property
    def height(self) -> float:
        p = self.points()
        return float((np.linalg.norm(p[3] - p[0]) + np.linalg.norm(p[2] - p[1])) / 2.0)

    @property
    def paper_below(self) -> float:
        two_d = any(self.format.startswith(name) for name in TWO_D)
        return (PAPER_BELOW_2D if two_d else PAPER_BELOW_1D) * self.height


@dataclass(frozen=True)
class Proposal:
    """Proposed bins (contract calibration document) and the labels they came from."""

    document: dict[str, Any]
    labels: tuple[LocationLabel, ...]
    rows: int


def _location(symbol: Symbol, pattern: str | re.Pattern[str] | None) -> str | None:
    try:
        fields = parse_label(
            symbol.text, location_pattern=pattern, symbology_identifier=symbol.symbology_identifier
        )
    except ValueError:
        return None
    location = fields.get("location")
    if fields.get("scheme") in ("location", "mh10") and isinstance(location, str):
        return location
    return None


def find_location_labels(
    image: Image, *, location_pattern: str | re.Pattern[str] | None = None
) -> list[LocationLabel]:
    """Every location label readable in the frame, once per location (the largest sighting)."""
    gray = to_gray(image)
    h, w = gray.shape
    found: dict[str, LocationLabel] = {}

    def keep(symbols: Sequence[Symbol], scale: float, dx: int, dy: int) -> None:
        for symbol in symbols:
            location = _location(symbol, location_pattern)
            if location is None:
                continue
            corners = tuple((x / scale + dx, y / scale + dy) for x, y in symbol.position)
            label = LocationLabel(location=location, corners=corners, format=symbol.format)
            old = found.get(location)
            if old is None or label.height > old.height:
                found[location] = label

    def read(x0: int, y0: int, x1: int, y1: int, scale: float, budget_ms: float) -> None:
        crop = gray[y0:y1, x0:x1]
        if scale != 1.0:
            crop = np.asarray(
                cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC), np.uint8
            )
        keep(decode_image(crop, budget_ms=budget_ms), scale, x0, y0)

    read(0, 0, w, h, 1.0, FULL_BUDGET_MS)
    cols, rows = TILE_GRID
    tw, th = w // cols, h // rows
    for y in range(0, max(1, h - th + 1), max(1, th // 2)):
        for x in range(0, max(1, w - tw + 1), max(1, tw // 2)):
            read(x, y, x + tw, y + th, TILE_UPSCALE, TILE_BUDGET_MS)
    if found:
        for box in _row_crops(group_rows(list(found.values())), w, h):
            read(*box, ROW_BUDGET_MS)
    logger.info("location labels found", extra={"labels": len(found)})
    return sorted(found.values(), key=lambda lab: (lab.centre[1], lab.centre[0]))


def _row_crops(
    rows: Sequence[Sequence[LocationLabel]], w: int, h: int
) -> list[tuple[int, int, int, int, float]]:
    """Crops (x0, y0, x1, y1, upscale) along every found row and every row that must lie
    between two found ones (or one row spacing beyond the outermost), where labels were missed.
    """
    lines: list[tuple[_Line, float, float]] = []  # label line, symbol height, symbol width
    for row in rows:
        centres = np.array([lab.centre for lab in row])
        height = float(np.median([lab.height for lab in row]))
        width = float(np.median([np.linalg.norm(lab.points()[1] - lab.points()[0]) for lab in row]))
        lines.append((_line_through(centres, _row_slope(row)), height, width))
    centre_x = w / 2.0
    gaps = [b[0].y(centre_x) - a[0].y(centre_x) for a, b in itertools.pairwise(lines)]
    unit = min((g for g in gaps if g > 0), default=None)
    if unit is not None:
        guessed: list[tuple[_Line, float, float]] = []
        for (a, ha, wa), (b, hb, wb), gap in zip(lines, lines[1:], gaps, strict=False):
            missing = round(gap / unit) - 1
            for k in range(1, missing + 1):
                t = k / (missing + 1)
                line = _Line(a.a + t * (b.a - a.a), a.b + t * (b.b - a.b))
                guessed.append((line, (ha + hb) / 2, (wa + wb) / 2))
        first, last = lines[0], lines[-1]
        guessed.append((_Line(first[0].a, first[0].b - unit), first[1], first[2]))
        guessed.append((_Line(last[0].a, last[0].b + unit), last[1], last[2]))
        lines += guessed
    crops: list[tuple[int, int, int, int, float]] = []
    for line, height, width in lines:
        scale = float(np.clip(ROW_LABEL_PX / max(height, 1.0), 1.0, ROW_MAX_UPSCALE))
        span = int(max(ROW_CROP_LABELS * width, 4 * height))
        for x0 in range(0, max(1, w - span // 2), max(1, span // 2)):
            x1 = min(w, x0 + span)
            ys = (line.y(x0), line.y(x1))
            y0 = int(max(0.0, min(ys) - 1.5 * height))
            y1 = int(min(float(h), max(ys) + 1.5 * height))
            if y1 - y0 >= 8 and x1 - x0 >= 8:
                crops.append((x0, y0, x1, y1, scale))
    return crops


def group_rows(labels: Sequence[LocationLabel]) -> list[list[LocationLabel]]:
    """Labels grouped into shelf rows, rows top to bottom, labels left to right.

    The image's tilt (the median slope between labels at about the same height) is removed
    first; rows are then the clusters of the remaining heights, split where two consecutive
    heights differ by more than a few labels' height (rows are a bin apart, far more). 1D
    symbols report a level band, not their tilt, so the tilt comes from label pairs.
    """
    if not labels:
        return []
    centres = np.array([lab.centre for lab in labels])
    slopes = [
        (centres[j, 1] - centres[i, 1]) / (centres[j, 0] - centres[i, 0])
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
        if abs(centres[j, 1] - centres[i, 1]) < 0.25 * abs(centres[j, 0] - centres[i, 0])
    ]
    tilt = float(np.median(slopes)) if slopes else 0.0
    level = centres[:, 1] - tilt * centres[:, 0]
    widths = [float(np.linalg.norm(lab.points()[1] - lab.points()[0])) for lab in labels]
    split = max(
        2.5 * float(np.median([lab.height for lab in labels])), 0.3 * float(np.median(widths))
    )
    order = np.argsort(level)
    rows: list[list[LocationLabel]] = [[labels[int(order[0])]]]
    for prev, cur in itertools.pairwise(order):
        if level[cur] - level[prev] > split:
            rows.append([])
        rows[-1].append(labels[int(cur)])
    return [sorted(row, key=lambda lab: float(lab.centre[0])) for row in rows]


def _unit(v: Vec) -> Vec:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-9 else v


@dataclass(frozen=True)
class _Line:
    """y = a·x + b in image pixels."""

    a: float
    b: float

    def y(self, x: float) -> float:
        return self.a * x + self.b

    def hit(self, origin: Vec, direction: Vec) -> float | None:
        """Distance along `direction` (a unit vector) from `origin` to this line."""
        denom = direction[1] - self.a * direction[0]
        if abs(denom) < 1e-9:
            return None
        return float((self.a * origin[0] + self.b - origin[1]) / denom)


def _row_slope(row: Sequence[LocationLabel]) -> float:
    """Slope of the shelf row: through the label centres, or a lone label's top edge."""
    if len(row) >= 2:
        c = np.array([lab.centre for lab in row])
        return float(np.polyfit(c[:, 0], c[:, 1], 1)[0])
    p = row[0].points()
    dx = p[1][0] - p[0][0]
    return float((p[1][1] - p[0][1]) / dx) if abs(dx) > 1e-6 else 0.0


def _line_through(points: Vec, slope: float) -> _Line:
    return _Line(slope, float(np.median(points[:, 1] - slope * points[:, 0])))


def _pitch(row: Sequence[LocationLabel]) -> float | None:
    """Horizontal distance between neighbouring bins (missing labels leave multiples)."""
    xs = [float(lab.points()[0][0]) for lab in row]
    gaps = [b - a for a, b in itertools.pairwise(xs) if b - a > 1.0]
    if not gaps:
        return None
    unit = min(gaps)
    return float(np.median([g / max(1, round(g / unit)) for g in gaps]))


def _up_direction(row: Sequence[LocationLabel]) -> tuple[float, float]:
    """Tilt of the vertical (dx per dy going up) as a linear function of x: (slope, offset).

    Perspective makes verticals converge, so the tilt is fitted across the row when it can be.
    """
    xs, tilts = [], []
    for lab in row:
        p = lab.points()
        side = ((p[0] - p[3]) + (p[1] - p[2])) / 2.0  # bottom → top
        if abs(side[1]) > 1e-6:
            xs.append(float(lab.centre[0]))
            tilts.append(float(side[0] / side[1]))
    if len(xs) >= 3 and np.ptp(xs) > 1.0:
        slope, offset = np.polyfit(xs, tilts, 1)
        return float(slope), float(offset)
    return 0.0, float(np.median(tilts)) if tilts else 0.0


def propose_bins(
    image: Image,
    *,
    camera: str,
    site: str,
    location_pattern: str | re.Pattern[str] | None = None,
    labels: Sequence[LocationLabel] | None = None,
) -> Proposal:
    """Bin polygons (contract calibration document) from the location labels in `image`."""
    h, w = image.shape[:2]
    found = (
        list(labels)
        if labels is not None
        else find_location_labels(image, location_pattern=location_pattern)
    )
    rows = group_rows(found)
    pitches = [p for p in (_pitch(row) for row in rows) if p is not None]
    heights = [lab.height for lab in found]
    # A row without neighbours borrows the pitch of the others, scaled by its label size.
    pitch_per_height = (
        float(np.median(pitches) / np.median(heights)) if pitches and heights else 4.0
    )
    slopes = [_row_slope(row) for row in rows]
    tops = [
        _line_through(np.array([lab.points()[:2].mean(axis=0) for lab in row]), slope)
        for row, slope in zip(rows, slopes, strict=True)
    ]
    shelf_edges = [
        _line_through(
            np.array(
                [np.add(lab.points()[2:].mean(axis=0), (0.0, lab.paper_below)) for lab in row]
            ),
            slope,
        )
        for row, slope in zip(rows, slopes, strict=True)
    ]
    centre_x = w / 2.0
    gaps = [tops[i + 1].y(centre_x) - tops[i].y(centre_x) for i in range(len(rows) - 1)]
    unit_gap = min(gaps) if gaps else None
    bins: list[dict[str, Any]] = []
    for r, row in enumerate(rows):
        row_pitch = _pitch(row)
        tilt_slope, tilt_offset = _up_direction(row)
        # The row above is this bin's ceiling only when no row in between went unread.
        above = r > 0 and unit_gap is not None and gaps[r - 1] < 1.6 * unit_gap
        lefts = [float(lab.points()[[0, 3], 0].min()) for lab in row]
        for i, lab in enumerate(row):
            pitch = row_pitch or pitch_per_height * lab.height
            x_left = lefts[i] - SIDE_MARGIN * pitch
            x_right = x_left + pitch
            if i + 1 < len(row) and abs(lefts[i + 1] - lefts[i] - pitch) < 0.3 * pitch:
                x_right = lefts[i + 1] - SIDE_MARGIN * pitch
            bottom_left = np.array([x_left, tops[r].y(x_left)])
            bottom_right = np.array([x_right, tops[r].y(x_right)])
            top_pts = []
            for corner in (bottom_left, bottom_right):
                up = _unit(np.array([-(tilt_slope * corner[0] + tilt_offset), -1.0]))
                height = shelf_edges[r - 1].hit(corner, up) if above else None
                if height is None or height <= 0:
                    height = _fallback_height(unit_gap, lab, pitch)
                top_pts.append(corner + height * up)
            polygon = [top_pts[0], top_pts[1], bottom_right, bottom_left]
            bins.append(
                {
                    "location": lab.location,
                    "polygon": [[_clip(q[0], w), _clip(q[1], h)] for q in polygon],
                    "label_polygon": [[round(x, 2), round(y, 2)] for x, y in lab.corners],
                }
            )
    document = {"camera": camera, "site": site, "image_size": [int(w), int(h)], "bins": bins}
    return Proposal(document=document, labels=tuple(found), rows=len(rows))


def _fallback_height(unit_gap: float | None, label: LocationLabel, pitch: float) -> float:
    """Bin height without a readable row above: the row spacing less the beam, or ∝ pitch."""
    if unit_gap is not None:
        return max(1.0, unit_gap - label.height - label.paper_below)
    return TOP_ROW_ASPECT * pitch


def _clip(value: float, limit: int) -> float:
    return round(float(min(max(value, 0.0), float(limit))), 2)


def polygon_iou(a: Sequence[Sequence[float]], b: Sequence[Sequence[float]]) -> float:
    """Intersection over union of two convex polygons (pixels)."""
    pa = np.asarray(a, dtype=np.float32)
    pb = np.asarray(b, dtype=np.float32)
    inter, _ = cv2.intersectConvexConvex(pa, pb)
    union = cv2.contourArea(pa) + cv2.contourArea(pb) - inter
    return float(inter / union) if union > 0 else 0.0
