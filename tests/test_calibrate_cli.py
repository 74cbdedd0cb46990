"""Camera intrinsics from checkerboard photos, undistortion, and the `edge calibrate intrinsics`
and `edge calibrate show` commands.

The checkerboard photos are rendered here through a known camera (off-centre principal point,
barrel distortion): each output pixel is undistorted to its ray and intersected with the board
plane. Calibration must recover that camera; nothing in OpenCV is mocked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pytest
import yaml
from click.testing import CliRunner, Result

from edge.cli.app import main
from edge.vision.calibration import Intrinsics, load_calibration
from edge.vision.intrinsics import Undistorter, calibrate_intrinsics

Image = npt.NDArray[np.uint8]
Pose = tuple[tuple[float, float, float], tuple[float, float, float]]

SIZE = (640, 480)
# Off-centre principal point: calibrateCamera starts from the image centre, so finding this
# one is a real result, not the initial guess.
K = np.array([[520.0, 0.0, 331.0], [0.0, 520.0, 229.0], [0.0, 0.0, 1.0]])
DIST = np.array([-0.2, 0.05, 0.0, 0.0, 0.0])
TRUE_CAMERA = Intrinsics(camera_matrix=K.tolist(), dist_coeffs=DIST.tolist(), image_size=SIZE)
PATTERN = (9, 6)  # inner corners of a 10×7-square board, one unit per square
CORNERS = np.array([[x, y, 0.0] for y in range(6) for x in range(9)])
# (rotation about x, y, z in degrees; board centre in camera coordinates): tilted up to 30°
# and moved into each quadrant, so the corners reach where the distortion is strong.
# fmt: off
POSES: list[Pose] = [
    ((20, 0, 0), (0, 0, 17)), ((-20, 15, 5), (-3.5, -2.5, 18)), ((0, -25, -5), (3.5, 2.5, 18)),
    ((25, 20, 10), (-3.5, 2.5, 19)), ((-15, -20, -8), (3.5, -2.5, 18)), ((10, 30, 0), (0, 2.5, 20)),
    ((-30, 0, 15), (0, -2.5, 20)), ((15, -15, 20), (-4, 0, 18)), ((-10, 25, -15), (4, 0, 19)),
]
# fmt: on


def board_pose(pose: Pose) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """rvec, tvec of the board (corner 0 at its origin) for `projectPoints`."""
    angles, centre = pose
    rx, ry, rz = (cv2.Rodrigues(rvec)[0] for rvec in np.diag(np.radians(angles)))
    rotation = rz @ ry @ rx
    tvec = np.array(centre, np.float64) - rotation @ np.array([4.0, 2.5, 0.0])
    return np.asarray(cv2.Rodrigues(rotation)[0], np.float64).ravel(), tvec


def project(points: npt.ArrayLike, pose: Pose, dist: npt.ArrayLike) -> npt.NDArray[np.float64]:
    rvec, tvec = board_pose(pose)
    pts = np.asarray(points, np.float64).reshape(-1, 1, 3)
    image_pts = cv2.projectPoints(pts, rvec, tvec, K, np.asarray(dist, np.float64))[0]
    return np.asarray(image_pts, np.float64).reshape(-1, 2)


@cache
def pixel_rays(distorted: bool) -> npt.NDArray[np.float64]:
    """Normalised ray of 2×2 samples per pixel (anti-aliased edges, as a photo has)."""
    offsets = np.array([-0.25, 0.25])
    xs = (np.arange(SIZE[0])[:, None] + offsets).ravel()
    ys = (np.arange(SIZE[1])[:, None] + offsets).ravel()
    grid = np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 1, 2)
    criteria = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 50, 1e-9)
    dist = DIST if distorted else np.zeros(5)
    rays = cv2.undistortPoints(grid, K, dist, criteria=criteria)
    return np.asarray(rays, np.float64).reshape(2 * SIZE[1], 2 * SIZE[0], 2)


def render_board(pose: Pose, distorted: bool = True) -> Image:
    """Grey photo of the board: dark/light squares, a white margin, a mid-grey background."""
    outline = [[-2, -2, 0], [10, -2, 0], [10, 7, 0], [-2, 7, 0]]
    edge = project(outline, pose, DIST if distorted else np.zeros(5))
    assert (edge > 0).all() and (edge < SIZE).all(), "test pose puts the board off the frame"
    rvec, tvec = board_pose(pose)
    rotation = cv2.Rodrigues(rvec)[0]
    to_plane = np.linalg.inv(np.column_stack([rotation[:, 0], rotation[:, 1], tvec]))
    hom = pixel_rays(distorted) @ to_plane[:, :2].T + to_plane[:, 2]
    x, y = hom[..., 0] / hom[..., 2], hom[..., 1] / hom[..., 2]
    in_front = hom[..., 2] > 0
    on_board = in_front & (x >= -1) & (x < 9) & (y >= -1) & (y < 6)
    on_margin = in_front & (x >= -2) & (x < 10) & (y >= -2) & (y < 7)
    dark = (np.floor(x) + np.floor(y)) % 2 == 0
    value = np.where(on_board & dark, 30.0, np.where(on_margin, 225.0, 120.0))
    pixels = value.reshape(SIZE[1], 2, SIZE[0], 2).mean(axis=(1, 3))
    return np.asarray(np.round(pixels), np.uint8)


@pytest.fixture(scope="module")
def board_photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("board")
    paths = [folder / f"view{i}.png" for i in range(len(POSES))]
    for path, pose in zip(paths, POSES, strict=True):
        cv2.imwrite(str(path), render_board(pose))
    return paths


@pytest.fixture(scope="module")
def blank_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "wall.png"
    cv2.imwrite(str(path), np.full((SIZE[1], SIZE[0]), 128, np.uint8))
    return path


def test_calibration_recovers_the_camera_that_took_the_photos(
    board_photos: list[Path], blank_photo: Path
) -> None:
    junk = blank_photo.with_name("junk.png")
    junk.write_bytes(b"not a picture")
    small = blank_photo.with_name("small.png")
    cv2.imwrite(str(small), cv2.resize(cv2.imread(str(board_photos[0])), (320, 240)))
    photos = [*board_photos[:4], blank_photo, junk, small, *board_photos[4:]]
    result = calibrate_intrinsics(photos, PATTERN)
    assert result.used == tuple(str(p) for p in board_photos)
    assert result.rejected == (str(blank_photo), str(junk), str(small))
    assert [result.why[p] for p in result.rejected] == [
        "no board found",
        "not an image",
        "320×240, not 640×480 as the first board",
    ]
    found = result.intrinsics
    (fx, _, cx), (_, fy, cy), _ = found.camera_matrix
    assert fx == pytest.approx(520, rel=0.02) and fy == pytest.approx(520, rel=0.02)
    assert cx == pytest.approx(331, abs=4) and cy == pytest.approx(229, abs=4)
    assert -0.26 < found.dist_coeffs[0] < -0.14  # barrel, about the true k1 = -0.2
    assert found.image_size == SIZE
    assert found.rms is not None and found.rms < 1.0


def test_undistorted_points_fall_on_the_pinhole_projection() -> None:
    undistorter = Undistorter(TRUE_CAMERA, SIZE)
    distorted = project(CORNERS, POSES[3], DIST)
    pinhole = project(CORNERS, POSES[3], np.zeros(5))
    mapped = np.array(undistorter.points(distorted.tolist()))
    assert np.abs(distorted - pinhole).max() > 3  # the test data really is distorted
    assert np.abs(mapped - pinhole).max() < 0.05


def find_corners(image: Image) -> npt.NDArray[np.float64]:
    found, corners = cv2.findChessboardCorners(image, PATTERN, None)
    assert found
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.001)
    refined = cv2.cornerSubPix(image, corners, (5, 5), (-1, -1), criteria)
    return np.asarray(refined, np.float64).reshape(-1, 2)


def test_undistorted_frame_and_polygon_points_agree() -> None:
    """The analyser maps polygons with `points` and frames with `image`: both must agree,
    and the undistorted frame must look like the pinhole camera's."""
    undistorter = Undistorter(TRUE_CAMERA, SIZE)
    photo = render_board(POSES[3])
    frame = undistorter.image(photo)
    assert frame.shape == photo.shape
    in_frame = find_corners(frame)
    mapped = np.array(undistorter.points(find_corners(photo).tolist()))
    if np.linalg.norm(in_frame[0] - mapped[0]) > np.linalg.norm(in_frame[0] - mapped[-1]):
        mapped = mapped[::-1]  # the detector may number a symmetric board from either end
    assert np.abs(in_frame - mapped).max() < 0.5
    pinhole = render_board(POSES[3], distorted=False).astype(float)
    valid = frame > 0  # remap leaves black where the undistorted view sees past the photo
    before = np.abs(photo - pinhole)[valid].mean()
    after = np.abs(frame - pinhole)[valid].mean()
    assert after < 0.3 * before, (before, after)


