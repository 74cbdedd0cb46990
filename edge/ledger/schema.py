"""Core ledger tables, created and migrated with sqlite-utils migrations (never by hand).

`events` is append-only and keyed by `event_id` (idempotency); `quarantine` keeps what was
refused with the reason; `bin_state` is the first projection (current state per location);
`device_seq` tracks the highest `seq` per device and how many were missing (gap detection).
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("edge.ledger")


@migrations()
def m001_events_quarantine_bins(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            site TEXT NOT NULL,
            device TEXT NOT NULL,
            seq INTEGER NOT NULL,
            source TEXT NOT NULL,
            location TEXT,
            item TEXT,
            lot TEXT,
            serial TEXT,
            quantity REAL,
            confidence REAL,
            observed_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            payload TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX events_location ON events(location, observed_at)")
    db.execute("CREATE INDEX events_type ON events(type, observed_at)")
    db.execute("CREATE INDEX events_device_seq ON events(device, seq)")
    db.execute(
        """
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL,
            topic TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT,
            payload BLOB
        )
        """
    )
    db.execute(
        """
        CREATE TABLE bin_state (
            location TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            confidence REAL,
            since TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            event_id TEXT NOT NULL,
            device TEXT NOT NULL,
            source TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE device_seq (
            device TEXT PRIMARY KEY,
            max_seq INTEGER NOT NULL,
            events INTEGER NOT NULL,
            last_seen TEXT NOT NULL
        )
        """
    )


@migrations()
def m002_alerts_and_quarantine_digest(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            tier INTEGER,
            reason TEXT NOT NULL,
            location TEXT,
            item TEXT,
            event_id TEXT,
            details TEXT NOT NULL DEFAULT '{}'
        )
        """
    )
    db.execute("CREATE INDEX alerts_created ON alerts(created_at)")
    # a device that re-sends a refused payload must not fill the quarantine with copies
    db.execute("ALTER TABLE quarantine ADD COLUMN digest TEXT")
    db.execute("CREATE UNIQUE INDEX quarantine_digest ON quarantine(digest)")
