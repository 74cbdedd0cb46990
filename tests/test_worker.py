"""The camera worker end to end on synthetic video, into a ListSink.

The occupancy judge here is a stand-in that compares each bin with its taught reference (the
real ONNX judge is tested by its owner); what is under test is the worker: gate, re-analysis,
inertia, occlusion handling, outages.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from edge.config.cameras import CameraConfig
from edge.events import ListSink
from edge.synth import render_scene, render_video
from edge.vision.calibration import parse_calibration
from edge.vision.picture import Picture
from edge.vision.sources import SourceError
from edge.vision.worker import run_worker

INERTIA = 3
MAX_DELAY = 15  # frames: 1.5 s at 10 frames/s, the ledger latency target


@dataclass(frozen=True)
class _Judgement:
    state: str
    confidence: float
    p_empty: float
    reference_diff: float | None = None
    p_occluded: float | None = None


class ReferenceJudge:
    """Stand-in judge: a bin that looks like its taught crop has its taught state."""

    def __init__(self) -> None:
        self.crops = 0

    def judge(self, crops: Any, references: Any = None, exemplars: Any = None) -> list[_Judgement]:
        out = []
        refs = references or [None] * len(crops)
        self.crops += len(crops)
        for crop, ref in zip(crops, refs, strict=True):
            if ref is None:
                out.append(_Judgement("unknown", 0.0, 0.5))
                continue
            a = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY).astype(np.float32)
            b = cv2.cvtColor(ref[0], cv2.COLOR_BGR2GRAY).astype(np.float32)
            diff = float(np.mean(np.abs((a - a.mean()) - (b - b.mean()))))
            other = "occupied" if ref[1] == "empty" else "empty"
            state = ref[1] if diff < 6 else other
            out.append(_Judgement(state, 0.9, 1.0 if state == "empty" else 0.0, diff))
        return out


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[Any]]:
    folder = tmp_path_factory.mktemp("video")
    path = folder / "rack.mp4"
    calibration, truth = render_video(
        path, 11, seconds=8.0, fps=10.0, size=(960, 540), changes=2, person=True
    )
    # Teach a frame in which the emptied bin is empty and nobody stands in front: a refilled
    # bin holds new stock, so a reference of the first frame would not match it either way.
    emptied = {loc for t in truth for loc, state in t.states.items() if state == "empty"} - {
        loc for loc, state in truth[0].states.items() if state == "empty"
    }
    taught = next(
        t for t in truth if not t.occluded and all(t.states[loc] == "empty" for loc in emptied)
    )
    cap = cv2.VideoCapture(str(path))
    for _ in range(taught.index + 1):  # read, not seek: seeking in mp4v is not frame-exact
        ok, reference = cap.read()
    cap.release()
    assert ok
    cv2.imwrite(str(folder / "reference.png"), reference)
    calibration = dict(calibration)
    calibration["reference"] = {"image": "reference.png", "states": dict(taught.states)}
    (folder / "calibration.yaml").write_text("")  # the folder relative paths resolve against
    return path, calibration, truth


def _run(video: tuple[Path, dict[str, Any], list[Any]]) -> tuple[ListSink, list[dict[str, Any]]]:
    path, calibration, _ = video
    from edge.vision.calibration import LoadedCalibration

    loaded = LoadedCalibration(calibration=parse_calibration(calibration), base_dir=path.parent)
    sink = ListSink()
    statuses: list[dict[str, Any]] = []
    config = CameraConfig(source=str(path), realtime=False, inertia=INERTIA)
    result = run_worker(
        config,
        loaded,
        sink,
        stop=threading.Event(),
        status=statuses.append,
        judge=ReferenceJudge(),
    )
    assert result.frames == 80
    return sink, statuses


def test_bin_events_follow_the_truth_timeline(
    video: tuple[Path, dict[str, Any], list[Any]],
) -> None:
    sink, _ = _run(video)
    truth = video[2]
    changes = [
        (t.index, loc, state)
        for t in truth[1:]
        for loc, state in t.states.items()
        if truth[t.index - 1].states[loc] != state
    ]
    assert changes, "the video must contain changes"
    bin_events = [e for e in sink.events if e.type.startswith("bin.")]
    initial = {e.location for e in bin_events if e.attributes["previous"] is None}
    # Every bin is reported once at start-up with its true state.
    assert initial == set(truth[0].states)
    for e in bin_events:
        frame = e.attributes["frame"]
        if e.attributes["previous"] is None:
            assert e.type == f"bin.{truth[frame].states[e.location]}", e
            continue
        assert e.type == f"bin.{truth[frame].states[e.location]}", e
        caused = [c for c in changes if c[1] == e.location and 0 < frame - c[0] <= MAX_DELAY]
        assert caused, f"{e.type} {e.location} at frame {frame} matches no change"
    flips = [e for e in bin_events if e.attributes["previous"] is not None]
    assert len(flips) == len(changes), (flips, changes)


def test_no_bin_is_reported_empty_while_occluded(
    video: tuple[Path, dict[str, Any], list[Any]],
) -> None:
    sink, _ = _run(video)
    truth = video[2]
    assert any(t.occluded for t in truth), "the video must have a person walking past"
    for e in sink.events:
        if e.type != "bin.empty":
            continue
        frame = e.attributes["frame"]
        window = range(max(0, frame - INERTIA - 3), frame + 1)
        assert all(e.location not in truth[i].occluded for i in window), e


def test_status_reports_the_camera_lifecycle(
    video: tuple[Path, dict[str, Any], list[Any]],
) -> None:
    _, statuses = _run(video)
    states = [s["camera_state"] for s in statuses]
    assert states[0] == "starting"
    assert "online" in states and states[-1] == "stopped"
    assert statuses[-1]["frames"] == 80


class DyingSource:
    """A live camera that shows a static rack, then dies for a while, then comes back."""

    live = True
    fps = None
    name = "dying"

    def __init__(self, image: np.ndarray, script: list[tuple[str, int]]) -> None:
        self.image, self.script, self.sent = image, script, 0

    def open(self) -> None:
        if self.script[0][0] == "refuse":
            raise SourceError("no route to camera")

    def read(self) -> Picture | None:
        kind, count = self.script[0]
        if kind == "frames" and self.sent < count:
            self.sent += 1
            threading.Event().wait(0.01)
            return Picture.from_bgr(self.image.copy())
        if kind == "frames" and len(self.script) > 1 and self.script[1][0] == "fail":
            raise SourceError("stream broke")
        return None  # the end of the scripted life: a live source that ends

    def close(self) -> None:
        return None


def test_a_dead_camera_is_an_outage_never_an_empty_rack() -> None:
    scene = render_scene(21, size=(960, 540), occluders=False)
    scripts = [
        [("frames", 12), ("fail", 0)],
        [("refuse", 0)],
        [("frames", 12), ("end", 0)],
    ]

    def factory() -> DyingSource:
        return DyingSource(scene.image, scripts.pop(0) if scripts else [("refuse", 0)])

    class ConstantJudge:
        def judge(
            self, crops: Any, references: Any = None, exemplars: Any = None
        ) -> list[_Judgement]:
            return [_Judgement("occupied", 0.95, 0.05) for _ in crops]

    sink = ListSink()
    statuses: list[dict[str, Any]] = []
    config = CameraConfig(
        source="0", inertia=2, stall_timeout=1.0, reconnect_min=0.02, reconnect_max=0.05
    )
    stop = threading.Event()
    result = run_worker(
        config,
        scene.calibration,
        sink,
        stop=stop,
        status=statuses.append,
        judge=ConstantJudge(),
        source_factory=factory,
        max_frames=24,
    )
    types = [e.type for e in sink.events]
    assert "bin.empty" not in types
    assert "camera.offline" in types and "camera.online" in types
    assert types.index("camera.offline") < types.index("camera.online")
    assert any(s.get("camera_state") == "offline" for s in statuses)
    assert result.outages == 1
    online = next(e for e in sink.events if e.type == "camera.online")
    assert online.attributes["outage_s"] >= 0


def test_colour_is_converted_only_on_frames_that_analyse(
    video: tuple[Path, dict[str, Any], list[Any]],
) -> None:
    """The gate reads luma; a frame's colour is converted only when bins are analysed."""
    path, calibration, _ = video
    from edge.vision.calibration import LoadedCalibration

    loaded = LoadedCalibration(calibration=parse_calibration(calibration), base_dir=path.parent)
    converted: list[bool] = []
    run_worker(
        CameraConfig(source=str(path), realtime=False, inertia=INERTIA),
        loaded,
        ListSink(),
        stop=threading.Event(),
        judge=ReferenceJudge(),
        on_frame=lambda frame, _events: converted.append(frame.picture.converted),
    )
    assert len(converted) == 80
    # Analysis runs once the scene is still, after changes, and on the sweep: here on 11 of
    # the 80 frames; the other frames never had their colour converted.
    assert 0 < converted.count(True) < len(converted) // 4
