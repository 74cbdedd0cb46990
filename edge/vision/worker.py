"""The camera worker: source → gate → analyse → track → events, plus the camera's health.

`run_worker(...)` wires a watched source (`edge.vision.watchdog`), the per-frame pipeline
(`edge.vision.pipeline.CameraPipeline`), an `EventSink` and a status callback; it is what
`edge camera` runs and what `edge demo` runs in-process.
"""

from __future__ import annotations

import json
import logging
import resource
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from edge.config.cameras import CameraConfig
from edge.events import EventSink, format_time, utc_now
from edge.vision.analyze import Analyzer, AnalyzerConfig, Image, Judge, PointMapper
from edge.vision.calibration import (
    Calibration,
    CalibrationError,
    LoadedCalibration,
    load_calibration,
    parse_calibration,
)
from edge.vision.pipeline import CameraPipeline, PipelineStats
from edge.vision.sources import Source, open_source
from edge.vision.tracker import TrackerEvent
from edge.vision.watchdog import FeedConfig, Frame, FrameFeed, SourceEvent

logger = logging.getLogger(__name__)

StatusCallback = Callable[[dict[str, Any]], None]
CalibrationInput = LoadedCalibration | Calibration | Mapping[str, Any] | str | Path


def resolve_calibration(calibration: CalibrationInput) -> LoadedCalibration:
    """Accept a loaded calibration, a model, a contract dict or a path."""
    if isinstance(calibration, LoadedCalibration):
        return calibration
    if isinstance(calibration, Calibration):
        return LoadedCalibration(calibration=calibration, base_dir=Path.cwd())
    if isinstance(calibration, str | Path):
        return load_calibration(calibration)
    return LoadedCalibration(calibration=parse_calibration(calibration), base_dir=Path.cwd())


def build_analyzer(
    loaded: LoadedCalibration,
    judge: Judge,
    config: CameraConfig,
    *,
    frame_size: tuple[int, int] | None = None,
    location_pattern: str | None = None,
) -> Analyzer:
    """An analyser for frames of `frame_size` (polygons scaled if the calibration differs)."""
    calibration = loaded.calibration
    if frame_size is not None:
        calibration = calibration.scaled_to(*frame_size)
    reference: Image | None = None
    ref_path = loaded.reference_path()
    if ref_path is not None:
        image = cv2.imread(str(ref_path), cv2.IMREAD_COLOR)
        if image is None:
            raise CalibrationError(f"reference.image: cannot read {ref_path}")
        w, h = calibration.image_size
        if image.shape[1] != w or image.shape[0] != h:
            image = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
        reference = np.asarray(image, dtype=np.uint8)
    mapper: PointMapper | None = None
    if config.undistort and calibration.intrinsics is not None:
        from edge.vision.intrinsics import Undistorter

        mapper = Undistorter(calibration.intrinsics, calibration.image_size)
    analyzer_config = AnalyzerConfig(
        min_confidence=config.min_confidence,
        read_labels=config.read_labels,
        decode_budget_ms=config.decode_budget_ms,
        location_pattern=location_pattern,
    )
    return Analyzer(calibration, judge, config=analyzer_config, reference=reference, mapper=mapper)


def default_judge(config: CameraConfig) -> Judge:
    from edge.vision.occupancy import OccupancyJudge

    judge: Judge = OccupancyJudge(model_path=config.model)
    return judge


