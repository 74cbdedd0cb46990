"""What a pick-face scene leaves on disk, in the interface the bench and training read:
reference.jpg, frame.jpg, calibration.yaml (contract format, with the taught reference),
calibration-noref.yaml (the same without it) and truth.json; and the scene's truth in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import yaml


@dataclass(frozen=True)
class BinTruth:
    location: str
    state: str  # in frame.jpg: "empty" | "occupied"
    occluded_fraction: float  # share of the polygon hidden by occluders in frame.jpg
    reference_state: str  # in reference.jpg
    contents: str | None  # kind of goods in frame.jpg
    litter: bool  # empty with litter in frame.jpg

    def to_dict(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "state": self.state,
            "occluded_fraction": self.occluded_fraction,
            "reference_state": self.reference_state,
            "contents": self.contents,
            "litter": self.litter,
        }


@dataclass(frozen=True)
class PickfaceScene:
    seed: int
    out_dir: Path
    image_size: tuple[int, int]
    style: str  # "louvre" | "flow" | "partsbox" | "pallet"
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


def covered(polygon: np.ndarray, mask: np.ndarray) -> float:
    """Share of a polygon's pixels that the occluder mask (255: hidden) covers."""
    pts = np.asarray(polygon, np.float64)
    h, w = mask.shape
    x0, y0 = np.maximum(np.floor(pts.min(axis=0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(pts.max(axis=0)).astype(int) + 1, (w, h))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(inside, [np.round(pts - (x0, y0)).astype(np.int32)], 1)
    area = int(inside.sum())
    if area == 0:
        return 0.0
    hidden = int(((mask[y0:y1, x0:x1] > 127) & (inside > 0)).sum())
    return round(hidden / area, 4)


def _quad(points: np.ndarray) -> list[list[float]]:
    return [[round(float(x), 1), round(float(y), 1)] for x, y in points]


def _yaml(doc: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, default_flow_style=None, width=120)


def write_files(
    scene: PickfaceScene,
    polygons: list[np.ndarray],
    labels: list[np.ndarray],
    reference_jpg: bytes,
    frame_jpg: bytes,
    camera: str,
    site: str,
) -> None:
    """Write the scene's five files into its folder."""
    out = scene.out_dir
    out.mkdir(parents=True, exist_ok=True)
    scene.reference.write_bytes(reference_jpg)
    scene.frame.write_bytes(frame_jpg)
    doc: dict[str, Any] = {
        "camera": camera,
        "site": site,
        "image_size": [scene.image_size[0], scene.image_size[1]],
        "bins": [
            {"location": b.location, "polygon": _quad(poly), "label_polygon": _quad(label)}
            for b, poly, label in zip(scene.bins, polygons, labels, strict=True)
        ],
    }
    scene.calibration_noref.write_text(_yaml(doc), encoding="utf-8")
    doc["reference"] = {
        "image": "reference.jpg",
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
