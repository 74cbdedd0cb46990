"""What a benchmark renderer (`edge.synth.independent`, `.pickface`, `.wireshelf`) tells about
a scene it wrote: the truth per location and where its files are. The renderers share no
drawing code; this is the interface `edge bench occupancy` and training read.

A scene folder holds reference.jpg (the taught frame), frame.jpg (the same camera later),
calibration.yaml (the contract's format, with the taught reference), calibration-noref.yaml
(the same without it) and truth.json.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np


@dataclass(frozen=True)
class BinTruth:
    location: str
    state: str  # in frame.jpg: "empty" | "occupied"
    occluded_fraction: float  # share of the polygon hidden by occluders in frame.jpg
    reference_state: str  # in reference.jpg
    contents: str | None  # kind of goods in frame.jpg
    litter: bool  # empty with litter in frame.jpg

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RenderedScene:
    seed: int
    out_dir: Path
    image_size: tuple[int, int]
    style: str  # the renderer's rack family
    back: str  # behind the locations
    deck: str  # what the goods stand on
    occluders: tuple[str, ...]
    bins: tuple[BinTruth, ...]

    @property
    def reference(self) -> Path:
        return self.out_dir / "reference.jpg"

    @property
    def frame(self) -> Path:
        return self.out_dir / "frame.jpg"

    @property
    def calibration(self) -> Path:
        return self.out_dir / "calibration.yaml"

    @property
    def calibration_noref(self) -> Path:
        return self.out_dir / "calibration-noref.yaml"

    @property
    def truth(self) -> Path:
        return self.out_dir / "truth.json"


def hidden_share(polygon: np.ndarray | list[list[float]], mask: np.ndarray) -> float:
    """Share (4 decimals) of a polygon's pixels that the occluder mask (255: hidden) covers."""
    pts = np.asarray(polygon, np.float64)
    h, w = mask.shape
    x0, y0 = np.clip(np.floor(pts.min(axis=0)).astype(int), 0, (w, h))
    x1, y1 = np.clip(np.ceil(pts.max(axis=0)).astype(int) + 1, 0, (w, h))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(inside, [np.round(pts - (x0, y0)).astype(np.int32)], 1)
    area = int(inside.sum())
    if area == 0:
        return 0.0
    hidden = int(np.count_nonzero((mask[y0:y1, x0:x1] >= 128) & (inside > 0)))
    return round(hidden / area, 4)
