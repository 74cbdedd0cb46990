"""Train the empty-bin classifier and ship it as `edge/vision/models/occupancy.onnx`.

Data: bin crops of the project's own synthetic racks (`edge.synth.dataset`), rendered here.
Classes: empty, occupied, occluded. Steps: render train / calibration / test seed ranges, train
a ~25 k-parameter CNN (torch CPU, heavy colour and degradation augmentation), export to ONNX
(opset 18, one file), check the ONNX output against torch, fit the reference combination
(`occupancy.json`) on the calibration range, and report on the held-out test range.

    .venv/bin/pip install torch==2.13.0 onnxscript onnx
    .venv/bin/python models/occupancy/train.py            # ≈ 10 min on 2 cores

Torch is only needed here; the runtime judge uses onnxruntime.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import torch
from torch import nn

from edge.synth.dataset import CropSample, scene_samples
from edge.synth.evaluate import evaluate, evaluation_samples
from edge.vision.occupancy import (
    DEFAULT_MODEL,
    FEATURES,
    INPUT_SIZE,
    Combination,
    OccupancyJudge,
    normalise,
    reference_difference,
    reference_features,
)

logger = logging.getLogger("train")

TRAIN_SEEDS = range(0, 1400)
CHUNK = 700  # seeds per cached file
CALIB_SEEDS = range(50_000, 50_080)
TEST_SEEDS = range(90_000, 90_100)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- data ------------------------------------------------------------------------------------
def _small(crop: np.ndarray) -> np.ndarray:
    return cv2.resize(crop, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_AREA)


def _render_seed(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    cv2.setNumThreads(1)
    samples = scene_samples(seed, crop_size=(96, 96))
    crops = (
        np.stack([_small(s.crop) for s in samples])
        if samples
        else np.zeros((0, INPUT_SIZE, INPUT_SIZE, 3), np.uint8)
    )
    refs = np.stack([_small(s.reference) for s in samples]) if samples else crops.copy()
    labels = np.array([s.label for s in samples], np.int64)
    taught = np.array([s.taught == "empty" for s in samples], bool)
    return crops, refs, labels, taught


def render_split(seeds: range, workers: int, cache: Path) -> dict[str, np.ndarray]:
    path = cache / f"crops-{seeds.start}-{seeds.stop}.npz"
    if path.exists():
        data = np.load(path)
        return {k: data[k] for k in data.files}
    log(f"rendering seeds {seeds.start}..{seeds.stop - 1} with {workers} workers")
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for i, part in enumerate(pool.imap(_render_seed, seeds, chunksize=4)):
            parts.append(part)
            if (i + 1) % 100 == 0:
                log(f"  {i + 1}/{len(seeds)} racks")
    out = {
        "crops": np.concatenate([p[0] for p in parts]),
        "refs": np.concatenate([p[1] for p in parts]),
        "labels": np.concatenate([p[2] for p in parts]),
        "taught_empty": np.concatenate([p[3] for p in parts]),
    }
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        crops=out["crops"],
        refs=out["refs"],
        labels=out["labels"],
        taught_empty=out["taught_empty"],
    )
    return out


# -- augmentation ----------------------------------------------------------------------------
def augment(batch: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Colour, light and camera variation beyond what the renderer already draws."""
    out = batch.astype(np.float32)
    n = len(out)
    flip = rng.random(n) < 0.5
    out[flip] = out[flip, :, ::-1]
    for i in np.flatnonzero(rng.random(n) < 0.5):  # other tote / part colours
        out[i] = out[i][..., rng.permutation(3)]
    gray = rng.random(n) < 0.1
    out[gray] = out[gray].mean(axis=-1, keepdims=True)
    out *= rng.uniform(0.6, 1.4, (n, 1, 1, 3)).astype(np.float32) ** 0.5
    out *= rng.uniform(0.5, 1.5, (n, 1, 1, 1)).astype(np.float32)
    # a light gradient across the crop
    ramp = np.linspace(-0.5, 0.5, INPUT_SIZE, dtype=np.float32)
    gx, gy = rng.normal(0, 0.25, (2, n, 1, 1, 1)).astype(np.float32)
    out *= 1 + gx * ramp[None, None, :, None] + gy * ramp[None, :, None, None]
    for i in np.flatnonzero(rng.random(n) < 0.25):
        out[i] = cv2.GaussianBlur(out[i], (0, 0), float(rng.uniform(0.5, 1.5)))
    for i in np.flatnonzero(rng.random(n) < 0.15):  # a smaller bin in the frame
        f = float(rng.uniform(0.3, 0.7))
        small = cv2.resize(out[i], None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        out[i] = cv2.resize(small, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_LINEAR)
    out += rng.normal(0, 1, out.shape).astype(np.float32) * rng.uniform(0, 8, (n, 1, 1, 1)).astype(
        np.float32
    )
    gamma = rng.uniform(0.7, 1.4, (n, 1, 1, 1)).astype(np.float32)
    out = 255.0 * (np.clip(out, 0, 255) / 255.0) ** gamma
    return out.astype(np.uint8)


# -- model -----------------------------------------------------------------------------------
def _block(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)
    )


