"""Train the reference-conditioned empty-bin classifier; ship `edge/vision/models/occupancy.onnx`.

Data: pairs of bin crops of the project's own synthetic racks (`edge.synth.dataset`), rendered
here: per rack a taught reference frame and a later frame of the same rack and camera with other
bin states, light, noise and occluders; and scenes of other renderers (`FOREIGN_RENDERERS`). The
network sees the later crop, the reference crop, the taught state and an empty exemplar (10
channels, `edge.vision.occupancy.model_input`) and says empty / occupied / occluded. Reference
dropout (the reference channels zeroed) trains the no-reference path in the same network;
swapping the two frames of a pair doubles the pairs. One back-panel family
(`HELD_OUT_BACK`) is left out of training entirely and reported separately, as an estimate of
how the model does on racks drawn unlike its training data.

Steps: render (cached under /tmp), train (torch CPU, 2 threads), export to ONNX (opset 18, one
file) and check it against torch, fit the decision thresholds on their own seed range, evaluate
on held-out seeds, write `occupancy.json` (thresholds + evaluation).

    .venv/bin/python models/occupancy/train.py            # ≈ 30 min on 2 cores, cold cache
    .venv/bin/python models/occupancy/train.py --foreign independent --foreign pickface \
        --foreign wireshelf --out /tmp/v5/occupancy.onnx   # more renderers, not shipped

`--foreign RENDERER[=FIRST:LAST]` adds another renderer's scenes (`pairs.FOREIGN_RENDERERS`) to
training and its calibration seeds to the threshold fit; MODEL_CARD.md says which the shipped
model used.

The steps live beside this script: `pairs.py` (render and label the pairs), `augment.py`
(batches), `net.py` (network, training loop, export), `fit.py` (the decision rule).

Torch is only needed here; the runtime judge uses onnxruntime.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import torch
from augment import exemplar_donors
from fit import MAX_COVERED_TO_EMPTY, MAX_OCCUPIED_TO_EMPTY, fit_rules
from net import Ensemble, OccupancyNet, export, train_model
from pairs import (
    BACKS,
    CALIB_SEEDS,
    CHUNK,
    FOREIGN_CALIB_SEEDS,
    HELD_OUT_BACK,
    TEST_SEEDS,
    TRAIN_SEEDS,
    TRAIN_SEEDS_OF,
    back_kind,
    foreign_samples,
    labelled,
    render_split,
)
from progress import log

from edge.synth.evaluate import evaluate, evaluation_samples
from edge.synth.render import OCCLUDED_FRACTION
from edge.vision.occupancy import (
    DEFAULT_MODEL,
    FEATURES,
    INPUT_SIZE,
    OccupancyJudge,
)


def foreign_seeds(specs: list[str]) -> dict[str, str]:
    """`--foreign` values as {renderer: "FIRST:LAST"}."""
    out: dict[str, str] = {}
    for spec in specs:
        name, _, seeds = spec.partition("=")
        if name == "none":
            continue
        if name not in TRAIN_SEEDS_OF:
            raise SystemExit(f"--foreign: unknown renderer {name!r} ({', '.join(TRAIN_SEEDS_OF)})")
        out[name] = seeds or TRAIN_SEEDS_OF[name]
    return out


def training_pairs(
    train_seeds: int, foreign: dict[str, str], workers: int, cache: Path
) -> dict[str, np.ndarray]:
    """The labelled training pairs: `edge.synth` seeds 0…`train_seeds` without the held-out
    family, and each foreign renderer's seeds, with their exemplar donors."""
    chunks = [
        render_split(range(a, min(a + CHUNK, train_seeds)), workers, cache)
        for a in range(0, train_seeds, CHUNK)
    ]
    for renderer, seeds in foreign.items():
        first, last = (int(v) for v in seeds.partition(":")[::2])
        chunks += [
            render_split(range(a, min(a + 200, last)), workers, cache, renderer=renderer)
            for a in range(first, last, 200)
        ]
    data = labelled({k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]})
    keep = data["back"] != BACKS.index(HELD_OUT_BACK)
    train = {k: v[keep] for k, v in data.items()}
    train.update(exemplar_donors(train))
    return train


def _previous_evaluation(model: Path) -> dict[str, Any]:
    path = model.with_suffix(".json")
    if not path.exists():
        return {}
    evaluation = json.loads(path.read_text(encoding="utf-8")).get("evaluation", {})
    return evaluation if isinstance(evaluation, dict) else {}


