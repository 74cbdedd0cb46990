"""Frame sources: where a camera worker's frames come from. One class per kind of source.

`open_source(spec)` understands the `source` key of a camera's configuration:
- `0`, `/dev/video0`: a V4L2 device (OpenCV);
- `rtsp://…`, `http(s)://…`: a network stream, and a video file: PyAV (`StreamSource`);
- a folder of images (sorted by name);
- `picamera2` or `picamera2:N` when the `picamera2` package is importable;
- `synth:<seed>[:<seconds>]`: a synthetic rack video rendered once into a temporary folder.
Sources are not thread-safe and do no pacing or reconnecting: `edge.vision.watchdog` does.
`read()` returns a `Picture` (`edge.vision.picture`: luma free for decoded video, colour
converted on first use), `None` at the end of a finite source, and raises `SourceError` when
the source fails (a live source returning nothing has failed; it has not ended).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from edge.vision.picture import Picture
from edge.vision.stream import SourceError, StreamSource

logger = logging.getLogger(__name__)

__all__ = [
    "CaptureSource",
    "FolderSource",
    "Picamera2Source",
    "Source",
    "SourceError",
    "SourceFactory",
    "StreamSource",
    "SynthSource",
    "open_source",
]

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"})


class Source(Protocol):
    """A frame source. `live` sources drop frames when the worker is slower than the camera."""

    name: str
    live: bool

    @property
    def fps(self) -> float | None: ...

    def open(self) -> None: ...

    def read(self) -> Picture | None: ...

    def close(self) -> None: ...


class CaptureSource:
    """OpenCV `VideoCapture` for V4L2 devices (an index or `/dev/video*`): BGR frames.

    Files and network streams go through `StreamSource`, which hands out luma without
    converting colour."""

    def __init__(self, target: str | int, *, live: bool) -> None:
        self.target = target
        self.name = str(target)
        self.live = live
        self._cap: Any = None

    @property
    def fps(self) -> float | None:
        if self._cap is None:
            return None
        value = float(self._cap.get(cv2.CAP_PROP_FPS) or 0.0)
        return value if 0.0 < value < 1000.0 else None

    def open(self) -> None:
        self.close()
        cap = cv2.VideoCapture(self.target)
        if not cap.isOpened():
            cap.release()
            raise SourceError(f"cannot open {self.name}")
        self._cap = cap

    def read(self) -> Picture | None:
        if self._cap is None:
            raise SourceError(f"{self.name} is not open")
        ok, frame = self._cap.read()
        if not ok or frame is None:
            if self.live:
                raise SourceError(f"{self.name} delivered no frame")
            return None
        return Picture.from_bgr(frame)

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FolderSource:
    """The images of a folder, sorted by name, once."""

    def __init__(self, folder: Path, *, fps: float | None = None) -> None:
        self.folder = folder
        self.name = str(folder)
        self.live = False
        self._fps = fps
        self._files: list[Path] = []
        self._next = 0

    @property
    def fps(self) -> float | None:
        return self._fps

    def open(self) -> None:
        if not self.folder.is_dir():
            raise SourceError(f"{self.folder} is not a folder")
        self._files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise SourceError(f"no images in {self.folder}")

    def read(self) -> Picture | None:
        while self._next < len(self._files):
            path = self._files[self._next]
            self._next += 1
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is not None:
                return Picture.from_bgr(image)
            logger.warning("skipping unreadable image %s", path)
        return None

    def close(self) -> None:
        return None


class Picamera2Source:
    """A Raspberry Pi camera through `picamera2` (imported only when this source is used)."""

    def __init__(self, index: int = 0, size: tuple[int, int] = (1920, 1080)) -> None:
        self.index = index
        self.size = size
        self.name = f"picamera2:{index}"
        self.live = True
        self._cam: Any = None

    @property
    def fps(self) -> float | None:
        return None

    def open(self) -> None:
        try:
            from picamera2 import Picamera2
        except ImportError:
            raise SourceError("picamera2 is not installed on this device") from None
        try:
            cam = Picamera2(self.index)
            config = cam.create_video_configuration(main={"size": self.size, "format": "RGB888"})
            cam.configure(config)
            cam.start()
        except Exception as exc:
            raise SourceError(f"picamera2 {self.index}: {exc}") from None
        self._cam = cam

    def read(self) -> Picture | None:
        if self._cam is None:
            raise SourceError("picamera2 is not open")
        try:
            # picamera2's "RGB888" is BGR in memory order, which is what OpenCV expects.
            return Picture.from_bgr(np.asarray(self._cam.capture_array("main"), np.uint8))
        except Exception as exc:
            raise SourceError(f"picamera2 {self.index}: {exc}") from None

    def close(self) -> None:
        if self._cam is not None:
            try:
                self._cam.stop()
                self._cam.close()
            finally:
                self._cam = None


class SynthSource(StreamSource):
    """A synthetic rack video (`edge.synth.render_video`), rendered on first open."""

    def __init__(self, seed: int, *, seconds: float = 20.0, fps: float = 10.0) -> None:
        self.seed, self.seconds, self.render_fps = seed, seconds, fps
        self._dir = Path(tempfile.mkdtemp(prefix=f"edge-synth-{seed}-"))
        self.video = self._dir / "rack.mp4"
        self.calibration: dict[str, Any] | None = None
        super().__init__(str(self.video), live=False)
        self.name = f"synth:{seed}"

    def open(self) -> None:
        if not self.video.exists():
            from edge.synth import render_video, write_calibration

            self.calibration, _truth = render_video(
                self.video, self.seed, seconds=self.seconds, fps=self.render_fps
            )
            write_calibration(self.calibration, self._dir / "calibration.yaml")
        super().open()

    @property
    def calibration_path(self) -> Path:
        return self._dir / "calibration.yaml"


def _is_device(spec: str) -> bool:
    return spec.isdigit() or spec.startswith("/dev/video")


def open_source(spec: str, *, fps: float | None = None) -> Source:
    """A (not yet opened) source for a configuration's `source` value."""
    spec = spec.strip()
    if not spec:
        raise SourceError("empty source")
    if spec.startswith("synth:"):
        parts = spec.split(":")
        try:
            seed = int(parts[1])
            seconds = float(parts[2]) if len(parts) > 2 else 20.0
        except (IndexError, ValueError):
            raise SourceError(f"expected synth:<seed>[:<seconds>], got {spec!r}") from None
        return SynthSource(seed, seconds=seconds, fps=fps or 10.0)
    if spec == "picamera2" or spec.startswith("picamera2:"):
        index = spec.partition(":")[2]
        return Picamera2Source(int(index) if index.isdigit() else 0)
    if _is_device(spec):
        return CaptureSource(int(spec) if spec.isdigit() else spec, live=True)
    if "://" in spec:
        return StreamSource(spec, live=True)
    path = Path(spec)
    if path.is_dir():
        return FolderSource(path, fps=fps)
    return StreamSource(str(path), live=False)


SourceFactory = Callable[[], Source]
