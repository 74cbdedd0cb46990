"""`edge camera` as a real process against a real Mosquitto and ledger, on a rendered video.

Pins: events reach the ledger from `camera:<id>`; the retained status carries the camera's
health; a file source that ends ends the process, with exit 0 only once the ledger has
acknowledged the outbox; a SIGKILL mid-run loses nothing that was already in the outbox.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest

from edge.broker import Mosquitto
from edge.bus import topics
from edge.config import load_config
from edge.ledger.service import LedgerService
from edge.synth import render_video, write_calibration
from tests.support import start_edge, wait_until, write_config

CAMERA = "cam1"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("video")
    video = folder / "rack.mp4"
    calibration, _ = render_video(video, 3, seconds=6, size=(960, 540), changes=2)
    write_calibration(calibration, folder / "cal.yaml")
    return video, folder / "cal.yaml"


def _camera_config(path: Path, url: str, video: Path, calibration: Path) -> Path:
    camera = {"source": str(video), "calibration": str(calibration), "fps": 10, "realtime": True}
    return write_config(path, url, cameras={CAMERA: camera})


def _ledger_rows(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path, timeout=30)
    try:
        return [
            (str(a), str(b), str(c))
            for a, b, c in conn.execute(
                "SELECT event_id, type, json_extract(payload, '$.source') FROM events"
            )
        ]
    finally:
        conn.close()


def _outbox_ids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    conn = sqlite3.connect(path, timeout=30)
    try:
        return {str(r[0]) for r in conn.execute("SELECT event_id FROM outbox")}
    except sqlite3.OperationalError:
        return set()
    finally:
        conn.close()


def _watch_status(url: str, topic: str) -> tuple[mqtt.Client, list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []
    host, port = url.removeprefix("mqtt://").rsplit(":", 1)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-status-watch")

    def on_message(_c: Any, _u: Any, message: mqtt.MQTTMessage) -> None:
        # A malformed status is not this test's concern; paho's thread must not raise.
        with contextlib.suppress(ValueError):
            seen.append(json.loads(message.payload))

    client.on_message = on_message
    client.on_connect = lambda c, *_a: c.subscribe(topic, qos=1)
    client.connect(host, int(port))
    client.loop_start()
    return client, seen


def test_camera_process_delivers_events_and_exits_once_acknowledged(
    tmp_path: Path,
    mosquitto: Mosquitto,
    config_file: Path,
    running_ledger: LedgerService,
    rendered: tuple[Path, Path],
) -> None:
    video, calibration = rendered
    _camera_config(config_file, mosquitto.url, video, calibration)
    config = load_config(config_file, environ={})
    watcher, statuses = _watch_status(mosquitto.url, topics.status(config.site, config.device))
    try:
        proc = start_edge(
            "camera", "--config", str(config_file), "--camera", CAMERA, log=tmp_path / "cam.log"
        )
        try:
            code = proc.wait(timeout=40)
        finally:
            if proc.poll() is None:
                proc.kill()
        log = (tmp_path / "cam.log").read_text()
        assert code == 0, log
        rows = _ledger_rows(config.ledger.path)
        bins = [r for r in rows if r[1].startswith("bin.")]
        assert bins, f"no bin events in the ledger: {rows}\n{log}"
        assert {source for _, _, source in bins} == {f"camera:{CAMERA}"}
        assert _outbox_ids(config.outbox.path) == set()  # exit 0 means everything acknowledged
        assert wait_until(lambda: any(s.get("camera_state") == "online" for s in statuses), 5)
        health = [s for s in statuses if s.get("camera") == CAMERA]
        assert health and health[-1]["camera_state"] in ("ended", "stopped")
        assert max(int(s.get("frames", 0)) for s in health) >= 50  # 6 s at 10 frames/s
    finally:
        watcher.loop_stop()
        watcher.disconnect()


def test_sigkill_mid_run_then_restart_loses_nothing_from_the_outbox(
    tmp_path: Path, mosquitto: Mosquitto, config_file: Path, rendered: tuple[Path, Path]
) -> None:
    """No ledger during the first run: events pile up in the outbox unacknowledged; SIGKILL
    must not lose them, and the restarted worker must deliver them once a ledger runs."""
    video, calibration = rendered
    _camera_config(config_file, mosquitto.url, video, calibration)
    config = load_config(config_file, environ={})
    first = start_edge(
        "camera", "--config", str(config_file), "--camera", CAMERA, log=tmp_path / "run1.log"
    )
    try:
        assert wait_until(lambda: len(_outbox_ids(config.outbox.path)) >= 5, 25), (
            tmp_path / "run1.log"
        ).read_text()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    pending = _outbox_ids(config.outbox.path)
    assert len(pending) >= 5

    ledger = LedgerService(config).start()
    try:
        assert ledger.wait_connected(10)
        second = start_edge(
            "camera", "--config", str(config_file), "--camera", CAMERA, log=tmp_path / "run2.log"
        )
        try:
            code = second.wait(timeout=40)
        finally:
            if second.poll() is None:
                second.kill()
        assert code == 0, (tmp_path / "run2.log").read_text()
        stored = {event_id for event_id, _, _ in _ledger_rows(config.ledger.path)}
        assert pending <= stored, f"lost {len(pending - stored)} of {len(pending)} events"
    finally:
        ledger.stop()
