"""What every benchmark renderer's scene folder must satisfy (`edge.synth.scene_truth`): the
contract's calibration files with and without the taught reference, frames of their size,
polygons inside the frame and clockwise, a truth.json that agrees with them; that one seed
renders one scene; what the renderers calibrate per scene and how many bins change state; and
how much each location changed between the two frames."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import yaml
from click.testing import CliRunner

from edge.cli import main
from edge.synth.scene_truth import RenderedScene
from edge.vision.calibration import Calibration, load_calibration


def assert_same_scene(a: RenderedScene, b: RenderedScene) -> None:
    """Two renders of one seed: the same files, byte for byte, and the same truth."""
    for name in ("truth.json", "calibration.yaml", "calibration-noref.yaml"):
        assert (a.out_dir / name).read_text() == (b.out_dir / name).read_text()
    assert a.frame.read_bytes() == b.frame.read_bytes()
    assert a.reference.read_bytes() == b.reference.read_bytes()
    assert (a.style, a.back, a.deck, a.occluders, a.bins) == (
        b.style,
        b.back,
        b.deck,
        b.occluders,
        b.bins,
    )


def check_scene_folder(scene: RenderedScene) -> Calibration:
    """Assert the folder's shared interface; the calibration with the taught reference, for
    the renderer's own checks."""
    with_ref = load_calibration(scene.calibration).calibration
    plain = load_calibration(scene.calibration_noref).calibration
    assert plain.reference is None and with_ref.reference is not None
    assert str(with_ref.reference.image) == "reference.jpg"
    assert with_ref.bins == plain.bins
    assert set(with_ref.reference.states) == set(with_ref.locations)
    assert len(set(with_ref.locations)) == len(with_ref.locations)
    assert yaml.safe_load(scene.calibration_noref.read_text()).keys() == {
        "camera",
        "site",
        "image_size",
        "bins",
    }
    w, h = with_ref.image_size
    assert (w, h) == scene.image_size
    for path in (scene.frame, scene.reference):
        image = cv2.imread(str(path))
        assert image is not None and image.shape[:2] == (h, w)
    for spec in with_ref.bins:
        assert len(spec.polygon) == 4 and spec.label_polygon is not None
        for x, y in [*spec.polygon, *spec.label_polygon]:
            assert 0 <= x <= w and 0 <= y <= h
        (x0, y0), (x1, _), (_, y2), _ = spec.polygon
        assert x1 > x0 and y2 > y0  # clockwise from top-left
    truth = json.loads(scene.truth.read_text())
    assert truth["seed"] == scene.seed and truth["style"] == scene.style
    assert truth["image_size"] == [w, h]
    assert {"back", "deck", "occluders"} <= truth.keys()
    assert [b["location"] for b in truth["bins"]] == with_ref.locations
    assert [b["location"] for b in truth["bins"]] == [b.location for b in scene.bins]
    for b in truth["bins"]:
        assert b["state"] in ("empty", "occupied")
        assert 0.0 <= b["occluded_fraction"] <= 1.0
        assert b["reference_state"] == with_ref.reference.states[b["location"]]
        assert not (b["litter"] and b["state"] == "occupied")
    return with_ref


def render_scenes(
    render: Callable[..., RenderedScene], root: Path, seeds: Sequence[int], size: tuple[int, int]
) -> list[RenderedScene]:
    """Each of `seeds` rendered at `size` into its own folder under `root` (for a module's
    shared scenes fixture)."""
    return [render(seed, root / str(seed), size=size) for seed in seeds]


def assert_calibrated_bins(
    scene: RenderedScene, camera: str, size: tuple[int, int], styles: Sequence[str]
) -> None:
    """Assert the folder's shared interface (`check_scene_folder`) and what a benchmark renderer
    calibrates in each scene: a camera name that matches the regex `camera`, frames of `size`,
    6–30 bins, each coded aisle-bay-level-position, with a clockwise quad at least 60 px wide at
    1080 lines, the quads barely overlapping; a style among `styles`; every bin's reference
    state empty or occupied, and contents named exactly when it is occupied."""
    with_ref = check_scene_folder(scene)
    assert re.fullmatch(camera, with_ref.camera)
    assert scene.image_size == size
    h = size[1]
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
    assert scene.style in styles
    for b in scene.bins:
        assert b.reference_state in ("empty", "occupied")
        assert (b.contents is not None) == (b.state == "occupied")


def assert_a_share_changed_state(scene: RenderedScene) -> None:
    """15–45 % of the calibrated bins are emptied or filled between teaching and the frame."""
    changed = sum(b.state != b.reference_state for b in scene.bins)
    assert 0.15 * len(scene.bins) <= changed <= 0.45 * len(scene.bins)


