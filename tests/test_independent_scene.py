"""The independent rack renderer (evaluation only) and `edge bench occupancy` on a tiny run:
deterministic scenes, contract-valid calibrations, complete truth, documented bench keys.
Accuracy itself is for the benchmark to report, not for a test to assert."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from edge.cli import main
from edge.synth.independent import render_independent_scene
from tests.scene_checks import assert_same_scene, check_scene_folder

SEEDS = (1, 2, 3, 4, 5)


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    a = render_independent_scene(11, tmp_path / "a")
    assert_same_scene(a, render_independent_scene(11, tmp_path / "b"))
    other = render_independent_scene(12, tmp_path / "c")
    assert other.truth.read_text() != a.truth.read_text()


def test_scenes_are_complete_and_valid(tmp_path: Path) -> None:
    occluded_somewhere = False
    for seed in SEEDS:
        scene = render_independent_scene(seed, tmp_path / str(seed))
        with_ref = check_scene_folder(scene)
        assert 2 * 3 <= len(with_ref.bins) <= 5 * 8
        occluded_somewhere |= any(b.occluded_fraction > 0 for b in scene.bins)
        changed = sum(b.state != b.reference_state for b in scene.bins)
        assert 0 < changed < len(scene.bins)
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
