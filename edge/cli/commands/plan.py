"""`edge plan`: what handhelds count on a day."""

from __future__ import annotations

import csv
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, load_or_exit, print_json, say
from edge.counting.plans import make_plan
from edge.events import utc_now
from edge.ledger.db import open_ledger


@main.command()
@config_option()
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day to plan [default: today].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table (stderr), csv or json (stdout).",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--dry-run", is_flag=True, help="Do not store the day's planned tasks.")
def plan(config_path: Path | None, day: object, fmt: str, as_json: bool, dry_run: bool) -> None:
    """List today's counts: open recounts and zero confirmations first, then locations due by
    class frequency (A 12, B 4, C 1 a year by default, spread evenly over working days),
    skipping locations a camera confirmed since their last count.

    The planned tasks are stored (replacing that day's open ones), so a count at a planned
    location marks it done and the report can say counts done vs planned.

    \b
    Example:
      edge plan --config edge.yaml --date 2027-03-01 --format csv
    """
    cfg = load_or_exit(config_path)
    the_day = day.date() if hasattr(day, "date") else date.today()
    db = open_ledger(cfg.ledger.path)
    try:
        result = make_plan(db, cfg.counting, the_day, now=utc_now(), store=not dry_run)
    finally:
        db.close()
    rows = [asdict(e) for e in result.entries]
    if as_json or fmt == "json":
        print_json(
            {
                "date": the_day.isoformat(),
                "entries": rows,
                "skipped": [asdict(s) for s in result.skipped],
            }
        )
        return
    if fmt == "csv":
        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=["rank", "location", "kind", "item", "abc_class", "reason", "task_id"],
        )
        writer.writeheader()
        writer.writerows(rows)
        return
    say(f"Count plan for {the_day.isoformat()}: {len(rows)} location(s)")
    say(f"  {'#':>3}  {'location':<14} {'kind':<18} {'class':<5} reason")
    for e in result.entries:
        say(f"  {e.rank:>3}  {e.location:<14} {e.kind:<18} {e.abc_class or '-':<5} {e.reason}")
    for s in result.skipped:
        say(f"  skipped {s.location}: {s.reason}")
