"""`Picture`: luma for free from decoded video, colour converted only when asked, and both
agreeing with what OpenCV and FFmpeg would give."""

from __future__ import annotations

from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from edge.vision.picture import Picture
from edge.vision.shrink import downscale

SIZE = (160, 96)  # width, height: even, as 4:2:0 video needs


def _scene(i: int) -> np.ndarray:
    """Saturated colour patches on a gray ramp: a colour-matrix or range mistake shows."""
    width, height = SIZE
    ramp = np.linspace(10, 245, width, dtype=np.uint8)
    image = np.repeat(np.repeat(ramp[None, :, None], height, 0), 3, 2)
    for k, colour in enumerate([(0, 0, 255), (0, 255, 0), (255, 0, 0), (30, 200, 240)]):
        x = 8 + 36 * k + i
        image[16:48, x : x + 28] = colour
    image[60:90, 20:140] = (90, 60, 30)
    return image


@pytest.fixture(scope="module")
def av_frames(tmp_path_factory: pytest.TempPathFactory) -> list[av.VideoFrame]:
    """Frames decoded by PyAV from an mp4v file OpenCV wrote (as `edge.synth` does)."""
    path = tmp_path_factory.mktemp("picture") / "clip.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, SIZE)
    for i in range(5):
        writer.write(_scene(i))
    writer.release()
    with av.open(str(path)) as container:
        frames = list(container.decode(video=0))
    assert len(frames) == 5 and frames[0].format.name == "yuv420p"
    return frames


def _gray(bgr: np.ndarray) -> np.ndarray:
    return np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), np.int16)


def _assert_close(a: np.ndarray, b: np.ndarray, *, mean: float, p99: float) -> None:
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    assert diff.mean() <= mean and np.percentile(diff, 99) <= p99, (diff.mean(), diff.max())


def test_from_bgr_keeps_the_image_and_computes_luma_once() -> None:
    image = _scene(0)
    picture = Picture.from_bgr(image)
    assert (picture.width, picture.height) == SIZE
    assert picture.converted and picture.bgr is image
    small = picture.luma_at((40, 24))
    assert np.array_equal(picture.luma, _gray(image))
    assert picture.luma is picture.luma, "cached"
    _assert_close(small, downscale(picture.luma, (40, 24)), mean=0.1, p99=1)


def test_from_gray_converts_colour_only_when_asked() -> None:
    gray = np.asarray(cv2.cvtColor(_scene(0), cv2.COLOR_BGR2GRAY), np.uint8)
    picture = Picture.from_bgr(gray)
    assert picture.luma is gray and not picture.converted
    assert picture.bgr.shape == (SIZE[1], SIZE[0], 3) and picture.converted
    assert np.array_equal(picture.bgr[..., 1], gray)


def test_from_bgr_rejects_other_shapes() -> None:
    with pytest.raises(ValueError, match="BGR or gray"):
        Picture.from_bgr(np.zeros((4, 4, 4), np.uint8))


def test_video_luma_needs_no_colour_conversion(av_frames: list[av.VideoFrame]) -> None:
    frame = av_frames[2]
    picture = Picture.from_av(frame)
    assert (picture.width, picture.height) == SIZE
    luma = picture.luma
    small = picture.luma_at((40, 24))
    assert picture._bgr is None and not picture.converted, "luma must not convert colour"
    assert luma.shape == (SIZE[1], SIZE[0]) and luma.dtype == np.uint8
    # Video range (16–235) is stretched: luma is the gray OpenCV gives of the colour image
    # (FFmpeg's conversion truncates where the stretch rounds: one or two levels apart).
    reference = frame.to_ndarray(format="bgr24")
    _assert_close(luma, _gray(reference), mean=1.5, p99=3)
    _assert_close(small, downscale(luma, (40, 24)), mean=0.6, p99=1)


def test_video_colour_matches_ffmpeg(av_frames: list[av.VideoFrame]) -> None:
    for frame in av_frames:
        picture = Picture.from_av(frame)
        bgr = picture.bgr
        assert picture.converted and bgr.flags["C_CONTIGUOUS"] and bgr.dtype == np.uint8
        _assert_close(bgr, frame.to_ndarray(format="bgr24"), mean=0.5, p99=2)
        assert picture.bgr is bgr, "converted once"


def test_colour_of_the_scene_survives_the_video(av_frames: list[av.VideoFrame]) -> None:
    """Not only consistent with FFmpeg: red is red (no swapped channels, no wrong matrix)."""
    bgr = Picture.from_av(av_frames[0]).bgr
    red, green, blue = bgr[32, 22], bgr[32, 58], bgr[32, 94]
    assert red[2] > 200 and red[0] < 60 and red[1] < 60
    assert green[1] > 200 and green[0] < 60 and green[2] < 60
    assert blue[0] > 200 and blue[1] < 60 and blue[2] < 60


def test_full_range_luma_is_the_decoders_plane(av_frames: list[av.VideoFrame]) -> None:
    frame = av_frames[1].reformat(format="yuvj420p")
    picture = Picture.from_av(frame)
    plane = np.frombuffer(memoryview(frame.planes[0]), np.uint8)
    assert np.shares_memory(picture.luma, plane), "a view, not a copy"
    assert not picture.luma.flags.writeable
    assert not picture.converted
    _assert_close(picture.luma, _gray(picture.bgr), mean=1.5, p99=3)
    _assert_close(picture.bgr, Picture.from_av(av_frames[1]).bgr, mean=1.0, p99=3)


@pytest.mark.parametrize("pixel_format", ["nv12", "yuv444p", "rgb24"])
def test_other_pixel_formats(av_frames: list[av.VideoFrame], pixel_format: str) -> None:
    frame = av_frames[3].reformat(format=pixel_format)
    picture = Picture.from_av(frame)
    _assert_close(picture.bgr, frame.to_ndarray(format="bgr24"), mean=0.5, p99=2)
    _assert_close(picture.luma, _gray(picture.bgr), mean=1.5, p99=3)


def test_a_picture_outlives_its_decoder(tmp_path: Path) -> None:
    """The luma view keeps the decoder's buffer alive after the container is closed."""
    path = tmp_path / "clip.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, SIZE)
    for i in range(3):
        writer.write(_scene(i))
    writer.release()
    with av.open(str(path)) as container:
        pictures = [Picture.from_av(f) for f in container.decode(video=0)]
    sums = [int(p.luma.sum()) for p in pictures]
    assert all(s > 0 for s in sums)
    assert [p.bgr.shape for p in pictures] == [(SIZE[1], SIZE[0], 3)] * 3


def test_a_frame_of_a_plain_array() -> None:
    from datetime import UTC, datetime

    from edge.vision.watchdog import Frame

    image = _scene(0)
    frame = Frame.of(image, index=3, t=0.3, wall=datetime.now(UTC))
    assert frame.image is image and frame.picture.width == SIZE[0]
    assert np.array_equal(frame.luma, _gray(image))
