"""The source watchdog: frames keep coming, or the outage is reported and the source reopened.

A reader thread opens the source and reads it; the worker takes frames with `FrameFeed.frames`.
- The source fails to open or a read fails: `offline` is reported, the source is closed and
  reopened after a backoff that doubles from `reconnect_min` to `reconnect_max`.
- No frame for `stall_timeout` seconds (an RTSP read can block forever): `stalled` is reported,
  the blocked reader is abandoned (its frames are ignored) and a fresh one reconnects.
- The first frame after an outage reports `online` with the outage's length.
- A finite source (file, folder) that ends reports `ended` and the feed stops.
Live sources keep only the newest frame (a slow worker drops frames rather than lag); finite
sources hand over every frame, paced at `pace_fps` when given (files played in real time).
A dead camera is never an empty rack: the feed reports outages, it never invents frames.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from edge.vision.picture import Gray, Image, Picture
from edge.vision.sources import Source, SourceError

logger = logging.getLogger(__name__)

SourceState = Literal["online", "offline", "stalled", "ended"]


@dataclass(frozen=True)
class Frame:
    """One frame as the worker sees it: the `Picture` converts colour only when asked."""

    picture: Picture
    index: int  # frames delivered by this feed, from 0
    t: float  # seconds on the feed's clock (media time for paced-off files, else monotonic)
    wall: datetime  # when it was read (UTC), for events

    @classmethod
    def of(cls, image: Image | Gray, *, index: int, t: float, wall: datetime) -> Frame:
        """A frame from a plain BGR or gray array (tests, benches)."""
        return cls(picture=Picture.from_bgr(image), index=index, t=t, wall=wall)

    @property
    def image(self) -> Image:
        """BGR H×W×3; the first use converts a decoded frame's colour (≈ 0.7 ms at 1080p)."""
        return self.picture.bgr

    @property
    def luma(self) -> Gray:
        """Full-range gray H×W; for decoded video, its Y plane (no colour conversion)."""
        return self.picture.luma


@dataclass(frozen=True)
class SourceEvent:
    """A change of the source's health, for the status topic and the log."""

    state: SourceState
    source: str
    detail: str = ""
    outage_s: float | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class FeedConfig:
    """Watchdog timings (from the camera's configuration)."""

    stall_timeout: float = 5.0
    reconnect_min: float = 0.5
    reconnect_max: float = 30.0
    pace_fps: float | None = None  # finite sources: deliver at this rate (None: as fast as read)
    media_fps: float | None = None  # finite sources: frame times are index / media_fps


_END = object()


