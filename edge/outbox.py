"""The device outbox: events are committed here before they are published, and leave only when
the ledger acknowledges that it has committed them (DESIGN.md, "Events and delivery").

SQLite, WAL, synchronous FULL. The outbox also owns the device's `seq` counter, so a sequence
number is never reused, across restarts and deletions alike. Pure storage: no MQTT here.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from edge.events import SCHEMA, Event, format_time, new_event_id, utc_now
from edge.ledger.db import connect, immediate_transaction

logger = logging.getLogger(__name__)


class OutboxFull(RuntimeError):
    """The outbox cannot take more events (bound reached or disk full); nothing was stored."""


@dataclass(frozen=True)
class PendingEvent:
    pos: int  # storage order; `seq` may come from a file and need not be ordered
    event_id: str
    payload: str


class Outbox:
    """A durable FIFO of events waiting for the ledger's acknowledgement."""

    def __init__(self, path: str | Path, *, site: str, device: str, max_events: int = 1_000_000):
        self.site, self.device, self.max_events = site, device, max_events
        self._db = connect(path, synchronous="FULL")
        self._conn = self._db.conn
        self._lock = threading.Lock()
        self._conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS outbox (
                pos INTEGER PRIMARY KEY AUTOINCREMENT,
                seq INTEGER NOT NULL,
                event_id TEXT NOT NULL UNIQUE,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS sequence (
                device TEXT PRIMARY KEY,
                last_seq INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS emitted (
                key TEXT PRIMARY KEY,
                event_id TEXT NOT NULL
            );
            """
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- producers -------------------------------------------------------------------------
    def emit(
        self, type: str, *, source: str, observed_at: datetime | None = None, **fields: Any
    ) -> Event:
        """Store one event (the `EventSink` protocol); returns it with its id and seq."""
        return self.append_many([{"type": type, "source": source, **fields}], observed_at)[0]

    def append_many(
        self,
        docs: Sequence[dict[str, Any]],
        observed_at: datetime | None = None,
        *,
        keys: Sequence[str] | None = None,
    ) -> list[Event]:
        """Validate and store events in one transaction; all or nothing.

        Each doc holds event fields; `event_id` and `seq` are kept when given, filled otherwise;
        `site` and `device` must be this outbox's when given. `keys`, one per doc, make appending
        idempotent across crashes: a doc whose key was appended before is skipped (`edge emit`
        keys lines by file digest and line number, so re-running a killed emit adds nothing twice).
        Raises `pydantic.ValidationError` for an invalid doc and `OutboxFull` when full.
        """
        if keys is not None and len(keys) != len(docs):
            raise ValueError("one key per doc")
        default_time = format_time(observed_at or utc_now())
        with self._lock:
            try:
                with immediate_transaction(self._conn):
                    events = self._append_locked(docs, default_time, keys)
            except sqlite3.OperationalError as exc:
                if _disk_full(exc):
                    raise OutboxFull(f"outbox disk is full: {exc}") from exc
                raise
        return events

    def _append_locked(
        self, docs: Sequence[dict[str, Any]], default_time: str, keys: Sequence[str] | None
    ) -> list[Event]:
        if keys is not None:
            fresh = [
                (doc, key)
                for doc, key in zip(docs, keys, strict=True)
                if not self._conn.execute("SELECT 1 FROM emitted WHERE key = ?", (key,)).fetchone()
            ]
            docs = [doc for doc, _ in fresh]
            keys = [key for _, key in fresh]
        (waiting,) = self._conn.execute("SELECT count(*) FROM outbox").fetchone()
        if waiting + len(docs) > self.max_events:
            raise OutboxFull(
                f"outbox holds {waiting} events waiting for the ledger; bound is {self.max_events}"
            )
        row = self._conn.execute(
            "SELECT last_seq FROM sequence WHERE device = ?", (self.device,)
        ).fetchone()
        last_seq = row[0] if row else 0
        events = []
        for doc in docs:
            for key, mine in (("site", self.site), ("device", self.device)):
                if doc.get(key, mine) != mine:
                    raise ValueError(f"{key} {doc[key]!r} is not this device's ({mine!r})")
            fields = {k: v for k, v in doc.items() if k not in ("site", "device")}
            if fields.get("seq") is None:
                fields["seq"] = last_seq + 1
            last_seq = max(last_seq, int(fields["seq"]))
            if not fields.get("event_id"):
                fields["event_id"] = new_event_id()
            fields.setdefault("observed_at", default_time)
            fields["schema"] = SCHEMA
            events.append(Event(site=self.site, device=self.device, **fields))
        created = format_time(utc_now())
        # an event_id already waiting here is not stored twice (the ledger would drop it anyway)
        self._conn.executemany(
            "INSERT OR IGNORE INTO outbox (seq, event_id, payload, created_at) VALUES (?, ?, ?, ?)",
            [(e.seq, e.event_id, e.to_json(), created) for e in events],
        )
        if keys is not None:
            self._conn.executemany(
                "INSERT OR IGNORE INTO emitted (key, event_id) VALUES (?, ?)",
                [(key, e.event_id) for key, e in zip(keys, events, strict=False)],
            )
        self._conn.execute(
            "INSERT INTO sequence (device, last_seq) VALUES (?, ?) "
            "ON CONFLICT(device) DO UPDATE SET last_seq = excluded.last_seq",
            (self.device, last_seq),
        )
        return events

    # -- the publisher ---------------------------------------------------------------------
    def pending(self, *, after_pos: int = 0, limit: int = 500) -> list[PendingEvent]:
        """Events waiting for an ack, in storage order, stored after `after_pos`."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT pos, event_id, payload FROM outbox WHERE pos > ? ORDER BY pos LIMIT ?",
                (after_pos, limit),
            ).fetchall()
        return [PendingEvent(pos=r[0], event_id=r[1], payload=r[2]) for r in rows]

    def acknowledge(self, event_ids: Iterable[str]) -> int:
        """Delete events the ledger has committed; returns how many were still here."""
        ids = list(event_ids)
        if not ids:
            return 0
        with self._lock, immediate_transaction(self._conn):
            cursor = self._conn.executemany(
                "DELETE FROM outbox WHERE event_id = ?", [(i,) for i in ids]
            )
        return int(cursor.rowcount)

    def count(self) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT count(*) FROM outbox").fetchone()
        return int(n)

    def last_seq(self) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT last_seq FROM sequence WHERE device = ?", (self.device,)
            ).fetchone()
        return int(row[0]) if row else 0


def _disk_full(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "disk is full" in text or "database or disk is full" in text or str(errno.ENOSPC) in text


__all__ = ["Outbox", "OutboxFull", "PendingEvent", "ValidationError"]
