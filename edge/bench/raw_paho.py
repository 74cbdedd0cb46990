"""Stock paho-mqtt as a baseline: `python -m edge.bench.raw_paho HOST PORT COUNT PAYLOAD_BYTES`.

Runs in its own process and imports nothing of edge's MQTT code, so it measures paho as users
get it (MQTT v5, QoS 1, default settings: Nagle on, paho's own Properties), the client the
FINDINGS figures (4–7 k msg/s) describe. Prints messages/s on stdout.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion


def measure_publishes(client: mqtt.Client, topic: str, count: int, payload: bytes | str) -> float:
    """Messages/s from the first publish to the last PUBACK, on a connected, looping client."""
    done = threading.Event()
    acked = [0]

    def on_publish(*_args: Any) -> None:
        acked[0] += 1
        if acked[0] >= count:
            done.set()

    client.on_publish = on_publish
    start = time.perf_counter()
    for _ in range(count):
        client.publish(topic, payload, qos=1)
    if not done.wait(300):
        raise RuntimeError(f"only {acked[0]}/{count} publishes acknowledged")
    return count / (time.perf_counter() - start)


def publish_rate(host: str, port: int, count: int, payload: bytes) -> float:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=MQTTProtocolVersion.MQTTv5)
    client.connect(host, port)
    client.loop_start()
    try:
        return measure_publishes(client, "edge/v1/bench-raw/stock/events", count, payload)
    finally:
        client.disconnect()
        client.loop_stop()


def main(argv: list[str]) -> int:
    host, port, count, size = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    print(f"{publish_rate(host, port, count, b'x' * size):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
