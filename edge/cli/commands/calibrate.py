"""`edge calibrate …`: intrinsics, proposing and showing bin polygons, teaching a reference."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click
import cv2
import numpy as np

from edge.cli.app import main

if TYPE_CHECKING:
    from edge.vision.calibration import LoadedCalibration


@main.group()
def calibrate() -> None:
    """Camera intrinsics, bin regions, teaching reference frames.

    \b
    Example:
      edge calibrate show calibration/rack-a01.yaml snapshot.jpg --out overlay.png
    """


def _load(path: str):  # type: ignore[no-untyped-def]
    from edge.vision.calibration import CalibrationError, load_calibration

    try:
        return load_calibration(path)
    except CalibrationError as exc:
        raise click.ClickException(str(exc)) from None


@calibrate.command()
@click.argument("calibration_path", type=click.Path(exists=True, dir_okay=False))
@click.argument("image", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="PNG to write.")
def show(calibration_path: str, image: str, out: str) -> None:
    """Draw the calibration's bin and label polygons on a frame, for review.

    \b
    Example:
      edge calibrate show calibration/rack-a01.yaml snapshot.jpg --out overlay.png
    """
    from edge.vision.overlay import draw_calibration

    loaded = _load(calibration_path)
    frame = cv2.imread(image, cv2.IMREAD_COLOR)
    if frame is None:
        raise click.ClickException(f"{image}: not an image")
    calibration = loaded.calibration.scaled_to(frame.shape[1], frame.shape[0])
    cv2.imwrite(out, draw_calibration(np.asarray(frame, np.uint8), calibration))
    click.echo(f"wrote {out} ({len(calibration.bins)} bins)", err=True)


@calibrate.command()
@click.argument("calibration_path", type=click.Path(exists=True, dir_okay=False))
@click.argument("snapshot", type=click.Path(exists=True, dir_okay=False))
@click.option("--empty", "empty", multiple=True, help="A location that is empty in SNAPSHOT.")
@click.option("--occupied", multiple=True, help="A location that is occupied in SNAPSHOT.")
@click.option("--auto", is_flag=True, help="Take the other bins' states from the occupancy model.")
def teach(
    calibration_path: str,
    snapshot: str,
    empty: tuple[str, ...],
    occupied: tuple[str, ...],
    auto: bool,
) -> None:
    """Store SNAPSHOT as the camera's reference frame with the state of each bin in it.

    The snapshot is copied beside the calibration file and referenced relatively. Bins named
    by hand are also read by the occupancy model alone: how often it agrees says whether it can
    be trusted on this rack without the reference.

    \b
    Example:
      edge calibrate teach calibration/rack-a01.yaml ref.jpg --empty A-03-02-04 --auto
    """
    from edge.vision.agreement import agreement
    from edge.vision.calibration import Reference, save_calibration

    loaded = _load(calibration_path)
    calibration = loaded.calibration
    unknown = sorted((set(empty) | set(occupied)) - set(calibration.locations))
    if unknown:
        raise click.ClickException(f"not in the calibration: {', '.join(unknown)}")
    by_hand = {**dict.fromkeys(empty, "empty"), **dict.fromkeys(occupied, "occupied")}
    if not by_hand and not auto:
        raise click.ClickException("no bin states: pass --empty/--occupied or --auto")
    read = _model_states(loaded, snapshot)
    states = {loc: s for loc, s in read.items() if s != "unknown"} if auto else {}
    states.update(by_hand)
    if not states:
        raise click.ClickException("no bin states: the model is unsure of every bin")
    target = (
        Path(calibration_path).resolve().parent / f"{calibration.camera}-ref{Path(snapshot).suffix}"
    )
    if Path(snapshot).resolve() != target:
        shutil.copyfile(snapshot, target)
    reference = Reference(image=Path(target.name), states=states)  # type: ignore[arg-type]
    save_calibration(calibration.model_copy(update={"reference": reference}), calibration_path)
    missing = len(calibration.bins) - len(states)
    empty_count = sum(state == "empty" for state in states.values())
    click.echo(
        f"taught {len(states)} bins ({empty_count} empty, {len(states) - empty_count} occupied; "
        f"{missing} without a state) from {target.name}",
        err=True,
    )
    if auto:  # a wrong state sticks while the bin looks as taught: worth a look
        taught_empty = sorted(loc for loc, state in states.items() if state == "empty")
        click.echo(f"empty: {', '.join(taught_empty) or 'none'} (check them)", err=True)
    if by_hand:
        click.echo(agreement(by_hand, read).summary(), err=True)


def _model_states(loaded: LoadedCalibration, snapshot: str) -> dict[str, str]:
    """The occupancy model's state of each bin in `snapshot`, without a reference."""
    from edge.config.cameras import CameraConfig
    from edge.vision.worker import build_analyzer, default_judge

    frame = cv2.imread(snapshot, cv2.IMREAD_COLOR)
    if frame is None:
        raise click.ClickException(f"{snapshot}: not an image")
    config = CameraConfig(read_labels=False)
    calibration = loaded.calibration.model_copy(update={"reference": None})
    plain = loaded.model_copy(update={"calibration": calibration})
    size = (frame.shape[1], frame.shape[0])
    analyzer = build_analyzer(plain, default_judge(config), config, frame_size=size)
    return {r.location: r.state for r in analyzer.analyze(np.asarray(frame, np.uint8))}


