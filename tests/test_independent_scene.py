"""The independent rack renderer (evaluation only) and `edge bench occupancy` on a tiny run:
deterministic scenes, contract-valid calibrations, complete truth, documented bench keys.
Accuracy itself is for the benchmark to report, not for a test to assert."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import yaml
from click.testing import CliRunner

from edge.cli import main
from edge.synth.independent import render_independent_scene
from edge.vision.calibration import load_calibration

SEEDS = (1, 2, 3, 4, 5)


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    a = render_independent_scene(11, tmp_path / "a")
    b = render_independent_scene(11, tmp_path / "b")
    for name in ("truth.json", "calibration.yaml", "calibration-noref.yaml"):
        assert (a.out_dir / name).read_text() == (b.out_dir / name).read_text()
    assert a.frame.read_bytes() == b.frame.read_bytes()
    assert a.reference.read_bytes() == b.reference.read_bytes()
    assert a.bins == b.bins
    other = render_independent_scene(12, tmp_path / "c")
    assert other.truth.read_text() != a.truth.read_text()


def test_scenes_are_complete_and_valid(tmp_path: Path) -> None:
    occluded_somewhere = False
    for seed in SEEDS:
        scene = render_independent_scene(seed, tmp_path / str(seed))
        with_ref = load_calibration(scene.calibration).calibration
        plain = load_calibration(scene.calibration_noref).calibration
        assert plain.reference is None
        assert with_ref.reference is not None
        assert str(with_ref.reference.image) == "reference.jpg"
        assert set(with_ref.reference.states) == set(with_ref.locations)
        assert with_ref.bins == plain.bins
        assert yaml.safe_load(scene.calibration_noref.read_text()).keys() == {
            "camera",
            "site",
            "image_size",
            "bins",
        }
        w, h = with_ref.image_size
        assert (w, h) == scene.image_size
        for name in (scene.frame, scene.reference):
            image = cv2.imread(str(name))
            assert image is not None and image.shape[:2] == (h, w)
        assert 2 * 3 <= len(with_ref.bins) <= 5 * 8
        for spec in with_ref.bins:
            assert len(spec.polygon) == 4 and spec.label_polygon is not None
            for x, y in [*spec.polygon, *spec.label_polygon]:
                assert 0 <= x <= w and 0 <= y <= h
            (x0, y0), (x1, _), (_, y2), _ = spec.polygon
            assert x1 > x0 and y2 > y0  # clockwise from top-left
        truth = json.loads(scene.truth.read_text())
        assert [b["location"] for b in truth["bins"]] == with_ref.locations
        for b in truth["bins"]:
            assert b["state"] in ("empty", "occupied")
            assert 0.0 <= b["occluded_fraction"] <= 1.0
            assert b["reference_state"] == with_ref.reference.states[b["location"]]
        occluded_somewhere |= any(b["occluded_fraction"] > 0 for b in truth["bins"])
        changed = sum(b["state"] != b["reference_state"] for b in truth["bins"])
        assert 0 < changed < len(truth["bins"])
    assert occluded_somewhere


def test_bench_occupancy_json() -> None:
    result = CliRunner().invoke(main, ["bench", "occupancy", "--scenes", "2", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["scenes"] == 2 and doc["first_seed"] == 700000 and doc["bins"] > 0
    for mode in ("reference", "plain"):
        score = doc[mode]
        assert 0 < score["visible_bins"] <= doc["bins"]
        for key in (
            "accuracy",
            "empty_right",
            "occupied_right",
            "unknown_rate",
            "occupied_called_empty",
        ):
            value = score[key]
            assert value is None or 0.0 <= value <= 1.0, key
        assert 0 <= score["occluded_called_empty"] <= score["occluded_bins"]
        assert score["ms_per_image_median"] > 0
        assert sum(s["bins"] for s in score["by_style"].values()) == score["visible_bins"]
