"""`edge report`: inventory record accuracy, counts, variances, recounts, escalations, bins."""

from __future__ import annotations

from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.events import utc_now
from edge.ledger.db import open_ledger
from edge.ledger.report import build_report, format_report


@main.command()
@config_option()
@json_option
def report(config_path: Path | None, as_json: bool) -> None:
    """Inventory record accuracy (overall and per class), counts done vs planned, variances
    (location, item, expected, counted, variance, status, tier), open recounts, escalations by
    tier, lines awaiting approval by tier, posted book adjustments (increases and decreases
    apart), empty-bin and zero-stock events, device health.

    \b
    Example:
      edge report --config edge.yaml --json
    """
    cfg = load_or_exit(config_path)
    if not cfg.ledger.path.exists():
        raise click.ClickException(f"no ledger at {cfg.ledger.path}")
    db = open_ledger(cfg.ledger.path)
    try:
        doc = build_report(db, now=utc_now())
    finally:
        db.close()
    if as_json:
        print_json(doc)
    else:
        say(format_report(doc))
