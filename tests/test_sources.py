"""Frame sources and the watchdog: outages and stalls are reported and recovered, never hidden."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from edge.vision.sources import (
    CaptureSource,
    FolderSource,
    Picamera2Source,
    SourceError,
    SynthSource,
    open_source,
)
from edge.vision.watchdog import FeedConfig, FrameFeed, SourceEvent


class FakeSource:
    """A live source scripted per connection: ('frames', n) then ('fail' | 'hang' | 'end')."""

    live = True
    fps = None

    def __init__(self, script: list[tuple[str, int]], release: threading.Event) -> None:
        self.name = "fake"
        self.script = script
        self.release = release
        self.sent = 0

    def open(self) -> None:
        kind, _ = self.script[0]
        if kind == "refuse":
            raise SourceError("connection refused")

    def read(self) -> np.ndarray | None:
        kind, count = self.script[0]
        time.sleep(0.01)  # a camera's frame interval: the worker keeps up, nothing is dropped
        if kind == "frames" and self.sent < count:
            self.sent += 1
            return np.full((4, 4, 3), self.sent, np.uint8)
        after = self.script[1][0] if len(self.script) > 1 else "end"
        if after == "fail":
            raise SourceError("stream broke")
        if after == "hang":
            self.release.wait(10)
            raise SourceError("released")
        return None

    def close(self) -> None:
        return None


def _feed(
    connections: list[list[tuple[str, int]]], stall: float = 0.3
) -> tuple[FrameFeed, list[SourceEvent], threading.Event]:
    release = threading.Event()
    pending = list(connections)

    def factory() -> FakeSource:
        script = pending.pop(0) if pending else [("frames", 0), ("end", 0)]
        return FakeSource(script, release)

    events: list[SourceEvent] = []
    config = FeedConfig(stall_timeout=stall, reconnect_min=0.01, reconnect_max=0.05)
    feed = FrameFeed(factory, config, on_event=events.append)
    return feed, events, release


def _collect(feed: FrameFeed, stop: threading.Event, limit: int) -> list[int]:
    values = []
    for frame in feed.frames(stop):
        values.append(int(frame.image[0, 0, 0]))
        if len(values) >= limit:
            stop.set()
    return values


def test_a_failing_stream_is_reported_offline_and_reconnected() -> None:
    feed, events, _ = _feed([[("frames", 3), ("fail", 0)], [("frames", 2), ("end", 0)]])
    frames = _collect(feed, threading.Event(), limit=100)
    assert frames == [1, 2, 3, 1, 2]
    states = [e.state for e in events]
    assert states == ["online", "offline", "online", "ended"]
    assert events[2].outage_s is not None and events[2].outage_s >= 0
    assert feed.outages == 1


def test_a_stalled_stream_is_abandoned_and_reopened() -> None:
    """A read that blocks forever (RTSP does) must not freeze the worker silently."""
    feed, events, release = _feed(
        [[("frames", 2), ("hang", 0)], [("frames", 2), ("end", 0)]], stall=0.2
    )
    try:
        frames = _collect(feed, threading.Event(), limit=100)
    finally:
        release.set()
    assert frames == [1, 2, 1, 2]
    assert [e.state for e in events] == ["online", "stalled", "online", "ended"]
    assert feed.reconnects >= 1


def test_refused_connections_back_off_and_report_one_outage() -> None:
    feed, events, _ = _feed(
        [[("refuse", 0)], [("refuse", 0)], [("refuse", 0)], [("frames", 1), ("end", 0)]]
    )
    frames = _collect(feed, threading.Event(), limit=100)
    assert frames == [1]
    assert [e.state for e in events] == ["offline", "online", "ended"]


def test_stop_ends_the_feed_promptly() -> None:
    feed, _, release = _feed([[("frames", 1), ("hang", 0)]], stall=5.0)
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    try:
        assert _collect(feed, stop, limit=100) == [1]
    finally:
        release.set()


def test_folder_source_reads_images_in_name_order(tmp_path: Path) -> None:
    for i in (2, 0, 1):
        cv2.imwrite(str(tmp_path / f"f{i}.png"), np.full((8, 8, 3), i * 10, np.uint8))
    (tmp_path / "notes.txt").write_text("not an image")
    source = FolderSource(tmp_path)
    source.open()
    values = []
    while (image := source.read()) is not None:
        values.append(int(image[0, 0, 0]))
    assert values == [0, 10, 20]


def test_video_file_source_ends_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (64, 48))
    for i in range(4):
        writer.write(np.full((48, 64, 3), i * 40, np.uint8))
    writer.release()
    source = open_source(str(path))
    assert isinstance(source, CaptureSource) and not source.live
    source.open()
    count = 0
    while source.read() is not None:
        count += 1
    source.close()
    assert count == 4


@pytest.mark.parametrize(
    ("spec", "kind", "live"),
    [
        ("0", CaptureSource, True),
        ("/dev/video2", CaptureSource, True),
        ("rtsp://cam.local/stream", CaptureSource, True),
        ("http://cam.local/mjpg", CaptureSource, True),
        ("clip.mp4", CaptureSource, False),
        ("picamera2", Picamera2Source, True),
        ("synth:7", SynthSource, False),
    ],
)
def test_open_source_dispatch(spec: str, kind: type, live: bool) -> None:
    source = open_source(spec)
    assert isinstance(source, kind)
    assert source.live is live


def test_bad_synth_spec_names_the_format() -> None:
    with pytest.raises(SourceError, match="synth:<seed>"):
        open_source("synth:x")


def test_missing_device_is_a_source_error() -> None:
    with pytest.raises(SourceError):
        CaptureSource("/nonexistent/video.mp4", live=False).open()