@dataclass(frozen=True)
class WorkerResult:
    """What a worker run did (for `edge camera` on exit, the demo and the bench)."""

    camera: str
    frames: int
    analysed_bins: int
    busy_frames: int
    events: Mapping[str, int]
    outages: int
    seconds: float
    cpu_ms_per_frame: float


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def run_worker(
    camera_config: CameraConfig,
    calibration: CalibrationInput,
    sink: EventSink,
    *,
    stop: threading.Event,
    status: StatusCallback | None = None,
    max_frames: int | None = None,
    camera: str | None = None,
    judge: Judge | None = None,
    location_pattern: str | None = None,
    on_frame: Callable[[Frame, list[TrackerEvent]], None] | None = None,
    source_factory: Callable[[], Source] | None = None,
) -> WorkerResult:
    """Run one camera worker until `stop` is set, the source ends or `max_frames` frames.

    Events go to `sink` (source `camera:<id>`); health documents go to `status` (merged into
    the device's retained status). `on_frame` sees each frame and its events (tests, demo);
    `source_factory` replaces `camera_config.source` (tests, custom sources).
    """
    loaded = resolve_calibration(calibration)
    camera_id = camera or loaded.calibration.camera
    judge = judge or default_judge(camera_config)
    source_name = f"camera:{camera_id}"
    publish = status or (lambda _doc: None)
    health: dict[str, Any] = {
        "camera": camera_id,
        "camera_state": "starting",
        "source": camera_config.source,
        "frames": 0,
        "outages": 0,
        "moved": False,
    }

    def report(**changes: Any) -> None:
        health.update(changes, at=format_time(utc_now()))
        try:
            publish(dict(health))
        except Exception:
            logger.exception("status publish failed", extra={"camera": camera_id})

    def emit(event: TrackerEvent, frame_index: int | None) -> None:
        attributes = {**event.attributes, "camera": camera_id}
        if frame_index is not None:
            attributes["frame"] = frame_index
        sink.emit(
            event.type,
            source=source_name,
            observed_at=event.observed_at,
            location=event.location,
            confidence=event.confidence,
            attributes=_jsonable(attributes),
            **dict(event.fields),
        )

    pipeline: CameraPipeline | None = None
    feed: FrameFeed | None = None

    def on_source(event: SourceEvent) -> None:
        if event.state in ("offline", "stalled"):
            report(
                camera_state=event.state, detail=event.detail, outages=feed.outages if feed else 0
            )
            emit(
                TrackerEvent(
                    type="camera.offline",
                    observed_at=event.at,
                    attributes={"reason": event.state, "detail": event.detail},
                ),
                None,
            )
        elif event.state == "online":
            was_down = event.outage_s is not None
            report(camera_state="online", detail="", last_outage_s=event.outage_s)
            if was_down:
                emit(
                    TrackerEvent(
                        type="camera.online",
                        observed_at=event.at,
                        attributes={"outage_s": event.outage_s},
                    ),
                    None,
                )
                if pipeline is not None:
                    pipeline.look_again()
        elif event.state == "ended":
            report(camera_state="ended", detail=event.detail)

    fps = camera_config.fps

    def factory() -> Source:
        if source_factory is not None:
            return source_factory()
        return open_source(camera_config.source, fps=fps)

    first = [factory()]
    is_live = first[0].live

    def reuse_first() -> Source:
        return first.pop() if first else factory()

    feed = FrameFeed(
        reuse_first,
        FeedConfig(
            stall_timeout=camera_config.stall_timeout,
            reconnect_min=camera_config.reconnect_min,
            reconnect_max=camera_config.reconnect_max,
            pace_fps=fps if camera_config.realtime else None,
            media_fps=fps,
        ),
        on_event=on_source,
    )
    report()
    started = time.monotonic()
    cpu0 = time.process_time()
    next_status = started + camera_config.status_period
    next_slot = started
    moved = False
    frames = feed.frames(stop)
    try:
        for frame in frames:
            if is_live:
                # Live cameras run faster than the cap: skip frames rather than fall behind.
                now = time.monotonic()
                if now < next_slot:
                    continue
                next_slot = max(next_slot + 1.0 / fps, now - 1.0 / fps)
            if pipeline is None:
                # From the picture, not `frame.image`: that would convert the colour.
                size = (frame.picture.width, frame.picture.height)
                analyzer = build_analyzer(
                    loaded,
                    judge,
                    camera_config,
                    frame_size=size,
                    location_pattern=location_pattern,
                )
                pipeline = CameraPipeline(analyzer, camera_config, camera=camera_id)
            events = pipeline.process(frame)
            for event in events:
                emit(event, frame.index)
            if on_frame is not None:
                on_frame(frame, events)
            if pipeline.tracker.moved != moved:
                moved = pipeline.tracker.moved
                report(moved=moved, camera_state="moved" if moved else "online")
            if time.monotonic() >= next_status:
                next_status += camera_config.status_period
                report(
                    frames=pipeline.stats.frames, outages=feed.outages, **_rates(pipeline, started)
                )
            if max_frames is not None and frame.index + 1 >= max_frames:
                break
    finally:
        frames.close()  # stops the reader threads
        seconds = time.monotonic() - started
        cpu = time.process_time() - cpu0
        count = pipeline.stats.frames if pipeline else 0
        report(camera_state="stopped", frames=count, outages=feed.outages)
    stats = pipeline.stats if pipeline else PipelineStats()
    return WorkerResult(
        camera=camera_id,
        frames=stats.frames,
        analysed_bins=stats.analysed_bins,
        busy_frames=stats.busy_frames,
        events=dict(stats.events),
        outages=feed.outages,
        seconds=round(seconds, 3),
        cpu_ms_per_frame=round(1000.0 * cpu / max(1, stats.frames), 3),
    )


def _rates(pipeline: CameraPipeline, started: float) -> dict[str, Any]:
    elapsed = max(1e-6, time.monotonic() - started)
    return {
        "fps": round(pipeline.stats.frames / elapsed, 2),
        "analysed_bins": pipeline.stats.analysed_bins,
        "rss_mb": round(peak_rss_mb(), 1),
    }


def peak_rss_mb() -> float:
    """Peak RSS of this process (VmHWM): `ru_maxrss` survives fork and exec, so a worker started
    by a larger parent (the bench, which renders videos) would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