class FrameFeed:
    """Frames from a source, with reconnects, stall detection and health reports."""

    def __init__(
        self,
        factory: Callable[[], Source],
        config: FeedConfig,
        *,
        on_event: Callable[[SourceEvent], None] | None = None,
    ) -> None:
        self.factory = factory
        self.config = config
        self.on_event = on_event or (lambda _e: None)
        self.reconnects = 0
        self.outages = 0
        self.name = "?"
        self._generation = 0
        self._queue: queue.Queue[tuple[int, object]] = queue.Queue(maxsize=2)
        self._live = True
        self._down_since: float | None = None
        self._state: SourceState | None = None
        self._blocked: int | None = None  # generation of a reader inside open()/read()
        self._reader = threading.Thread()

    def frames(self, stop: threading.Event) -> Generator[Frame, None, None]:
        """Yield frames until `stop` is set or a finite source ends."""
        halt = threading.Event()  # set when this generator ends, for whatever reason
        try:
            yield from self._consume(stop, halt)
        finally:
            halt.set()

    def _consume(self, stop: threading.Event, halt: threading.Event) -> Iterator[Frame]:
        index = 0
        start = time.monotonic()
        self._start_reader(halt)
        last = time.monotonic()
        while not stop.is_set():
            try:
                generation, item = self._queue.get(timeout=0.1)
            except queue.Empty:
                if time.monotonic() - last < self.config.stall_timeout:
                    continue
                last = time.monotonic()
                self._report("stalled", f"no frame for {self.config.stall_timeout:g} s")
                if self._blocked == self._generation or not self._reader.is_alive():
                    # The reader is stuck inside open()/read(): abandon it for a fresh one.
                    # (A reader waiting out its backoff is left alone.)
                    self.reconnects += 1
                    self._start_reader(halt)
                continue
            if generation != self._generation:
                continue
            last = time.monotonic()
            if item is _END:
                self._report("ended", "end of stream")
                return
            if isinstance(item, SourceEvent):
                self._report(item.state, item.detail)
                continue
            assert isinstance(item, _Delivered)
            if self._state != "online":
                self._report("online", "")
            rate = self.config.pace_fps or self.config.media_fps
            t = index / rate if (rate and not self._live) else item.t - start
            yield Frame(picture=item.picture, index=index, t=t, wall=item.wall)
            index += 1

    # -- reader side -------------------------------------------------------------------------
    def _start_reader(self, stop: threading.Event) -> None:
        self._generation += 1
        thread = threading.Thread(
            target=self._read_loop,
            args=(self._generation, stop),
            name=f"source-{self._generation}",
            daemon=True,
        )
        thread.start()
        self._reader = thread

    def _put(self, generation: int, item: object, stop: threading.Event) -> bool:
        """Hand an item to the worker; False when this reader has been abandoned or stopped."""
        while not stop.is_set() and generation == self._generation:
            if self._live and isinstance(item, _Delivered):
                # Live: keep only the newest frame.
                try:
                    self._queue.put_nowait((generation, item))
                    return True
                except queue.Full:
                    with contextlib.suppress(queue.Empty):
                        self._queue.get_nowait()
                    continue
            try:
                self._queue.put((generation, item), timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _read_loop(self, generation: int, stop: threading.Event) -> None:
        delay = self.config.reconnect_min
        while not stop.is_set() and generation == self._generation:
            ended, delivered = self._connection(generation, stop)
            if ended:
                self._put(generation, _END, stop)
                return
            if delivered:
                delay = self.config.reconnect_min  # a working connection resets the backoff
            if stop.wait(delay):
                return
            delay = min(delay * 2, self.config.reconnect_max)
            self.reconnects += 1

    def _connection(self, generation: int, stop: threading.Event) -> tuple[bool, bool]:
        """One connection: (the source ended, it delivered frames)."""
        source: Source | None = None
        counter = [0]
        try:
            source = self.factory()
            self.name = source.name
            self._blocked = generation
            source.open()
            self._live = source.live
            return self._pump(source, generation, stop, counter), counter[0] > 0
        except Exception as exc:
            detail = str(exc) or type(exc).__name__
            if not isinstance(exc, SourceError):
                logger.exception("source %s failed", self.name, extra={"source": self.name})
            self._put(generation, SourceEvent("offline", self.name, detail), stop)
            return False, counter[0] > 0
        finally:
            self._blocked = None
            if source is not None:
                try:
                    source.close()
                except Exception:
                    logger.warning("closing %s failed", self.name, exc_info=True)

    def _pump(
        self, source: Source, generation: int, stop: threading.Event, counter: list[int]
    ) -> bool:
        """Read until the source ends (True), fails (raises) or this reader is abandoned."""
        pace = None if source.live else self.config.pace_fps
        next_at = time.monotonic()
        while not stop.is_set() and generation == self._generation:
            self._blocked = generation
            picture = source.read()
            self._blocked = None
            if picture is None:
                return True
            now = time.monotonic()
            delivered = _Delivered(picture=picture, t=now, wall=datetime.now(UTC))
            if not self._put(generation, delivered, stop):
                return False
            counter[0] += 1
            if pace:
                next_at += 1.0 / pace
                wait = next_at - time.monotonic()
                if wait > 0 and stop.wait(wait):
                    return False
                next_at = max(next_at, time.monotonic() - 1.0)
        return False

    # -- reporting ---------------------------------------------------------------------------
    def _report(self, state: SourceState, detail: str) -> None:
        now = time.monotonic()
        if state == self._state and state != "online":
            return  # one report per outage, not one per retry
        outage = None
        if state in ("offline", "stalled"):
            if self._down_since is None:
                self._down_since = now
                self.outages += 1
        elif state == "online" and self._down_since is not None:
            outage = round(now - self._down_since, 3)
            self._down_since = None
        self._state = state
        event = SourceEvent(state=state, source=self.name, detail=detail, outage_s=outage)
        level = logging.INFO if state in ("online", "ended") else logging.WARNING
        logger.log(level, "source %s: %s %s", state, self.name, detail, extra={"source": self.name})
        self.on_event(event)


@dataclass(frozen=True)
class _Delivered:
    picture: Picture
    t: float
    wall: datetime
