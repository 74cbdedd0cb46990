"""One decoded frame whose colour is converted only when someone asks for it ("lazy colour").

The change gate needs only brightness and looks at every frame; colour is needed only on the
few frames where bins are analysed. A YUV frame from a video decoder already carries its luma
(the Y plane), so a `Picture` from PyAV hands out that plane as a numpy view for free and runs
the YUV → BGR conversion only on the first `.bgr`. Frames that arrive as BGR (OpenCV devices,
image folders, picamera2) compute their luma lazily instead.

`luma` is the gray image OpenCV's `COLOR_BGR2GRAY` would give of `bgr` (full range 0–255), so
the gate's gray-level thresholds mean the same whatever the source: most video is "video
range" (Y from 16 to 235), which is stretched to 0–255 here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import numpy.typing as npt

from edge.vision.shrink import downscale

if TYPE_CHECKING:
    import av

Image = npt.NDArray[np.uint8]  # BGR, H×W×3
Gray = npt.NDArray[np.uint8]  # H×W

# Pixel formats whose first plane is 8-bit luma at full resolution: their luma is a view.
_YUV_FORMATS = frozenset(
    {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv21"}
)
_JPEG_RANGE = 2  # av.video.reformatter.ColorRange.JPEG: Y already spans 0–255
# Video range → full range: gray = (Y − 16) · 255/219, saturated (what swscale does to BGR).
_STRETCH = 255.0 / 219.0
_SHIFT = -16.0 * _STRETCH


def _full_range(y: Gray) -> Gray:
    # addWeighted saturates to uint8 (convertScaleAbs would fold Y < 16 back up) and is about
    # twice as fast as cv2.LUT on a 1080p plane here.
    return np.asarray(cv2.addWeighted(y, _STRETCH, y, 0.0, _SHIFT), np.uint8)


class Picture:
    """One frame: `bgr` and `luma` on demand, each computed at most once.

    Not thread-safe: the reader thread builds it, one consumer (the worker) reads it.
    """

    __slots__ = ("_bgr", "_frame", "_luma", "_video_range", "_y", "height", "width")

    def __init__(
        self,
        width: int,
        height: int,
        *,
        bgr: Image | None = None,
        y: Gray | None = None,
        video_range: bool = False,
        frame: av.VideoFrame | None = None,
    ) -> None:
        self.width = width
        self.height = height
        self._bgr = bgr
        self._y = y  # luma as the source carries it (video or full range); None: from `bgr`
        self._video_range = video_range
        self._frame = frame  # the decoder's frame, kept until colour is asked for
        self._luma: Gray | None = None

    @classmethod
    def from_bgr(cls, image: npt.NDArray[Any]) -> Picture:
        """A BGR (H×W×3) or gray (H×W) uint8 image; it is not copied."""
        image = np.asarray(image, np.uint8)
        height, width = int(image.shape[0]), int(image.shape[1])
        if image.ndim == 2:
            return cls(width, height, y=image)
        if image.ndim != 3 or image.shape[2] != 3:
            raise ValueError(f"expected a BGR or gray image, got shape {image.shape}")
        return cls(width, height, bgr=image)

    @classmethod
    def from_av(cls, frame: av.VideoFrame) -> Picture:
        """A decoded PyAV frame. YUV frames keep their Y plane as a view (no copy, no
        conversion); any other pixel format gets luma from its BGR conversion."""
        if frame.format.name not in _YUV_FORMATS:
            return cls(frame.width, frame.height, frame=frame)
        plane = frame.planes[0]
        # Rows are `line_size` bytes (padded for SIMD); the view drops the padding.
        rows = np.frombuffer(memoryview(plane), np.uint8).reshape(plane.height, plane.line_size)
        y = rows[:, : plane.width]
        y.flags.writeable = False  # the decoder's memory: nobody draws on it
        full = frame.format.name.startswith("yuvj") or frame.color_range == _JPEG_RANGE
        return cls(frame.width, frame.height, y=y, video_range=not full, frame=frame)

    @property
    def converted(self) -> bool:
        """Whether the BGR image exists yet (for tests and benches)."""
        return self._bgr is not None

    @property
    def bgr(self) -> Image:
        """The frame as BGR uint8 H×W×3, converted on first use and kept."""
        if self._bgr is None:
            self._bgr = self._convert()
            self._frame = None  # the BGR image now holds everything the frame could give
        return self._bgr

    @property
    def luma(self) -> Gray:
        """Full-range gray H×W (as `cv2.COLOR_BGR2GRAY` of `bgr`), computed on first use."""
        if self._luma is None:
            y = self._plane()
            self._luma = _full_range(y) if self._video_range else y
        return self._luma

    def luma_at(self, size: tuple[int, int]) -> Gray:
        """The luma shrunk to `size` (width, height) with the gate's `downscale`.

        Shrinking comes first, on every frame the gate sees: video-range luma is stretched
        and BGR is turned gray on a few thousand pixels instead of two million (≈ 0.3 and
        0.5 ms a 1080p frame). `downscale` samples before it averages, so the result is the
        same as shrinking `luma`, give or take a rounding."""
        if self._luma is not None:
            return downscale(self._luma, size)
        if self._y is None:
            return downscale(self.bgr, size)
        small = downscale(self._y, size)
        return _full_range(small) if self._video_range else small

    def _plane(self) -> Gray:
        """Luma as the source carries it: the Y plane, or the gray of the BGR image."""
        if self._y is None:
            self._y = np.asarray(cv2.cvtColor(self.bgr, cv2.COLOR_BGR2GRAY), np.uint8)
        return self._y

    def _convert(self) -> Image:
        if self._frame is not None:
            # swscale on this thread only: PyAV ≥ 17 otherwise spreads each conversion over
            # fresh threads, which costs ≈ 3.6 ms a 1080p frame here instead of ≈ 0.7 ms
            # (cv2's COLOR_YUV2BGR_I420 on the planes: ≈ 1.2 ms, twice the CPU).
            bgr = self._frame.reformat(format="bgr24", threads=1).to_ndarray()
            return np.ascontiguousarray(bgr, dtype=np.uint8)
        if self._y is not None:
            return np.asarray(cv2.cvtColor(self._y, cv2.COLOR_GRAY2BGR), np.uint8)
        raise ValueError("a picture needs an image, a luma plane or a decoded frame")
