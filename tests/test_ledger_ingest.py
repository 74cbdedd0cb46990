"""Ingest: stored once, quarantined with a reason, bin state projection, schema migrations."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from edge.config.loader import parse_config
from edge.events import new_event, utc_now
from edge.ledger.db import migration_sets, open_ledger
from edge.ledger.ingest import Received, ingest_batch
from edge.ledger.projections import ProjectionContext

TOPIC = "edge/v1/s1/d1/events"


def ctx() -> ProjectionContext:
    return ProjectionContext(config=parse_config("site: s1\n", environ={}), now=utc_now())


def event_bytes(type: str = "bin.empty", seq: int = 1, **fields: object) -> bytes:
    return (
        new_event(type, site="s1", device="d1", source="camera:a", seq=seq, **fields)
        .to_json()
        .encode()
    )


def test_migrations_from_empty_file_and_reopen_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    db = open_ledger(path)
    tables = set(db.table_names())
    assert {"events", "quarantine", "bin_state", "device_seq", "alerts"} <= tables
    db.close()
    db = open_ledger(path)
    assert set(db.table_names()) == tables
    assert all(not m.pending(db) for m in migration_sets())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_redelivered_event_is_stored_once_and_acked_each_time(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "l.db")
    payload = event_bytes(location="A-1")
    first = ingest_batch(db, [Received(TOPIC, payload), Received(TOPIC, payload)], ctx())
    second = ingest_batch(db, [Received(TOPIC, payload)], ctx())
    assert (len(first.stored), first.duplicates) == (1, 1)
    assert (len(second.stored), second.duplicates) == (0, 1)
    assert second.acks["d1"] == [json.loads(payload)["event_id"]]
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_quarantine_keeps_reason_and_payload_once(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "l.db")
    wrong_device = event_bytes(location="A-1")
    batch = [
        Received(TOPIC, b"not json"),
        Received(TOPIC, b"not json"),
        Received("edge/v1/s1/d2/events", wrong_device),
        Received("edge/v1/s1/events", event_bytes()),
    ]
    result = ingest_batch(db, batch, ctx())
    rows = list(
        sqlite_utils.Database(db.conn).query("SELECT reason, topic FROM quarantine ORDER BY id")
    )
    assert [r["reason"] for r in rows] == ["bad_json", "topic_mismatch", "bad_topic"]
    assert result.quarantined == 4
    # the mismatched event carries an id: its topic's device is told, so it stops re-sending
    assert result.acks["d2"] == [json.loads(wrong_device)["event_id"]]


def test_bin_state_ignores_late_older_observations(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "l.db")
    newer = event_bytes("bin.occupied", seq=2, location="A-1", observed_at="2026-11-26T10:00:05Z")
    older = event_bytes("bin.empty", seq=1, location="A-1", observed_at="2026-11-26T10:00:00Z")
    ingest_batch(db, [Received(TOPIC, newer)], ctx())
    ingest_batch(db, [Received(TOPIC, older)], ctx())
    row = db.execute("SELECT state, since FROM bin_state WHERE location = 'A-1'").fetchone()
    assert row == ("occupied", "2026-11-26T10:00:05.000Z")


def test_since_changes_only_when_the_state_does(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "l.db")
    for seq, (kind, at) in enumerate(
        [("bin.empty", "10:00:00"), ("bin.empty", "10:01:00"), ("bin.occupied", "10:02:00")], 1
    ):
        payload = event_bytes(kind, seq=seq, location="A-1", observed_at=f"2026-11-26T{at}Z")
        ingest_batch(db, [Received(TOPIC, payload)], ctx())
        if seq == 2:
            assert db.execute("SELECT since FROM bin_state").fetchone()[0].endswith("10:00:00.000Z")
    assert db.execute("SELECT state, since FROM bin_state").fetchone() == (
        "occupied",
        "2026-11-26T10:02:00.000Z",
    )


def test_device_seq_tracks_highest_and_count(tmp_path: Path) -> None:
    db = open_ledger(tmp_path / "l.db")
    ingest_batch(db, [Received(TOPIC, event_bytes(seq=s)) for s in (1, 2, 5)], ctx())
    assert db.execute("SELECT max_seq, events FROM device_seq WHERE device='d1'").fetchone() == (
        5,
        3,
    )
