"""Change → ledger latency of the camera worker, over the real delivery path.

An embedded Mosquitto, an in-process `LedgerService` and the worker publishing through a real
`DeviceClient` (outbox, QoS 1, ledger ack), the video played at its frame rate as a camera
would deliver it. For each true bin change in the video's truth, the latency is the time from
the wall-clock moment the first changed frame was delivered to the worker until the ledger's
`received_at` of the first matching `bin.<state>` row for that location from that frame on.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edge.bench.stats import median
from edge.events import parse_time

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrueChange:
    """A bin whose true state changes at `frame` (from the video's truth)."""

    frame: int
    location: str
    state: str


@dataclass(frozen=True)
class LedgerLatency:
    changes: int
    reached: int
    median_s: float | None
    max_s: float | None
    delays_s: tuple[float, ...]


def true_changes(truth: list[Any]) -> list[TrueChange]:
    return [
        TrueChange(frame=t.index, location=loc, state=state)
        for t in truth[1:]
        for loc, state in t.states.items()
        if truth[t.index - 1].states[loc] != state
    ]


def _config(folder: Path, broker_url: str) -> Any:
    from edge.config.loader import parse_config

    text = (
        f"site: bench\ndevice: bench-cam\nbroker: {{url: '{broker_url}'}}\n"
        f"ledger: {{path: '{folder / 'ledger.db'}'}}\n"
        f"outbox: {{path: '{folder / 'outbox.db'}', ack_timeout: 3}}\n"
    )
    return parse_config(text, environ={})


def _ledger_rows(path: Path) -> list[tuple[str, str, int | None, float]]:
    conn = sqlite3.connect(path, timeout=30)
    try:
        rows = conn.execute(
            "SELECT type, location, json_extract(payload, '$.attributes.frame'), received_at "
            "FROM events WHERE type LIKE 'bin.%'"
        ).fetchall()
    finally:
        conn.close()
    return [
        (str(t), str(loc), None if f is None else int(f), parse_time(r).timestamp())
        for t, loc, f, r in rows
    ]


def measure_ledger_latency(
    video: Path, calibration: dict[str, Any] | Path, truth: list[Any], *, fps: float = 10.0
) -> LedgerLatency:
    """Run broker, ledger and a realtime worker on `video`; latency per true change."""
    from edge.broker import start_embedded_broker
    from edge.config.cameras import CameraConfig
    from edge.device import DeviceClient
    from edge.ledger.service import LedgerService
    from edge.vision.watchdog import Frame
    from edge.vision.worker import run_worker

    delivered: dict[int, float] = {}

    def on_frame(frame: Frame, _events: object) -> None:
        # `wall` is when the feed delivered the frame, before its analysis: the analysis
        # time is part of the latency, as a user would see it.
        delivered.setdefault(frame.index, frame.wall.timestamp())

    with tempfile.TemporaryDirectory(prefix="edge-latency-") as tmp:
        folder = Path(tmp)
        broker = start_embedded_broker(folder / "broker")
        try:
            config = _config(folder, broker.url)
            ledger = LedgerService(config).start()
            try:
                if not ledger.wait_connected(15):
                    raise RuntimeError("the ledger could not connect to the embedded broker")
                device = DeviceClient(config, role="camera-bench").start()
                try:
                    camera = CameraConfig(source=str(video), fps=fps, realtime=True)
                    run_worker(
                        camera,
                        calibration,
                        device,
                        stop=threading.Event(),
                        camera="bench",
                        on_frame=on_frame,
                    )
                    device.wait_acked(30)
                finally:
                    device.close()
            finally:
                ledger.stop()
            rows = _ledger_rows(config.ledger.path)
        finally:
            broker.stop()
    changes = true_changes(truth)
    delays: list[float] = []
    for change in changes:
        start = delivered.get(change.frame)
        hits = [
            received
            for kind, loc, frame, received in rows
            if kind == f"bin.{change.state}"
            and loc == change.location
            and frame is not None
            and frame >= change.frame
        ]
        if start is not None and hits:
            delays.append(max(0.0, min(hits) - start))
    return LedgerLatency(
        changes=len(changes),
        reached=len(delays),
        median_s=round(median(delays), 3) if delays else None,
        max_s=round(max(delays), 3) if delays else None,
        delays_s=tuple(round(d, 3) for d in delays),
    )
