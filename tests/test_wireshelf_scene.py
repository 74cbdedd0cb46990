"""The wireshelf renderer (a fourth painter, for benchmarks only) and `edge bench occupancy
--renderer wireshelf` on a tiny run: deterministic scenes, contract-valid calibrations, complete
truth, bins that change visibly, an occluder mask that matches the pixels, documented bench keys.
Accuracy is the benchmark's to report, not a test's to assert."""

from __future__ import annotations

import json
import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from click.testing import CliRunner

from edge.cli import main
from edge.synth.scene_truth import RenderedScene
from edge.synth.wireshelf import STYLES, render_wireshelf_scene, style_of
from edge.vision.calibration import load_calibration
from tests.scene_checks import assert_same_scene, check_scene_folder

SEEDS = (1, 2, 3, 5)  # wire, basket, ir, cubby; 1, 3 and 5 have bins hidden by occluders
SIZE = (1280, 720)  # small frames keep the file fast; geometry scales with the height


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedScene]:
    root = tmp_path_factory.mktemp("wireshelf")
    return [render_wireshelf_scene(seed, root / str(seed), size=SIZE) for seed in SEEDS]


def _area(quad: np.ndarray) -> float:
    return float(cv2.contourArea(quad.astype(np.float32)))


def _crop(image: np.ndarray, polygon: list[list[float]]) -> np.ndarray:
    """The bin rectified to 48×48, each channel normalised (as the judge sees it)."""
    square = np.array([[0, 0], [47, 0], [47, 47], [0, 47]], np.float32)
    m = cv2.getPerspectiveTransform(np.array(polygon, np.float32), square)
    crop = cv2.warpPerspective(image, m, (48, 48)).astype(np.float32)
    return np.asarray((crop - crop.mean(axis=(0, 1))) / (crop.std(axis=(0, 1)) + 8.0))


def _diffs(scenes: list[RenderedScene]) -> dict[str, list[float]]:
    """Reference-to-frame crop differences: bins changed (unoccluded), left alone
    (unoccluded), and at least half hidden by an occluder."""
    found: dict[str, list[float]] = {"changed": [], "unchanged": [], "hidden": []}
    for scene in scenes:
        reference, frame = cv2.imread(str(scene.reference)), cv2.imread(str(scene.frame))
        specs = load_calibration(scene.calibration).calibration.bins
        for truth, spec in zip(scene.bins, specs, strict=True):
            diff = float(np.abs(_crop(reference, spec.polygon) - _crop(frame, spec.polygon)).mean())
            if truth.occluded_fraction >= 0.5:
                found["hidden"].append(diff)
            elif truth.occluded_fraction == 0:
                found["changed" if truth.state != truth.reference_state else "unchanged"].append(
                    diff
                )
    return found


def test_same_seed_renders_the_same_scene(tmp_path: Path) -> None:
    a = render_wireshelf_scene(14, tmp_path / "a", size=(960, 540))
    assert_same_scene(a, render_wireshelf_scene(14, tmp_path / "b", size=(960, 540)))
    image = cv2.imread(str(a.frame))
    assert image is not None and image.shape[:2] == (540, 960)
    assert json.loads(a.truth.read_text())["image_size"] == [960, 540]
    other = render_wireshelf_scene(15, tmp_path / "c", size=(960, 540))
    assert other.truth.read_text() != a.truth.read_text()


def test_scenes_are_complete_and_valid(scenes: list[RenderedScene]) -> None:
    for scene in scenes:
        with_ref = check_scene_folder(scene)
        assert re.fullmatch(r"wire-[a-z]\d\d", with_ref.camera)
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
        for i, a in enumerate(quads):
            for b in quads[i + 1 :]:
                shared, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
                assert shared <= 0.25 * min(_area(a), _area(b))
        assert scene.style in STYLES
        for b in scene.bins:
            assert b.reference_state in ("empty", "occupied")
            assert (b.contents is not None) == (b.state == "occupied")
        changed = sum(b.state != b.reference_state for b in scene.bins)
        assert 0.15 * len(scene.bins) <= changed <= 0.45 * len(scene.bins)
    assert any(b.occluded_fraction >= 0.5 for s in scenes for b in s.bins)


def test_changed_bins_look_changed(scenes: list[RenderedScene]) -> None:
    """A bin emptied or filled since teaching differs from its reference crop more than a bin
    left alone does, on average (light, exposure and the camera nudge differ for both)."""
    found = _diffs(scenes)
    assert found["changed"] and found["unchanged"]
    assert np.mean(found["changed"]) > 1.2 * np.mean(found["unchanged"])


def test_occluder_mask_matches_the_frame(scenes: list[RenderedScene]) -> None:
    """Bins the truth calls at least half hidden really are covered in frame.jpg: their crops
    differ from the reference more than untouched bins do."""
    found = _diffs(scenes)
    assert found["hidden"]
    assert min(found["hidden"]) > np.median(found["unchanged"])


def test_every_style_appears(scenes: list[RenderedScene]) -> None:
    assert {style_of(seed) for seed in range(500000, 500040)} == set(STYLES)
    assert [s.style for s in scenes] == [style_of(seed) for seed in SEEDS]
    assert {s.style for s in scenes} == set(STYLES)
    for scene in scenes:
        frame = cv2.imread(str(scene.frame)).astype(np.int16)
        spread = float(np.abs(frame - frame.mean(axis=2, keepdims=True)).mean())
        assert (spread < 2.0) == (scene.style == "ir")  # infrared frames are grey


def test_bench_occupancy_wireshelf_json() -> None:
    args = ["bench", "occupancy", "--renderer", "wireshelf", "--scenes", "2", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["renderer"] == "wireshelf" and doc["first_seed"] == 500000 and doc["bins"] > 0
    for mode in ("reference", "plain"):
        score = doc[mode]
        assert 0 < score["visible_bins"] <= doc["bins"]
        assert sum(s["bins"] for s in score["by_style"].values()) == score["visible_bins"]
        assert set(score["by_style"]) <= set(STYLES)
        assert 0 <= score["occluded_called_empty"] <= score["occluded_bins"]
