"""Event schema v1: what is accepted, and the quarantine reason for what is not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from edge.events import MAX_EVENT_BYTES, InvalidEvent, ListSink, new_event, parse_event


def valid(**changes: Any) -> dict[str, Any]:
    doc = new_event(
        "bin.empty", site="s1", device="d1", source="camera:a", seq=7, location="A-01-02"
    ).to_dict()
    doc.update(changes)
    return doc


def encode(doc: Any) -> bytes:
    return json.dumps(doc).encode()


def test_round_trip_keeps_every_field() -> None:
    doc = valid(quantity=3, item="P-1", attributes={"bbox": [1, 2, 3, 4]})
    event = parse_event(encode(doc), topic_site="s1", topic_device="d1")
    assert event.to_dict() == doc


def test_ids_are_unique_and_sortable() -> None:
    sink = ListSink()
    ids = [sink.emit("bin.empty", source="camera:a").event_id for _ in range(200)]
    assert len(set(ids)) == 200
    assert [e.seq for e in sink.events] == list(range(1, 201))


def test_escaped_surrogate_pairs_are_fine() -> None:
    payload = encode(valid(attributes={"text": "\U0001f600"}))
    assert b"\\ud83d" in payload
    assert parse_event(payload).attributes["text"] == "\U0001f600"


def test_observed_at_is_normalised_to_utc() -> None:
    event = parse_event(encode(valid(observed_at="2026-11-26T18:00:00+02:00")))
    assert event.observed_at == "2026-11-26T16:00:00.000Z"


HOSTILE: list[tuple[str, bytes, str]] = [
    ("empty payload", b"", "bad_json"),
    ("not json", b"hello", "bad_json"),
    ("truncated json", encode(valid())[:-5], "bad_json"),
    ("invalid utf-8", b'{"schema": "\xff\xfe"}', "bad_encoding"),
    ("json array", b"[1, 2, 3]", "not_an_object"),
    ("json string", b'"bin.empty"', "not_an_object"),
    ("NaN constant", encode(valid())[:-1] + b', "x": NaN}', "bad_json"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "oversize"),
    ("nesting under the size bound", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "bad_json"),
    ("oversize", encode(valid(attributes={"x": "a" * MAX_EVENT_BYTES})), "oversize"),
    ("unknown schema", encode(valid(schema="edge.event.v9")), "unknown_schema"),
    ("no schema", encode({k: v for k, v in valid().items() if k != "schema"}), "unknown_schema"),
    (
        "missing event_id",
        encode({k: v for k, v in valid().items() if k != "event_id"}),
        "missing_field",
    ),
    ("bad ulid", encode(valid(event_id="'; DROP TABLE events; --")), "invalid_field"),
    ("negative seq", encode(valid(seq=-1)), "invalid_field"),
    ("seq as text", encode(valid(seq="seven")), "invalid_field"),
    ("naive timestamp", encode(valid(observed_at="2026-11-26T10:00:00")), "invalid_field"),
    ("not a timestamp", encode(valid(observed_at="yesterday")), "invalid_field"),
    ("confidence above 1", encode(valid(confidence=1.5)), "invalid_field"),
    ("infinite quantity", encode(valid())[:-1] + b', "quantity": 1e999}', "invalid_field"),
    ("extra field", encode(valid(admin=True)), "invalid_field"),
    ("NUL in location", encode(valid(location="A\u0000B")), "invalid_field"),
    ("5 KB location", encode(valid(location="A" * 5000)), "invalid_field"),
    ("attributes not an object", encode(valid(attributes=[1])), "invalid_field"),
    ("type with spaces", encode(valid(type="bin empty")), "invalid_field"),
    ("lone surrogate", encode(valid())[:-1] + b', "lot": "\\ud800"}', "invalid_field"),
    ("lone surrogate in attributes", encode(valid(attributes={"x": "\ud800"})), "invalid_field"),
    ("site mismatch", encode(valid(site="other-site")), "topic_mismatch"),
    ("device mismatch", encode(valid(device="other-device")), "topic_mismatch"),
]


@pytest.mark.parametrize(("name", "payload", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_payloads_are_refused_with_a_reason(name: str, payload: bytes, reason: str) -> None:
    with pytest.raises(InvalidEvent) as refused:
        parse_event(payload, topic_site="s1", topic_device="d1")
    assert refused.value.reason == reason