def assert_every_style_appears(
    style_of: Callable[[int], str],
    bench_seeds: range,
    styles: Sequence[str],
    scenes: Sequence[RenderedScene],
    seeds: Sequence[int],
) -> None:
    """The benchmark's seeds `bench_seeds` reach every one of `styles`; each test scene (rendered
    from `seeds`, in order) has the style its seed names, and the test scenes show every style."""
    assert {style_of(seed) for seed in bench_seeds} == set(styles)
    assert [s.style for s in scenes] == [style_of(seed) for seed in seeds]
    assert {s.style for s in scenes} == set(styles)


def assert_seed_decides_the_scene(
    render: Callable[..., RenderedScene], tmp_path: Path, size: tuple[int, int]
) -> None:
    """Seed 14 at `size` twice: the same scene, at that size; seed 15: another scene."""
    a = render(14, tmp_path / "a", size=size)
    assert_same_scene(a, render(14, tmp_path / "b", size=size))
    image = cv2.imread(str(a.frame))
    assert image is not None and image.shape[:2] == (size[1], size[0])
    assert json.loads(a.truth.read_text())["image_size"] == list(size)
    other = render(15, tmp_path / "c", size=size)
    assert other.truth.read_text() != a.truth.read_text()


def assert_quads_barely_overlap(quads: Sequence[np.ndarray]) -> None:
    """No two locations share more than a quarter of the smaller one."""

    def area(quad: np.ndarray) -> float:
        return float(cv2.contourArea(quad.astype(np.float32)))

    for i, a in enumerate(quads):
        for b in quads[i + 1 :]:
            shared, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
            assert shared <= 0.25 * min(area(a), area(b))


def _crop(image: np.ndarray, polygon: list[list[float]]) -> np.ndarray:
    """The location rectified to 48×48, each channel normalised (as the judge sees it)."""
    square = np.array([[0, 0], [47, 0], [47, 47], [0, 47]], np.float32)
    m = cv2.getPerspectiveTransform(np.array(polygon, np.float32), square)
    crop = cv2.warpPerspective(image, m, (48, 48)).astype(np.float32)
    return np.asarray((crop - crop.mean(axis=(0, 1))) / (crop.std(axis=(0, 1)) + 8.0))


def crop_differences(scenes: Sequence[RenderedScene]) -> dict[str, list[float]]:
    """Mean reference-to-frame difference of each location's normalised crop: "changed" and
    "unchanged" (state since teaching) over locations nothing hides, "hidden" over those at
    least half hidden by an occluder."""
    found: dict[str, list[float]] = {"changed": [], "unchanged": [], "hidden": []}
    for scene in scenes:
        reference, frame = cv2.imread(str(scene.reference)), cv2.imread(str(scene.frame))
        assert reference is not None and frame is not None
        specs = load_calibration(scene.calibration).calibration.bins
        for truth, spec in zip(scene.bins, specs, strict=True):
            diff = float(np.abs(_crop(reference, spec.polygon) - _crop(frame, spec.polygon)).mean())
            if truth.occluded_fraction >= 0.5:
                found["hidden"].append(diff)
            elif truth.occluded_fraction == 0:
                changed = truth.state != truth.reference_state
                found["changed" if changed else "unchanged"].append(diff)
    return found


def assert_changed_bins_look_changed(scenes: Sequence[RenderedScene]) -> None:
    """There are changed and unchanged bins, and the changed ones' crops differ from the
    reference more than 1.2 times as much as the unchanged ones' do, on average."""
    found = crop_differences(scenes)
    assert found["changed"] and found["unchanged"]
    assert np.mean(found["changed"]) > 1.2 * np.mean(found["unchanged"])


def assert_hidden_bins_look_covered(scenes: Sequence[RenderedScene]) -> None:
    """There are bins at least half hidden, and even the least changed of their crops differs
    from the reference more than the median unchanged bin's does."""
    found = crop_differences(scenes)
    assert found["hidden"]
    assert min(found["hidden"]) > np.median(found["unchanged"])


def bench_occupancy_json(renderer: str, first_seed: int, styles: Sequence[str]) -> dict[str, Any]:
    """`edge bench occupancy --renderer RENDERER --scenes 2 --json`, its shape checked: both
    modes score the visible bins, split by the renderer's styles."""
    args = ["bench", "occupancy", "--renderer", renderer, "--scenes", "2", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    assert doc["renderer"] == renderer and doc["first_seed"] == first_seed and doc["bins"] > 0
    assert doc["scenes"] == 2
    for mode in ("reference", "plain"):
        score = doc[mode]
        assert 0 < score["visible_bins"] <= doc["bins"]
        assert sum(s["bins"] for s in score["by_style"].values()) == score["visible_bins"]
        assert set(score["by_style"]) <= set(styles)
        assert 0 <= score["occluded_called_empty"] <= score["occluded_bins"]
    return doc