def test_undistorter_scales_the_camera_to_a_smaller_frame() -> None:
    full, half = Undistorter(TRUE_CAMERA, SIZE), Undistorter(TRUE_CAMERA, (320, 240))
    points = project(CORNERS, POSES[1], DIST)
    expected = np.array(full.points(points.tolist())) / 2
    assert np.array(half.points((points / 2).tolist())) == pytest.approx(expected, abs=1e-6)
    assert half.image(np.zeros((240, 320), np.uint8)).shape == (240, 320)


BINS = [
    ("A-01-01-01", [[40, 40], [300, 40], [300, 200], [40, 200]]),
    ("A-01-01-02", [[340, 40], [600, 40], [600, 200], [340, 200]]),
]


def write_calibration(path: Path, image_size: tuple[int, int] = SIZE) -> Path:
    bins = [{"location": loc, "polygon": poly} for loc, poly in BINS]
    doc = {"camera": "rack-a01", "site": "plant-1", "image_size": list(image_size), "bins": bins}
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["calibrate", *map(str, args)])


def assert_refused(result: Result, message: str) -> None:
    """Non-zero exit through click's error path (a SystemExit), not an escaped exception."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert message in result.output


def test_cli_intrinsics_writes_the_camera_into_the_calibration(
    tmp_path: Path, board_photos: list[Path], blank_photo: Path
) -> None:
    cal = write_calibration(tmp_path / "rack-a01.yaml")
    result = invoke(
        "intrinsics", *board_photos, blank_photo, "--calibration", cal, "--board", "9x6"
    )
    assert result.exit_code == 0, result.output
    assert f"skipped {blank_photo}: no board found" in result.output
    assert f"intrinsics from {len(board_photos)} images" in result.output
    loaded = load_calibration(cal).calibration
    assert loaded.locations == [loc for loc, _ in BINS]  # the bins survive the rewrite
    assert loaded.intrinsics is not None and loaded.intrinsics.image_size == SIZE
    assert loaded.intrinsics.camera_matrix[0][0] == pytest.approx(520, rel=0.02)
    assert loaded.intrinsics.dist_coeffs[0] < 0


@pytest.mark.parametrize(
    "board",
    [
        "9by6",
        "9x6x2",
        "nine",
        "1x6",  # parses, but OpenCV's corner finder needs 3×3 (its assertion once escaped)
        "2x2",
    ],
)
def test_cli_intrinsics_refuses_a_bad_board(tmp_path: Path, blank_photo: Path, board: str) -> None:
    cal = write_calibration(tmp_path / "rack-a01.yaml")
    before = cal.read_text()
    result = invoke("intrinsics", blank_photo, "--calibration", cal, "--board", board)
    assert_refused(result, "--board")
    assert cal.read_text() == before


def test_cli_intrinsics_refuses_too_few_boards(
    tmp_path: Path, board_photos: list[Path], blank_photo: Path
) -> None:
    cal = write_calibration(tmp_path / "rack-a01.yaml")
    before = cal.read_text()
    result = invoke("intrinsics", *board_photos[:2], blank_photo, "--calibration", cal)
    assert_refused(result, f"found in 2 image(s); need ≥ 3 ({blank_photo}: no board found)")
    assert cal.read_text() == before


def test_cli_show_draws_the_polygons_scaled_to_the_frame(tmp_path: Path) -> None:
    # The calibration is at twice the frame's size: the polygons must be drawn halved.
    cal = write_calibration(tmp_path / "rack-a01.yaml", image_size=(640, 480))
    rng = np.random.default_rng(7)
    frame = rng.integers(60, 200, (240, 320, 3), dtype=np.uint8)  # never pure overlay green
    snapshot, out = tmp_path / "snap.png", tmp_path / "overlay.png"
    cv2.imwrite(str(snapshot), frame)
    result = invoke("show", cal, snapshot, "--out", out)
    assert result.exit_code == 0, result.output
    overlay = cv2.imread(str(out), cv2.IMREAD_COLOR)
    assert overlay is not None and overlay.shape == frame.shape
    for _, polygon in BINS:
        corners = np.array(polygon) / 2
        for a, b in zip(corners, np.roll(corners, -1, axis=0), strict=True):
            x, y = np.round((a + b) / 2).astype(int)
            assert (overlay[y, x] != frame[y, x]).any(), f"edge pixel {(x, y)} not drawn"
    # Below the bins (they end at y = 100 in the frame) nothing is drawn.
    assert np.array_equal(overlay[110:], frame[110:])


def test_cli_show_refuses_an_unreadable_image(tmp_path: Path) -> None:
    cal = write_calibration(tmp_path / "rack-a01.yaml")
    snapshot = tmp_path / "snap.png"
    snapshot.write_text("not a picture")
    result = invoke("show", cal, snapshot, "--out", tmp_path / "overlay.png")
    assert_refused(result, "not an image")
    assert not (tmp_path / "overlay.png").exists()
