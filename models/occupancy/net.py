"""The network, its training loop and its ONNX export (checked against torch)."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from augment import augment_pairs
from progress import log
from torch import nn

from edge.vision.occupancy import CHANNELS


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
