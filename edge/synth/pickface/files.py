"""What a pick-face scene leaves on disk, in the interface the bench and training read:
reference.jpg, frame.jpg, calibration.yaml (contract format, with the taught reference),
calibration-noref.yaml (the same without it) and truth.json (`edge.synth.scene_truth`).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import yaml

from edge.synth.scene_truth import RenderedScene


def _quad(points: np.ndarray) -> list[list[float]]:
    return [[round(float(x), 1), round(float(y), 1)] for x, y in points]


def _yaml(doc: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, default_flow_style=None, width=120)


def write_files(
    scene: RenderedScene,
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
