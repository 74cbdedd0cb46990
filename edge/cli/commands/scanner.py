"""`edge scanner`: the handheld / keyboard-wedge count workflow."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.device import open_device
from edge.scanner.inputs import InputError, open_input
from edge.scanner.lookup import load_lookup
from edge.scanner.run import build_session, format_reply, run_lines
from edge.scanner.session import Reply


@main.command()
@config_option()
@click.option(
    "--input",
    "input_spec",
    default=None,
    help="stdin, /dev/input/eventN (evdev, grabbed) or a serial port such as /dev/ttyACM0 "
    "[default: scanner.input].",
)
@click.option("--timeout", type=float, default=None, help="Seconds to wait for the ledger's acks.")
@json_option
def scanner(
    config_path: Path | None, input_spec: str | None, timeout: float | None, as_json: bool
) -> None:
    """Count with a handheld scanner: one payload per line.

    A location label opens a count; item labels add their quantity (or 1); a number sets the
    quantity of the last item; UNDO removes it; END or the same location again closes the
    count and emits one count.recorded per item. At the end of input it waits until the
    ledger has acknowledged every count (exit 1 on timeout).

    \b
    Example:
      printf 'A-01-01\\nPART-7\\n12\\nEND\\n' | edge scanner --config edge.yaml
    """
    cfg = load_or_exit(config_path)
    spec = input_spec or cfg.scanner.input
    lookup = load_lookup(cfg.ledger.path) if cfg.scanner.check_master_data else None
    if lookup is None:
        say("scanner: no master data here: every location and item is accepted")

    def show(reply: Reply) -> None:
        if as_json:
            print_json(
                {
                    "kind": reply.kind.value,
                    "message": reply.message,
                    "events": [e.event_id for e in reply.events],
                }
            )
        else:
            say(format_reply(reply))

    try:
        lines = open_input(spec, baudrate=cfg.scanner.baudrate)
        if spec in ("stdin", "-") and sys.stdin.isatty():
            say("scanner: scan a location to start (END closes, UNDO removes, Ctrl-D quits)")
        with open_device(cfg, role="scanner") as device:
            session = build_session(cfg, device, lookup)
            summary = run_lines(session, lines, show, tasks=lookup.tasks if lookup else None)
            wait = cfg.scanner.ack_timeout if timeout is None else timeout
            if summary.events:
                say(f"scanner: {len(summary.events)} count event(s); waiting for the ledger…")
            acked = device.wait_acked(wait)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    doc = summary.to_dict() | {"acknowledged": acked}
    if as_json:
        print_json({"summary": doc})
    say(
        f"scanner: {summary.counts_closed} count(s) closed, {len(summary.events)} event(s), "
        f"{len(summary.refused)} refused, "
        + ("all acknowledged" if acked else f"NOT acknowledged within {wait:g} s")
    )
    if not acked:
        sys.exit(1)
