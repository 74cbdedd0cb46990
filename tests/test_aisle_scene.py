"""The aisle renderer (a sixth painter, for benchmarks only: racks seen obliquely by a fixed
webcam across the aisle): deterministic scenes, contract-valid calibrations, complete truth,
bins that change visibly, an occluder mask that matches the pixels, every style in the benchmark
seeds. Accuracy is the benchmark's to report, not a test's to assert;
`edge bench occupancy --renderer aisle` on a tiny run."""

from __future__ import annotations

from pathlib import Path

import pytest

from edge.synth.aisle import STYLES, render_aisle_scene, style_of
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

SEEDS = (1, 2, 3, 5)  # gravity, shelving, pallet, binwall; 2 and 3 have bins hidden by occluders
SIZE = (1280, 720)  # small frames keep the file fast; geometry scales with the height


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    return render_scenes(render_aisle_scene, tmp_path_factory.mktemp("aisle"), SEEDS, SIZE)


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    assert_seed_decides_the_scene(render_aisle_scene, tmp_path, (960, 540))


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        assert_calibrated_bins(scene, r"aisle-[a-z]\d\d", SIZE, STYLES)
        assert len(scene.occluders) <= 3
        for b in scene.bins:
            assert not (b.litter and b.state == "occupied")
    assert any(b.occluded_fraction >= 0.5 for s in scenes for b in s.bins)


def test_a_share_of_the_bins_changes_state(scenes: list[RenderedScene]) -> None:
    """15–45 % of the calibrated bins are emptied or filled between teaching and the frame."""
    for scene in scenes:
        assert_a_share_changed_state(scene)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light, white balance and the camera nudge differ for both)."""
    assert_changed_bins_look_changed(scenes)


def test_occluder_mask_matches_the_frame(scenes: list[RenderedScene]) -> None:
    """Bins the truth calls at least half hidden really are covered in frame.jpg: their crops
    differ from the reference more than the median untouched bin does."""
    assert_hidden_bins_look_covered(scenes)


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert_every_style_appears(style_of, range(300000, 300040), STYLES, scenes, SEEDS)


def test_bench_occupancy_aisle_json() -> None:
    bench_occupancy_json("aisle", 300000, STYLES)
