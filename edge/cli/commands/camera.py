"""`edge camera --config FILE --camera ID`: one camera worker, events through the device outbox."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from edge.cli.app import main


@main.command()
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="edge.yaml of this device.",
)
@click.option("--camera", "camera_id", required=True, help="Camera id (a key of `cameras`).")
@click.option("--max-frames", type=int, default=None, help="Stop after this many frames.")
@click.option(
    "--ack-timeout",
    default=60.0,
    show_default=True,
    help="Seconds to wait, once a file source has ended, for the ledger to acknowledge every "
    "event still in the outbox.",
)
def camera(config_path: str, camera_id: str, max_frames: int | None, ack_timeout: float) -> None:
    """Run one camera worker: source → gate → analyse → track → events.

    Events (`bin.empty`, `bin.occupied`, `bin.unknown`, `label.read`, `camera.moved`,
    `camera.offline`, `camera.online`) go through the device outbox; the camera's health is
    merged into the device's retained status topic. SIGTERM/SIGINT stop it cleanly (what is
    not yet acknowledged stays in the outbox for the next start). A live camera never ends; a
    video file or folder does: the command then exits 0 once the ledger has acknowledged every
    event in the outbox, or 1 after --ack-timeout.

    \b
    Example:
      edge camera --config /etc/edge/edge.yaml --camera rack-a01
    """
    from edge.config import ConfigError, load_config
    from edge.device import open_device
    from edge.vision.calibration import CalibrationError, load_calibration
    from edge.vision.sources import SourceError
    from edge.vision.worker import run_worker

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if camera_id not in config.cameras:
        known = ", ".join(sorted(config.cameras)) or "none"
        raise click.ClickException(f"camera {camera_id!r} is not configured (cameras: {known})")
    camera_config = config.cameras[camera_id]
    path = camera_config.calibration or Path("calibration") / f"{camera_id}.yaml"
    if not path.is_absolute():
        path = Path(config_path).resolve().parent / path
    try:
        loaded = load_calibration(path)
    except CalibrationError as exc:
        raise click.ClickException(str(exc)) from None

    stop = threading.Event()

    def on_signal(_signum: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with open_device(config, role=f"camera-{camera_id}") as device:
        try:
            result = run_worker(
                camera_config,
                loaded,
                device,
                stop=stop,
                status=device.publish_status,
                max_frames=max_frames,
                camera=camera_id,
                location_pattern=config.labels.location_pattern,
            )
        except SourceError as exc:
            raise click.ClickException(str(exc)) from None
        acknowledged = stop.is_set() or device.wait_acked(ack_timeout)
    click.echo(
        f"{camera_id}: {result.frames} frames in {result.seconds:.1f} s, "
        f"{result.cpu_ms_per_frame:.1f} CPU ms/frame, events {dict(result.events)}, "
        f"outages {result.outages}",
        err=True,
    )
    if not acknowledged:
        click.echo(
            f"{camera_id}: the ledger did not acknowledge every event within {ack_timeout:g} s; "
            "they stay in the outbox for the next start",
            err=True,
        )
        sys.exit(1)
