"""Tracker inertia tables, label reads and the camera-moved guard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from edge.vision.tracker import LabelRead, Observation, Sighting, Tracker

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _obs(state: str, i: int, labels: tuple[LabelRead, ...] = ()) -> Observation:
    return Observation(
        location="A-01",
        state=state,  # type: ignore[arg-type]
        confidence=0.9,
        at=T0 + timedelta(seconds=i),
        labels=labels,
    )


def _run(tracker: Tracker, states: str) -> list[str]:
    """Feed a sequence like 'EEEO' (E empty, O occupied, U unknown); return event types."""
    names = {"E": "empty", "O": "occupied", "U": "unknown"}
    out = []
    for i, code in enumerate(states):
        out += [e.type for e in tracker.observe(_obs(names[code], i))]
    return out


@pytest.mark.parametrize(
    ("inertia", "sequence", "expected"),
    [
        (3, "EE", []),  # not settled yet: nothing reported
        (3, "EEE", ["bin.empty"]),  # first settled state is reported once
        (3, "EEEEEE", ["bin.empty"]),
        (3, "EEEOO", ["bin.empty"]),  # two occupied are not enough
        (3, "EEEOOO", ["bin.empty", "bin.occupied"]),
        (3, "EEEOOEOOO", ["bin.empty", "bin.occupied"]),  # a stray E resets nothing reported
        (3, "EEEOUOUO", ["bin.empty"]),  # alternating evidence never flips
        (3, "OOOUUU", ["bin.occupied", "bin.unknown"]),
        (1, "EOE", ["bin.empty", "bin.occupied", "bin.empty"]),
        (2, "EEOEOO", ["bin.empty", "bin.occupied"]),
    ],
)
def test_inertia(inertia: int, sequence: str, expected: list[str]) -> None:
    assert _run(Tracker(["A-01"], inertia=inertia), sequence) == expected


def test_flip_is_dated_from_the_first_agreeing_analysis() -> None:
    tracker = Tracker(["A-01"], inertia=3)
    _run(tracker, "EEE")
    events = [e for i in range(3, 6) for e in tracker.observe(_obs("occupied", i))]
    assert len(events) == 1
    assert events[0].observed_at == T0 + timedelta(seconds=3)
    assert events[0].location == "A-01"
    assert events[0].attributes["previous"] == "empty"


def test_unsettled_lists_bins_still_needing_analysis() -> None:
    tracker = Tracker(["A-01", "A-02"], inertia=2)
    assert tracker.unsettled() == ["A-01", "A-02"]
    _run(tracker, "EE")
    assert tracker.unsettled() == ["A-02"]
    tracker.observe(_obs("occupied", 5))
    assert "A-01" in tracker.unsettled()


def test_label_read_once_per_label_until_the_bin_empties() -> None:
    label = LabelRead(
        "DataMatrix", "[)>\x1e06\x1dPABC-1\x1dQ12\x1e\x04", {"part": "ABC-1", "quantity": 12}
    )
    tracker = Tracker(["A-01"], inertia=1)
    first = tracker.observe(_obs("occupied", 0, (label,)))
    assert [e.type for e in first] == ["bin.occupied", "label.read"]
    read = first[1]
    assert read.fields == {"item": "ABC-1", "quantity": 12.0}
    assert read.attributes["label"]["text"].startswith("[)>")
    assert tracker.observe(_obs("occupied", 1, (label,))) == []
    tracker.observe(_obs("empty", 2))
    again = tracker.observe(_obs("occupied", 3, (label,)))
    assert [e.type for e in again] == ["bin.occupied", "label.read"]


def test_labels_in_an_unknown_analysis_are_not_reported() -> None:
    label = LabelRead("QR", "X", {"scheme": "plain"})
    tracker = Tracker(["A-01"], inertia=1)
    assert [e.type for e in tracker.observe(_obs("unknown", 0, (label,)))] == ["bin.unknown"]


def test_camera_moved_after_repeated_misplaced_labels_and_silences_bins() -> None:
    tracker = Tracker(["A-01", "A-02"], inertia=1, moved_after=2)
    assert tracker.sight(Sighting("A-02", "A-01", T0)) == []
    moved = tracker.sight(Sighting("A-02", "A-01", T0))
    assert [e.type for e in moved] == ["camera.moved"]
    assert moved[0].attributes["found"] == "A-02"
    # While moved, no bin events: a shifted view would report nonsense.
    assert tracker.observe(_obs("empty", 1)) == []
    assert tracker.sight(Sighting("A-02", "A-01", T0)) == []  # raised once, not per sighting
    tracker.sight(Sighting("A-01", "A-01", T0))
    tracker.sight(Sighting("A-01", "A-01", T0))
    assert not tracker.moved
    assert [e.type for e in tracker.observe(_obs("empty", 2))] == ["bin.empty"]


def test_one_misread_does_not_raise_camera_moved() -> None:
    tracker = Tracker(["A-01", "A-02"], moved_after=2)
    tracker.sight(Sighting("A-02", "A-01", T0))
    tracker.sight(Sighting("A-01", "A-01", T0))
    assert tracker.sight(Sighting("A-02", "A-01", T0)) == []
    assert not tracker.moved
