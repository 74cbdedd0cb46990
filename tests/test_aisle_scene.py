"""The aisle renderer (a sixth painter, for benchmarks only: racks seen obliquely by a fixed
webcam across the aisle): deterministic scenes, contract-valid calibrations, complete truth,
bins that change visibly, an occluder mask that matches the pixels, every style in the benchmark
seeds. Accuracy is the benchmark's to report, not a test's to assert;
`edge bench occupancy --renderer aisle` on a tiny run."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from edge.synth.aisle import STYLES, render_aisle_scene, style_of
from edge.synth.scene_truth import RenderedScene
from tests.scene_checks import (
    assert_quads_barely_overlap,
    assert_seed_decides_the_scene,
    bench_occupancy_json,
    check_scene_folder,
    crop_differences,
)

SEEDS = (1, 2, 3, 5)  # gravity, shelving, pallet, binwall; 2 and 3 have bins hidden by occluders
SIZE = (1280, 720)  # small frames keep the file fast; geometry scales with the height


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    root = tmp_path_factory.mktemp("aisle")
    return [render_aisle_scene(seed, root / str(seed), size=SIZE) for seed in SEEDS]


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    assert_seed_decides_the_scene(render_aisle_scene, tmp_path, (960, 540))


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        with_ref = check_scene_folder(scene)
        assert re.fullmatch(r"aisle-[a-z]\d\d", with_ref.camera)
        assert scene.image_size == SIZE
        h = SIZE[1]
        assert 6 <= len(with_ref.bins) <= 30
        quads = []
        for spec in with_ref.bins:
            assert re.fullmatch(r"[A-Z]-\d\d-\d\d-\d\d", spec.location)
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = spec.polygon
            assert x1 > x0 and x2 > x3 and y3 > y0 and y2 > y1  # clockwise from top-left
            quad = np.array(spec.polygon)
            assert np.ptp(quad[:, 0]) + 1 >= 60 * h / 1080  # 60 px wide at 1080 lines
            quads.append(quad)
        assert_quads_barely_overlap(quads)
        assert scene.style in STYLES
        assert len(scene.occluders) <= 3
        for b in scene.bins:
            assert b.reference_state in ("empty", "occupied")
            assert (b.contents is not None) == (b.state == "occupied")
            assert not (b.litter and b.state == "occupied")
    assert any(b.occluded_fraction >= 0.5 for s in scenes for b in s.bins)


def test_a_share_of_the_bins_changes_state(scenes: list[RenderedScene]) -> None:
    """15–45 % of the calibrated bins are emptied or filled between teaching and the frame."""
    for scene in scenes:
        changed = sum(b.state != b.reference_state for b in scene.bins)
        assert 0.15 * len(scene.bins) <= changed <= 0.45 * len(scene.bins)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light, white balance and the camera nudge differ for both)."""
    found = crop_differences(scenes)
    assert found["changed"] and found["unchanged"]
    assert np.mean(found["changed"]) > 1.2 * np.mean(found["unchanged"])


def test_occluder_mask_matches_the_frame(scenes: list[RenderedScene]) -> None:
    """Bins the truth calls at least half hidden really are covered in frame.jpg: their crops
    differ from the reference more than the median untouched bin does."""
    found = crop_differences(scenes)
    assert found["hidden"]
    assert min(found["hidden"]) > np.median(found["unchanged"])


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert {style_of(seed) for seed in range(300000, 300040)} == set(STYLES)
    assert [s.style for s in scenes] == [style_of(seed) for seed in SEEDS]
    assert {s.style for s in scenes} == set(STYLES)


def test_bench_occupancy_aisle_json() -> None:
    bench_occupancy_json("aisle", 300000, STYLES)
