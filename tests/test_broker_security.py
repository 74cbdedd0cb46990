"""The shipped Mosquitto password + ACL config: a device cannot publish as another device,
and the ledger refuses what slips through with a mismatched site/device."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

from edge.broker import Mosquitto
from edge.config import load_config
from edge.device import DeviceClient
from edge.events import new_event
from edge.ledger.service import LedgerService
from tests.support import stored_counts, wait_until, write_config

ACL = Path(__file__).parent.parent / "systemd" / "mosquitto" / "edge.acl"
USERS = {"ledger": "ledger-pw", "d1": "d1-pw", "d2": "d2-pw"}


@pytest.fixture
def secured_broker(tmp_path: Path) -> Iterator[Mosquitto]:
    passwd = tmp_path / "passwd"
    tool = shutil.which("mosquitto_passwd")
    assert tool, "mosquitto_passwd comes with the mosquitto package"
    for user, password in USERS.items():
        subprocess.run(
            [tool, "-b", *([] if passwd.exists() else ["-c"]), str(passwd), user, password],
            check=True,
            capture_output=True,
        )
    passwd.chmod(0o600)
    broker = Mosquitto(tmp_path / "mq", password_file=passwd, acl_file=ACL).start()
    yield broker
    broker.kill()


def publish_as(broker: Mosquitto, user: str, topic: str, payload: str) -> int:
    """Publish QoS 1 over MQTT v5 and return the PUBACK reason code (135 = not authorized)."""
    done = threading.Event()
    codes: list[int] = []
    client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=MQTTProtocolVersion.MQTTv5)
    client.username_pw_set(user, USERS[user])

    def on_publish(_c: object, _u: object, _mid: int, reason: object, _p: object) -> None:
        codes.append(int(getattr(reason, "value", 0)))
        done.set()

    client.on_publish = on_publish
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    client.publish(topic, payload, qos=1)
    assert done.wait(10)
    client.disconnect()
    client.loop_stop()
    return codes[0]


def test_device_cannot_publish_under_another_device(
    tmp_path: Path, secured_broker: Mosquitto
) -> None:
    ledger_cfg = load_config(
        write_config(
            tmp_path / "ledger.yaml",
            secured_broker.url,
            broker={"url": secured_broker.url, "username": "ledger", "password": "ledger-pw"},
        ),
        environ={},
    )
    ledger = LedgerService(ledger_cfg).start()
    try:
        assert ledger.wait_connected(10)
        forged = new_event("bin.empty", site="test-site", device="d2", source="camera:x", seq=1)
        code = publish_as(secured_broker, "d1", "edge/v1/test-site/d2/events", forged.to_json())
        assert code == 135, "v5 tells the publisher it is not authorized"
        mine = new_event("bin.empty", site="test-site", device="d1", source="camera:x", seq=1)
        assert publish_as(secured_broker, "d1", "edge/v1/test-site/d1/events", mine.to_json()) == 0
        mismatched = new_event("bin.empty", site="test-site", device="d2", source="camera:x", seq=2)
        publish_as(secured_broker, "d1", "edge/v1/test-site/d1/events", mismatched.to_json())
        assert wait_until(lambda: ledger.stats.quarantined == 1 and ledger.stats.stored == 1, 10)
        assert stored_counts(ledger_cfg.ledger.path) == (1, 1)
        reason = ledger.db.execute("SELECT reason FROM quarantine").fetchone()[0]
        assert reason == "topic_mismatch"
    finally:
        ledger.stop()


def test_authenticated_device_round_trip(tmp_path: Path, secured_broker: Mosquitto) -> None:
    base = {"url": secured_broker.url}
    ledger_cfg = load_config(
        write_config(
            tmp_path / "l.yaml",
            secured_broker.url,
            broker={**base, "username": "ledger", "password": "ledger-pw"},
        ),
        environ={},
    )
    device_cfg = load_config(
        write_config(
            tmp_path / "d.yaml",
            secured_broker.url,
            device="d1",
            broker={**base, "username": "d1", "password": "d1-pw"},
        ),
        environ={},
    )
    ledger = LedgerService(ledger_cfg).start()
    device = DeviceClient(device_cfg, role="t").start()
    try:
        device.emit_many([{"type": "bin.empty", "source": "camera:a"}] * 50)
        assert device.wait_acked(30), "acks must reach the device through the ACL"
        assert stored_counts(ledger_cfg.ledger.path) == (50, 50)
    finally:
        device.close()
        ledger.stop()


def test_hostile_payloads_over_the_wire_are_quarantined(
    mosquitto: Mosquitto, running_ledger: LedgerService
) -> None:
    client = mqtt.Client(CallbackAPIVersion.VERSION2, protocol=MQTTProtocolVersion.MQTTv5)
    client.connect("127.0.0.1", mosquitto.port)
    client.loop_start()
    good = new_event("bin.empty", site="test-site", device="test-device", source="c", seq=1)
    bad = [
        b"",
        b"\xff\xfe",
        b"{",
        b"[]",
        b"null",
        b'{"schema": 1}',
        b"A" * 70_000,
        json.dumps({**good.to_dict(), "event_id": "x"}).encode(),
        json.dumps({**good.to_dict(), "site": "evil"}).encode(),
        json.dumps({**good.to_dict(), "seq": None}).encode(),
        json.dumps({**good.to_dict(), "observed_at": "never"}).encode(),
        json.dumps({**good.to_dict(), "location": "x" * 10_000}).encode(),
        json.dumps({**good.to_dict(), "schema": "edge.event.v2"}).encode(),
        json.dumps({**good.to_dict(), "quantity": "lots"}).encode(),
        json.dumps({**good.to_dict(), "confidence": -1}).encode(),
        b'{"a":' * 5000 + b"1" + b"}" * 5000,
    ]
    for payload in bad:
        client.publish("edge/v1/test-site/test-device/events", payload, qos=1).wait_for_publish(5)
    client.publish("edge/v1/test-site/test-device/events", good.to_json(), qos=1).wait_for_publish(
        5
    )
    client.disconnect()
    client.loop_stop()
    assert wait_until(lambda: running_ledger.stats.stored == 1, 10)
    assert wait_until(lambda: running_ledger.stats.quarantined == len(bad), 10)
    rows = running_ledger.db.execute("SELECT count(*) FROM quarantine").fetchone()[0]
    assert rows == len(bad)
