"""The ledger service (`edge ledger`): subscribe to the site's events, commit them, acknowledge.

One MQTT v5 persistent session (clean_start false, session expiry from the config, ≥ 7 days) so the
broker keeps QoS 1 events while the ledger is away. The network thread only queues what arrives;
one writer thread takes batches, ingests each in one transaction, and only after COMMIT publishes
the ids on each device's ack topic and the alerts on the site's alert topic. A failing write is
retried with the same batch; nothing is acknowledged that is not committed.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import paho.mqtt.client as mqtt

from edge.bus import topics
from edge.bus.client import connect, make_client
from edge.config import EdgeConfig
from edge.events import utc_now
from edge.ledger.db import open_ledger
from edge.ledger.ingest import IngestResult, Received, ingest_batch
from edge.ledger.projections import ProjectionContext

logger = logging.getLogger(__name__)

ACK_CHUNK = 1000  # ids per ack message: ≈ 30 kB, well inside the 64 KiB event bound


@dataclass
class LedgerStats:
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    batches: int = 0
    alerts: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)


class LedgerService:
    def __init__(
        self, config: EdgeConfig, *, on_batch: Callable[[IngestResult], None] | None = None
    ) -> None:
        self.config = config
        self.db = open_ledger(config.ledger.path)
        self.stats = LedgerStats()
        self._on_batch = on_batch
        self._inbox: queue.SimpleQueue[Received] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._status_topic = topics.status(config.site, f"ledger-{config.device}")
        self._client = make_client(
            config.broker,
            f"edge-ledger-{config.site}-{config.device}",
            will=(self._status_topic, {"state": "offline", "role": "ledger"}),
            max_inflight=config.outbox.max_inflight,
        )
        self._client.on_connect = self._on_connect
        self._client.on_subscribe = self._on_subscribe
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._writer = threading.Thread(target=self._write_loop, name="ledger-writer", daemon=True)

    def start(self) -> LedgerService:
        connect(
            self._client,
            self.config.broker,
            clean_start=False,
            expiry=self.config.broker.session_expiry,
        )
        self._writer.start()
        return self

    def healthy(self) -> bool:
        """The writer thread runs (what the systemd watchdog should vouch for)."""
        return self._writer.is_alive()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        self._writer.join(timeout=10)
        self._client.disconnect()
        self._client.loop_stop()
        self.db.close()

    # -- network thread ------------------------------------------------------------------------
    def _on_connect(
        self, client: mqtt.Client, _u: object, flags: object, reason: object, _p: object
    ) -> None:
        if getattr(reason, "is_failure", False):
            logger.error("broker refused the ledger: %s", reason)
            return
        client.subscribe(topics.all_events(self.config.site), qos=1)
        client.publish(
            self._status_topic,
            json.dumps({"state": "online", "role": "ledger"}),
            qos=1,
            retain=True,
        )

    def _on_subscribe(self, *_args: object) -> None:
        # ready only once the broker confirmed the subscription: before that, events would
        # reach a broker that does not yet route them to the ledger
        self._connected.set()
        logger.info("ledger subscribed", extra={"site": self.config.site})

    def _on_disconnect(self, *_args: object) -> None:
        self._connected.clear()
        if not self._stop.is_set():
            logger.warning("ledger lost the broker; reconnecting")

    def _on_message(self, _c: mqtt.Client, _u: object, message: mqtt.MQTTMessage) -> None:
        # never raise here: an exception kills paho's network thread (FINDINGS)
        try:
            self._inbox.put(Received(topic=message.topic, payload=bytes(message.payload)))
        except Exception:
            logger.exception("could not queue a message")

    # -- writer thread -------------------------------------------------------------------------
    def _next_batch(self) -> list[Received]:
        try:
            batch = [self._inbox.get(timeout=0.2)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + self.config.ledger.batch_wait_ms / 1000
        while len(batch) < self.config.ledger.batch_size:
            try:
                batch.append(self._inbox.get_nowait())
            except queue.Empty:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.001)
        return batch

    def _write_loop(self) -> None:
        while not self._stop.is_set():
            batch = self._next_batch()
            while batch and not self._stop.is_set():
                try:
                    result = ingest_batch(
                        self.db, batch, ProjectionContext(config=self.config, now=utc_now())
                    )
                except Exception:
                    self.stats.errors += 1
                    logger.exception("ledger write failed; retrying the batch")
                    time.sleep(1)
                    continue
                self._after_commit(result)
                batch = []

    def _after_commit(self, result: IngestResult) -> None:
        self.stats.batches += 1
        self.stats.stored += len(result.stored)
        self.stats.duplicates += result.duplicates
        self.stats.quarantined += result.quarantined
        self.stats.alerts += len(result.alerts)
        for device, ids in result.acks.items():
            for start in range(0, len(ids), ACK_CHUNK):
                chunk = ids[start : start + ACK_CHUNK]
                self._client.publish(
                    topics.ack(self.config.site, device), json.dumps({"ids": chunk}), qos=1
                )
        for alert in result.alerts:
            self._client.publish(topics.alerts(self.config.site), alert.to_json(), qos=1)
        if self._on_batch is not None:
            self._on_batch(result)
