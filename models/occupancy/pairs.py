"""Training pairs: bins of rendered racks (edge.synth and the foreign renderers), cached
under /tmp, labelled from how much of each bin is hidden.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import tempfile
from pathlib import Path

import cv2
import numpy as np
import yaml
from progress import log

from edge.synth.dataset import CropSample, jitter_polygon, scene_samples
from edge.synth.rack import make_layout
from edge.synth.renderers import RENDERERS as FOREIGN_RENDERERS
from edge.vision.crop import rectify_bin
from edge.vision.occupancy import INPUT_SIZE

TRAIN_SEEDS = range(0, 1200)
CHUNK = 600  # seeds per cached file
CALIB_SEEDS = range(50_000, 50_120)
TEST_SEEDS = range(90_000, 90_100)
# Renderers other than edge.synth (`FOREIGN_RENDERERS`, the benchmark's table), each writing a
# scene folder in the same format. `edge bench occupancy` scores each from its own first seed
# (`edge.synth.renderers.FIRST_SEEDS`), which no training or fit ever uses; `train.py --foreign
# RENDERER=FIRST:LAST` trains on a renderer's seeds (suggested: `TRAIN_SEEDS_OF`) and then fits
# the thresholds on its `FOREIGN_CALIB_SEEDS` beside edge.synth's `CALIB_SEEDS`.
TRAIN_SEEDS_OF = {
    "independent": "800000:800800",
    "pickface": "620000:620600",
    "wireshelf": "520000:520600",
    "flatbins": "420000:420600",
    "aisle": "320000:320600",
}
FOREIGN_CALIB_SEEDS = {
    "independent": range(810_000, 810_060),
    "pickface": range(630_000, 630_060),
    "wireshelf": range(530_000, 530_060),
    "flatbins": range(430_000, 430_060),
    "aisle": range(330_000, 330_060),
}
BACKS = ("plain", "perforated", "wood", "open")
HELD_OUT_BACK = "wood"  # never in training: the held-out style family
VISIBLE_MAX = 0.12  # hidden share up to which a training bin is labelled by its state
OCCLUDED_MIN = 0.15  # hidden share from which a training bin is labelled occluded


def _small(crop: np.ndarray) -> np.ndarray:
    return cv2.resize(crop, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_AREA)


def back_kind(seed: int) -> str:
    """The rack's back-panel kind (a style family); the layout's size does not change it."""
    return str(make_layout(seed, (960, 540)).back_kind)


def _render_seed(seed: int) -> dict[str, np.ndarray]:
    cv2.setNumThreads(1)
    # all bins, with their hidden share: the labels are drawn from it in `labelled`
    samples = scene_samples(seed, crop_size=(96, 96), keep_ambiguous=True)
    n = len(samples)
    empty = np.zeros((0, INPUT_SIZE, INPUT_SIZE, 3), np.uint8)
    return {
        "crops": np.stack([_small(s.crop) for s in samples]) if n else empty,
        "refs": np.stack([_small(s.reference) for s in samples]) if n else empty,
        "state_empty": np.array([s.state == "empty" for s in samples], bool),
        "fraction": np.array([s.occluded_fraction for s in samples], np.float32),
        "taught_empty": np.array([s.taught == "empty" for s in samples], bool),
        "seed": np.full(n, seed, np.int32),
        "back": np.full(n, BACKS.index(back_kind(seed)), np.int8),
    }


def foreign_samples(seeds: range, renderer: str) -> list[CropSample]:
    """Bins of scenes of another renderer (`FOREIGN_RENDERERS`) as crops (96×96, mis-clicked
    like the rest), through the scene's own calibration file."""
    render = FOREIGN_RENDERERS[renderer]
    out: list[CropSample] = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix=f"edge-{renderer}-") as tmp:
            folder = Path(tmp)
            render(seed, folder)
            frame = cv2.imread(str(folder / "frame.jpg"), cv2.IMREAD_COLOR)
            reference = cv2.imread(str(folder / "reference.jpg"), cv2.IMREAD_COLOR)
            calibration = yaml.safe_load((folder / "calibration.yaml").read_text())
            truth = json.loads((folder / "truth.json").read_text())
        states = {b["location"]: b for b in truth["bins"]}
        taught = calibration["reference"]["states"]
        rng = np.random.default_rng([seed, 7])
        for b in calibration["bins"]:
            loc = b["location"]
            clicked = jitter_polygon(np.asarray(b["polygon"], np.float64), rng, 0.03)
            state = states[loc]["state"]
            fraction = float(states[loc]["occluded_fraction"])
            out.append(
                CropSample(
                    crop=rectify_bin(frame, clicked, (96, 96)),
                    label=2 if fraction >= OCCLUDED_MIN else (0 if state == "empty" else 1),
                    reference=rectify_bin(reference, clicked, (96, 96)),
                    taught=taught[loc],
                    state=state,
                    occluded_fraction=fraction,
                    seed=seed,
                    location=loc,
                    centre=(float(clicked[:, 0].mean()), float(clicked[:, 1].mean())),
                )
            )
    return out


def _render_foreign_seed(renderer: str, seed: int) -> dict[str, np.ndarray]:
    """All bins of one scene of another renderer, as training pairs."""
    cv2.setNumThreads(1)
    samples = foreign_samples(range(seed, seed + 1), renderer)
    return {
        "crops": np.stack([_small(s.crop) for s in samples]),
        "refs": np.stack([_small(s.reference) for s in samples]),
        "state_empty": np.array([s.state == "empty" for s in samples], bool),
        "fraction": np.array([s.occluded_fraction for s in samples], np.float32),
        "taught_empty": np.array([s.taught == "empty" for s in samples], bool),
        "seed": np.full(len(samples), seed, np.int32),
        "back": np.full(len(samples), -1, np.int8),  # the renderer's own families
    }


def render_split(
    seeds: range, workers: int, cache: Path, *, renderer: str | None = None
) -> dict[str, np.ndarray]:
    """Training pairs of `seeds` of edge.synth (`renderer` None) or of a foreign renderer."""
    kind = f"{renderer}1" if renderer else "pairs2"
    path = cache / f"{kind}-{seeds.start}-{seeds.stop}.npz"
    if path.exists():
        data = np.load(path)
        return {k: data[k] for k in data.files}
    log(f"rendering {kind} seeds {seeds.start}..{seeds.stop - 1} with {workers} workers")
    render = functools.partial(_render_foreign_seed, renderer) if renderer else _render_seed
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = list(pool.imap(render, seeds, chunksize=4))
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, **out)  # type: ignore[arg-type]
    return out


def labelled(data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Labels from the hidden share: a bin hidden up to `VISIBLE_MAX` is judged by its state
    (as the evaluation does: a bin is occluded from 20 % hidden), from `OCCLUDED_MIN` it is
    occluded; in between it is left out (ambiguous either way)."""
    frac = data["fraction"]
    keep = (frac <= VISIBLE_MAX) | (frac >= OCCLUDED_MIN)
    out = {k: v[keep] for k, v in data.items()}
    out["labels"] = np.where(
        out["fraction"] >= OCCLUDED_MIN, 2, np.where(out["state_empty"], 0, 1)
    ).astype(np.int64)
    return out