def main() -> int:
    parser = argparse.ArgumentParser(description="Train and export the occupancy model.")
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/edge-occupancy-cache"))
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--train-seeds", type=int, default=len(TRAIN_SEEDS))
    parser.add_argument("--members", type=int, default=1, help="networks averaged")
    parser.add_argument(
        "--foreign",
        action="append",
        metavar="RENDERER=FIRST:LAST",
        help="seeds of another renderer to train on too, repeatable (default: independent="
        f"{TRAIN_SEEDS_OF['independent']}); 'RENDERER' alone takes its TRAIN_SEEDS_OF range, "
        "'none' trains on edge.synth alone",
    )
    parser.add_argument(
        "--max-occupied-to-empty", type=float, default=MAX_OCCUPIED_TO_EMPTY, help="calibration"
    )
    parser.add_argument(
        "--max-covered-to-empty",
        type=float,
        default=MAX_COVERED_TO_EMPTY,
        help="calibration: share of bins ≥ 35 %% covered that may be called empty",
    )
    parser.add_argument(
        "--refit-only",
        action="store_true",
        help="keep the exported model; refit the thresholds and evaluate",
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    started = time.time()
    foreign = foreign_seeds(args.foreign or ["independent"])
    previous = _previous_evaluation(args.out)
    if args.refit_only:  # the model stays: no training pairs to render
        train_pairs = int(previous.get("train_pairs", 0))
        rendered = time.time()
    else:
        train = training_pairs(args.train_seeds, foreign, args.workers, args.cache)
        train_pairs = len(train["labels"])
        rendered = time.time()
        members = [train_model(train, args.epochs, seed=k) for k in range(args.members)]
        for k, member in enumerate(members):  # kept for experiments (ensembles, fine-tuning)
            torch.save(member.state_dict(), args.cache / f"{args.out.stem}-member{k}.pt")
        export(Ensemble(members) if len(members) > 1 else members[0], args.out, train)
    trained = time.time()
    # thresholds on their own seeds (held-out family left out), so the test range stays untouched
    judge = OccupancyJudge(args.out)
    calib_seeds = [s for s in CALIB_SEEDS if back_kind(s) != HELD_OUT_BACK]
    calibration = evaluation_samples(calib_seeds)
    for renderer in foreign:
        calibration += foreign_samples(FOREIGN_CALIB_SEEDS[renderer], renderer)
    combo, thresholds = fit_rules(
        judge, calibration, args.max_occupied_to_empty, args.max_covered_to_empty
    )
    meta: dict[str, Any] = {
        "combination": {
            "bias": combo.bias,
            "weights": list(combo.weights),
            "features": list(FEATURES),
        },
        "thresholds": {
            "empty": thresholds.empty,
            "empty_reference": thresholds.empty_reference,
            "occluded": thresholds.occluded,
            "occluded_reference": thresholds.occluded_reference,
            "occluded_any": thresholds.occluded_any,
            "occluded_any_reference": thresholds.occluded_any_reference,
        },
        "input": {
            "size": INPUT_SIZE,
            "channels": ["crop_bgr", "reference_bgr", "taught_state", "empty_exemplar_bgr"],
        },
        "classes": ["empty", "occupied", "occluded"],
        "held_out_back": HELD_OUT_BACK,
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    judge = OccupancyJudge(args.out)
    log(f"evaluating on held-out seeds {TEST_SEEDS.start}..{TEST_SEEDS.stop - 1}")
    test = evaluation_samples(TEST_SEEDS)
    kinds = {seed: back_kind(seed) for seed in TEST_SEEDS}
    result = evaluate(judge, test)
    result["by_back"] = {
        kind: evaluate(judge, [s for s in test if kinds[s.seed] == kind]) for kind in BACKS
    }
    result["seen_families"] = evaluate(judge, [s for s in test if kinds[s.seed] != HELD_OUT_BACK])
    result["timing_s"] = {
        "render": round(rendered - started),
        "train": round(trained - rendered),
        "total": round(time.time() - started),
    }
    if args.refit_only:  # what training took stays on record
        result["timing_s"] = {**previous.get("timing_s", {}), "refit": round(time.time() - started)}
    result["parameters"] = args.members * sum(p.numel() for p in OccupancyNet().parameters())
    result["members"] = args.members
    result["epochs"] = args.epochs
    result["train_pairs"] = train_pairs
    result["foreign_train_seeds"] = foreign
    result["occluded_fraction_visible"] = OCCLUDED_FRACTION
    meta["evaluation"] = result
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
