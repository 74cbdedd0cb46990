"""The device publisher against a real broker: garbage on the ack topic, a silent ledger."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

from edge.broker import Mosquitto
from edge.config import load_config
from edge.device import DeviceClient
from edge.ledger.service import LedgerService
from tests.support import write_config


def test_malformed_acks_do_not_stop_the_publisher(
    mosquitto: Mosquitto, running_ledger: LedgerService, config_file: Path
) -> None:
    """An exception in on_message would kill paho's network thread while is_connected() stays
    True: the device would then never hear another ack."""
    device = DeviceClient(load_config(config_file, environ={}), role="t").start()
    try:
        assert device.wait_acked(5)
        time.sleep(0.5)
        client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=MQTTProtocolVersion.MQTTv5)
        client.connect("127.0.0.1", mosquitto.port)
        client.loop_start()
        for garbage in (b'{"ids": 5}', b"[1, 2]", b"\xff\xfe", b"null", b'{"ids": [1, null]}'):
            client.publish("edge/v1/test-site/test-device/ack", garbage, qos=1).wait_for_publish(5)
        client.disconnect()
        client.loop_stop()
        device.emit_many([{"type": "bin.empty", "source": "camera:a"}] * 20)
        assert device.wait_acked(15), "acks after the garbage must still be heard"
    finally:
        device.close()


def test_resends_back_off_while_the_ledger_is_silent(tmp_path: Path, mosquitto: Mosquitto) -> None:
    config = load_config(
        write_config(
            tmp_path / "edge.yaml",
            mosquitto.url,
            outbox={"path": str(tmp_path / "outbox.db"), "ack_timeout": 0.3},
        ),
        environ={},
    )
    device = DeviceClient(config, role="t").start()
    try:
        device.emit_many([{"type": "bin.empty", "source": "camera:a"}] * 5)
        time.sleep(4.0)  # fixed timeouts would re-send ~12 times; doubling gives 0.3+0.6+1.2+2.4
        assert 2 <= device.stats["resends"] <= 4, device.stats
        ledger = LedgerService(config).start()
        try:
            assert device.wait_acked(20)
        finally:
            ledger.stop()
    finally:
        device.close()


def test_bench_bus_reports_consistent_figures() -> None:
    """`edge bench bus` end to end on a tiny run: every figure present and coherent."""
    out = subprocess.run(
        [sys.executable, "-m", "edge", "bench", "bus", "--events", "300", "--rounds", "1",
         "--latency-rate", "100", "--latency-seconds", "1", "--json"],
        capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    result = json.loads(out.stdout)
    assert result["raw_rate"] > 0 and result["stock_rate"] > 0 and result["e2e_rate"] > 0
    assert abs(result["ratio"] - result["e2e_rate"] / result["raw_rate"]) < 1e-6
    assert result["latency_samples"] >= 90
    assert 0 < result["latency_p50_ms"] <= result["latency_p99_ms"]
    assert result["ledger_cpu_us"] > 0 and result["device_cpu_us"] > 0
