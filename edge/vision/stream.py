"""PyAV (FFmpeg) frame source for video files and network streams, and `SourceError`.

`StreamSource.read()` hands out `Picture`s built on the decoder's frames: the gate reads the
Y plane as it is, colour is converted only for the frames that are analysed. The other sources
and `open_source` are in `edge.vision.sources`, which imports this module and re-exports both
names (`SourceError` is defined here so that the import goes one way only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeAlias

import av

from edge.vision.picture import Picture

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    _Packet: TypeAlias = av.Packet[av.VideoStream]  # generic in the stubs only


class SourceError(RuntimeError):
    """The source cannot deliver (not connected, device gone, stream broken)."""


class StreamSource:
    """PyAV (FFmpeg): video files and RTSP/HTTP streams, as `Picture`s whose luma is the
    decoder's Y plane and whose colour is converted only when asked for.

    `threads=1` (default) decodes on the reader thread only: FFmpeg's threads each hold their
    own frame buffers (≈ 50–90 MB at 1080p) and one thread decodes 1080p far faster than the
    worker's 10 frames/s. `threads=0` lets FFmpeg pick (frame and slice threading); N > 1 uses
    N threads. A damaged packet is skipped with a warning; `BAD_PACKETS` in a row fail.
    """

    BAD_PACKETS = 50

    def __init__(
        self,
        target: str,
        *,
        live: bool,
        threads: int = 1,
        open_timeout: float = 10.0,
        read_timeout: float = 10.0,
    ) -> None:
        self.target = target
        self.name = target
        self.live = live
        self.threads = threads
        # FFmpeg's own timeouts: a read blocked on a dead camera ends in an error, so a reader
        # the watchdog abandoned exits and frees its decoder instead of hanging forever.
        self.timeouts = (open_timeout, read_timeout)
        self._container: av.container.InputContainer | None = None
        self._stream: av.VideoStream | None = None
        self._packets: Iterator[_Packet] | None = None
        self._decoded: list[av.VideoFrame] = []  # a packet can yield several frames
        self._bad = 0  # damaged packets in a row

    @property
    def fps(self) -> float | None:
        rate = self._stream.average_rate if self._stream is not None else None
        value = float(rate) if rate else 0.0
        return value if 0.0 < value < 1000.0 else None

    def open(self) -> None:
        self.close()
        # RTSP over TCP: over UDP a lost packet tears a frame (grey smears the gate sees as
        # change); TCP retransmits instead.
        options = {"rtsp_transport": "tcp"} if self.target.startswith("rtsp://") else {}
        try:
            container = av.open(self.target, "r", options=options, timeout=self.timeouts)
        except (av.FFmpegError, OSError) as exc:
            raise SourceError(f"cannot open {self.name}: {_reason(exc)}") from None
        if not container.streams.video:
            container.close()
            raise SourceError(f"{self.name} has no video stream")
        stream = container.streams.video[0]
        if self.threads == 1:
            stream.codec_context.thread_count = 1
        else:
            stream.thread_type = "AUTO"
            stream.codec_context.thread_count = max(0, self.threads)
        self._container, self._stream = container, stream
        self._packets = container.demux(stream)
        self._decoded, self._bad = [], 0

    def read(self) -> Picture | None:
        if self._packets is None or self._stream is None:
            raise SourceError(f"{self.name} is not open")
        while not self._decoded:
            packet = self._next_packet(self._packets)
            if packet is None:
                if self.live:
                    raise SourceError(f"{self.name}: the stream ended")
                return None
            self._decoded = self._decode(self._stream, packet)
        return Picture.from_av(self._decoded.pop(0))

    def _next_packet(self, packets: Iterator[_Packet]) -> _Packet | None:
        """The next packet; None at the end (the demuxer's flush packet comes before)."""
        try:
            return next(packets, None)
        except (av.FFmpegError, OSError) as exc:
            if self.live:
                raise SourceError(f"{self.name}: {_reason(exc)}") from None
            # A damaged file: what was read is kept, the rest is not reachable. Failing
            # instead would make the watchdog reopen and replay the file forever.
            logger.warning("%s: stopped reading at a damaged spot: %s", self.name, _reason(exc))
            self._packets = iter(())
            return None

    def _decode(self, stream: av.VideoStream, packet: _Packet) -> list[av.VideoFrame]:
        try:
            frames = stream.decode(packet)
        except av.error.EOFError:
            return []  # the decoder was already flushed
        except (av.FFmpegError, OSError) as exc:
            self._bad += 1
            if self._bad >= self.BAD_PACKETS:
                raise SourceError(f"{self.name}: {self._bad} damaged packets in a row") from None
            logger.warning("%s: skipping a damaged packet: %s", self.name, _reason(exc))
            return []
        self._bad = 0
        return frames

    def close(self) -> None:
        container, self._container = self._container, None
        self._stream, self._packets, self._decoded = None, None, []
        if container is not None:
            container.close()


def _reason(exc: BaseException) -> str:
    """FFmpeg's message without the file name (the source's name is already in the text)."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
