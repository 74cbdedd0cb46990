"""The device side of delivery: the outbox drained to the broker until the ledger acknowledges.

`DeviceClient` is an `EventSink`: `emit` commits the event to the outbox and returns at once; a
publisher thread sends what waits (QoS 1, at most `window` events awaiting the ledger's ack at a
time), re-sends everything unacknowledged after a reconnect or when the oldest waited longer than
`outbox.ack_timeout` (doubling up to 10 minutes while the ledger stays silent), and deletes
events when their ids arrive on the device's ack topic.
The status topic is retained, with a last will of `{"state": "offline"}`.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

import paho.mqtt.client as mqtt

from edge.bus import topics
from edge.bus.client import connect, make_client
from edge.config import EdgeConfig
from edge.events import Event, format_time, utc_now
from edge.outbox import Outbox

logger = logging.getLogger(__name__)

OFFLINE = {"state": "offline"}
MAX_ACK_WAIT = 600.0  # seconds between re-sends of the same window to a silent ledger


class DeviceClient:
    """Outbox + MQTT publisher for one process on a device (`role`: camera-x, scanner, emit…)."""

    def __init__(
        self,
        config: EdgeConfig,
        *,
        role: str = "device",
        window: int = 2000,
        outbox: Outbox | None = None,
    ) -> None:
        self.config = config
        self.role = role
        self.window = window
        self.outbox = outbox or Outbox(
            config.outbox.path,
            site=config.site,
            device=config.device,
            max_events=config.outbox.max_events,
        )
        self._status_topic = topics.status(config.site, config.device)
        self._ack_topic = topics.ack(config.site, config.device)
        self._events_topic = topics.events(config.site, config.device)
        self._acks: queue.SimpleQueue[list[str]] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._generation = 0  # bumped on every (re)connect: the window starts over
        self._status_extra: dict[str, Any] = {}
        self._ack_wait = config.outbox.ack_timeout  # grows while the ledger does not answer
        self.stats = {"published": 0, "acked": 0, "resends": 0, "reconnects": 0}
        self.on_acked: Callable[[list[str]], None] | None = None  # e.g. latency measurement
        self._client = make_client(
            config.broker,
            f"edge-{config.site}-{config.device}-{role}",
            will=(self._status_topic, {**OFFLINE, "role": role}),
            max_inflight=config.outbox.max_inflight,
        )
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._thread = threading.Thread(target=self._run, name=f"outbox-{role}", daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> DeviceClient:
        connect(self._client, self.config.broker, clean_start=True)
        self._thread.start()
        return self

    def close(self, *, offline_status: bool = True) -> None:
        """Stop publishing; what is unacknowledged stays in the outbox for the next start."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        if offline_status and self._connected.is_set():
            info = self._client.publish(
                self._status_topic, json.dumps({**OFFLINE, "role": self.role}), qos=1, retain=True
            )
            with suppress(RuntimeError, ValueError):
                info.wait_for_publish(timeout=2)
        self._client.disconnect()
        self._client.loop_stop()
        self.outbox.close()

    # -- EventSink ---------------------------------------------------------------------------
    def emit(
        self, type: str, *, source: str, observed_at: datetime | None = None, **fields: Any
    ) -> Event:
        event = self.outbox.emit(type, source=source, observed_at=observed_at, **fields)
        self._wake.set()
        return event

    def emit_many(
        self, docs: Sequence[dict[str, Any]], *, keys: Sequence[str] | None = None
    ) -> list[Event]:
        events = self.outbox.append_many(docs, keys=keys)
        self._wake.set()
        return events

    def publish_status(self, doc: dict[str, Any]) -> None:
        """Merge `doc` into this process's retained status (e.g. camera health)."""
        self._status_extra.update(doc)
        if self._connected.is_set():
            self._publish_status()

    def wait_acked(self, timeout: float) -> bool:
        """True once the outbox is empty (every event committed by the ledger)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.outbox.count() == 0:
                return True
            time.sleep(0.05)
        return self.outbox.count() == 0

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    # -- paho callbacks (network thread: never raise, never block) -------------------------
    def _on_connect(self, client: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if reason.is_failure:
            logger.warning("broker refused connection: %s", reason, extra={"role": self.role})
            return
        client.subscribe(self._ack_topic, qos=1)
        self._generation += 1
        self._connected.set()
        self._publish_status()
        self._wake.set()
        logger.info("connected to broker", extra={"device": self.config.device, "role": self.role})

    def _on_disconnect(self, _c: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if self._connected.is_set() and not self._stop.is_set():
            self.stats["reconnects"] += 1
            logger.warning("broker connection lost: %s", reason, extra={"role": self.role})
        self._connected.clear()
        self._wake.set()

    def _on_message(self, _c: mqtt.Client, _u: Any, message: mqtt.MQTTMessage) -> None:
        try:
            doc = json.loads(message.payload)
            ids = [i for i in doc.get("ids", []) if isinstance(i, str)]
        except Exception:  # anything raised here would kill paho's network thread (FINDINGS)
            logger.warning("ignoring malformed ack on %s", message.topic)
            return
        self._acks.put(ids)
        self._wake.set()

    def _publish_status(self) -> None:
        doc = {"state": "online", "role": self.role, "at": format_time(utc_now())}
        self._client.publish(
            self._status_topic, json.dumps({**doc, **self._status_extra}), qos=1, retain=True
        )

    # -- the publisher thread ----------------------------------------------------------------
    def _run(self) -> None:
        sent: dict[str, float] = {}  # event_id → when it was (last) published
        cursor = 0  # outbox position up to which events were published in this generation
        generation = -1
        while not self._stop.is_set():
            self._wake.wait(timeout=0.2)
            self._wake.clear()
            try:
                self._drain_acks(sent)
                if not self._connected.is_set():
                    continue
                if generation != self._generation or self._oldest_expired(sent):
                    if generation == self._generation:
                        self.stats["resends"] += 1
                        # the ledger is away: back off, or an absent ledger's session on the
                        # broker fills with copies of the same window every ack_timeout
                        self._ack_wait = min(self._ack_wait * 2, MAX_ACK_WAIT)
                    generation, cursor = self._generation, 0
                    sent.clear()
                cursor = self._publish_more(sent, cursor)
            except Exception:  # a publisher that dies silently loses nothing but sends nothing
                logger.exception("outbox publisher error; retrying", extra={"role": self.role})
                time.sleep(1)

    def _drain_acks(self, sent: dict[str, float]) -> None:
        ids: list[str] = []
        while True:
            try:
                ids.extend(self._acks.get_nowait())
            except queue.Empty:
                break
        if ids:
            self._ack_wait = self.config.outbox.ack_timeout
            if self.on_acked is not None:
                self.on_acked(ids)
            self.stats["acked"] += self.outbox.acknowledge(ids)
            for event_id in ids:
                sent.pop(event_id, None)

    def _oldest_expired(self, sent: dict[str, float]) -> bool:
        if not sent:
            return False
        oldest = next(iter(sent.values()))
        return time.monotonic() - oldest > self._ack_wait

    def _publish_more(self, sent: dict[str, float], cursor: int) -> int:
        room = self.window - len(sent)
        if room <= 0:
            return cursor
        for pending in self.outbox.pending(after_pos=cursor, limit=min(room, 500)):
            info = self._client.publish(self._events_topic, pending.payload, qos=1)
            if info.rc != mqtt.MQTT_ERR_SUCCESS:
                break  # disconnected meanwhile: the next generation starts over
            sent[pending.event_id] = time.monotonic()
            cursor = pending.pos
            self.stats["published"] += 1
        if len(sent) < self.window and self.outbox.pending(after_pos=cursor, limit=1):
            self._wake.set()
        return cursor


@contextmanager
def open_device(config: EdgeConfig, *, role: str = "device") -> Iterator[DeviceClient]:
    """A started `DeviceClient`; closed (outbox kept) on exit."""
    client = DeviceClient(config, role=role).start()
    try:
        yield client
    finally:
        client.close()
