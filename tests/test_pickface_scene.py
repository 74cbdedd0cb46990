"""The pick-face renderer (a third painter, for benchmarks only) and `edge bench occupancy
--renderer pickface` on a tiny run: deterministic scenes, contract-valid calibrations, complete
truth, bins that change visibly, documented bench keys. Accuracy is the benchmark's to report,
not a test's to assert."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from edge.synth.pickface import STYLES, render_pickface_scene, style_of
from edge.synth.scene_truth import RenderedScene
from tests.scene_checks import (
    assert_quads_barely_overlap,
    assert_seed_decides_the_scene,
    bench_occupancy_json,
    check_scene_folder,
    crop_differences,
)

SEEDS = (1, 2, 4, 11)  # flow, pallet, partsbox, louvre


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    root = tmp_path_factory.mktemp("pickface")
    return [render_pickface_scene(seed, root / str(seed)) for seed in SEEDS]


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    assert_seed_decides_the_scene(render_pickface_scene, tmp_path, (1280, 720))


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        with_ref = check_scene_folder(scene)
        assert re.fullmatch(r"pick-[a-z]\d\d", with_ref.camera)
        assert scene.image_size == (1920, 1080)
        low = 2 if scene.style == "pallet" else 4
        assert low <= len(with_ref.bins) <= (6 if scene.style == "pallet" else 30)
        quads = []
        for spec in with_ref.bins:
            assert re.fullmatch(r"[A-Z]-\d\d-\d\d-\d\d", spec.location)
            quad = np.array(spec.polygon)
            assert (np.ptp(quad[:, 0]) + 1) >= 60  # at least 60 px wide at 1080 lines
            quads.append(quad)
        assert_quads_barely_overlap(quads)
        assert scene.style in STYLES
        for b in scene.bins:
            assert (b.contents is not None) == (b.state == "occupied")
    changed = sum(b.state != b.reference_state for s in scenes for b in s.bins)
    assert changed > 0
    assert any(b.occluded_fraction > 0 for s in scenes for b in s.bins)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light and camera nudge differ for both)."""
    found = crop_differences(scenes)
    assert found["changed"] and found["unchanged"]
    assert np.mean(found["changed"]) > 1.2 * np.mean(found["unchanged"])


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert {style_of(seed) for seed in range(600000, 600020)} == set(STYLES)
    assert [s.style for s in scenes] == [style_of(seed) for seed in SEEDS]


def test_bench_occupancy_pickface_json() -> None:
    bench_occupancy_json("pickface", 600000, STYLES)
