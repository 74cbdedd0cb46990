"""The wireshelf renderer (a fourth painter, for benchmarks only) and `edge bench occupancy
--renderer wireshelf` on a tiny run: deterministic scenes, contract-valid calibrations, complete
truth, bins that change visibly, an occluder mask that matches the pixels, documented bench keys.
Accuracy is the benchmark's to report, not a test's to assert."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from edge.synth.scene_truth import RenderedScene
from edge.synth.wireshelf import STYLES, render_wireshelf_scene, style_of
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

SEEDS = (1, 2, 3, 5)  # wire, basket, ir, cubby; 1, 3 and 5 have bins hidden by occluders
SIZE = (1280, 720)  # small frames keep the file fast; geometry scales with the height


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    return render_scenes(render_wireshelf_scene, tmp_path_factory.mktemp("wireshelf"), SEEDS, SIZE)


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    assert_seed_decides_the_scene(render_wireshelf_scene, tmp_path, (960, 540))


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        assert_calibrated_bins(scene, r"wire-[a-z]\d\d", SIZE, STYLES)
        assert_a_share_changed_state(scene)
    assert any(b.occluded_fraction >= 0.5 for s in scenes for b in s.bins)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light, exposure and the camera nudge differ for both)."""
    assert_changed_bins_look_changed(scenes)


def test_occluder_mask_matches_the_frame(scenes: list[RenderedScene]) -> None:
    """Bins the truth calls at least half hidden really are covered in frame.jpg: their crops
    differ from the reference more than untouched bins do."""
    assert_hidden_bins_look_covered(scenes)


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert_every_style_appears(style_of, range(500000, 500040), STYLES, scenes, SEEDS)
    for scene in scenes:
        frame = cv2.imread(str(scene.frame)).astype(np.int16)
        spread = float(np.abs(frame - frame.mean(axis=2, keepdims=True)).mean())
        assert (spread < 2.0) == (scene.style == "ir")  # infrared frames are grey


def test_bench_occupancy_wireshelf_json() -> None:
    bench_occupancy_json("wireshelf", 500000, STYLES)
