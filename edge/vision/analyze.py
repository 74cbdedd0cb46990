"""Single-frame analysis of bins: occupancy, the labels in each bin, the location label it shows.

For each bin asked for: the rectified crop goes to the occupancy judge (with the bin's crop from
the taught reference frame, when the calibration has one); the bin's region (its polygon and its
location label) is decoded within a time budget, payloads are parsed into the contract's label
fields, part labels are kept with the bin and location labels become sightings (where a location
label was read, for the camera-moved guard). A bin the gate calls occluded, or whose judgement is
too weak, is `unknown`. Used by `edge analyze` (one image) and by the camera worker (changed bins).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt

from edge.labels import LabelError, parse_label
from edge.vision.calibration import Calibration
from edge.vision.crop import corners, warp_corners
from edge.vision.decode import Symbol, decode_fast, decode_image
from edge.vision.exemplars import ExemplarJudge
from edge.vision.tracker import LabelRead, Observation, Sighting, State

logger = logging.getLogger(__name__)

Image = npt.NDArray[np.uint8]
CROP_SIZE = (96, 96)


class Judgement(Protocol):
    """What `edge.vision.occupancy.OccupancyJudge.judge` returns per crop."""

    @property
    def state(self) -> str: ...

    @property
    def confidence(self) -> float: ...

    @property
    def p_empty(self) -> float: ...

    @property
    def reference_diff(self) -> float | None: ...

    @property
    def p_occluded(self) -> float | None: ...  # None: the judge does not tell


class Judge(Protocol):
    def judge(
        self,
        crops: Sequence[Image],
        references: Sequence[tuple[Image, str] | None] | None = None,
        exemplars: Sequence[Image | None] | None = None,
    ) -> Sequence[Judgement]: ...


class PointMapper(Protocol):
    """Undistortion (see `edge.vision.intrinsics.Undistorter`)."""

    def image(self, image: Image) -> Image: ...

    def points(self, points: Sequence[Sequence[float]]) -> list[list[float]]: ...


@dataclass(frozen=True)
class BinAnalysis:
    """One bin in one frame."""

    location: str
    state: State
    confidence: float
    labels: tuple[LabelRead, ...] = ()
    location_labels: tuple[str, ...] = ()  # location codes read at this bin (its own, normally)
    sightings: tuple[Sighting, ...] = ()
    occluded: bool = False
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The contract's per-bin output of `edge analyze` (plus `location_label`)."""
        return {
            "location": self.location,
            "state": self.state,
            "confidence": round(self.confidence, 3),
            "labels": [label.to_dict() for label in self.labels],
            "location_label": self.location_labels[0] if self.location_labels else None,
        }

    def observation(self, at: datetime) -> Observation:
        return Observation(
            location=self.location,
            state=self.state,
            confidence=self.confidence,
            at=at,
            labels=self.labels,
            evidence=self.evidence,
        )


@dataclass(frozen=True)
class _Geometry:
    location: str
    polygon: npt.NDArray[np.float32]
    corners: npt.NDArray[np.float32]  # what the crop is cut from (`edge.vision.crop.corners`)
    label_polygon: npt.NDArray[np.float32] | None
    region: tuple[int, int, int, int]  # x0, y0, x1, y1 decoded for this bin
    label_centre: tuple[float, float]
    label_width: float


def _geometry(calibration: Calibration, mapper: PointMapper | None) -> list[_Geometry]:
    width, height = calibration.image_size
    out = []
    for spec in calibration.bins:
        poly = mapper.points(spec.polygon) if mapper else spec.polygon
        label = None
        if spec.label_polygon is not None:
            label = mapper.points(spec.label_polygon) if mapper else spec.label_polygon
        pts = np.array(poly, np.float32)
        label_pts = np.array(label, np.float32) if label is not None else None
        both = pts if label_pts is None else np.vstack([pts, label_pts])
        x0, y0 = both.min(axis=0)
        x1, y1 = both.max(axis=0)
        pad = 0.06 * max(x1 - x0, y1 - y0)
        region = (
            int(max(0, x0 - pad)),
            int(max(0, y0 - pad)),
            int(min(width, x1 + pad)),
            int(min(height, y1 + pad)),
        )
        anchor = label_pts if label_pts is not None else pts
        cx, cy = anchor.mean(axis=0)
        label_width = float(anchor[:, 0].max() - anchor[:, 0].min())
        out.append(
            _Geometry(
                location=spec.location,
                polygon=pts,
                corners=corners(pts),
                label_polygon=label_pts,
                region=region,
                label_centre=(float(cx), float(cy)),
                label_width=max(1.0, label_width),
            )
        )
    return out


