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

Torch is only needed here; the runtime judge uses onnxruntime.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import cv2
import numpy as np
import torch
import yaml
from torch import nn

from edge.synth.dataset import CLEAR_TRAIN, CropSample, jitter_polygon, scene_samples
from edge.synth.evaluate import evaluate, evaluation_samples, judge_scenes, score
from edge.synth.independent import render_independent_scene
from edge.synth.pickface import render_pickface_scene
from edge.synth.rack import make_layout
from edge.synth.render import OCCLUDED_FRACTION
from edge.vision.crop import rectify_bin
from edge.vision.exemplars import DONOR_P_EMPTY
from edge.vision.occupancy import (
    CHANNELS,
    DEFAULT_MODEL,
    FEATURES,
    INPUT_SIZE,
    Combination,
    OccupancyJudge,
    Thresholds,
    normalise,
    reference_difference,
    reference_features,
)

TRAIN_SEEDS = range(0, 1200)
CHUNK = 600  # seeds per cached file
CALIB_SEEDS = range(50_000, 50_120)
TEST_SEEDS = range(90_000, 90_100)
# the second renderer (edge.synth.independent): these seeds train; `edge bench occupancy`
# scores seeds from 700000 on, which no model has seen
INDEPENDENT_TRAIN_SEEDS = "800000:800800"
INDEPENDENT_CALIB_SEEDS = range(810_000, 810_060)  # fit the thresholds beside CALIB_SEEDS
# the third renderer (edge.synth.pickface) is the shipped model's foreign benchmark (seeds
# from 600000 on); `--pickface-seeds 620000:620600` trains on it too (an experiment, see
# MODEL_CARD.md), with 630000–630059 then fitting the thresholds
PICKFACE_CALIB_SEEDS = range(630_000, 630_060)
# Renderers other than edge.synth, each writing a scene folder in the same format (frames,
# calibration files in the contract's format, truth.json).
FOREIGN_RENDERERS = {"independent": render_independent_scene, "pickface": render_pickface_scene}
FOREIGN_CALIB_SEEDS = {"independent": INDEPENDENT_CALIB_SEEDS, "pickface": PICKFACE_CALIB_SEEDS}
BACKS = ("plain", "perforated", "wood", "open")
HELD_OUT_BACK = "wood"  # never in training: the held-out style family
# a bin this much covered must never be called empty in the fit (a bin 20 % covered that is
# empty and looks it may be; between 20 % and this the bin is not scored either way)
COVERED_NEVER_EMPTY = 0.35
MAX_OCCUPIED_TO_EMPTY = 0.0125  # on the calibration seeds; the bar: 2 % on another generator
REF_DROPOUT = 0.5
EXEMPLAR_DROPOUT = 0.3
VISIBLE_MAX = 0.12  # hidden share up to which a training bin is labelled by its state
OCCLUDED_MIN = 0.15  # hidden share from which a training bin is labelled occluded


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- data ------------------------------------------------------------------------------------
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


