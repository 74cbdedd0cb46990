"""Per-frame logic of one camera: gate → analyse → track, no I/O but the judge and the decoder.

`CameraPipeline.process(frame)`: the gate decides which bins need work; changed, swept,
not-yet-known and newly uncovered bins are analysed (labels decoded only where something
changed, within a budget); bins the gate sees covered are observed as `unknown`; the tracker
turns observations into events. `edge.vision.worker.run_worker` feeds it frames.
The gate looks at the frame's luma only; its colour is converted on the frames that analyse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from edge.config.cameras import CameraConfig
from edge.vision.analyze import Analyzer
from edge.vision.gate import Gate, gate_size
from edge.vision.tracker import Tracker, TrackerEvent
from edge.vision.watchdog import Frame


@dataclass
class PipelineStats:
    frames: int = 0
    busy_frames: int = 0
    analysed_frames: int = 0
    analysed_bins: int = 0
    occluded_bins: int = 0
    decoded_bins: int = 0
    events: dict[str, int] = field(default_factory=dict)


class CameraPipeline:
    """Per-frame logic of one camera; frames must have the calibration's size (see `for_frame`)."""

    def __init__(
        self,
        analyzer: Analyzer,
        config: CameraConfig,
        *,
        camera: str,
    ) -> None:
        calibration = analyzer.calibration
        self.camera = camera
        self.config = config
        self.analyzer = analyzer
        polygons = {b.location: b.polygon for b in calibration.bins}
        frame_size = (int(calibration.image_size[0]), int(calibration.image_size[1]))
        self.small_size = gate_size(*frame_size, config.gate.scale)
        absorb = max(config.gate.still_frames * 4, round(config.fps * 3))
        self.gate = Gate.for_polygons(polygons, frame_size, config.gate, absorb_frames=absorb)
        self.tracker = Tracker(
            calibration.locations, inertia=config.inertia, moved_after=config.moved_after
        )
        self.stats = PipelineStats()
        # Bins to look at again (value: analyses left) even if the gate sees no change: not yet
        # known, a flip under way, just uncovered, or everything after a reconnect.
        self._look: dict[str, int] = {loc: self._looks() for loc in calibration.locations}
        self._covered: set[str] = set()

    def _looks(self) -> int:
        return self.config.inertia * 2 + 1

    def look_again(self) -> None:
        """Re-examine every bin (after an outage the rack may have changed unseen)."""
        self.gate.reset()
        self._look = {loc: self._looks() for loc in self.analyzer.locations}

    def process(self, frame: Frame) -> list[TrackerEvent]:
        """One frame in, the events it causes out."""
        self.stats.frames += 1
        # Luma only: the colour conversion runs (once) if and when bins are analysed below.
        small = frame.picture.luma_at(self.small_size)
        decision = self.gate.update(small, frame.t)
        if decision.busy:
            self.stats.busy_frames += 1
        if not decision.settled or not (decision.to_analyse or decision.occluded or self._look):
            return []
        occluded = set(decision.occluded)
        uncovered = self._covered - occluded
        self._covered = (self._covered | occluded) - uncovered
        for loc in list(uncovered) + list(decision.to_analyse):
            self._look[loc] = self._looks()
        unsettled = set(self.tracker.unsettled())
        unsteady = set(decision.unsteady)
        again = [loc for loc, n in self._look.items() if n > 0 and loc not in occluded | unsteady]
        wanted = list(dict.fromkeys([*decision.to_analyse, *again]))
        # Covered bins are observed as unknown only while they matter (not known yet, or known
        # as something else): a person standing in front must not read as an empty bin.
        hidden = [
            loc
            for loc in decision.occluded
            if self.tracker.state(loc) != "unknown" or loc in unsettled
        ]
        if not wanted and not hidden:
            return []
        # Labels are read where something changed; the sweep re-checks occupancy only (a label
        # does not change in a bin that did not), unless the bin's state is not settled.
        decode = (
            set(decision.changed)
            | uncovered
            | (unsettled & set(wanted))
            | {loc for loc in wanted if self.tracker.state(loc) is None}
        )
        analyses = self.analyzer.analyze(
            frame.image, [*wanted, *hidden], occluded=hidden, decode=decode, at=frame.wall
        )
        self.stats.analysed_frames += 1
        self.stats.analysed_bins += len(wanted)
        self.stats.occluded_bins += len(hidden)
        self.stats.decoded_bins += len(decode & set(wanted))
        self.gate.analysed(wanted, small)
        events: list[TrackerEvent] = []
        for analysis in analyses:
            for sighting in analysis.sightings:
                events += self.tracker.sight(sighting)
            events += self.tracker.observe(analysis.observation(frame.wall))
        for loc in wanted:
            left = self._look.get(loc, 0) - 1
            if left > 0 and loc in self.tracker.unsettled():
                self._look[loc] = left
            else:
                self._look.pop(loc, None)
        for event in events:
            self.stats.events[event.type] = self.stats.events.get(event.type, 0) + 1
        return events
