"""`edge analyze IMAGE... --calibration FILE`: per bin occupancy and labels of single images."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import cv2
import numpy as np

from edge.cli.app import main
from edge.config.cameras import CameraConfig


@main.command()
@click.argument("images", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--calibration",
    "calibration_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Calibration file of the camera that took the images.",
)
@click.option("--model", type=click.Path(exists=True, dir_okay=False), help="Occupancy model.")
@click.option(
    "--location-pattern",
    default=None,
    help="Regular expression of location codes (default: the labels section's default).",
)
@click.option(
    "--budget-ms", default=400.0, show_default=True, help="Label decoding budget per image."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document per image on stdout.")
def analyze(
    images: tuple[str, ...],
    calibration_path: str,
    model: str | None,
    location_pattern: str | None,
    budget_ms: float,
    as_json: bool,
) -> None:
    """Judge every bin of each image: empty, occupied or unknown, and the labels it holds.

    `unknown` means the bin is covered or the evidence is too weak. Uses the calibration's
    taught reference when it has one. Each image is judged on its own: its answers do not
    depend on the other images given.

    \b
    Example:
      edge analyze rack.jpg --calibration calibration/rack-a01.yaml --json
    """
    from edge.vision.calibration import CalibrationError, load_calibration
    from edge.vision.worker import build_analyzer, default_judge

    try:
        loaded = load_calibration(calibration_path)
    except CalibrationError as exc:
        raise click.ClickException(str(exc)) from None
    config = CameraConfig(
        model=Path(model) if model else None, decode_budget_ms=budget_ms, undistort=True
    )
    judge = default_judge(config)
    failed = 0
    for name in images:
        image = cv2.imread(name, cv2.IMREAD_COLOR)
        if image is None:
            click.echo(f"{name}: not an image", err=True)
            failed += 1
            continue
        size = (int(image.shape[1]), int(image.shape[0]))
        # a fresh analyser per image: what an image says does not depend on the images before
        # it (the worker, on one camera's frames, keeps its memory of empty bins instead)
        analyzer = build_analyzer(
            loaded, judge, config, frame_size=size, location_pattern=location_pattern
        )
        results = analyzer.analyze(np.asarray(image, np.uint8))
        doc = {"image": name, "bins": [r.to_dict() for r in results]}
        if as_json:
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
            continue
        click.echo(name, err=True)
        for r in results:
            labels = ", ".join(label.text for label in r.labels)
            click.echo(f"  {r.location:<16} {r.state:<9} {r.confidence:5.2f}  {labels}", err=True)
    if failed:
        sys.exit(1)
