"""`edge demo`."""

from __future__ import annotations

import time
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import json_option, print_json, say


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-out"),
    show_default=True,
    help="Where the ledger, outboxes, video, calibration and master data are written.",
)
@click.option("--seconds", default=20.0, show_default=True, help="Length of the rack video.")
@click.option("--broker", "broker_url", help="Use this broker instead of an embedded Mosquitto.")
@click.option("--seed", default=11, show_default=True, help="Seed of the synthetic rack.")
@click.option("--no-camera", is_flag=True, help="Skip the camera worker.")
@click.option("--no-scanner", is_flag=True, help="Skip the handheld session.")
@json_option
def demo(
    out: Path,
    seconds: float,
    broker_url: str | None,
    seed: int,
    no_camera: bool,
    no_scanner: bool,
    as_json: bool,
) -> None:
    """Run the whole pipeline on embedded defaults and print what happened.

    An embedded Mosquitto, the ledger, a camera worker on a rendered rack video (bins emptying
    and refilling, a person walking past) and a scripted handheld count session whose counts
    are accepted, recounted and escalated. Leaves OUT/ledger.db to inspect.

    \b
    Example:
      edge demo --out ./demo-out --seconds 20
      sqlite3 demo-out/ledger.db 'SELECT location, state FROM bin_state'
    """
    from edge.demo import DemoOptions, run_demo
    from edge.demo.summary import format_summary

    started = time.monotonic()
    options = DemoOptions(
        out=out,
        seconds=seconds,
        broker_url=broker_url,
        seed=seed,
        camera=not no_camera,
        scanner=not no_scanner,
    )
    try:
        result = run_demo(options, progress=lambda m: say(f"demo: {m}"))
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        print_json(result.summary)
    else:
        click.echo(format_summary(result.summary))
    say(f"demo: done in {time.monotonic() - started:.0f} s; ledger at {result.ledger_path}")
