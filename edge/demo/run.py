"""Orchestration of `edge demo`: start the parts, run the producers, collect what happened."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edge.broker import start_embedded_broker
from edge.config import EdgeConfig
from edge.config.cameras import CameraConfig
from edge.config.loader import parse_config
from edge.counting.demo import DEMO_SCRIPT
from edge.demo.masterdata import write_demo_master
from edge.demo.summary import Change, summarize
from edge.device import DeviceClient
from edge.events import utc_now
from edge.ledger.db import open_ledger
from edge.ledger.master import import_files
from edge.ledger.service import LedgerService

logger = logging.getLogger(__name__)

CAMERA = "rack-a01"
FPS = 10.0
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoOptions:
    out: Path = Path("demo-out")
    seconds: float = 20.0
    broker_url: str | None = None
    seed: int = 11
    size: tuple[int, int] = (1920, 1080)
    camera: bool = True
    scanner: bool = True


@dataclass
class DemoResult:
    ledger_path: Path
    summary: dict[str, Any] = field(default_factory=dict)


def demo_config(out: Path, broker_url: str, device: str) -> EdgeConfig:
    """One device's configuration: its own outbox, the shared ledger file and broker."""
    text = (
        f"site: demo\ndevice: {device}\nbroker: {{url: '{broker_url}'}}\n"
        f"ledger: {{path: '{out / 'ledger.db'}'}}\n"
        f"outbox: {{path: '{out / f'outbox-{device}.db'}', ack_timeout: 3}}\n"
    )
    return parse_config(text, environ={})


def _fresh(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pattern in ("ledger.db*", "outbox-*.db*"):
        for old in out.glob(pattern):
            old.unlink()


def _script_counts(lines: list[str]) -> Iterator[list[str]]:
    """The handheld script one count at a time (up to and including END)."""
    count: list[str] = []
    for line in lines:
        count.append(line)
        if line.strip().upper() == "END":
            yield count
            count = []
    if count:
        yield count


def run_scanner(config: EdgeConfig, progress: Progress) -> int:
    """The scripted handheld session; waits for the ledger after each count, as a counter
    waits for the next instruction, so recounts are asked for before they are done."""
    from edge.scanner.lookup import load_lookup
    from edge.scanner.run import build_session, format_reply, run_lines

    device = DeviceClient(config, role="scanner").start()
    emitted = 0
    try:
        session = build_session(config, device, load_lookup(config.ledger.path))
        for count in _script_counts(list(DEMO_SCRIPT)):
            summary = run_lines(session, count, lambda r: logger.debug(format_reply(r)))
            emitted += len(summary.events)
            device.wait_acked(30)
            progress(f"handheld: counted {' '.join(count[:-1])}")
    finally:
        device.close()
    return emitted


def decide_and_post(ledger_path: Path, progress: Progress) -> None:
    """A supervisor approves the tier-2 variance; accepted and approved lines are posted to the
    book. The tier-3 line stays with management, as it would on a real floor."""
    from edge.counting.decisions import approve, post

    db = open_ledger(ledger_path)
    try:
        waiting = db.execute(
            "SELECT id, location, item FROM count_lines WHERE status = 'escalated' AND tier = 2"
        ).fetchall()
        for line_id, location, item in waiting:
            approve(
                db,
                line_id,
                by="demo supervisor",
                role="supervisor",
                note="damaged unit written off",
                now=utc_now(),
            )
            progress(f"supervisor approved the variance of {item} at {location}")
        done = post(db, now=utc_now()).summary()
        progress(
            f"posted {done['posted']} count lines to the book, {done['adjusted']} adjusted "
            f"(value {done['value_positive']:+.2f} / {done['value_negative']:+.2f})"
        )
    finally:
        db.close()


def run_camera(
    config: EdgeConfig, video: Path, calibration: Path, stop: threading.Event
) -> dict[int, float]:
    """The camera worker on the rendered video, in real time; returns frame index → wall time."""
    from edge.vision.worker import run_worker

    frame_times: dict[int, float] = {}

    def on_frame(frame: Any, _events: object) -> None:
        frame_times[int(frame.index)] = time.time()

    camera = CameraConfig(source=str(video), calibration=calibration, fps=FPS, realtime=True)
    device = DeviceClient(config, role=f"camera-{CAMERA}").start()
    try:
        run_worker(
            camera,
            calibration,
            device,
            stop=stop,
            status=device.publish_status,
            camera=CAMERA,
            location_pattern=config.labels.location_pattern,
            on_frame=on_frame,
        )
        device.wait_acked(30)
    finally:
        device.close()
    return frame_times


def run_demo(options: DemoOptions, progress: Progress = lambda _m: None) -> DemoResult:
    out = options.out.resolve()
    _fresh(out)
    with ExitStack() as stack:
        broker_url = options.broker_url
        if broker_url is None:
            broker = start_embedded_broker(out / "broker")
            stack.callback(broker.stop)
            broker_url = broker.url
            progress(f"broker: embedded Mosquitto at {broker_url}")
        camera_cfg = demo_config(out, broker_url, "pi-rack-a")
        scanner_cfg = demo_config(out, broker_url, "hh-07")

        progress(
            f"rendering a {options.seconds:.0f} s rack video ({options.size[0]}×{options.size[1]})…"
        )
        from edge.synth import render_video, teach_first_frame, write_calibration

        video = out / f"{CAMERA}.mp4"
        calibration, truth = render_video(
            video,
            options.seed,
            seconds=options.seconds,
            fps=FPS,
            size=options.size,
            camera=CAMERA,
            site="demo",
        )
        calibration_path = out / f"{CAMERA}.yaml"
        write_calibration(teach_first_frame(video, calibration, truth[0].states), calibration_path)

        db = open_ledger(camera_cfg.ledger.path)
        import_files(
            db, write_demo_master(out / "master", camera=CAMERA, initial_states=truth[0].states)
        )
        db.close()
        progress("master data: items, locations and book quantities imported")

        ledger = LedgerService(camera_cfg).start()
        stack.callback(ledger.stop)
        if not ledger.wait_connected(15):
            raise RuntimeError(f"the ledger could not connect to {broker_url}")

        stop = threading.Event()
        frame_times: dict[int, float] = {}
        camera_thread = threading.Thread(
            target=lambda: frame_times.update(
                run_camera(camera_cfg, video, calibration_path, stop)
            ),
            name="demo-camera",
        )
        if options.camera:
            progress(f"camera {CAMERA}: watching the rack at {FPS:.0f} frames/s")
            camera_thread.start()
        scanned = run_scanner(scanner_cfg, progress) if options.scanner else 0
        if options.camera:
            camera_thread.join(timeout=options.seconds * 4 + 60)
            stop.set()
        time.sleep(0.5)  # the last batch's projections and alerts
        decide_and_post(camera_cfg.ledger.path, progress)
        summary = summarize(
            camera_cfg.ledger.path,
            changes=Change.from_truth(truth, frame_times),
            stats={"scanner_events": scanned, "ledger": vars(ledger.stats)},
        )
    return DemoResult(ledger_path=out / "ledger.db", summary=summary)
