"""The device outbox: durable, ordered, bounded, idempotent per key, seq never reused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from edge.outbox import Outbox, OutboxFull


def make(tmp_path: Path, **kw: int) -> Outbox:
    return Outbox(tmp_path / "outbox.db", site="s1", device="d1", **kw)


def test_seq_is_monotonic_across_reopen_and_deletion(tmp_path: Path) -> None:
    box = make(tmp_path)
    first = [box.emit("bin.empty", source="camera:a") for _ in range(5)]
    box.acknowledge(e.event_id for e in first)
    box.close()
    box = make(tmp_path)
    later = box.emit("bin.empty", source="camera:a")
    assert [e.seq for e in first] == [1, 2, 3, 4, 5]
    assert later.seq == 6, "a deleted event's seq must not be reused"


def test_bound_refuses_whole_batch_and_stores_nothing(tmp_path: Path) -> None:
    box = make(tmp_path, max_events=10)
    box.append_many([{"type": "bin.empty", "source": "c"}] * 8)
    with pytest.raises(OutboxFull, match="bound is 10"):
        box.append_many([{"type": "bin.empty", "source": "c"}] * 3)
    assert box.count() == 8
    assert box.last_seq() == 8


def test_invalid_doc_rolls_back_the_batch(tmp_path: Path) -> None:
    box = make(tmp_path)
    with pytest.raises(ValidationError):
        box.append_many([{"type": "bin.empty", "source": "c"}, {"type": "bin.empty"}])
    assert box.count() == 0
    assert box.last_seq() == 0


def test_foreign_device_is_refused(tmp_path: Path) -> None:
    box = make(tmp_path)
    with pytest.raises(ValueError, match="not this device"):
        box.append_many([{"type": "bin.empty", "source": "c", "device": "d2"}])


def test_keys_make_appending_idempotent(tmp_path: Path) -> None:
    box = make(tmp_path)
    docs = [{"type": "bin.empty", "source": "c", "location": f"A-{i}"} for i in range(4)]
    keys = [f"file:{i}" for i in range(4)]
    first = box.append_many(docs[:2], keys=keys[:2])
    box.acknowledge(e.event_id for e in first)
    again = box.append_many(docs, keys=keys)
    assert [e.location for e in again] == ["A-2", "A-3"]


def test_given_ids_and_seq_are_kept(tmp_path: Path) -> None:
    box = make(tmp_path)
    event = box.append_many(
        [{"type": "bin.empty", "source": "c", "seq": 41, "event_id": "01JD0000000000000000000000"}]
    )[0]
    assert (event.seq, event.event_id) == (41, "01JD0000000000000000000000")
    assert box.emit("bin.empty", source="c").seq == 42


def test_pending_is_in_storage_order_and_ack_deletes(tmp_path: Path) -> None:
    box = make(tmp_path)
    events = box.append_many([{"type": "bin.empty", "source": "c"}] * 5)
    pending = box.pending(limit=3)
    assert [p.event_id for p in pending] == [e.event_id for e in events[:3]]
    assert box.acknowledge([events[0].event_id, "unknown-id"]) == 1
    assert [p.event_id for p in box.pending(after_pos=pending[1].pos)] == [
        e.event_id for e in events[2:]
    ]


def test_full_disk_is_a_clear_error_and_keeps_what_was_stored(tmp_path: Path) -> None:
    """SQLITE_FULL (here forced with max_page_count) must reach the producer as OutboxFull."""
    box = make(tmp_path)
    box.append_many([{"type": "bin.empty", "source": "c"}] * 5)
    (pages,) = box._conn.execute("PRAGMA page_count").fetchone()
    box._conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    big = [{"type": "bin.empty", "source": "c", "attributes": {"x": "y" * 4000}}] * 50
    with pytest.raises(OutboxFull, match="disk is full"):
        box.append_many(big)
    assert box.count() == 5
    assert box.last_seq() == 5