def _inside(poly: npt.NDArray[np.float32] | None, x: float, y: float) -> bool:
    if poly is None:
        return False
    return cv2.pointPolygonTest(poly.reshape(-1, 1, 2), (x, y), False) >= 0


@dataclass(frozen=True)
class AnalyzerConfig:
    """How hard the analyser tries (from the camera configuration or the command line)."""

    # 0: the judge's own fitted bands decide (its `unknown` band is where evidence is weak);
    # a higher floor turns its less confident calls `unknown` too
    min_confidence: float = 0.0
    read_labels: bool = True
    decode_budget_ms: float = 40.0
    location_pattern: str | None = None
    ladder: bool = True  # retry hard regions (decode_image) while the budget lasts


class Analyzer:
    """Analyses bins of frames from one camera with one calibration."""

    def __init__(
        self,
        calibration: Calibration,
        judge: Judge,
        *,
        config: AnalyzerConfig | None = None,
        reference: Image | None = None,
        mapper: PointMapper | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.calibration = calibration
        self.judge = judge
        self.config = config or AnalyzerConfig()
        self.mapper = mapper
        self.clock = clock
        self._geometry = {g.location: g for g in _geometry(calibration, mapper)}
        references: dict[str, tuple[Image, str]] = {}
        if reference is not None and calibration.reference is not None:
            ref = self._prepare(reference)
            for location, taught in calibration.reference.states.items():
                if taught not in ("empty", "occupied"):
                    continue  # `unknown` in the reference: judged as if not taught
                g = self._geometry[location]
                references[location] = (self._crop(ref, g), taught)
        centres = {
            loc: (float(g.polygon[:, 0].mean()), float(g.polygon[:, 1].mean()))
            for loc, g in self._geometry.items()
        }
        self._judge = ExemplarJudge(judge, centres, references)

    @property
    def locations(self) -> list[str]:
        return list(self._geometry)

    def analyze(
        self,
        image: Image,
        locations: Iterable[str] | None = None,
        *,
        occluded: Iterable[str] = (),
        decode: Iterable[str] | None = None,
        at: datetime | None = None,
    ) -> list[BinAnalysis]:
        """Analyse `locations` (default: every bin) of one frame (BGR, calibration size).

        `occluded` bins are `unknown` without judging; `decode` limits label decoding to those
        bins (default: every analysed bin, within the decode budget).
        """
        at = at or datetime.now(UTC)
        wanted = list(self._geometry) if locations is None else list(dict.fromkeys(locations))
        hidden = set(occluded)
        frame = self._prepare(image)
        visible = [loc for loc in wanted if loc not in hidden and loc in self._geometry]
        judged: dict[str, Judgement] = {}
        if visible:
            crops = [self._crop(frame, self._geometry[loc]) for loc in visible]

            def crop_of(location: str) -> Image | None:  # another bin, as a possible twin
                if location in hidden or location not in self._geometry:
                    return None
                return self._crop(frame, self._geometry[location])

            results = self._judge.judge_bins(visible, crops, crop_of)
            judged = dict(zip(visible, results, strict=True))
        to_decode = set(visible if decode is None else decode) & set(visible)
        reads = self._decode(frame, [loc for loc in visible if loc in to_decode], at)
        out = []
        for loc in wanted:
            if loc not in self._geometry:
                continue
            labels, location_labels, sightings = reads.get(loc, ((), (), ()))
            if loc in hidden:
                out.append(BinAnalysis(loc, "unknown", 1.0, occluded=True, sightings=sightings))
                continue
            j = judged[loc]
            state: State = "unknown"
            if j.state in ("empty", "occupied") and j.confidence >= self.config.min_confidence:
                state = "empty" if j.state == "empty" else "occupied"
            if state == "empty" and labels:
                # A part label read inside the bin is hard evidence against "empty".
                state = "occupied"
            evidence = {
                "p_empty": round(float(j.p_empty), 3),
                "reference_diff": None
                if j.reference_diff is None
                else round(float(j.reference_diff), 3),
                "judged": j.state,
            }
            if j.p_occluded is not None:
                evidence["p_occluded"] = round(float(j.p_occluded), 3)
            out.append(
                BinAnalysis(
                    location=loc,
                    state=state,
                    confidence=float(j.confidence),
                    labels=labels,
                    location_labels=location_labels,
                    sightings=sightings,
                    evidence=evidence,
                )
            )
        return out

    # -- pieces ------------------------------------------------------------------------------
    def _prepare(self, image: Image) -> Image:
        h, w = image.shape[:2]
        if (w, h) != tuple(self.calibration.image_size):
            raise ValueError(
                f"frame is {w}×{h}, the calibration is for "
                f"{self.calibration.image_size[0]}×{self.calibration.image_size[1]}"
            )
        return self.mapper.image(image) if self.mapper else image

    def _crop(self, image: Image, g: _Geometry) -> Image:
        return np.asarray(warp_corners(image, g.corners, CROP_SIZE), dtype=np.uint8)

    def _decode(
        self, frame: Image, locations: Sequence[str], at: datetime
    ) -> dict[str, tuple[tuple[LabelRead, ...], tuple[str, ...], tuple[Sighting, ...]]]:
        out: dict[str, tuple[tuple[LabelRead, ...], tuple[str, ...], tuple[Sighting, ...]]] = {}
        if not self.config.read_labels or not locations:
            return out
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        deadline = self.clock() + self.config.decode_budget_ms / 1000.0
        for loc in locations:
            remaining_ms = (deadline - self.clock()) * 1000.0
            if remaining_ms <= 0:
                logger.debug("decode budget spent before %s", loc, extra={"location": loc})
                break
            g = self._geometry[loc]
            x0, y0, x1, y1 = g.region
            region = np.ascontiguousarray(gray[y0:y1, x0:x1])
            if self.config.ladder:
                symbols = decode_image(region, budget_ms=remaining_ms, second_backend=False)
            else:
                symbols = decode_fast(region)
            out[loc] = self._assign(g, symbols, (x0, y0), at)
        return out

    def _assign(
        self, g: _Geometry, symbols: Sequence[Symbol], offset: tuple[int, int], at: datetime
    ) -> tuple[tuple[LabelRead, ...], tuple[str, ...], tuple[Sighting, ...]]:
        labels: list[LabelRead] = []
        location_labels: list[str] = []
        sightings: list[Sighting] = []
        for symbol in symbols:
            cx, cy = symbol.centre()
            x, y = cx + offset[0], cy + offset[1]
            try:
                fields = parse_label(
                    symbol.text,
                    location_pattern=self.config.location_pattern,
                    symbology_identifier=symbol.symbology_identifier,
                )
            except LabelError as exc:
                logger.debug("unparsable label in %s: %s", g.location, exc)
                continue
            if fields.get("scheme") == "location" and fields.get("location"):
                found = str(fields["location"])
                expected = self._nearest_label(x, y)
                if expected == g.location or _inside(g.label_polygon, x, y):
                    location_labels.append(found)
                    sightings.append(Sighting(found=found, expected=g.location, at=at))
                continue
            if _inside(g.polygon, x, y):
                labels.append(LabelRead(format=symbol.format, text=symbol.text, fields=fields))
        return tuple(labels), tuple(location_labels), tuple(sightings)

    def _nearest_label(self, x: float, y: float) -> str:
        best, best_d = "", float("inf")
        for g in self._geometry.values():
            if _inside(g.label_polygon, x, y) or (
                g.label_polygon is None and _inside(g.polygon, x, y)
            ):
                return g.location
            d = (g.label_centre[0] - x) ** 2 + (g.label_centre[1] - y) ** 2
            if d < best_d:
                best, best_d = g.location, d
        return best
