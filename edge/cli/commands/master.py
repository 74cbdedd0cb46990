"""`edge master import`: items, locations and book quantities into the ledger."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.ledger.db import open_ledger
from edge.ledger.master import MasterImportError, import_files


@main.group()
def master() -> None:
    """Master data: items, locations, book quantities.

    \b
    Example:
      edge master import items.csv locations.csv book.csv --config edge.yaml
    """


@master.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@config_option()
@json_option
def import_(files: tuple[Path, ...], config_path: Path | None, as_json: bool) -> None:
    """Load CSV files into the ledger; the kind of each is told by its header.

    items.csv `item,description,unit_cost,abc_class` (+ xyz_class, gtin, lead_time_days,
    lead_time_sd_days), locations.csv `location,zone,camera`, book.csv
    `location,item,lot,quantity` (+ as_of; a book file replaces the whole book). Every bad row
    is reported with file, line and reason, and then nothing is changed (exit 1).

    \b
    Example:
      edge master import items.csv locations.csv book.csv --config edge.yaml
    """
    cfg = load_or_exit(config_path)
    db = open_ledger(cfg.ledger.path)
    try:
        result = import_files(db, files)
    except MasterImportError as exc:
        if as_json:
            print_json(exc.result.summary())
        for error in exc.result.errors:
            say(f"error: {error}")
        say(f"master import: {len(exc.result.errors)} bad row(s): nothing was changed")
        sys.exit(1)
    finally:
        db.close()
    if as_json:
        print_json(result.summary())
    for f in result.files:
        say(f"master import: {f.file}: {len(f.rows)} {f.kind} row(s)")