@calibrate.command()
@click.argument("images", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--calibration",
    "calibration_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Calibration file to add the intrinsics to.",
)
@click.option("--board", default="9x6", show_default=True, help="Inner corners, COLSxROWS.")
def intrinsics(images: tuple[str, ...], calibration_path: str, board: str) -> None:
    """Checkerboard photos → camera matrix and distortion, stored in the calibration file.

    Analysed frames are then undistorted; polygons stay in raw image pixels.

    \b
    Example:
      edge calibrate intrinsics board/*.jpg --calibration calibration/rack-a01.yaml --board 9x6
    """
    from edge.vision.calibration import save_calibration
    from edge.vision.intrinsics import IntrinsicsError, calibrate_intrinsics

    try:
        cols, rows = (int(v) for v in board.lower().split("x"))
    except ValueError:
        raise click.ClickException("--board is COLSxROWS, e.g. 9x6") from None
    if cols < 3 or rows < 3:  # OpenCV's corner finder needs at least 3×3 inner corners
        raise click.ClickException(f"--board {board}: at least 3x3 inner corners")
    loaded = _load(calibration_path)
    try:
        result = calibrate_intrinsics([Path(p) for p in images], (cols, rows))
    except IntrinsicsError as exc:
        raise click.ClickException(str(exc)) from None
    calibration = loaded.calibration.model_copy(update={"intrinsics": result.intrinsics})
    save_calibration(calibration, calibration_path)
    for path in result.rejected:
        click.echo(f"  skipped {path}: {result.why[path]}", err=True)
    click.echo(
        f"intrinsics from {len(result.used)} images, reprojection error {result.intrinsics.rms} px",
        err=True,
    )


@calibrate.command()
@click.argument("snapshot", type=click.Path(exists=True, dir_okay=False))
@click.option("--camera", "camera_id", required=True, help="Camera id written to the file.")
@click.option("--site", required=True, help="Site written to the file.")
@click.option(
    "--location-pattern",
    default=None,
    help="Regular expression of a location code (default: the labels section's default).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Calibration file to write (default: calibration/<camera>.yaml).",
)
@click.option(
    "--overlay",
    type=click.Path(dir_okay=False),
    default=None,
    help="Review PNG to write (default: beside --out, <camera>-proposed.png).",
)
def bins(
    snapshot: str,
    camera_id: str,
    site: str,
    location_pattern: str | None,
    out: str | None,
    overlay: str | None,
) -> None:
    """Propose bin polygons from the location labels readable in SNAPSHOT.

    Labels sit on the shelf edge below their bin: each decoded label becomes a bin whose
    sides follow the label pitch in its row and whose top is the shelf edge of the row above.
    Bins whose label cannot be read are left out; review the overlay before using the file.

    \b
    Example:
      edge calibrate bins snapshot.jpg --camera rack-a01 --site plant-1 \\
          --out calibration/rack-a01.yaml --overlay proposed.png
    """
    from edge.vision.calibration import parse_calibration, save_calibration
    from edge.vision.overlay import draw_calibration
    from edge.vision.propose import propose_bins

    frame = cv2.imread(snapshot, cv2.IMREAD_COLOR)
    if frame is None:
        raise click.ClickException(f"{snapshot}: not an image")
    target = Path(out) if out else Path("calibration") / f"{camera_id}.yaml"
    review = Path(overlay) if overlay else target.with_name(f"{camera_id}-proposed.png")
    proposal = propose_bins(
        np.asarray(frame, np.uint8),
        camera=camera_id,
        site=site,
        location_pattern=location_pattern,
    )
    if not proposal.document["bins"]:
        raise click.ClickException(f"{snapshot}: no location label could be read")
    calibration = parse_calibration(proposal.document, source=snapshot)
    save_calibration(calibration, target)
    review.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(review), draw_calibration(np.asarray(frame, np.uint8), calibration))
    click.echo(
        f"proposed {len(calibration.bins)} bins in {proposal.rows} rows → {target}; "
        f"review {review}",
        err=True,
    )