# -- augmentation ----------------------------------------------------------------------------
def _photometric(out: np.ndarray, rng: np.random.Generator, scale: np.ndarray) -> np.ndarray:
    """Light and camera variation of one frame (float32 N×64×64×3, changed in place)."""
    n = len(out)
    out *= rng.uniform(0.6, 1.4, (n, 1, 1, 3)).astype(np.float32) ** 0.5
    out *= rng.uniform(0.5, 1.5, (n, 1, 1, 1)).astype(np.float32)
    ramp = np.linspace(-0.5, 0.5, INPUT_SIZE, dtype=np.float32)
    gx, gy = rng.normal(0, 0.25, (2, n, 1, 1, 1)).astype(np.float32)
    out *= 1 + gx * ramp[None, None, :, None] + gy * ramp[None, :, None, None]
    for i in np.flatnonzero(rng.random(n) < 0.2):
        out[i] = cv2.GaussianBlur(out[i], (0, 0), float(rng.uniform(0.5, 1.5)))
    for i in np.flatnonzero(scale < 1):  # a smaller bin in the frame
        f = float(scale[i])
        small = cv2.resize(out[i], None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        out[i] = cv2.resize(small, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_LINEAR)
    noise = rng.normal(0, 1, out.shape).astype(np.float32)
    out += noise * rng.uniform(0, 8, (n, 1, 1, 1)).astype(np.float32)
    gamma = rng.uniform(0.7, 1.4, (n, 1, 1, 1)).astype(np.float32)
    return np.asarray(255.0 * (np.clip(out, 0, 255) / 255.0) ** gamma, np.float32)


def _nearest_donor(seeds: np.ndarray, donor: np.ndarray) -> np.ndarray:
    """Per sample, the index of the nearest other sample of the same rack (layout order: the
    neighbour on the shelf) that may serve as an empty exemplar; -1 when the rack has none."""
    out = np.full(len(seeds), -1, np.int64)
    bounds = np.flatnonzero(np.diff(seeds)) + 1
    for start, stop in zip(np.r_[0, bounds], np.r_[bounds, len(seeds)], strict=True):
        donors = start + np.flatnonzero(donor[start:stop])
        for i in range(start, stop):
            others = donors[donors != i]
            if len(others):
                out[i] = others[np.argmin(np.abs(others - i))]
    return out


def exemplar_donors(data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Empty exemplars of both frames of each pair: in the later frame a visible empty bin
    (as the runtime's confidently-empty bins), in the reference frame a bin taught empty."""
    clear = data["fraction"] <= CLEAR_TRAIN
    return {
        "exemplar_now": _nearest_donor(data["seed"], data["state_empty"] & clear),
        "exemplar_ref": _nearest_donor(data["seed"], data["taught_empty"]),
    }


def augment_pairs(
    data: dict[str, np.ndarray], idx: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Model input (N×10×64×64) and targets for one batch of pairs.

    Geometry and colour (tote and part colours) are shared by both frames; light, blur and
    noise differ, as between teaching and now, and each frame's empty exemplar gets its frame's
    light. Visible pairs are swapped half the time (the reference frame is a valid visible crop
    whose state is the taught one), the reference is sometimes shifted by a few pixels (a
    camera nudged since teaching), and dropped (`REF_DROPOUT`) to train the no-reference path.
    The exemplar comes from the reference frame when there is a reference, else from the
    current frame, and is dropped `EXEMPLAR_DROPOUT` of the time.
    """
    labels = data["labels"][idx].copy()
    n = len(labels)
    frame_now, frame_ref = (
        data["crops"][idx].astype(np.float32),
        data["refs"][idx].astype(np.float32),
    )
    donor_now, donor_ref = data["exemplar_now"][idx], data["exemplar_ref"][idx]
    ex_now = np.where(donor_now[:, None, None, None] >= 0, data["crops"][donor_now], 0)
    ex_ref = np.where(donor_ref[:, None, None, None] >= 0, data["refs"][donor_ref], 0)
    ex_now, ex_ref = ex_now.astype(np.float32), ex_ref.astype(np.float32)
    flip = rng.random(n) < 0.5
    frame_now[flip], frame_ref[flip] = frame_now[flip, :, ::-1], frame_ref[flip, :, ::-1]
    for i in np.flatnonzero(rng.random(n) < 0.5):  # other tote / part colours
        perm = rng.permutation(3)
        for frame in (frame_now, frame_ref, ex_now, ex_ref):
            frame[i] = frame[i][..., perm]
    gray = rng.random(n) < 0.1
    for frame in (frame_now, frame_ref, ex_now, ex_ref):
        frame[gray] = frame[gray].mean(axis=-1, keepdims=True)
    scale = np.where(rng.random(n) < 0.15, rng.uniform(0.3, 0.7, n), 1.0)
    light_now, light_ref = rng.integers(2**32, size=2)
    frames = []
    for light, pair in ((light_now, (frame_now, ex_now)), (light_ref, (frame_ref, ex_ref))):
        for image in pair:  # a frame and its exemplar under the same light
            frames.append(_photometric(image, np.random.default_rng(int(light)), scale))
    frame_now, ex_now, frame_ref, ex_ref = frames
    taught = np.where(data["taught_empty"][idx], 0, 1)
    swap = (labels != 2) & (rng.random(n) < 0.5)
    cur = np.where(swap[:, None, None, None], frame_ref, frame_now)
    ref = np.where(swap[:, None, None, None], frame_now, frame_ref)
    has_now, has_ref = donor_now >= 0, donor_ref >= 0
    cur_ex = np.where(swap[:, None, None, None], ex_ref, ex_now)  # the current frame's exemplar
    ref_ex = np.where(swap[:, None, None, None], ex_now, ex_ref)  # the reference frame's
    cur_has = np.where(swap, has_ref, has_now)
    ref_has = np.where(swap, has_now, has_ref)
    labels, taught = np.where(swap, taught, labels), np.where(swap, labels, taught)
    for i in np.flatnonzero(rng.random(n) < 0.3):
        dy, dx = rng.integers(-2, 3, 2)
        ref[i] = np.roll(ref[i], (int(dy), int(dx)), axis=(0, 1))
    x = np.zeros((n, CHANNELS, INPUT_SIZE, INPUT_SIZE), np.float32)
    x[:, :3] = normalise(list(cur.astype(np.uint8)))
    keep = rng.random(n) >= REF_DROPOUT
    x[keep, 3:6] = normalise(list(ref[keep].astype(np.uint8)))
    x[keep, 6] = np.where(taught[keep] == 0, 1.0, -1.0)[:, None, None]
    exemplar = np.where(keep[:, None, None, None], ref_ex, cur_ex)
    has = np.where(keep, ref_has, cur_has) & (rng.random(n) >= EXEMPLAR_DROPOUT)
    if has.any():
        x[has, 7:10] = normalise(list(exemplar[has].astype(np.uint8)))
    return x, labels


# -- model -----------------------------------------------------------------------------------
def _block(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)
    )


class OccupancyNet(nn.Module):  # type: ignore[misc]
    """7×64×64 (crop, reference, taught state) → logits (empty, occupied, occluded)."""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            _block(CHANNELS, 24, 2),  # 32: the crop and its reference compared early
            _block(24, 32),
            nn.MaxPool2d(2),  # 16
            _block(32, 48),
            nn.MaxPool2d(2),  # 8
            _block(48, 80),
            _block(80, 96),
        )
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(192, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f = self.features(x)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.head(pooled)


class Ensemble(nn.Module):  # type: ignore[misc]
    """Networks trained from different seeds; their logits averaged (one ONNX file)."""

    def __init__(self, members: Sequence[OccupancyNet]) -> None:
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([m(x) for m in self.members]).mean(dim=0)


def train_model(data: dict[str, np.ndarray], epochs: int, seed: int) -> OccupancyNet:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = OccupancyNet()
    params = sum(p.numel() for p in model.parameters())
    labels = data["labels"]
    log(
        f"model: {params} parameters; {len(labels)} training pairs "
        f"(classes {np.bincount(labels, minlength=3).tolist()})"
    )
    batch = 128
    steps = epochs * math.ceil(len(labels) / batch)
    optim = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(optim, max_lr=4e-3, total_steps=steps)
    # occupied called empty is the costly error: weigh occupied a little more
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 1.5, 1.0]), label_smoothing=0.05)
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(labels))
        total, correct, loss_sum = 0, 0, 0.0
        start = time.time()
        for k in range(0, len(order), batch):
            idx = np.sort(order[k : k + batch])
            xb, yb = augment_pairs(data, idx, rng)
            x, y = torch.from_numpy(xb), torch.from_numpy(yb)
            logits = model(x)
            loss = loss_fn(logits, y)
            optim.zero_grad()
            loss.backward()
            optim.step()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += int((logits.argmax(1) == y).sum())
            total += len(idx)
        log(
            f"epoch {epoch + 1}/{epochs}: loss {loss_sum / total:.3f}, "
            f"train acc {correct / total:.3f} ({time.time() - start:.0f} s)"
        )
    model.eval()
    return model


def export(model: nn.Module, path: Path, data: dict[str, np.ndarray]) -> None:
    """ONNX, one file; verified against torch on real pairs (a stale BatchNorm once shipped)."""
    model.eval()
    rng = np.random.default_rng(1)
    x, _ = augment_pairs(data, np.arange(512), rng)
    batch = torch.export.Dim("batch", min=1, max=4096)
    program = torch.onnx.export(
        model,
        (torch.from_numpy(x[:8]),),
        dynamo=True,
        external_data=False,
        opset_version=18,
        input_names=["crops"],
        output_names=["logits"],
        dynamic_shapes=({0: batch},),
    )
    assert program is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    program.save(str(path))
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    (got,) = session.run(None, {"crops": x})
    worst = float(np.abs(np.asarray(got) - expected).max())
    agree = float((np.asarray(got).argmax(1) == expected.argmax(1)).mean())
    log(
        f"exported {path} ({path.stat().st_size / 1024:.0f} KiB): max |onnx - torch| = "
        f"{worst:.2e}, argmax agreement {agree:.4f}"
    )
    if worst > 1e-3 or agree < 0.999:
        raise SystemExit("ONNX export does not match torch")


# -- reference combination and thresholds ---------------------------------------------------
def _p_empty(probs: np.ndarray) -> np.ndarray:
    return np.asarray(probs[:, 0] / np.maximum(probs[:, 0] + probs[:, 1], 1e-9))


def fit_combination(
    p_model: np.ndarray, diff: np.ndarray, taught_empty: np.ndarray, empty: np.ndarray
) -> Combination:
    """Logistic regression of 'empty' on the model and the hand-made difference (visible bins)."""
    feats = reference_features(p_model, diff, taught_empty)
    x = np.concatenate([np.ones((len(feats), 1)), feats], 1)
    y = empty.astype(np.float64)
    sample_w = np.where(y == 0, 1.5, 1.0)  # occupied called empty is the costly error
    w = np.zeros(x.shape[1])
    for _ in range(50):  # Newton steps with a small ridge
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sample_w * (p - y)) + 1e-2 * w
        hess = (x * (sample_w * p * (1 - p))[:, None]).T @ x + 1e-2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    log(f"reference combination: {dict(zip(('bias', *FEATURES), w.round(2), strict=True))}")
    return Combination(bias=float(w[0]), weights=tuple(float(v) for v in w[1:]))


def _best_thresholds(
    judge: OccupancyJudge,
    samples: Sequence[CropSample],
    p_empty: np.ndarray,
    p_occluded: np.ndarray,
    max_occupied_to_empty: float,
) -> tuple[float, float, float, float]:
    """(accuracy, empty, occluded, occluded_any): right most often (over visible bins) with at
    most `max_occupied_to_empty` of occupied bins and no bin `COVERED_NEVER_EMPTY` covered
    called empty. On ties the
    higher occlusion thresholds win: on racks unlike the training ones the occluded class
    fires on plain visible bins, and a covered bin is kept from reading empty by `occluded`.
    `occluded_any` stops at 0.7: a bin the model thinks probably covered stays `unknown`."""
    best: tuple[float, float, float, float] = (-1.0, 0.98, 0.3, 0.3)
    covered = [s.occluded_fraction >= COVERED_NEVER_EMPTY for s in samples]
    for occluded in (0.2, 0.3, 0.4, 0.5):
        for occluded_any in (0.5, 0.6, 0.7):
            if occluded_any < occluded:
                continue
            for empty in np.linspace(0.5, 0.98, 49):
                judged = [
                    judge._decide(float(pe), float(px), None, float(empty), occluded, occluded_any)
                    for pe, px in zip(p_empty, p_occluded, strict=True)
                ]
                result = score(samples, judged)
                covered_empty = sum(
                    j.state == "empty" for j, c in zip(judged, covered, strict=True) if c
                )
                if (
                    result.occupied_to_empty <= max_occupied_to_empty
                    and covered_empty == 0
                    and result.accuracy >= best[0]
                ):
                    best = (result.accuracy, float(empty), occluded, occluded_any)
    return best


@dataclass(frozen=True)
class _Probabilities:
    """The model's raw output for one crop, shaped as a judgement so that `ExemplarJudge`
    picks the exemplars exactly as at run time, before any threshold: a bin with P(empty)
    ≥ `DONOR_P_EMPTY` and P(occluded) < 0.3 counts as clearly empty (a donor)."""

    probs: np.ndarray
    reference_diff: float | None = None
    confidence: float = 1.0

    @property
    def p_empty(self) -> float:
        return float(_p_empty(self.probs[None])[0])

    @property
    def p_occluded(self) -> float:
        return float(self.probs[2])

    @property
    def state(self) -> str:
        clear = self.p_empty >= DONOR_P_EMPTY and self.p_occluded < 0.3
        return "empty" if clear else "occupied"


class _ProbabilityProbe:
    """A judge that answers with the model's probabilities (`_Probabilities`)."""

    def __init__(self, judge: OccupancyJudge) -> None:
        self.inner = judge

    def judge(
        self,
        crops: Sequence[np.ndarray],
        references: Sequence[tuple[np.ndarray, str] | None] | None = None,
        exemplars: Sequence[np.ndarray | None] | None = None,
    ) -> list[_Probabilities]:
        return [_Probabilities(p) for p in self.inner.probabilities(crops, references, exemplars)]


def scene_probabilities(
    judge: OccupancyJudge, samples: Sequence[CropSample], *, with_reference: bool
) -> np.ndarray:
    """Model probabilities (N×3, `samples` order) with the exemplars the analyser would give."""
    results = judge_scenes(_ProbabilityProbe(judge), samples, with_reference=with_reference)
    return np.stack([cast(_Probabilities, r).probs for r in results])


def fit_rules(
    judge: OccupancyJudge, samples: Sequence[CropSample], max_occupied_to_empty: float
) -> tuple[Combination, Thresholds]:
    plain = scene_probabilities(judge, samples, with_reference=False)
    taught = scene_probabilities(judge, samples, with_reference=True)
    diff = np.array([reference_difference(s.crop, s.reference) for s in samples])
    taught_empty = np.array([s.taught == "empty" for s in samples])
    visible = np.array([s.occluded_fraction < OCCLUDED_FRACTION for s in samples])
    is_empty = np.array([s.state == "empty" for s in samples])
    combo = fit_combination(
        _p_empty(taught)[visible], diff[visible], taught_empty[visible], is_empty[visible]
    )
    p_ref = combo.p_empty(reference_features(_p_empty(taught), diff, taught_empty))
    acc_p, empty_p, occl_p, any_p = _best_thresholds(
        judge, samples, _p_empty(plain), plain[:, 2], max_occupied_to_empty
    )
    acc_r, empty_r, occl_r, any_r = _best_thresholds(
        judge, samples, p_ref, taught[:, 2], max_occupied_to_empty
    )
    for mode, acc, e, o, a in (
        ("without reference", acc_p, empty_p, occl_p, any_p),
        ("with reference", acc_r, empty_r, occl_r, any_r),
    ):
        log(f"{mode}: accuracy {acc:.3f} at empty ≥ {e:.2f}, occluded ≥ {o} (any ≥ {a})")
    return combo, Thresholds(
        empty=empty_p,
        empty_reference=empty_r,
        occluded=occl_p,
        occluded_reference=occl_r,
        occluded_any=any_p,
        occluded_any_reference=any_r,
    )


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
        "--independent-seeds",
        default=INDEPENDENT_TRAIN_SEEDS,
        help="FIRST:LAST seeds of the second renderer to train on too ('' for none)",
    )
    parser.add_argument(
        "--pickface-seeds",
        default="",
        help="FIRST:LAST seeds of the third renderer to train on too (default none: it is the "
        "foreign benchmark)",
    )
    parser.add_argument(
        "--max-occupied-to-empty", type=float, default=MAX_OCCUPIED_TO_EMPTY, help="calibration"
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
    chunks = [
        render_split(range(a, min(a + CHUNK, args.train_seeds)), args.workers, args.cache)
        for a in range(0, args.train_seeds, CHUNK)
    ]
    foreign = {"independent": args.independent_seeds, "pickface": args.pickface_seeds}
    foreign = {renderer: seeds for renderer, seeds in foreign.items() if seeds}
    for renderer, seeds in foreign.items():
        first, last = (int(v) for v in seeds.partition(":")[::2])
        chunks += [
            render_split(range(a, min(a + 200, last)), args.workers, args.cache, renderer=renderer)
            for a in range(first, last, 200)
        ]
    data = labelled({k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]})
    keep = data["back"] != BACKS.index(HELD_OUT_BACK)
    train = {k: v[keep] for k, v in data.items()}
    train.update(exemplar_donors(train))
    rendered = time.time()
    if not args.refit_only:
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
    combo, thresholds = fit_rules(judge, calibration, args.max_occupied_to_empty)
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
    result["parameters"] = args.members * sum(p.numel() for p in OccupancyNet().parameters())
    result["members"] = args.members
    result["epochs"] = args.epochs
    result["train_pairs"] = int(keep.sum())
    result["foreign_train_seeds"] = foreign
    result["occluded_fraction_visible"] = OCCLUDED_FRACTION
    meta["evaluation"] = result
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
