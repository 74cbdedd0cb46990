"""The flatbins renderer (a fifth painter, for benchmarks only): deterministic scenes,
contract-valid calibrations, complete truth, bins that change visibly, an occluder mask that
matches the pixels, every style reachable. Accuracy is the benchmark's to report, not a test's
to assert; `edge bench occupancy --renderer flatbins` on a tiny run."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.synth.flatbins import STYLES, render_flatbins_scene, style_of
from edge.synth.scene_truth import RenderedScene
from tests.scene_checks import (
    assert_a_share_changed_state,
    assert_calibrated_bins,
    assert_changed_bins_look_changed,
    assert_every_style_appears,
    assert_hidden_bins_look_covered,
    assert_seed_decides_the_scene,
    bench_occupancy_json,
    render_scenes,
)

SEEDS = (1, 2, 3, 4, 5)  # cartons, totes, shelf, cabinet, pegboard; 2 and 5 hide bins
SIZE = (1280, 720)  # small frames keep the file fast; geometry scales with the height


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    return render_scenes(render_flatbins_scene, tmp_path_factory.mktemp("flatbins"), SEEDS, SIZE)


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    assert_seed_decides_the_scene(render_flatbins_scene, tmp_path, (960, 540))


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        assert_calibrated_bins(scene, r"flat-[a-z]\d\d", SIZE, STYLES)
        assert len(scene.occluders) <= 3
        for b in scene.bins:
            assert b.occluded_fraction == 0 or scene.occluders
    assert any(b.occluded_fraction >= 0.5 for s in scenes for b in s.bins)
    assert any(b.litter for s in scenes for b in s.bins)


def test_a_share_of_the_bins_changes_state(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        assert_a_share_changed_state(scene)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light, exposure and the camera nudge differ for both)."""
    assert_changed_bins_look_changed(scenes)


def test_occluder_mask_matches_the_frame(scenes: list[RenderedScene]) -> None:
    """Bins the truth calls at least half hidden really are covered in frame.jpg: their crops
    differ from the reference more than untouched bins do."""
    assert_hidden_bins_look_covered(scenes)


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert_every_style_appears(style_of, range(400000, 400040), STYLES, scenes, SEEDS)


def test_bench_occupancy_flatbins_json() -> None:
    bench_occupancy_json("flatbins", 400000, STYLES)
