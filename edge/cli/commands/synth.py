"""`edge synth`: write synthetic rack scenes and videos with calibration and ground truth."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click
import cv2

from edge.cli.app import main
from edge.synth import render_scene, write_calibration
from edge.synth.calibration import write_truth
from edge.synth.video import render_video

logger = logging.getLogger(__name__)


def _size(value: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in value.lower().split("x"))
    except ValueError as exc:
        raise click.BadParameter(f"expected WIDTHxHEIGHT, got {value!r}") from exc
    return w, h


@main.group()
def synth() -> None:
    """Synthetic racks with ground truth (for tests, training and the demo).

    \b
    Example:
      edge synth scene --seed 7 --out ./synth
    """


@synth.command()
@click.option("--seed", type=int, default=0, show_default=True, help="Rack, pose and stock.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("synth-out"),
    show_default=True,
    help="Directory for the image, calibration and truth.",
)
@click.option("--size", default="1920x1080", show_default=True, help="Image WIDTHxHEIGHT.")
@click.option("--rows", type=int, default=None, help="Rack levels (default: from the seed).")
@click.option("--cols", type=int, default=None, help="Bins per level (default: from the seed).")
@click.option("--no-occluders", is_flag=True, help="Nothing between camera and rack.")
@click.option("--camera", default="rack-a01", show_default=True, help="Camera id.")
@click.option("--site", default="plant-1", show_default=True, help="Site id.")
@click.option("--json", "as_json", is_flag=True, help="Print the written paths as JSON.")
def scene(
    seed: int,
    out_dir: Path,
    size: str,
    rows: int | None,
    cols: int | None,
    no_occluders: bool,
    camera: str,
    site: str,
    as_json: bool,
) -> None:
    """Render one rack frame: IMAGE.jpg, calibration YAML and truth JSON.

    \b
    Example:
      edge synth scene --seed 7 --out ./synth --rows 3 --cols 4
    """
    result = render_scene(
        seed,
        size=_size(size),
        rows=rows,
        cols=cols,
        occluders=not no_occluders,
        camera=camera,
        site=site,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{camera}-seed{seed}"
    image_path = out_dir / f"{stem}.jpg"
    cv2.imwrite(str(image_path), result.image, [cv2.IMWRITE_JPEG_QUALITY, 95])
    cal_path = out_dir / f"{stem}.yaml"
    write_calibration(result.calibration, cal_path)
    truth_path = out_dir / f"{stem}.truth.json"
    write_truth(result.truth, truth_path, image=image_path.name, seed=seed)
    paths = {"image": str(image_path), "calibration": str(cal_path), "truth": str(truth_path)}
    if as_json:
        click.echo(json.dumps(paths))
    click.echo(f"wrote {image_path}, {cal_path}, {truth_path}", err=True)


@synth.command()
@click.option("--seed", type=int, default=0, show_default=True, help="Rack, pose and timeline.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("synth-out"),
    show_default=True,
    help="Directory for the video, calibration and truth.",
)
@click.option("--seconds", type=float, default=20.0, show_default=True, help="Video length.")
@click.option("--fps", type=float, default=10.0, show_default=True, help="Frames per second.")
@click.option("--size", default="1920x1080", show_default=True, help="Frame WIDTHxHEIGHT.")
@click.option(
    "--changes",
    type=int,
    default=4,
    show_default=True,
    help="Bins that empty or refill during the video.",
)
@click.option("--no-person", is_flag=True, help="Nobody walks past.")
@click.option("--camera", default="rack-a01", show_default=True, help="Camera id.")
@click.option("--site", default="plant-1", show_default=True, help="Site id.")
@click.option("--json", "as_json", is_flag=True, help="Print the written paths as JSON.")
def video(
    seed: int,
    out_dir: Path,
    seconds: float,
    fps: float,
    size: str,
    changes: int,
    no_person: bool,
    camera: str,
    site: str,
    as_json: bool,
) -> None:
    """Render a video of a static rack whose bins empty and refill while a person walks past.

    Writes VIDEO.mp4, the calibration YAML and the per-frame truth JSON.

    \b
    Example:
      edge synth video --seed 3 --seconds 30 --out ./synth
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{camera}-seed{seed}"
    video_path = out_dir / f"{stem}.mp4"
    click.echo(f"rendering {seconds:g} s at {fps:g} fps …", err=True)
    calibration, frames = render_video(
        video_path,
        seed,
        seconds=seconds,
        fps=fps,
        size=_size(size),
        changes=changes,
        person=not no_person,
        camera=camera,
        site=site,
    )
    cal_path = out_dir / f"{stem}.yaml"
    write_calibration(calibration, cal_path)
    truth_path = out_dir / f"{stem}.truth.json"
    truth = {
        "video": video_path.name,
        "seed": seed,
        "fps": fps,
        "frames": [
            {
                "index": f.index,
                "time_s": f.time_s,
                "states": f.states,
                "occluded": sorted(f.occluded),
            }
            for f in frames
        ],
    }
    truth_path.write_text(json.dumps(truth) + "\n", encoding="utf-8")
    paths = {"video": str(video_path), "calibration": str(cal_path), "truth": str(truth_path)}
    if as_json:
        click.echo(json.dumps(paths))
    click.echo(f"wrote {video_path}, {cal_path}, {truth_path}", err=True)
