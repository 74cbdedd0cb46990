"""Ingesting a batch of received messages: validate, store once, project, all in one transaction.

Redelivery is harmless: events are inserted by primary key (`event_id`) and projections only see
the ones that were new. What cannot be stored goes to `quarantine` with the reason, once per
distinct payload. The result says which ids to acknowledge to which device: every stored or
duplicate event, and quarantined ones that carry an id, so devices stop re-sending them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from edge.bus import topics
from edge.events import Event, InvalidEvent, format_time, parse_event
from edge.ledger.alerts import Alert
from edge.ledger.db import immediate_transaction
from edge.ledger.projections import ProjectionContext, projections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Received:
    topic: str
    payload: bytes


@dataclass
class IngestResult:
    stored: list[Event] = field(default_factory=list)
    duplicates: int = 0
    quarantined: int = 0
    acks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    alerts: list[Alert] = field(default_factory=list)


def ingest_batch(
    db: sqlite_utils.Database, batch: Sequence[Received], ctx: ProjectionContext
) -> IngestResult:
    result = IngestResult()
    received_at = format_time(ctx.now)
    with immediate_transaction(db.conn) as conn:
        valid = [v for m in batch if (v := _validate(conn, m, received_at, result)) is not None]
        _store_new(conn, valid, received_at, result)
        _update_device_seq(conn, result.stored, received_at)
        for projection in projections():
            result.alerts.extend(projection(db, result.stored, ctx))
        _store_alerts(conn, result.alerts, received_at)
    return result


def _validate(
    conn: sqlite3.Connection, message: Received, received_at: str, result: IngestResult
) -> tuple[Event, bytes] | None:
    """The event, or None after quarantining the message (and acking a claimed id)."""
    where = topics.parse(message.topic)
    try:
        if where is None or where.kind != "events":
            raise InvalidEvent("bad_topic", message.topic[:200])
        event = parse_event(message.payload, topic_site=where.site, topic_device=where.device)
    except InvalidEvent as exc:
        _quarantine(conn, message, exc, received_at)
        result.quarantined += 1
        event_id = _claimed_event_id(message.payload)
        if where is not None and event_id:
            result.acks[where.device].append(event_id)
        return None
    return event, message.payload


def _store_new(
    conn: sqlite3.Connection,
    valid: Sequence[tuple[Event, bytes]],
    received_at: str,
    result: IngestResult,
) -> None:
    """Insert the events not stored yet, in one statement; every valid event is acked.

    Looking the batch's ids up first (one query) is safe: the ingest transaction is the only
    writer. It spares a statement per event, the ledger's largest cost after MQTT itself."""
    seen = _stored_ids(conn, [event.event_id for event, _ in valid])
    rows = []
    for event, payload in valid:
        result.acks[event.device].append(event.event_id)
        if event.event_id in seen:
            result.duplicates += 1
            continue
        seen.add(event.event_id)
        result.stored.append(event)
        rows.append(
            (
                event.event_id,
                event.type,
                event.site,
                event.device,
                event.seq,
                event.source,
                event.location,
                event.item,
                event.lot,
                event.serial,
                event.quantity,
                event.confidence,
                event.observed_at,
                received_at,
                # validated above; stored as sent (re-serialising costs more than the insert)
                payload.decode("utf-8"),
            )
        )
    conn.executemany(
        """
        INSERT INTO events (event_id, type, site, device, seq, source, location, item,
            lot, serial, quantity, confidence, observed_at, received_at, payload)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
    )


def _stored_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # SQLite's bound on host parameters is 999 by default
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in conn.execute(
                f"SELECT event_id FROM events WHERE event_id IN ({marks})", chunk
            )
        )
    return found


def _quarantine(
    conn: sqlite3.Connection, message: Received, exc: InvalidEvent, received_at: str
) -> None:
    digest = hashlib.sha256(message.topic.encode() + b"\0" + message.payload).hexdigest()
    conn.execute(
        "INSERT OR IGNORE INTO quarantine (received_at, topic, reason, detail, payload, digest) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (received_at, message.topic, exc.reason, exc.detail, message.payload, digest),
    )
    logger.warning(
        "quarantined event: %s", exc, extra={"topic": message.topic, "reason": exc.reason}
    )


def _claimed_event_id(payload: bytes) -> str | None:
    try:
        doc = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    event_id = doc.get("event_id") if isinstance(doc, dict) else None
    return event_id if isinstance(event_id, str) and len(event_id) <= 64 else None


def _update_device_seq(conn: sqlite3.Connection, stored: Sequence[Event], received_at: str) -> None:
    per_device: dict[str, tuple[int, int]] = {}
    for event in stored:
        max_seq, count = per_device.get(event.device, (0, 0))
        per_device[event.device] = (max(max_seq, event.seq), count + 1)
    conn.executemany(
        """
        INSERT INTO device_seq (device, max_seq, events, last_seen) VALUES (?, ?, ?, ?)
        ON CONFLICT(device) DO UPDATE SET
            max_seq = max(device_seq.max_seq, excluded.max_seq),
            events = device_seq.events + excluded.events,
            last_seen = excluded.last_seen
        """,
        [(device, m, n, received_at) for device, (m, n) in per_device.items()],
    )


def _store_alerts(conn: sqlite3.Connection, alerts: Sequence[Alert], created_at: str) -> None:
    conn.executemany(
        "INSERT INTO alerts (created_at, kind, tier, reason, location, item, event_id, details) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                created_at,
                a.kind,
                a.tier,
                a.reason,
                a.location,
                a.item,
                a.event_id,
                json.dumps(a.details, default=str),
            )
            for a in alerts
        ],
    )
