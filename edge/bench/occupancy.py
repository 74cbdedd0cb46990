"""`edge bench occupancy`: the occupancy judge on racks of independently written renderers.

Acceptance renders racks with a generator we never see. Five renderers besides `edge.synth` were
written separately, each in its own style and sharing no drawing code: `independent` (steel
shelving, totes, cartons; benchmark seeds from 700000), `pickface` (hopper panels, carton flow,
parts boxes, pallet bays; 600000), `wireshelf` (wire shelving, cubbies, baskets, clear drawers,
infrared frames; 500000), `flatbins` (flat-shaded 2-D racks; 400000) and `aisle` (racks seen
obliquely down an aisle; 300000). Benchmark seeds are never used in training; which renderers
train at all is in models/occupancy/MODEL_CARD.md. Each scene's later frame goes through exactly
what `edge analyze` does (load the calibration, `default_judge`, `build_analyzer` for the frame's
size, `analyze`), once with the taught reference (`calibration.yaml`) and once without
(`calibration-noref.yaml`); label reading is off (it does not change states unless a part label
is read, and costs time).

Scoring: a bin is visible when less than 20 % of its polygon is covered by an occluder; over
visible bins, accuracy is the share reported in their true state (`unknown` counts as wrong);
occupied → empty is the share of occupied visible bins reported empty. Bins at least half
covered must never be reported empty (`occluded_called_empty`).
"""

from __future__ import annotations

import math
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from edge.bench.stats import median
from edge.config.cameras import CameraConfig
from edge.synth.renderers import RENDERERS
from edge.synth.scene_truth import BinTruth

VISIBLE_BELOW = 0.2  # occluded_fraction under this: the bin is scored
OCCLUDED_FROM = 0.5  # occluded_fraction from this: the bin must not be reported empty
MODES = ("reference", "plain")


@dataclass(frozen=True)
class Tally:
    """Counts of one group of visible bins."""

    bins: int = 0
    right: int = 0
    unknown: int = 0
    called_empty: int = 0  # reported empty (for occupied bins: the costly error)

    def add(self, truth: str, state: str) -> Tally:
        return Tally(
            bins=self.bins + 1,
            right=self.right + (state == truth),
            unknown=self.unknown + (state == "unknown"),
            called_empty=self.called_empty + (state == "empty"),
        )

    @property
    def accuracy(self) -> float:
        return round(self.right / self.bins, 4) if self.bins else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": self.accuracy}


@dataclass(frozen=True)
class ModeScore:
    """One analysis mode (with the taught reference, or plain) over all scenes."""

    mode: str
    visible_bins: int
    accuracy: float
    empty_right: float  # visible empty bins reported empty
    occupied_right: float  # visible occupied bins reported occupied
    unknown_rate: float  # visible bins reported unknown
    occupied_called_empty: float  # visible occupied bins reported empty
    occluded_bins: int  # bins at least OCCLUDED_FROM covered
    occluded_called_empty: int  # of those, reported empty (must be 0)
    ms_per_image_median: float  # imread + analyse of frame.jpg
    by_style: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_case: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class OccupancyBenchResult:
    scenes: int
    first_seed: int
    bins: int
    render_ms_median: float
    modes: dict[str, ModeScore]
    renderer: str = "independent"

    def to_dict(self) -> dict[str, Any]:
        return {
            "renderer": self.renderer,
            "scenes": self.scenes,
            "first_seed": self.first_seed,
            "bins": self.bins,
            "render_ms_median": self.render_ms_median,
            "visible_below": VISIBLE_BELOW,
            "occluded_from": OCCLUDED_FROM,
            **{mode: _no_nan(asdict(score)) for mode, score in self.modes.items()},
        }


