"""Event schema v1: the one definition of an event (CONTRACT.md, "Event").

Pure: no I/O. Producers build events with `new_event`; the ledger checks what arrives with
`parse_event`, which raises `InvalidEvent` with a reason fit for the quarantine table.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from typing import Any, Final, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticSerializationError
from ulid import ULID

SCHEMA: Final = "edge.event.v1"
MAX_EVENT_BYTES = 64 * 1024

KNOWN_TYPES = frozenset(
    {
        "bin.empty",
        "bin.occupied",
        "bin.unknown",
        "label.read",
        "count.recorded",
        "camera.moved",
        "camera.offline",
        "camera.online",
        "demo.tick",
    }
)


class InvalidEvent(ValueError):
    """An event that must go to quarantine; `reason` is short and machine-groupable."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_time(moment: datetime) -> str:
    """RFC 3339 UTC with milliseconds and a `Z`, the one form events carry."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: events carry UTC times")
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def parse_time(text: str) -> datetime:
    """Parse RFC 3339 with an explicit offset (`Z` or `±hh:mm`); naive times are refused."""
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError("not an RFC 3339 timestamp")
    moment = datetime.fromisoformat(text.replace("z", "Z"))
    if moment.tzinfo is None:
        raise ValueError("timestamp without UTC offset")
    return moment.astimezone(UTC)


def new_event_id() -> str:
    return str(ULID())


_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
_CANONICAL_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NON_JSON_NUMBERS = (b"NaN", b"Infinity")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_TEXT = Field(default=None, max_length=256)


class Event(BaseModel):
    """One event. Field order and names follow the contract table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: Literal["edge.event.v1"] = Field(alias="schema")  # required: absent = unknown
    event_id: str = Field(pattern=r"^[0-9A-HJKMNP-TV-Z]{26}$", description="ULID")
    type: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", max_length=64)
    site: str = Field(pattern=_ID)
    device: str = Field(pattern=_ID)
    source: str = Field(min_length=1, max_length=128)
    seq: int = Field(ge=0, lt=2**63)
    location: str | None = _TEXT
    item: str | None = _TEXT
    lot: str | None = _TEXT
    serial: str | None = _TEXT
    quantity: float | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    observed_at: str
    attributes: dict[str, Any] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("observed_at")
    @classmethod
    def _rfc3339_utc(cls, value: str) -> str:
        if _CANONICAL_TIME.fullmatch(value):  # what our own devices send: skip the round trip
            return value
        return format_time(parse_time(value))

    @field_validator("quantity")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("quantity must be finite")
        return value

    @field_validator("location", "item", "lot", "serial", "source")
    @classmethod
    def _no_control_chars(cls, value: str | None) -> str | None:
        if value is not None and _CONTROL.search(value):
            raise ValueError("control characters are not allowed here (keep them in attributes)")
        return value

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True)


def new_event(
    type: str,
    *,
    site: str,
    device: str,
    source: str,
    seq: int,
    observed_at: datetime | str | None = None,
    **fields: Any,
) -> Event:
    """Build a valid event with a fresh ULID; raises `pydantic.ValidationError` on bad fields."""
    return Event(
        schema=SCHEMA,
        event_id=new_event_id(),
        type=type,
        site=site,
        device=device,
        source=source,
        seq=seq,
        observed_at=observed_at
        if isinstance(observed_at, str)
        else format_time(observed_at or utc_now()),
        **fields,
    )


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "event"
    return f"{where}: {first['msg']}"


def parse_event(
    payload: bytes, *, topic_site: str | None = None, topic_device: str | None = None
) -> Event:
    """Validate a payload as it arrives from the broker.

    Raises `InvalidEvent` whose `reason` is one of: `oversize`, `bad_encoding`, `bad_json`,
    `not_an_object`, `unknown_schema`, `missing_field`, `invalid_field`, `topic_mismatch`.
    """
    if len(payload) > MAX_EVENT_BYTES:
        raise InvalidEvent("oversize", f"{len(payload)} bytes > {MAX_EVENT_BYTES}")
    event = _parse_fast(payload)
    if event is None:
        event = _parse_slow(payload)
    if topic_site is not None and event.site != topic_site:
        raise InvalidEvent("topic_mismatch", f"site {event.site!r} != topic {topic_site!r}")
    if topic_device is not None and event.device != topic_device:
        raise InvalidEvent("topic_mismatch", f"device {event.device!r} != topic {topic_device!r}")
    return event


def _parse_fast(payload: bytes) -> Event | None:
    """pydantic-core parses and validates in one pass; None sends the payload down the slow
    path, which names the reason (and which refuses NaN/Infinity anywhere, as JSON does)."""
    if any(word in payload for word in _NON_JSON_NUMBERS) or _ESCAPED_SURROGATE.search(payload):
        return None
    try:
        event = Event.model_validate_json(payload)
    except (ValidationError, ValueError):
        return None
    return event if event.schema_ == SCHEMA else None


def _parse_slow(payload: bytes) -> Event:
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEvent("bad_encoding", str(exc)) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidEvent("bad_json", str(exc)[:200]) from None
    if not isinstance(doc, dict):
        raise InvalidEvent("not_an_object", type(doc).__name__)
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise InvalidEvent("unknown_schema", repr(schema)[:80])
    try:
        event = Event.model_validate(doc)
    except ValidationError as exc:
        missing = [e for e in exc.errors() if e["type"] == "missing"]
        reason = "missing_field" if missing else "invalid_field"
        raise InvalidEvent(reason, _first_error(exc)[:300]) from None
    try:  # json accepts "\ud800"; a lone surrogate would fail later, in SQLite, forever
        event.to_json().encode("utf-8")
    except (UnicodeEncodeError, PydanticSerializationError):
        raise InvalidEvent("invalid_field", "unpaired UTF-16 surrogate in a string") from None
    return event


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class EventSink(Protocol):
    """Where producers (camera worker, scanner) put events: the device outbox, or a list in tests.

    The sink fills `event_id`, `seq`, `site`, `device` and (when not given) `observed_at`.
    """

    def emit(
        self, type: str, *, source: str, observed_at: datetime | None = None, **fields: Any
    ) -> Event: ...


class ListSink:
    """An in-memory `EventSink` for unit tests of pure producers."""

    def __init__(self, site: str = "test-site", device: str = "test-device") -> None:
        self.site, self.device = site, device
        self.events: list[Event] = []

    def emit(
        self, type: str, *, source: str, observed_at: datetime | None = None, **fields: Any
    ) -> Event:
        event = new_event(
            type,
            site=self.site,
            device=self.device,
            source=source,
            seq=len(self.events) + 1,
            observed_at=observed_at,
            **fields,
        )
        self.events.append(event)
        return event
