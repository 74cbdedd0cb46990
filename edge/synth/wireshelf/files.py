"""What a scene leaves on disk, in the interface the occupancy bench and training read:
reference.jpg, frame.jpg, calibration.yaml (contract format, with the taught reference),
calibration-noref.yaml (without it) and truth.json (`edge.synth.scene_truth`)."""

from __future__ import annotations

import json
from typing import Any

import yaml

from edge.synth.scene_truth import RenderedScene
from edge.synth.wireshelf.camera import Vec


def _points(quad: Vec) -> list[list[float]]:
    return [[round(float(x), 1), round(float(y), 1)] for x, y in quad]


def _dump(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=120)


def write_scene(
    scene: RenderedScene,
    polygons: list[Vec],
    labels: list[Vec],
    images: tuple[bytes, bytes],
    camera: str,
    site: str,
) -> None:
    """The five files, into the scene's folder (created if needed)."""
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
    scene.calibration_noref.write_text(_dump(doc), encoding="utf-8")
    doc["reference"] = {
        "image": scene.reference.name,
        "states": {b.location: b.reference_state for b in scene.bins},
    }
    scene.calibration.write_text(_dump(doc), encoding="utf-8")
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
