"""The synthetic rack generator: determinism, geometry, truth and the calibration format."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pytest
import yaml
import zxingcpp

from edge.synth import render_scene, write_calibration
from edge.synth.labels import barcode_image, mh10_payload, part_label

LOCATION = re.compile(r"^[A-Z]-\d{2}-\d{2}-\d{2}$")
SIZE = (640, 360)


def _signed_area(poly: list[tuple[float, float]]) -> float:
    pts = np.asarray(poly)
    x, y = pts[:, 0], pts[:, 1]
    return float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) / 2)


def test_same_seed_same_scene() -> None:
    a = render_scene(5, size=SIZE)
    b = render_scene(5, size=SIZE)
    assert np.array_equal(a.image, b.image)
    assert a.truth == b.truth
    assert a.calibration == b.calibration
    assert not np.array_equal(a.image, render_scene(6, size=SIZE).image)


def test_forced_states_keep_layout_and_pose() -> None:
    """A reference frame (all empty) must line up with a later frame of the same camera."""
    base = render_scene(11, size=SIZE, occluders=False)
    locations = [t.location for t in base.truth]
    empty = render_scene(11, size=SIZE, occluders=False, states=dict.fromkeys(locations, "empty"))
    full = render_scene(11, size=SIZE, occluders=False, states=dict.fromkeys(locations, "occupied"))
    assert empty.calibration == base.calibration == full.calibration
    assert {t.state for t in empty.truth} == {"empty"}
    assert {t.state for t in full.truth} == {"occupied"}
    assert all(t.item for t in full.truth) and not any(t.item for t in empty.truth)
    with pytest.raises(ValueError):
        render_scene(11, size=SIZE, states={locations[0]: "half"})


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5, 6, 7])
def test_truth_polygons_inside_image_and_clockwise(seed: int) -> None:
    scene = render_scene(seed, size=SIZE)
    h, w = scene.image.shape[:2]
    assert scene.image.dtype == np.uint8 and scene.image.shape == (360, 640, 3)
    assert len(scene.truth) == len(scene.calibration["bins"]) >= 4
    for truth, cal in zip(scene.truth, scene.calibration["bins"], strict=True):
        assert truth.location == cal["location"]
        assert len(truth.polygon) == 4
        pts = np.asarray(truth.polygon)
        assert (pts >= 0).all() and (pts[:, 0] < w).all() and (pts[:, 1] < h).all()
        # clockwise on screen (y down) = positive shoelace area; starts top-left
        assert _signed_area(truth.polygon) > 0
        assert pts[0, 0] < pts[1, 0] and pts[0, 1] < pts[3, 1]
        assert truth.state in ("empty", "occupied")


def test_calibration_matches_contract_and_round_trips(tmp_path: Path) -> None:
    scene = render_scene(3, size=SIZE, camera="rack-b02", site="plant-9")
    cal = scene.calibration
    assert cal["camera"] == "rack-b02" and cal["site"] == "plant-9"
    assert cal["image_size"] == [640, 360]
    for entry in cal["bins"]:
        assert LOCATION.match(entry["location"])
        for key in ("polygon", "label_polygon"):
            assert len(entry[key]) == 4
            assert all(len(p) == 2 and all(isinstance(v, float) for v in p) for p in entry[key])
    assert len({b["location"] for b in cal["bins"]}) == len(cal["bins"])
    path = tmp_path / "rack-b02.yaml"
    write_calibration(cal, path)
    assert yaml.safe_load(path.read_text()) == cal
    assert "polygon: [[" in path.read_text()


def test_occluders_mark_bins_occluded() -> None:
    occluded = [t for seed in range(12) for t in render_scene(seed, size=SIZE).truth if t.occluded]
    assert occluded, "some of 12 scenes should have a bin hidden by an occluder"
    assert all(t.occluded_fraction >= 0.2 for t in occluded)
    clear = [t for seed in range(4) for t in render_scene(seed, size=SIZE, occluders=False).truth]
    assert not any(t.occluded for t in clear)


def test_location_labels_decode_on_large_bins() -> None:
    scene = render_scene(2, size=(1920, 1080), rows=2, cols=3, occluders=False)
    read: set[str] = set()
    for entry in scene.calibration["bins"]:
        pts = np.asarray(entry["label_polygon"])
        x0, y0 = np.maximum(pts.min(axis=0).astype(int) - 12, 0)
        x1, y1 = pts.max(axis=0).astype(int) + 12
        for r in zxingcpp.read_barcodes(
            scene.image[y0:y1, x0:x1], text_mode=zxingcpp.TextMode.Plain
        ):
            read.add(r.text)
    expected = {b["location"] for b in scene.calibration["bins"]}
    assert len(read & expected) >= len(expected) // 2


def test_part_label_carries_an_mh10_envelope() -> None:
    art = part_label("AB-12345", 40, "mh10", 3, np.random.default_rng(0))
    results = zxingcpp.read_barcodes(art, text_mode=zxingcpp.TextMode.Plain)
    assert [r.text for r in results] == [mh10_payload("AB-12345", 40)]
    gs1 = barcode_image("(01)09501101530003(30)12", "gs1-128", 2)
    (result,) = zxingcpp.read_barcodes(gs1, text_mode=zxingcpp.TextMode.Plain)
    assert result.symbology_identifier == "]C1"


def test_full_hd_scene_renders_fast() -> None:
    render_scene(1)  # warm-up (imports, allocations)
    start = time.perf_counter()
    render_scene(2)
    assert time.perf_counter() - start < 1.5
