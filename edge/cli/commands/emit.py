"""`edge emit FILE.jsonl`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.device import DeviceClient
from edge.emit import EmitFileError, read_lines, store_lines
from edge.outbox import OutboxFull


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option()
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for acks.")
@json_option
def emit(file: Path, config_path: Path | None, timeout: float, as_json: bool) -> None:
    """Publish events from FILE (JSON lines) through the device outbox.

    Fills `event_id` and `seq` when missing; exits 0 once the ledger has acknowledged every
    event still in the outbox, 1 on timeout (the events stay in the outbox for the next run).

    \b
    Example:
      edge emit counts.jsonl --config edge.yaml
    """
    cfg = load_or_exit(config_path)
    try:
        lines = read_lines(file)
    except (EmitFileError, UnicodeDecodeError) as exc:
        raise click.ClickException(str(exc)) from None
    device = DeviceClient(cfg, role="emit").start()
    started = time.monotonic()
    try:
        stored = store_lines(device, file, lines)
        say(f"emit: {len(lines)} lines, {stored} new in the outbox; waiting for the ledger…")
        deadline = started + timeout
        while time.monotonic() < deadline:
            waiting = device.outbox.count()
            if waiting == 0:
                break
            if sys.stderr.isatty():
                sys.stderr.write(f"\r  {waiting} awaiting ack ")
            time.sleep(0.1)
        waiting = device.outbox.count()
    except (EmitFileError, OutboxFull) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        device.close()
    summary = {
        "file": str(file),
        "lines": len(lines),
        "new": stored,
        "unacknowledged": waiting,
        "seconds": round(time.monotonic() - started, 3),
    }
    if as_json:
        print_json(summary)
    if waiting:
        say(f"emit: {waiting} events not acknowledged within {timeout:.0f} s (kept in outbox)")
        sys.exit(1)
    say(f"emit: all acknowledged in {summary['seconds']} s")
