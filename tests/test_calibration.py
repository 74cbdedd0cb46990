"""The calibration file: contract keys, errors that name the key and line, relative paths."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from edge.vision.calibration import CalibrationError, load_calibration, save_calibration

GOOD = """\
camera: rack-a01
site: plant-1
image_size: [1920, 1080]
bins:
  - location: A-03-02-04
    polygon: [[10, 10], [200, 10], [200, 150], [10, 150]]
    label_polygon: [[10, 155], [200, 155], [200, 180], [10, 180]]
  - location: A-03-02-05
    polygon: [[210, 10], [400, 10], [400, 150], [210, 150]]
reference:
  image: ref/rack-a01.jpg
  states: {A-03-02-04: empty, A-03-02-05: occupied}
"""


def test_contract_file_loads_and_resolves_the_reference_against_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "cal" / "rack-a01.yaml"
    path.parent.mkdir()
    path.write_text(GOOD)
    loaded = load_calibration(path)
    assert loaded.calibration.locations == ["A-03-02-04", "A-03-02-05"]
    assert loaded.reference_path() == path.parent.resolve() / "ref" / "rack-a01.jpg"
    assert loaded.calibration.bins[1].label_polygon is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("image_size: [1920, 1080]", "image_size: [1920]", r":3: image_size"),
        (
            "    polygon: [[210, 10], [400, 10], [400, 150], [210, 150]]",
            "    polygon: [[1, 2]]",
            r"bins\.1\.polygon",
        ),
        (
            "    polygon: [[210, 10], [400, 10], [400, 150], [210, 150]]",
            "    polygon: [[210, 10], [300, 10], [400, 10], [500, 10]]",
            r"bins\.1\.polygon.*no area",
        ),
        ("  - location: A-03-02-05", "  - location: A-03-02-04", "appears twice"),
        ("A-03-02-05: occupied}", "A-09: occupied}", "unknown locations"),
        ("{A-03-02-04: empty", "{A-03-02-04: full", r"reference\.states"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(old, new))
    with pytest.raises(CalibrationError, match=message):
        load_calibration(path)


def test_save_round_trips(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text(GOOD)
    loaded = load_calibration(src)
    out = tmp_path / "b.yaml"
    save_calibration(loaded.calibration, out)
    assert load_calibration(out).calibration == loaded.calibration


def test_scaling_to_another_frame_size_scales_polygons(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text(GOOD)
    half = load_calibration(src).calibration.scaled_to(960, 540)
    assert half.bins[0].polygon[1] == [100.0, 5.0]
    assert half.bins[0].label_polygon is not None


def test_bin_corners_are_put_clockwise_from_top_left(tmp_path: Path) -> None:
    """The contract's order, whatever order the file gives: counter-clockwise from the
    bottom-left here."""
    path = tmp_path / "ccw.yaml"
    path.write_text(
        GOOD.replace(
            "[[210, 10], [400, 10], [400, 150], [210, 150]]",
            "[[210, 150], [400, 150], [400, 10], [210, 10]]",
        )
    )
    spec = load_calibration(path).calibration.bins[1]
    assert spec.polygon == [[210, 10], [400, 10], [400, 150], [210, 150]]


def test_keys_of_another_tool_are_ignored_with_a_warning_that_names_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The contract leaves further keys to each project: a file written by another tool loads,
    and each key this project does not know is named with its line."""
    path = tmp_path / "other-tool.yaml"
    path.write_text(
        GOOD.replace("camera: rack-a01", "camera: rack-a01\ncolour: red")
        .replace("  - location: A-03-02-05", "  - location: A-03-02-05\n    kind: tote")
        .replace("  image: ref/rack-a01.jpg", "  image: ref/rack-a01.jpg\n  taken: 2026-11-01")
    )
    with caplog.at_level(logging.WARNING, logger="edge.vision.calibration"):
        loaded = load_calibration(path)
    assert loaded.calibration.locations == ["A-03-02-04", "A-03-02-05"]
    assert loaded.calibration.reference is not None
    warned = [r.getMessage() for r in caplog.records]
    assert f"{path}:2: colour: not a calibration key, ignored" in warned
    assert f"{path}:10: bins.1.kind: not a calibration key, ignored" in warned
    assert f"{path}:14: reference.taken: not a calibration key, ignored" in warned
    # a misspelt required key is still an error, naming the key
    path.write_text(GOOD.replace("    polygon: [[210", "    polgon: [[210"))
    with pytest.raises(CalibrationError, match=r"bins\.1\.polygon"):
        load_calibration(path)
