"""`edge classify`: ABC-XYZ classes, safety stock and reorder points from consumption."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.counting.classify_db import (
    ConsumptionError,
    read_consumption,
    read_lead_times,
    run_classification,
    store_classification,
)
from edge.events import utc_now
from edge.ledger.db import open_ledger


@main.command()
@click.argument("consumption", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option()
@click.option(
    "--lead-times",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="CSV item,lead_time_days[,lead_time_sd_days] (else from the item master).",
)
@click.option("--dry-run", is_flag=True, help="Print only; do not store the classes.")
@json_option
def classify(
    consumption: Path,
    config_path: Path | None,
    lead_times: Path | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Classify items ABC by consumption value (80/15/5 %) and XYZ by the coefficient of
    variation of periodic demand, from CONSUMPTION (`item,period,quantity`); print the ABC-XYZ
    matrix (items and value per cell), safety stock z·σ_d·√L and, with lead-time variability,
    z·√(L·σ_d² + d̄²·σ_L²), and reorder points; store the classes in the ledger.

    \b
    Example:
      edge classify consumption.csv --config edge.yaml --lead-times lead_times.csv
    """
    cfg = load_or_exit(config_path)
    try:
        demand = read_consumption(consumption)
        leads = read_lead_times(lead_times) if lead_times else None
    except ConsumptionError as exc:
        raise click.ClickException(str(exc)) from None
    db = open_ledger(cfg.ledger.path)
    try:
        result = run_classification(db, demand, cfg.counting, lead_times=leads)
        if not dry_run:
            store_classification(db, result, now=utc_now())
    finally:
        db.close()
    if as_json:
        print_json(
            {
                "matrix": [asdict(c) for c in result.matrix],
                "items": [
                    asdict(c)
                    | {"levels": asdict(result.levels[c.item]) if c.item in result.levels else None}
                    for c in result.classes
                ],
                "missing_cost": list(result.missing_cost),
            }
        )
        return
    cells = {(c.abc, c.xyz): c for c in result.matrix}
    say("ABC-XYZ matrix (items / consumption value)")
    say("       " + "".join(f"{x:>22}" for x in "XYZ"))
    for a in "ABC":
        row = "".join(f"{cells[(a, x)].items:>8} / {cells[(a, x)].value:>11.2f}" for x in "XYZ")
        say(f"  {a}    {row}")
    say("")
    say(f"  {'item':<16} {'ABC':<3} {'XYZ':<3} {'value':>12} {'CV':>6} {'SS':>9} {'ROP':>9}")
    for c in result.classes:
        lv = result.levels.get(c.item)
        ss = (
            lv.safety_stock_lt_var
            if lv and lv.safety_stock_lt_var is not None
            else (lv.safety_stock if lv else None)
        )
        say(
            f"  {c.item:<16} {c.abc:<3} {c.xyz:<3} {c.consumption_value:>12.2f} "
            f"{'-' if c.cv is None else f'{c.cv:.2f}':>6} "
            f"{'-' if ss is None else f'{ss:.1f}':>9} "
            f"{'-' if lv is None else f'{lv.reorder_point:.1f}':>9}"
        )
    if result.missing_cost:
        say(f"warning: no unit cost for {', '.join(result.missing_cost)} (valued at 0)")
    if not dry_run:
        say(f"classify: classes of {len(result.classes)} item(s) stored")
