"""Exactly once, end to end, through a real Mosquitto: offline devices, and SIGKILL of the broker,
the ledger and the emitter in the middle of thousands of events."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from edge.broker import Mosquitto, free_port
from edge.config import EdgeConfig, load_config
from edge.device import DeviceClient
from edge.ledger.service import LedgerService
from tests.support import jsonl_events, start_edge, stored_counts, wait_until, write_config

pytestmark = pytest.mark.slow


def docs(n: int) -> list[dict[str, object]]:
    return [{"type": "bin.empty", "source": "camera:a", "location": f"A-{i:04d}"} for i in range(n)]


def emit_in_chunks(device: DeviceClient, n: int, rng: random.Random) -> None:
    all_docs = docs(n)
    while all_docs:
        size = rng.randint(50, 400)
        device.emit_many(all_docs[:size])
        del all_docs[:size]
        time.sleep(rng.uniform(0, 0.05))


def test_device_offline_then_broker_appears(tmp_path: Path) -> None:
    """Events stored while no broker exists reach the ledger once it does (no in-memory loss)."""
    port = free_port()
    cfg = load_config(write_config(tmp_path / "edge.yaml", f"mqtt://127.0.0.1:{port}"), environ={})
    device = DeviceClient(cfg, role="t").start()
    device.emit_many(docs(1500))
    time.sleep(1.0)
    assert not device.connected
    broker = Mosquitto(tmp_path / "mq", port=port).start()
    ledger = LedgerService(cfg).start()
    try:
        assert device.wait_acked(60)
        assert stored_counts(cfg.ledger.path) == (1500, 1500)
    finally:
        device.close()
        ledger.stop()
        broker.kill()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_broker_sigkill_and_restart_mid_stream(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    broker = Mosquitto(tmp_path / "mq").start()
    cfg = load_config(write_config(tmp_path / "edge.yaml", broker.url), environ={})
    ledger = LedgerService(cfg).start()
    device = DeviceClient(cfg, role="t").start()
    producer = threading.Thread(target=emit_in_chunks, args=(device, 3000, rng))
    try:
        producer.start()
        for _ in range(2):
            time.sleep(rng.uniform(0.1, 0.8))
            broker.kill()
            time.sleep(rng.uniform(0.0, 1.0))
            broker.start()
        producer.join()
        assert device.wait_acked(90), f"{device.outbox.count()} never acknowledged"
        assert stored_counts(cfg.ledger.path) == (3000, 3000)
    finally:
        device.close()
        ledger.stop()
        broker.kill()


def test_ledger_sigkill_and_restart_mid_stream(tmp_path: Path, mosquitto: Mosquitto) -> None:
    config_file = write_config(tmp_path / "edge.yaml", mosquitto.url)
    cfg = load_config(config_file, environ={})
    ledger = start_edge("ledger", "--config", str(config_file), log=tmp_path / "ledger.log")
    device = DeviceClient(cfg, role="t").start()
    try:
        assert wait_until(lambda: stored_counts(cfg.ledger.path)[0] > 0 or True, 1)
        producer = threading.Thread(target=emit_in_chunks, args=(device, 3000, random.Random(7)))
        producer.start()
        assert wait_until(lambda: stored_counts(cfg.ledger.path)[0] > 300, 60)
        ledger.send_signal(signal.SIGKILL)
        ledger.wait()
        time.sleep(0.5)
        ledger = start_edge("ledger", "--config", str(config_file), log=tmp_path / "ledger.log")
        producer.join()
        assert device.wait_acked(90), (tmp_path / "ledger.log").read_text()[-2000:]
        assert stored_counts(cfg.ledger.path) == (3000, 3000)
    finally:
        device.close()
        ledger.kill()


def run_emit(config_file: Path, events: Path, log: Path) -> subprocess.Popen[bytes]:
    return start_edge("emit", str(events), "--config", str(config_file), log=log)


@pytest.mark.parametrize("seed", [11, 12])
def test_broker_ledger_and_emitter_all_sigkilled(tmp_path: Path, seed: int) -> None:
    """The acceptance scenario: kill all three mid-stream, restart, re-run the emit: 3000 once."""
    rng = random.Random(seed)
    broker = Mosquitto(tmp_path / "mq").start()
    config_file = write_config(tmp_path / "edge.yaml", broker.url)
    cfg: EdgeConfig = load_config(config_file, environ={})
    events = tmp_path / "events.jsonl"
    jsonl_events(events, 3000)
    log = tmp_path / "run.log"
    ledger = start_edge("ledger", "--config", str(config_file), log=log)
    emitter = run_emit(config_file, events, log)
    try:
        wait_until(lambda: stored_counts(cfg.ledger.path)[0] > rng.randint(1, 1500), 60, 0.02)
        for proc in (emitter, ledger):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        broker.kill()
        partial = stored_counts(cfg.ledger.path)
        assert partial[0] == partial[1]
        broker.start()
        ledger = start_edge("ledger", "--config", str(config_file), log=log)
        emitter = run_emit(config_file, events, log)
        assert emitter.wait(timeout=120) == 0, log.read_text()[-3000:]
        assert stored_counts(cfg.ledger.path) == (3000, 3000)
    finally:
        for proc in (emitter, ledger):
            proc.kill()
        broker.kill()
