"""Synthetic rack videos: frames, timeline truth, the walking person and the CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from click.testing import CliRunner

from edge.cli import main
from edge.synth import render_video


def test_video_frames_match_truth(tmp_path: Path) -> None:
    path = tmp_path / "rack.mp4"
    calibration, frames = render_video(path, 4, seconds=6.0, fps=5.0, size=(640, 360), changes=3)
    capture = cv2.VideoCapture(str(path))
    count = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        assert frame.shape == (360, 640, 3)
        count += 1
    assert count == len(frames) == 30
    assert [f.index for f in frames] == list(range(30))
    assert frames[1].time_s == 0.2
    locations = {b["location"] for b in calibration["bins"]}
    assert all(set(f.states) == locations for f in frames)
    changed = [f.index for f, g in itertools.pairwise(frames) if f.states != g.states]
    assert len(changed) == 3, "three bins change state, at distinct times"
    assert any(f.occluded for f in frames), "the person hides some bins for a while"
    assert not frames[0].occluded or not frames[-1].occluded


def test_video_without_person_has_no_occlusion(tmp_path: Path) -> None:
    _, frames = render_video(
        tmp_path / "v.mp4", 1, seconds=2.0, fps=5.0, size=(480, 270), changes=1, person=False
    )
    assert not any(f.occluded for f in frames)


def test_cli_writes_scene_and_video(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["synth", "scene", "--seed", "3", "--size", "640x360", "--out", str(tmp_path), "--json"],
    )
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout.strip().splitlines()[-1])
    assert cv2.imread(paths["image"]).shape == (360, 640, 3)
    truth = json.loads(Path(paths["truth"]).read_text())
    assert truth["seed"] == 3 and truth["bins"]
    result = runner.invoke(
        main,
        [
            "synth",
            "video",
            "--seed",
            "3",
            "--size",
            "320x180",
            "--seconds",
            "1",
            "--fps",
            "4",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rack-a01-seed3.mp4").stat().st_size > 0
    truth = json.loads((tmp_path / "rack-a01-seed3.truth.json").read_text())
    assert len(truth["frames"]) == 4
    assert "Example" in runner.invoke(main, ["synth", "video", "--help"]).output


@pytest.mark.parametrize("seed", [5, 11])
def test_every_change_is_drawn_in_the_bin_the_truth_names(tmp_path: Path, seed: int) -> None:
    """A refilled bin was drawn with its first stock until another bin changed, so the picture
    changed in the refilled bin while the truth named the other one (cache keyed by states only)."""
    video = tmp_path / "v.mp4"
    calibration, truth = render_video(
        video, seed, seconds=8.0, fps=10.0, size=(960, 540), changes=4, person=False
    )
    capture = cv2.VideoCapture(str(video))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    polygons = {b["location"]: np.array(b["polygon"], np.int32) for b in calibration["bins"]}
    checked = 0
    for before, after in itertools.pairwise(truth):
        changed = [loc for loc, state in after.states.items() if before.states[loc] != state]
        moved = cv2.absdiff(frames[after.index], frames[before.index]).max(axis=2) > 40
        if not changed or moved.sum() < 30:
            continue
        inside = {}
        for location, polygon in polygons.items():
            mask = np.zeros(moved.shape, np.uint8)
            cv2.fillPoly(mask, [polygon], 1)
            inside[location] = int((moved & (mask > 0)).sum())
        assert max(inside, key=lambda loc: inside[loc]) == changed[0], (after.index, inside)
        checked += 1
    assert checked >= 3