class OccupancyNet(nn.Module):  # type: ignore[misc]
    """64×64×3 → logits (empty, occupied, occluded); average and max pooled features."""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            _block(3, 16, 2),  # 32
            _block(16, 32),
            nn.MaxPool2d(2),  # 16
            _block(32, 48),
            nn.MaxPool2d(2),  # 8
            _block(48, 64),
        )
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(128, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f = self.features(x)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.head(pooled)


def train_model(data: dict[str, np.ndarray], epochs: int, seed: int) -> OccupancyNet:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = OccupancyNet()
    params = sum(p.numel() for p in model.parameters())
    log(
        f"model: {params} parameters; {len(data['labels'])} training crops "
        f"(classes {np.bincount(data['labels'], minlength=3).tolist()})"
    )
    crops, labels = data["crops"], data["labels"]
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
            idx = order[k : k + batch]
            x = torch.from_numpy(normalise(list(augment(crops[idx], rng))))
            y = torch.from_numpy(labels[idx])
            logits = model(x)
            loss = loss_fn(logits, y)
            optim.zero_grad()
            loss.backward()
            optim.step()
            sched.step()
            loss_sum += float(loss) * len(idx)
            correct += int((logits.argmax(1) == y).sum())
            total += len(idx)
        log(
            f"epoch {epoch + 1}/{epochs}: loss {loss_sum / total:.3f}, "
            f"train acc {correct / total:.3f} ({time.time() - start:.0f} s)"
        )
    model.eval()
    return model


def export(model: OccupancyNet, path: Path, check: np.ndarray) -> None:
    """ONNX, one file; verified against torch on real crops (a stale BatchNorm once shipped)."""
    model.eval()
    example = torch.from_numpy(normalise(list(check[:8])))
    batch = torch.export.Dim("batch", min=1, max=4096)
    program = torch.onnx.export(
        model,
        (example,),
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
    x = normalise(list(check))
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


# -- reference combination -------------------------------------------------------------------
def _threshold(p_empty: np.ndarray, occupied: np.ndarray, rate: float) -> float:
    """The lowest P(empty) threshold ≥ 0.5 that calls at most `rate` of occupied bins empty."""
    for t in np.linspace(0.5, 0.98, 49):
        if np.mean(p_empty[occupied] >= t) <= rate:
            return float(t)
    return 0.98


def fit_combination(judge: OccupancyJudge, samples: list[CropSample]) -> Combination:
    """Logistic regression of 'empty' on the model and the difference to the taught look."""
    visible = [s for s in samples if s.label != 2]
    probs = judge.probabilities([s.crop for s in visible])
    p_model = probs[:, 0] / np.maximum(probs[:, 0] + probs[:, 1], 1e-9)
    diff = np.array([reference_difference(s.crop, s.reference) for s in visible])
    taught = np.array([s.taught == "empty" for s in visible])
    feats = reference_features(p_model, diff, taught)
    x = np.concatenate([np.ones((len(visible), 1)), feats], 1)
    y = np.array([s.state == "empty" for s in visible], np.float64)
    # occupied samples weigh more: calling them empty is the error that matters
    sample_w = np.where(y == 0, 1.5, 1.0)
    w = np.zeros(x.shape[1])
    for _ in range(50):  # Newton steps with a small ridge
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sample_w * (p - y)) + 1e-2 * w
        hess = (x * (sample_w * p * (1 - p))[:, None]).T @ x + 1e-2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    occupied = y == 0
    combo = Combination(bias=float(w[0]), weights=tuple(float(v) for v in w[1:]))
    p_ref = combo.p_empty(feats)
    combo = Combination(
        bias=combo.bias,
        weights=combo.weights,
        empty_threshold=_threshold(p_model, occupied, 0.015),
        empty_threshold_reference=_threshold(p_ref, occupied, 0.015),
    )
    log(f"reference combination: {dict(zip(('bias', *FEATURES), w.round(2), strict=True))}")
    log(
        f"empty thresholds: model {combo.empty_threshold:.2f}, "
        f"with reference {combo.empty_threshold_reference:.2f}"
    )
    return combo


def main() -> int:
    parser = argparse.ArgumentParser(description="Train and export the occupancy model.")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/edge-occupancy-cache"))
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--train-seeds", type=int, default=len(TRAIN_SEEDS))
    parser.add_argument(
        "--refit-only",
        action="store_true",
        help="keep the exported model; refit the reference rule and evaluate",
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    started = time.time()
    chunks = [
        render_split(range(a, min(a + CHUNK, args.train_seeds)), args.workers, args.cache)
        for a in range(0, args.train_seeds, CHUNK)
    ]
    train = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    rendered = time.time()
    if not args.refit_only:
        model = train_model(train, args.epochs, seed=0)
        export(model, args.out, train["crops"][:512])
    trained = time.time()
    # fit the reference rule on its own seeds, so the test range stays untouched
    judge = OccupancyJudge(args.out)
    calib = [s for seed in CALIB_SEEDS for s in scene_samples(seed, crop_size=(96, 96))]
    combo = fit_combination(judge, calib)
    meta: dict[str, Any] = {
        "combination": {
            "bias": combo.bias,
            "weights": list(combo.weights),
            "features": list(FEATURES),
            "empty_threshold": combo.empty_threshold,
            "empty_threshold_reference": combo.empty_threshold_reference,
        },
        "input_size": INPUT_SIZE,
        "classes": ["empty", "occupied", "occluded"],
    }
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    judge = OccupancyJudge(args.out)
    log(f"evaluating on held-out seeds {TEST_SEEDS.start}..{TEST_SEEDS.stop - 1}")
    result = evaluate(judge, evaluation_samples(TEST_SEEDS))
    result["timing_s"] = {
        "render": round(rendered - started),
        "train": round(trained - rendered),
        "total": round(time.time() - started),
    }
    result["parameters"] = sum(p.numel() for p in OccupancyNet().parameters())
    result["train_crops"] = len(train["labels"])
    meta["evaluation"] = result
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
