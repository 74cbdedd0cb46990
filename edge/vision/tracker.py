"""The bin tracker: noisy per-bin observations in, few meaningful events out. Pure logic.

Per bin a small state machine with inertia (as Frigate's zone inertia): a reported state flips
only after `inertia` consecutive analyses agree on the new state. The first settled state of a
bin is reported too (the ledger learns what the camera sees at start-up). Part labels read in a
bin become `label.read` once per label while the bin stays occupied. A location label seen where
the calibration does not expect it, `moved_after` times in a row, raises `camera.moved` and
silences bin events until the labels are back where they belong: a moved camera must not turn
into a wave of wrong empties.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

State = Literal["empty", "occupied", "unknown"]


@dataclass(frozen=True)
class LabelRead:
    """One decoded label: symbology, payload as read, parsed fields (contract "Label fields")."""

    format: str
    text: str
    fields: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "text": self.text, "fields": dict(self.fields)}


@dataclass(frozen=True)
class Observation:
    """One analysis of one bin."""

    location: str
    state: State
    confidence: float
    at: datetime
    labels: tuple[LabelRead, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sighting:
    """A location label (`found`) decoded in the region of the bin `expected`."""

    found: str
    expected: str
    at: datetime


@dataclass(frozen=True)
class TrackerEvent:
    """An event for the sink: `type`, core fields and attributes (the worker adds `source`)."""

    type: str
    observed_at: datetime
    location: str | None = None
    confidence: float | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class _Bin:
    state: State | None = None
    candidate: State | None = None
    count: int = 0
    since: datetime | None = None
    confidences: list[float] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)


def _label_event(location: str, label: LabelRead, at: datetime) -> TrackerEvent:
    fields = label.fields
    item = fields.get("part") or fields.get("gtin")
    core: dict[str, Any] = {
        "item": str(item) if item else None,
        "lot": str(fields["lot"]) if fields.get("lot") else None,
        "serial": str(fields["serial"]) if fields.get("serial") else None,
    }
    quantity = fields.get("quantity")
    if isinstance(quantity, int | float) and not isinstance(quantity, bool):
        core["quantity"] = float(quantity)
    return TrackerEvent(
        type="label.read",
        observed_at=at,
        location=location,
        confidence=1.0,
        fields={k: v for k, v in core.items() if v is not None},
        attributes={"label": label.to_dict()},
    )


class Tracker:
    """Per-bin inertia and the camera-moved guard for one camera."""

    def __init__(self, locations: Iterable[str], *, inertia: int = 3, moved_after: int = 2) -> None:
        if inertia < 1 or moved_after < 1:
            raise ValueError("inertia and moved_after must be ≥ 1")
        self.inertia = inertia
        self.moved_after = moved_after
        self._bins = {location: _Bin() for location in locations}
        self._misplaced = 0
        self._placed = 0
        self.moved = False

    def state(self, location: str) -> State | None:
        return self._bins[location].state

    def states(self) -> dict[str, State | None]:
        return {location: b.state for location, b in self._bins.items()}

    def unsettled(self) -> list[str]:
        """Bins that need more analyses: never reported, or a flip under way."""
        return [
            location
            for location, b in self._bins.items()
            if b.state is None or (b.candidate is not None and b.count > 0)
        ]

    def observe(self, obs: Observation) -> list[TrackerEvent]:
        """One analysis of one bin; returns the events it causes (often none)."""
        b = self._bins.get(obs.location)
        if b is None or self.moved:
            return []
        events: list[TrackerEvent] = []
        if obs.state == b.state:
            b.candidate, b.count, b.confidences = None, 0, []
        elif obs.state == b.candidate:
            b.count += 1
            b.confidences.append(obs.confidence)
        else:
            b.candidate, b.count, b.since, b.confidences = obs.state, 1, obs.at, [obs.confidence]
        if b.candidate is not None and b.count >= self.inertia:
            events.append(self._flip(obs.location, b, obs))
        if obs.state != "unknown" and not self.moved:
            for label in obs.labels:
                if label.text not in b.labels:
                    b.labels.add(label.text)
                    events.append(_label_event(obs.location, label, obs.at))
        return events

    def sight(self, sighting: Sighting) -> list[TrackerEvent]:
        """A location label was read; raises `camera.moved` when it keeps turning up elsewhere."""
        if sighting.found == sighting.expected:
            self._misplaced = 0
            self._placed += 1
            if self.moved and self._placed >= self.moved_after:
                self.moved = False  # the worker notices and reports it on the status topic
            return []
        self._placed = 0
        self._misplaced += 1
        if self.moved or self._misplaced < self.moved_after:
            return []
        self.moved = True
        for b in self._bins.values():
            b.candidate, b.count, b.confidences = None, 0, []
        return [
            TrackerEvent(
                type="camera.moved",
                observed_at=sighting.at,
                location=sighting.expected,
                attributes={
                    "found": sighting.found,
                    "expected": sighting.expected,
                    "reason": "a location label is not where the calibration puts it",
                },
            )
        ]

    def _flip(self, location: str, b: _Bin, obs: Observation) -> TrackerEvent:
        assert b.candidate is not None
        previous, b.state = b.state, b.candidate
        confidence = sum(b.confidences) / len(b.confidences) if b.confidences else obs.confidence
        since = b.since or obs.at
        b.candidate, b.count, b.confidences = None, 0, []
        if b.state == "empty":
            b.labels.clear()
        return TrackerEvent(
            type=f"bin.{b.state}",
            observed_at=since,
            location=location,
            confidence=round(min(1.0, max(0.0, confidence)), 3),
            attributes={
                "previous": previous,
                "confirmed_at": obs.at.isoformat(),
                "analyses": self.inertia,
                **{k: v for k, v in obs.evidence.items() if v is not None},
            },
        )
