"""Frame sources and the watchdog: outages and stalls are reported and recovered, never hidden."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from edge.vision.picture import Picture
from edge.vision.sources import (
    CaptureSource,
    FolderSource,
    Picamera2Source,
    SourceError,
    StreamSource,
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

    def read(self) -> Picture | None:
        kind, count = self.script[0]
        time.sleep(0.01)  # a camera's frame interval: the worker keeps up, nothing is dropped
        if kind == "frames" and self.sent < count:
            self.sent += 1
            return Picture.from_bgr(np.full((4, 4, 3), self.sent, np.uint8))
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
    while (picture := source.read()) is not None:
        values.append(int(picture.bgr[0, 0, 0]))
    assert values == [0, 10, 20]


def test_video_file_source_ends_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (64, 48))
    for i in range(4):
        writer.write(np.full((48, 64, 3), i * 40, np.uint8))
    writer.release()
    source = open_source(str(path))
    assert isinstance(source, StreamSource) and not source.live
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
        ("rtsp://cam.local/stream", StreamSource, True),
        ("http://cam.local/mjpg", StreamSource, True),
        ("https://cam.local/live.m3u8", StreamSource, True),
        ("clip.mp4", StreamSource, False),
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


def _write_video(path: Path, frames: int, size: tuple[int, int] = (96, 64)) -> None:
    """A small video whose frames differ (a bright square moving over a colour gradient)."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, size)
    gradient = np.linspace(0, 255, width, dtype=np.uint8)[None, :, None]
    for i in range(frames):
        image = np.broadcast_to(gradient, (height, width, 3)).copy()
        image[..., 2] = 200
        x = (i * 7) % (width - 16)
        image[20:36, x : x + 16] = (40, 220, 90)
        writer.write(image)
    writer.release()


def test_stream_source_reads_every_frame_of_a_file_then_ends(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 12)
    source = StreamSource(str(path), live=False)
    source.open()
    assert source.fps == 10.0
    pictures = []
    while (picture := source.read()) is not None:
        pictures.append(picture)
    assert source.read() is None, "the end stays the end"
    source.close()
    assert len(pictures) == 12
    assert {(p.width, p.height) for p in pictures} == {(96, 64)}
    assert not any(p.converted for p in pictures), "nobody asked for colour"
    assert pictures[3].bgr.shape == (64, 96, 3) and pictures[3].luma.shape == (64, 96)


@pytest.mark.parametrize("threads", [0, 2])
def test_stream_source_threaded_decoding_gives_the_same_frames(
    tmp_path: Path, threads: int
) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 10)

    def lumas(count: int) -> list[np.ndarray]:
        source = StreamSource(str(path), live=False, threads=count)
        source.open()
        out = []
        while (picture := source.read()) is not None:
            out.append(picture.luma.copy())
        source.close()
        return out

    one, many = lumas(1), lumas(threads)
    assert len(one) == len(many) == 10
    assert all(np.array_equal(a, b) for a, b in zip(one, many, strict=True))


def test_a_live_stream_that_ends_has_failed(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 3)
    source = StreamSource(str(path), live=True)
    source.open()
    for _ in range(3):
        assert source.read() is not None
    with pytest.raises(SourceError, match="ended"):
        source.read()
    source.close()


