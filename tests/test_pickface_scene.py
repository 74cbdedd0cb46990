"""The pick-face renderer (a third painter, for benchmarks only) and `edge bench occupancy
--renderer pickface` on a tiny run: deterministic scenes, contract-valid calibrations, complete
truth, bins that change visibly, documented bench keys. Accuracy is the benchmark's to report,
not a test's to assert."""

from __future__ import annotations

import json
import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from click.testing import CliRunner

from edge.cli import main
from edge.synth.pickface import STYLES, render_pickface_scene, style_of
from edge.synth.scene_truth import RenderedScene
from edge.vision.calibration import load_calibration
from tests.scene_checks import assert_same_scene, check_scene_folder

SEEDS = (1, 2, 4, 11)  # flow, pallet, partsbox, louvre


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    root = tmp_path_factory.mktemp("pickface")
    return [render_pickface_scene(seed, root / str(seed)) for seed in SEEDS]


def _area(quad: np.ndarray) -> float:
    return float(cv2.contourArea(quad.astype(np.float32)))


def _crop(image: np.ndarray, polygon: list[list[float]]) -> np.ndarray:
    """The bin rectified to 48×48, each channel normalised (as the judge sees it)."""
    square = np.array([[0, 0], [47, 0], [47, 47], [0, 47]], np.float32)
    m = cv2.getPerspectiveTransform(np.array(polygon, np.float32), square)
    crop = cv2.warpPerspective(image, m, (48, 48)).astype(np.float32)
    return np.asarray((crop - crop.mean(axis=(0, 1))) / (crop.std(axis=(0, 1)) + 8.0))


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    a = render_pickface_scene(14, tmp_path / "a", size=(1280, 720))
    assert_same_scene(a, render_pickface_scene(14, tmp_path / "b", size=(1280, 720)))
    image = cv2.imread(str(a.frame))
    assert image is not None and image.shape[:2] == (720, 1280)
    assert json.loads(a.truth.read_text())["image_size"] == [1280, 720]
    other = render_pickface_scene(15, tmp_path / "c", size=(1280, 720))
    assert other.truth.read_text() != a.truth.read_text()


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
        for i, a in enumerate(quads):
            for b in quads[i + 1 :]:
                shared, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
                assert shared <= 0.25 * min(_area(a), _area(b))
        assert scene.style in STYLES
        for b in scene.bins:
            assert (b.contents is not None) == (b.state == "occupied")
    changed = sum(b.state != b.reference_state for s in scenes for b in s.bins)
    assert changed > 0
    assert any(b.occluded_fraction > 0 for s in scenes for b in s.bins)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light and camera nudge differ for both)."""
    changed: list[float] = []
    unchanged: list[float] = []
    for scene in scenes:
        reference, frame = cv2.imread(str(scene.reference)), cv2.imread(str(scene.frame))
        specs = load_calibration(scene.calibration).calibration.bins
        for truth, spec in zip(scene.bins, specs, strict=True):
            if truth.occluded_fraction > 0:
                continue
            diff = float(np.abs(_crop(reference, spec.polygon) - _crop(frame, spec.polygon)).mean())
            (changed if truth.state != truth.reference_state else unchanged).append(diff)
    assert changed and unchanged
    assert np.mean(changed) > 1.2 * np.mean(unchanged)


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert {style_of(seed) for seed in range(600000, 600020)} == set(STYLES)
    assert [s.style for s in scenes] == [style_of(seed) for seed in SEEDS]


def test_bench_occupancy_pickface_json() -> None:
    args = ["bench", "occupancy", "--renderer", "pickface", "--scenes", "2", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["renderer"] == "pickface" and doc["first_seed"] == 600000 and doc["bins"] > 0
    for mode in ("reference", "plain"):
        score = doc[mode]
        assert 0 < score["visible_bins"] <= doc["bins"]
        assert sum(s["bins"] for s in score["by_style"].values()) == score["visible_bins"]
        assert set(score["by_style"]) <= set(STYLES)
        assert 0 <= score["occluded_called_empty"] <= score["occluded_bins"]
