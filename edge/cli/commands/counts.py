"""`edge counts`: list count lines, approve or reject confirmed variances, post to the book.

A thin layer over `edge.counting.decisions`. This is a controller's view: it shows the book
(expected) quantity; the scanner, where the counting happens, never does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from edge.cli.app import main
from edge.cli.options import config_option, json_option, load_or_exit, print_json, say
from edge.counting.decisions import Decision, DecisionRefused, approve, post, reject
from edge.counting.rules import Status
from edge.events import utc_now
from edge.ledger.db import open_ledger

LIST_COLUMNS = (
    "id, location, item, lot, expected, counted, variance, variance_pct, variance_value, "
    "method, counter, status, tier, recounts, counted_at, decided_by, decided_at, posted_at, "
    "reason"
)


def _ledger(config_path: Path | None) -> sqlite_utils.Database:
    cfg = load_or_exit(config_path)
    if not cfg.ledger.path.exists():
        raise click.ClickException(f"no ledger at {cfg.ledger.path}")
    return open_ledger(cfg.ledger.path)


@main.group()
def counts() -> None:
    """Count lines: list them, approve or reject confirmed variances, post them to the book.

    \b
    Example:
      edge counts list --status escalated --config edge.yaml
    """


@counts.command("list", short_help="Count lines with expected, counted, variance, status, tier.")
@config_option()
@click.option(
    "--status",
    type=click.Choice([s.value for s in Status]),
    default=None,
    help="Only lines in this status [default: all].",
)
@json_option
def list_(config_path: Path | None, status: str | None, as_json: bool) -> None:
    """Count lines with location, item, lot, expected (book at count time), counted, variance in
    units, percent and value, status and tier. Lines waiting for a decision are `escalated`.

    \b
    Example:
      edge counts list --status escalated --config edge.yaml --json
    """
    db = _ledger(config_path)
    try:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        rows = [
            dict(r)
            for r in db.query(f"SELECT {LIST_COLUMNS} FROM count_lines {where} ORDER BY id", params)
        ]
    finally:
        db.close()
    if as_json:
        print_json({"lines": rows})
        return
    say(f"{len(rows)} count line(s)" + (f" in {status}" if status else ""))
    say(
        f"  {'id':>5}  {'location':<12} {'item':<14} {'lot':<8} {'expected':>8} {'counted':>8} "
        f"{'variance':>8} {'%':>7} {'value':>10}  {'status':<9} tier"
    )
    for r in rows:
        say(_row(r))


def _row(r: dict[str, Any]) -> str:
    pct = f"{r['variance_pct']:+.1f}" if r["variance_pct"] is not None else "-"
    return (
        f"  {r['id']:>5}  {r['location']:<12} {r['item'] or '-':<14} {r['lot'] or '-':<8} "
        f"{r['expected']:>8g} {r['counted']:>8g} {r['variance']:>+8g} {pct:>7} "
        f"{r['variance_value']:>+10.2f}  {r['status']:<9} {r['tier'] or '-'}"
    )


def _decision_options(func: Any) -> Any:
    func = click.option("--note", default="", help="Why (kept with the decision).")(func)
    func = click.option(
        "--role",
        required=True,
        help="Your role: supervisor (tier 2) or management (tier 2 and 3).",
    )(func)
    func = click.option("--by", "by", required=True, help="Who decides (name).")(func)
    func = click.argument("line_id", metavar="LINE", type=int)(func)
    return json_option(config_option()(func))


def _decided(decision: Decision, as_json: bool) -> None:
    if as_json:
        print_json(decision.to_dict())
    task = f"; recount task {decision.task_id} opened" if decision.task_id else ""
    say(
        f"line {decision.line_id}: {decision.from_status} → {decision.to_status} by "
        f"{decision.by} ({decision.role}){task}"
    )


def _decide(
    decision_of: Callable[..., Decision],
    line_id: int,
    by: str,
    role: str,
    note: str,
    config_path: Path | None,
    as_json: bool,
) -> None:
    db = _ledger(config_path)
    try:
        decision = decision_of(db, line_id, by=by, role=role, note=note, now=utc_now())
    except DecisionRefused as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()
    _decided(decision, as_json)


@counts.command("approve", short_help="Approve a confirmed variance (tier 2/3).")
@_decision_options
def approve_(
    line_id: int, by: str, role: str, note: str, config_path: Path | None, as_json: bool
) -> None:
    """Approve a confirmed variance (an `escalated` line); `edge counts post` then adjusts the
    book. A tier-3 line needs --role management, a tier-2 line supervisor or management.

    \b
    Example:
      edge counts approve 12 --by "R. Meyer" --role supervisor --note "damaged, scrapped"
    """
    _decide(approve, line_id, by, role, note, config_path, as_json)


@counts.command("reject", short_help="Reject a confirmed variance: recount it.")
@_decision_options
def reject_(
    line_id: int, by: str, role: str, note: str, config_path: Path | None, as_json: bool
) -> None:
    """Reject a confirmed variance (an `escalated` line): the count is not trusted, a recount
    task is opened for its location and item, and the book stays as it is. Roles as for approve.

    \b
    Example:
      edge counts reject 12 --by "R. Meyer" --role management --note "wrong bin counted"
    """
    _decide(reject, line_id, by, role, note, config_path, as_json)


@counts.command("post", short_help="Post accepted/approved lines to the book.")
@click.argument("line_ids", metavar="[LINE]...", nargs=-1, type=int)
@config_option()
@json_option
def post_(line_ids: tuple[int, ...], config_path: Path | None, as_json: bool) -> None:
    """Post accepted and approved lines: the book takes the counted quantity and each change is
    kept as an adjustment for headquarters. Without LINE: every such line not yet posted.
    Posting again changes nothing. A line that cannot be posted is held and named (e.g.
    counted without a lot where the book splits the item by lot); naming a LINE that is not
    accepted or approved refuses the whole run (exit 1).

    \b
    Example:
      edge counts post --config edge.yaml --json
    """
    db = _ledger(config_path)
    try:
        result = post(db, now=utc_now(), line_ids=list(line_ids) or None)
    except DecisionRefused as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()
    summary = result.summary()
    if as_json:
        print_json(summary)
    for p in result.posted:
        if p.adjusted:
            say(
                f"line {p.line_id}: {p.item} at {p.location}: book {p.book_before:g} → "
                f"{p.counted:g} ({p.delta:+g}, value {p.value:+.2f})"
            )
    for h in result.held:
        say(f"!!  line {h.line_id} held: {h.reason}")
    say(
        f"posted {summary['posted']} line(s), {summary['adjusted']} book adjustment(s) "
        f"(+{summary['value_positive']:.2f} / {summary['value_negative']:.2f}), "
        f"{len(result.held)} held"
    )
