"""Accuracy of the occupancy judge on fresh synthetic racks, with and without references.

`python -m edge.synth.evaluate --seeds 90000:90100` renders racks that training never saw and
prints per-class accuracy, the occupied→empty rate (the costly error: a false zero-stock
alarm), unknowns, and whether any occluded bin was called empty.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edge.synth.dataset import CropSample, scene_samples
from edge.synth.render import OCCLUDED_FRACTION
from edge.vision.analyze import Judge, Judgement
from edge.vision.exemplars import ExemplarJudge
from edge.vision.occupancy import OccupancyJudge

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scores:
    visible: int
    correct: int
    empty_total: int
    empty_right: int
    occupied_total: int
    occupied_right: int
    occupied_called_empty: int
    unknown_visible: int
    occluded_total: int
    occluded_called_empty: int

    @property
    def accuracy(self) -> float:
        return self.correct / max(self.visible, 1)

    @property
    def occupied_to_empty(self) -> float:
        return self.occupied_called_empty / max(self.occupied_total, 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "visible": self.visible,
            "accuracy": round(self.accuracy, 4),
            "empty_accuracy": round(self.empty_right / max(self.empty_total, 1), 4),
            "occupied_accuracy": round(self.occupied_right / max(self.occupied_total, 1), 4),
            "occupied_to_empty": round(self.occupied_to_empty, 4),
            "unknown_rate": round(self.unknown_visible / max(self.visible, 1), 4),
            "occluded": self.occluded_total,
            "occluded_called_empty": self.occluded_called_empty,
        }


def score(samples: Sequence[CropSample], judgements: Sequence[Judgement]) -> Scores:
    counts = dict.fromkeys(Scores.__dataclass_fields__, 0)
    for s, j in zip(samples, judgements, strict=True):
        if s.occluded_fraction >= OCCLUDED_FRACTION:
            counts["occluded_total"] += 1
            counts["occluded_called_empty"] += j.state == "empty"
            continue
        counts["visible"] += 1
        counts["correct"] += j.state == s.state
        counts["unknown_visible"] += j.state == "unknown"
        if s.state == "empty":
            counts["empty_total"] += 1
            counts["empty_right"] += j.state == "empty"
        else:
            counts["occupied_total"] += 1
            counts["occupied_right"] += j.state == "occupied"
            counts["occupied_called_empty"] += j.state == "empty"
    return Scores(**counts)


def evaluation_samples(seeds: Sequence[int]) -> list[CropSample]:
    """Crops of fresh racks as a calibration would cut them (96×96, slightly mis-clicked)."""
    out: list[CropSample] = []
    for seed in seeds:
        out.extend(scene_samples(seed, crop_size=(96, 96), keep_ambiguous=True))
    return out


def by_scene(samples: Sequence[CropSample]) -> list[list[CropSample]]:
    scenes: dict[int, list[CropSample]] = {}
    for s in samples:
        scenes.setdefault(s.seed, []).append(s)
    return list(scenes.values())


def judge_scenes(
    judge: Judge, samples: Sequence[CropSample], *, with_reference: bool, twins: bool = True
) -> list[Judgement]:
    """Judgements in `samples` order, each scene judged as the analyser judges a frame (one
    `ExemplarJudge` per camera; without a reference, a fresh one: no earlier frames).
    `twins=False`: the judge's own answers, without `edge.vision.twins`."""
    out: dict[int, Judgement] = {}
    for scene in by_scene(samples):
        centres = {s.location: s.centre for s in scene}
        refs = {s.location: (s.reference, s.taught) for s in scene} if with_reference else None
        results = ExemplarJudge(judge, centres, refs, twins=twins).judge_bins(
            [s.location for s in scene], [s.crop for s in scene]
        )
        for s, r in zip(scene, results, strict=True):
            out[id(s)] = r
    return [out[id(s)] for s in samples]


def evaluate(judge: OccupancyJudge, samples: Sequence[CropSample]) -> dict[str, Any]:
    start = time.perf_counter()
    plain = judge_scenes(judge, samples, with_reference=False)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    taught = judge_scenes(judge, samples, with_reference=True)
    elapsed_ref = time.perf_counter() - start
    return {
        "crops": len(samples),
        "without_reference": score(samples, plain).as_dict(),
        "with_reference": score(samples, taught).as_dict(),
        "ms_per_crop_without_reference": round(1000 * elapsed / max(len(samples), 1), 3),
        "ms_per_crop_with_reference": round(1000 * elapsed_ref / max(len(samples), 1), 3),
    }


def _seed_range(text: str) -> range:
    first, _, last = text.partition(":")
    return range(int(first), int(last)) if last else range(int(first), int(first) + 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="90000:90060", help="FIRST:LAST (exclusive)")
    parser.add_argument("--model", type=Path, default=None, help="ONNX model (default: shipped)")
    args = parser.parse_args(argv)
    seeds = _seed_range(args.seeds)
    print(f"rendering {len(seeds)} racks …", file=sys.stderr)
    samples = evaluation_samples(seeds)
    result = evaluate(OccupancyJudge(args.model), samples)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