def test_missing_and_garbage_files_fail_to_open(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(bytes(range(256)) * 64)
    for path in (tmp_path / "missing.mp4", garbage):
        with pytest.raises(SourceError, match="cannot open"):
            StreamSource(str(path), live=False).open()


def test_an_unreachable_camera_fails_to_open() -> None:
    # Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    source = StreamSource("rtsp://127.0.0.1:9/stream", live=True, open_timeout=3.0)
    with pytest.raises(SourceError, match="cannot open"):
        source.open()


def _truncated_mkv(path: Path, frames: int) -> None:
    """A Matroska file (index first, unlike OpenCV's mp4) cut at two thirds."""
    import av

    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(frames):
            image = np.full((48, 64, 3), (i * 8) % 256, np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


@pytest.mark.parametrize("kind", ["mp4", "mkv"])
def test_a_truncated_file_does_not_crash(tmp_path: Path, kind: str) -> None:
    """Either the frames before the cut and then the end, or a SourceError on open."""
    path = tmp_path / f"cut.{kind}"
    if kind == "mkv":
        _truncated_mkv(path, 30)
    else:
        _write_video(path, 30)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    source = StreamSource(str(path), live=False)
    try:
        source.open()
    except SourceError:
        assert kind == "mp4", "OpenCV's mp4 keeps its index at the end: nothing to read"
        return
    count = 0
    while source.read() is not None:
        count += 1
    source.close()
    assert 0 < count < 30


class _FlakyDecoder:
    """Stands in for the PyAV stream: the packets listed in `bad` fail to decode."""

    def __init__(self, stream: object, bad: set[int]) -> None:
        self.stream, self.bad, self.calls = stream, bad, 0
        self.average_rate = getattr(stream, "average_rate", None)

    def decode(self, packet: object) -> list[object]:
        self.calls += 1
        if self.calls in self.bad:
            import av

            raise av.error.InvalidDataError(22, "Invalid data found when processing input")
        return self.stream.decode(packet)  # type: ignore[attr-defined,no-any-return]


def test_a_damaged_packet_is_skipped_not_the_rest_of_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 12)
    source = StreamSource(str(path), live=False)
    source.open()
    source._stream = _FlakyDecoder(source._stream, {5})  # type: ignore[assignment]
    count = 0
    while source.read() is not None:
        count += 1
    source.close()
    assert count == 11
    assert "skipping a damaged packet" in caplog.text


def test_damaged_packets_in_a_row_fail_the_source(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 12)
    source = StreamSource(str(path), live=False)
    source.BAD_PACKETS = 3
    source.open()
    source._stream = _FlakyDecoder(source._stream, {2, 3, 4})  # type: ignore[assignment]
    with pytest.raises(SourceError, match="3 damaged packets in a row"):
        while source.read() is not None:
            pass
    source.close()


def test_the_feed_hands_out_pictures_without_converting_colour(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    _write_video(path, 6)
    feed = FrameFeed(lambda: StreamSource(str(path), live=False), FeedConfig(media_fps=10.0))
    frames = list(feed.frames(threading.Event()))
    assert [f.index for f in frames] == list(range(6))
    assert frames[2].t == pytest.approx(0.2)
    assert not any(f.picture.converted for f in frames)
    assert frames[0].luma.shape == (64, 96) and not frames[0].picture.converted
    assert frames[0].image.shape == (64, 96, 3) and frames[0].picture.converted


class _MjpegCamera:
    """An IP camera's MJPEG-over-HTTP stream on a free local port: each connection gets
    `frames` JPEGs (grey level = frame number × 20), then the camera drops the connection."""

    def __init__(self, frames: int) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        jpegs = [
            cv2.imencode(".jpg", np.full((96, 160, 3), 20 * (i + 1), np.uint8))[1].tobytes()
            for i in range(frames)
        ]

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
                self.end_headers()
                for jpeg in jpegs:
                    head = b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n"
                    self.wfile.write(head % len(jpeg) + jpeg + b"\r\n")
                    self.wfile.flush()
                    time.sleep(0.02)

            def log_message(self, *_args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/mjpg"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_an_http_camera_is_read_and_a_dropped_connection_is_an_outage() -> None:
    """A real MJPEG stream through StreamSource and the watchdog: full-range JPEG luma, and a
    camera that drops the connection is reported offline and reconnected, not ended."""
    camera = _MjpegCamera(frames=4)
    stop = threading.Event()
    deadline = threading.Timer(20.0, stop.set)  # a hung feed fails the test, not the suite
    deadline.start()
    try:
        events: list[SourceEvent] = []
        config = FeedConfig(stall_timeout=5.0, reconnect_min=0.05, reconnect_max=0.1)
        feed = FrameFeed(lambda: open_source(camera.url), config, on_event=events.append)
        seen: list[tuple[int, float]] = []  # (connection, grey level) per frame
        for frame in feed.frames(stop):
            assert not frame.picture.converted  # the gate's luma needs no colour
            connection = sum(e.state == "online" for e in events)
            seen.append((connection, float(frame.luma.mean())))
            if connection >= 2 and sum(c == 2 for c, _ in seen) >= 2:
                stop.set()
    finally:
        deadline.cancel()
        camera.close()
    # JPEG is full range: luma is the grey level as drawn (within JPEG's rounding). A live
    # source may drop a frame, so each connection shows a rising run of 20, 40, 60, 80.
    for number in (1, 2):
        greys = [g for c, g in seen if c == number]
        levels = [round(g / 20) * 20 for g in greys]
        assert greys and all(abs(g - v) <= 2 for g, v in zip(greys, levels, strict=True))
        assert levels == sorted(set(levels)) and set(levels) <= {20, 40, 60, 80}
    states = [e.state for e in events]
    assert states[:3] == ["online", "offline", "online"]
    assert "ended" not in states
