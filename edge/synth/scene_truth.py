"""What a benchmark renderer (`edge.synth.independent`, `.pickface`, `.wireshelf`) tells about
a scene and the files it leaves: the truth per location, and the scene folder. The renderers
share no drawing code; this is the interface `edge bench occupancy` and training read.

A scene folder holds reference.jpg (the taught frame), frame.jpg (the same camera later),
calibration.yaml (the contract's format, with the taught reference), calibration-noref.yaml
(the same without it) and truth.json.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import yaml

Polygon = np.ndarray | Sequence[Sequence[float]]


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


def hidden_share(polygon: Polygon, mask: np.ndarray) -> float:
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


def _points(polygon: Polygon) -> list[list[float]]:
    return [[round(float(x), 1), round(float(y), 1)] for x, y in np.asarray(polygon)]


def _yaml(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=120)


def write_scene(
    scene: RenderedScene,
    polygons: Sequence[Polygon],
    labels: Sequence[Polygon],
    images: tuple[bytes, bytes],
    camera: str,
    site: str,
) -> None:
    """The scene's five files into its folder (created if needed): `images` are the reference
    and later JPEGs; `polygons` and `labels` the locations' and their labels' quads, in
    `scene.bins` order."""
    scene.out_dir.mkdir(parents=True, exist_ok=True)
    scene.reference.write_bytes(images[0])
    scene.frame.write_bytes(images[1])
    doc: dict[str, Any] = {
        "camera": camera,
        "site": site,
        "image_size": list(scene.image_size),
        "bins": [
            {"location": b.location, "polygon": _points(p), "label_polygon": _points(q)}
            for b, p, q in zip(scene.bins, polygons, labels, strict=True)
        ],
    }
    scene.calibration_noref.write_text(_yaml(doc), encoding="utf-8")
    doc["reference"] = {
        "image": scene.reference.name,
        "states": {b.location: b.reference_state for b in scene.bins},
    }
    scene.calibration.write_text(_yaml(doc), encoding="utf-8")
    truth = {
        "seed": scene.seed,
        "image_size": list(scene.image_size),
        "style": scene.style,
        "back": scene.back,
        "deck": scene.deck,
        "occluders": list(scene.occluders),
        "bins": [b.to_dict() for b in scene.bins],
    }
    scene.truth.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