def _no_nan(value: Any) -> Any:
    """NaN (a share of no bins) as null: the JSON stays standard."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    return value


def _case(bin_truth: BinTruth) -> str:
    if bin_truth.state == "empty":
        return "empty with litter" if bin_truth.litter else "empty clean"
    return f"occupied: {bin_truth.contents}"


class _Collector:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.all = Tally()
        self.empty = Tally()
        self.occupied = Tally()
        self.styles: dict[str, Tally] = defaultdict(Tally)
        self.occupied_by_style: dict[str, Tally] = defaultdict(Tally)
        self.cases: dict[str, Tally] = defaultdict(Tally)
        self.occluded = 0
        self.occluded_empty = 0
        self.ms: list[float] = []

    def add(self, style: str, truth: BinTruth, state: str) -> None:
        if truth.occluded_fraction >= OCCLUDED_FROM:
            self.occluded += 1
            self.occluded_empty += state == "empty"
        if truth.occluded_fraction >= VISIBLE_BELOW:
            return
        self.all = self.all.add(truth.state, state)
        if truth.state == "empty":
            self.empty = self.empty.add(truth.state, state)
        else:
            self.occupied = self.occupied.add(truth.state, state)
            self.occupied_by_style[style] = self.occupied_by_style[style].add(truth.state, state)
        self.styles[style] = self.styles[style].add(truth.state, state)
        self.cases[_case(truth)] = self.cases[_case(truth)].add(truth.state, state)
        if self.mode == "reference":
            since = {
                ("occupied", "empty"): "emptied since teaching",
                ("empty", "occupied"): "filled since teaching",
            }.get((truth.reference_state, truth.state), "unchanged since teaching")
            self.cases[since] = self.cases[since].add(truth.state, state)

    def score(self) -> ModeScore:
        def share(n: int, d: int) -> float:
            return round(n / d, 4) if d else float("nan")

        styles = {}
        for style, tally in sorted(self.styles.items()):
            occ = self.occupied_by_style[style]
            styles[style] = {
                **tally.to_dict(),
                "occupied_bins": occ.bins,
                "occupied_called_empty": share(occ.called_empty, occ.bins),
            }
        return ModeScore(
            mode=self.mode,
            visible_bins=self.all.bins,
            accuracy=self.all.accuracy,
            empty_right=self.empty.accuracy,
            occupied_right=self.occupied.accuracy,
            unknown_rate=share(self.all.unknown, self.all.bins),
            occupied_called_empty=share(self.occupied.called_empty, self.occupied.bins),
            occluded_bins=self.occluded,
            occluded_called_empty=self.occluded_empty,
            ms_per_image_median=round(median(self.ms), 1),
            by_style=styles,
            by_case={k: v.to_dict() for k, v in sorted(self.cases.items())},
        )


def run_occupancy_bench(
    scenes: int,
    first_seed: int,
    progress: Callable[[str], None] | None = None,
    *,
    model: Path | None = None,
    keep: Path | None = None,
    renderer: str = "independent",
) -> OccupancyBenchResult:
    """Render `scenes` scenes of `renderer` ("independent", "pickface" or "wireshelf"; seeds
    first_seed…) and score `edge analyze`'s path on each later frame, with and without the
    taught reference.
    `keep`: render into this folder (one subfolder per seed) instead of a temporary one."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {sorted(RENDERERS)}, not {renderer!r}")
    from edge.vision.calibration import load_calibration
    from edge.vision.worker import build_analyzer, default_judge

    say = progress or (lambda _message: None)
    config = CameraConfig(model=model, undistort=True, read_labels=False)
    judge = default_judge(config)
    collectors = {mode: _Collector(mode) for mode in MODES}
    render_ms: list[float] = []
    total = 0
    with tempfile.TemporaryDirectory(prefix="edge-bench-occupancy-") as tmp:
        root = Path(keep) if keep is not None else Path(tmp)
        for seed in range(first_seed, first_seed + scenes):
            start = time.perf_counter()
            scene = RENDERERS[renderer](seed, root / str(seed))
            render_ms.append((time.perf_counter() - start) * 1000)
            total += len(scene.bins)
            truth = {b.location: b for b in scene.bins}
            found: Counter[str] = Counter()
            for mode, path in (
                ("reference", scene.calibration),
                ("plain", scene.calibration_noref),
            ):
                loaded = load_calibration(path)
                t0 = time.perf_counter()
                image = cv2.imread(str(scene.frame), cv2.IMREAD_COLOR)
                t1 = time.perf_counter()
                if image is None:
                    raise RuntimeError(f"cannot read {scene.frame}")
                size = (int(image.shape[1]), int(image.shape[0]))
                analyzer = build_analyzer(loaded, judge, config, frame_size=size)
                t2 = time.perf_counter()
                results = analyzer.analyze(np.asarray(image, np.uint8))
                t3 = time.perf_counter()
                collectors[mode].ms.append((t1 - t0 + t3 - t2) * 1000)
                for r in results:
                    collectors[mode].add(scene.style, truth[r.location], r.state)
                    found[f"{mode}:{r.state == truth[r.location].state}"] += 1
            say(
                f"scene {seed - first_seed + 1}/{scenes}: seed {seed}, {scene.style}, "
                f"{len(scene.bins)} bins, occluders: {', '.join(scene.occluders) or 'none'}, "
                f"right {found['reference:True']} with reference, {found['plain:True']} plain"
            )
    return OccupancyBenchResult(
        scenes=scenes,
        first_seed=first_seed,
        bins=total,
        render_ms_median=round(median(render_ms), 1),
        modes={mode: c.score() for mode, c in collectors.items()},
        renderer=renderer,
    )
