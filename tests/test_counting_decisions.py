"""The count-line decision workflow on a real ledger: approve, reject, post, roles, the report.

Lines are made the way the ledger makes them (the counting projection on handheld counts), so
the tests pin what a controller sees after a real count, not hand-built rows.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner

from edge.cli import main
from edge.config import EdgeConfig
from edge.counting.decisions import DecisionRefused, approve, post, reject
from edge.counting.projection import project_counting
from edge.counting.rules import Status
from edge.counting.workflow import Action, check_role, transition
from edge.events import ListSink
from edge.ledger.projections import ProjectionContext
from edge.ledger.report import build_report, format_report
from tests.support import ledger_with_master

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
ITEMS = """item,description,unit_cost,abc_class
A1,Valve,10,A
C1,Washer,1,C
G1,Gold bar,1000,C
"""
LOCATIONS = "location,zone,camera\n" + "".join(f"L{i},z,\n" for i in range(1, 9))
BOOK = """location,item,lot,quantity
L1,C1,,100
L2,C1,,100
L3,C1,,40
L4,A1,,5
L5,G1,,10
L6,C1,LOT-A,50
L6,C1,LOT-B,50
L7,C1,,20
"""
# location → the counts that put its line where the name says
SCENARIO: dict[str, tuple[str, str, list[float]]] = {
    "accepted": ("L1", "C1", [96]),  # −4 % of a C item: within tolerance
    "recount": ("L2", "C1", [50]),  # −50 %: waits for a recount
    "approved": ("L3", "C1", [36, 36]),  # confirmed, worth 4: tier 1, auto-approved
    "tier2": ("L4", "A1", [4, 4]),  # confirmed class A: supervisor
    "tier3": ("L5", "G1", [7, 7]),  # confirmed, worth 3000: management
    "split": ("L6", "C1", [98]),  # −2 % without a lot where the book splits C1 by lot
    "surplus": ("L7", "C1", [21]),  # +5 %: within tolerance, a positive adjustment
}


def _ledger(path: Path) -> sqlite_utils.Database:
    return ledger_with_master(path, ITEMS, LOCATIONS, BOOK)


def _count(db: sqlite_utils.Database, location: str, item: str, quantity: float) -> None:
    event = ListSink().emit(
        "count.recorded",
        source="scanner:hh-1",
        location=location,
        item=item,
        quantity=quantity,
        attributes={"method": "handheld"},
    )
    project_counting(db, [event], ProjectionContext(config=EdgeConfig(), now=NOW))


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    ledger = _ledger(tmp_path / "ledger.db")
    for location, item, quantities in SCENARIO.values():
        for quantity in quantities:
            _count(ledger, location, item, quantity)
    return ledger


def line_id(db: sqlite_utils.Database, name: str) -> int:
    location, item, _ = SCENARIO[name]
    rows = list(
        db.query("SELECT id FROM count_lines WHERE location = ? AND item = ?", [location, item])
    )
    assert len(rows) == 1
    return int(rows[0]["id"])


def line(db: sqlite_utils.Database, line_id: int) -> dict[str, Any]:
    return dict(next(db.query("SELECT * FROM count_lines WHERE id = ?", [line_id])))


def book(db: sqlite_utils.Database, location: str) -> dict[str, float]:
    return {
        f"{r['item']}/{r['lot']}": r["quantity"]
        for r in db.query("SELECT * FROM book WHERE location = ?", [location])
    }


def snapshot(db: sqlite_utils.Database) -> list[list[dict[str, Any]]]:
    tables = ("count_lines", "book", "count_decisions", "adjustments", "alerts", "count_tasks")
    return [[dict(r) for r in db.query(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables]


def test_scenario_puts_lines_where_the_names_say(db: sqlite_utils.Database) -> None:
    expected = {
        "accepted": ("accepted", None),
        "recount": ("recount", 1),
        "approved": ("approved", 1),
        "tier2": ("escalated", 2),
        "tier3": ("escalated", 3),
        "split": ("accepted", None),
        "surplus": ("accepted", None),
    }
    for name, (status, tier) in expected.items():
        row = line(db, line_id(db, name))
        assert (row["status"], row["tier"]) == (status, tier), name


# -- the pure rules: every status × action ----------------------------------------------------

LEGAL = {
    (Action.APPROVE, Status.ESCALATED): Status.APPROVED,
    (Action.REJECT, Status.ESCALATED): Status.REJECTED,
    (Action.POST, Status.ACCEPTED): Status.POSTED,
    (Action.POST, Status.APPROVED): Status.POSTED,
}


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(Status))
def test_transition_table(action: Action, status: Status) -> None:
    if (action, status) in LEGAL:
        move = transition(action, status.value, line_id=7)
        assert (move.from_status, move.to_status) == (status, LEGAL[action, status])
    else:
        with pytest.raises(DecisionRefused, match=f"cannot {action} line 7: .*only"):
            transition(action, status.value, line_id=7)


@pytest.mark.parametrize(
    ("tier", "role", "allowed"),
    [
        (2, "floor", False),
        (2, "supervisor", True),
        (2, "management", True),
        (2, " Supervisor ", True),  # roles are typed by people: case and spaces do not matter
        (3, "floor", False),
        (3, "supervisor", False),
        (3, "management", True),
        (None, "floor", True),
    ],
)
def test_role_table(tier: int | None, role: str, allowed: bool) -> None:
    if allowed:
        assert check_role(role, tier, action=Action.APPROVE, line_id=1) == role.strip().lower()
    else:
        with pytest.raises(DecisionRefused, match=f"tier {tier} line"):
            check_role(role, tier, action=Action.APPROVE, line_id=1)


def test_unknown_role_is_refused_by_name() -> None:
    with pytest.raises(DecisionRefused, match=r"unknown role 'boss'.*supervisor, management"):
        check_role("boss", 2, action=Action.APPROVE, line_id=1)


# -- decisions on the ledger -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"), [("tier2", "supervisor"), ("tier2", "management"), ("tier3", "management")]
)
def test_approve_records_who_and_raises_an_alert(
    db: sqlite_utils.Database, name: str, role: str
) -> None:
    lid = line_id(db, name)
    decision = approve(db, lid, by="Rita", role=role, note="scrapped", now=NOW)
    assert (decision.from_status, decision.to_status, decision.role) == (
        "escalated",
        "approved",
        role,
    )
    row = line(db, lid)
    assert (row["status"], row["decided_by"]) == ("approved", f"Rita ({role})")
    assert row["decided_at"] == "2027-03-01T12:00:00.000Z"
    [logged] = db.query("SELECT * FROM count_decisions WHERE line_id = ?", [lid])
    assert (logged["action"], logged["from_status"], logged["to_status"]) == (
        "approve",
        "escalated",
        "approved",
    )
    assert (logged["decided_by"], logged["note"]) == ("Rita", "scrapped")
    [alert] = db.query("SELECT * FROM alerts WHERE kind = 'count.approved'")
    assert alert["tier"] == row["tier"] and alert["location"] == row["location"]
    assert "approved by Rita" in alert["reason"] and "Note: scrapped" in alert["reason"]
    assert json.loads(alert["details"])["line_id"] == lid


@pytest.mark.parametrize(
    ("action", "name", "role", "message"),
    [
        ("approve", "tier3", "supervisor", "tier 3 line, management must decide"),
        ("reject", "tier3", "supervisor", "tier 3 line, management must decide"),
        ("approve", "tier2", "floor", "tier 2 line, a supervisor or management"),
        ("approve", "tier2", "boss", "unknown role"),
        ("approve", "accepted", "management", "within tolerance"),
        ("reject", "accepted", "management", "within tolerance"),
        ("approve", "recount", "management", "waits for a recount"),
        ("reject", "recount", "management", "waits for a recount"),
        ("approve", "approved", "management", "already approved"),
        ("reject", "approved", "management", "already approved"),
    ],
)
def test_refused_decisions_change_nothing(
    db: sqlite_utils.Database, action: str, name: str, role: str, message: str
) -> None:
    decide = approve if action == "approve" else reject
    before = snapshot(db)
    with pytest.raises(DecisionRefused, match=message):
        decide(db, line_id(db, name), by="Rita", role=role, now=NOW)
    assert snapshot(db) == before


def test_decisions_on_decided_lines_are_refused(db: sqlite_utils.Database) -> None:
    tier2, tier3 = line_id(db, "tier2"), line_id(db, "tier3")
    reject(db, tier3, by="Max", role="management", now=NOW)
    approve(db, tier2, by="Rita", role="supervisor", now=NOW)
    post(db, now=NOW)
    before = snapshot(db)
    for decide, lid, message in [
        (approve, tier3, "was rejected"),
        (reject, tier3, "was rejected"),
        (approve, tier2, "already posted"),
        (reject, tier2, "already posted"),
        (approve, 999, "no count line 999"),
    ]:
        with pytest.raises(DecisionRefused, match=message):
            decide(db, lid, by="Max", role="management", now=NOW)
    with pytest.raises(DecisionRefused, match="say who decides"):
        approve(db, tier2, by="  ", role="management", now=NOW)
    assert snapshot(db) == before


def test_reject_opens_a_recount_that_the_next_count_answers(db: sqlite_utils.Database) -> None:
    lid = line_id(db, "tier3")
    decision = reject(db, lid, by="Max", role="management", note="wrong bin", now=NOW)
    assert line(db, lid)["status"] == "rejected"
    [task] = db.query("SELECT * FROM count_tasks WHERE status = 'open' AND location = 'L5'")
    assert (task["kind"], task["item"], task["line_id"], task["id"]) == (
        "recount",
        "G1",
        lid,
        decision.task_id,
    )
    assert "wrong bin" in task["reason"]
    [alert] = db.query("SELECT * FROM alerts WHERE kind = 'count.rejected'")
    assert alert["tier"] == 3 and "recount is open" in alert["reason"]
    assert book(db, "L5") == {"G1/": 10}  # a rejected count never touches the book
    _count(db, "L5", "G1", 10)  # the recount agrees with the book: a new, accepted line
    rows = list(db.query("SELECT id, status FROM count_lines WHERE location = 'L5' ORDER BY id"))
    assert [r["status"] for r in rows] == ["rejected", "accepted"]
    [task] = db.query("SELECT status FROM count_tasks WHERE id = ?", [decision.task_id])
    assert task["status"] == "done"


def test_post_adjusts_the_book_and_twice_changes_nothing(db: sqlite_utils.Database) -> None:
    approve(db, line_id(db, "tier2"), by="Rita", role="supervisor", now=NOW)
    result = post(db, now=NOW)
    adjusted = {(p.location, p.delta, p.value) for p in result.posted if p.adjusted}
    assert adjusted == {
        ("L1", -4.0, -4.0),  # accepted lines are posted too: the count is the better truth
        ("L3", -4.0, -4.0),  # tier 1, approved by the floor
        ("L4", -1.0, -10.0),  # tier 2, approved above
        ("L7", 1.0, 1.0),
    }
    assert [h.line_id for h in result.held] == [line_id(db, "split")]
    assert "count it by lot" in result.held[0].reason
    assert book(db, "L1") == {"C1/": 96} and book(db, "L4") == {"A1/": 4}
    assert book(db, "L5") == {"G1/": 10}  # tier 3 still escalated: untouched
    assert book(db, "L2") == {"C1/": 100}  # recount: untouched
    assert book(db, "L6") == {"C1/LOT-A": 50, "C1/LOT-B": 50}  # held
    [as_of] = db.query("SELECT as_of FROM book WHERE location = 'L1'")
    assert as_of["as_of"] == "2027-03-01T12:00:00.000Z"
    statuses = {n: line(db, line_id(db, n))["status"] for n in SCENARIO}
    assert statuses == {
        "accepted": "posted",
        "recount": "recount",
        "approved": "posted",
        "tier2": "posted",
        "tier3": "escalated",
        "split": "accepted",
        "surplus": "posted",
    }
    assert line(db, line_id(db, "tier2"))["posted_at"] == "2027-03-01T12:00:00.000Z"
    adj = list(db.query("SELECT * FROM adjustments WHERE location = 'L4'"))
    assert [
        (a["item"], a["lot"], a["book_before"], a["counted"], a["delta"], a["value"]) for a in adj
    ] == [("A1", "", 5.0, 4.0, -1.0, -10.0)]
    assert db.execute("SELECT count(*) FROM alerts WHERE kind = 'count.posted'").fetchone()[0] == 4
    before = snapshot(db)
    again = post(db, now=datetime(2027, 3, 2, tzinfo=UTC))
    assert again.posted == () and len(again.held) == 1  # the held line is still held
    assert snapshot(db) == before


def test_post_named_lines_only_and_refuses_unpostable_ones(db: sqlite_utils.Database) -> None:
    accepted, recount = line_id(db, "accepted"), line_id(db, "recount")
    before = snapshot(db)
    for name, message in [("recount", "waits for a recount"), ("tier3", "waits for a decision")]:
        with pytest.raises(DecisionRefused, match=message):
            post(db, now=NOW, line_ids=[accepted, line_id(db, name)])
    assert snapshot(db) == before  # all or nothing: the accepted line was not posted either
    result = post(db, now=NOW, line_ids=[accepted])
    assert [p.line_id for p in result.posted] == [accepted]
    assert line(db, line_id(db, "approved"))["status"] == "approved"
    assert post(db, now=NOW, line_ids=[accepted]).posted == ()  # already posted: no-op
    assert line(db, recount)["status"] == "recount"


def test_a_lotless_count_that_matches_the_lots_total_posts_without_change(
    tmp_path: Path,
) -> None:
    db = _ledger(tmp_path / "ledger.db")
    _count(db, "L6", "C1", 100)
    [posting] = post(db, now=NOW).posted
    assert not posting.adjusted
    assert book(db, "L6") == {"C1/LOT-A": 50, "C1/LOT-B": 50}
    [logged] = db.query("SELECT * FROM count_decisions")
    assert (logged["action"], logged["note"]) == ("post", "book unchanged")


def test_report_shows_awaiting_approval_and_posted_adjustments(db: sqlite_utils.Database) -> None:
    report = build_report(db, now=NOW)
    assert report["decisions"]["awaiting_approval_by_tier"] == {
        "2": {"lines": 1, "value": 10.0},
        "3": {"lines": 1, "value": 3000.0},
    }
    assert report["adjustments"]["count"] == 0
    approve(db, line_id(db, "tier2"), by="Rita", role="supervisor", now=NOW)
    post(db, now=NOW)
    report = build_report(db, now=NOW)
    assert report["decisions"]["awaiting_approval_by_tier"] == {"3": {"lines": 1, "value": 3000.0}}
    assert report["decisions"]["by_action"] == {"approve": 1, "post": 4}
    adjustments = report["adjustments"]
    assert adjustments["count"] == 4 and adjustments["posted_lines"] == 4
    # +1 and −18 would net to −17: kept apart
    assert adjustments["positive"] == {"count": 1, "units": 1.0, "value": 1.0}
    assert adjustments["negative"] == {"count": 3, "units": -9.0, "value": -18.0}
    for key in ("accuracy", "counts", "variance_value", "variances", "open_recounts", "bins"):
        assert key in report  # the existing output stays
    text = format_report(report)
    assert "awaiting approval: tier 3: 1 (value 3000.00)" in text
    assert "Posted adjustments: 4 (1 up, value +1.00; 3 down, value -18.00)" in text


def test_cli_list_approve_reject_post(tmp_path: Path) -> None:
    db = _ledger(tmp_path / "ledger.db")
    for name in ("accepted", "tier2", "tier3"):
        location, item, quantities = SCENARIO[name]
        for quantity in quantities:
            _count(db, location, item, quantity)
    db.close()
    config = tmp_path / "edge.yaml"
    config.write_text(f"site: s\ndevice: d\nledger:\n  path: {tmp_path / 'ledger.db'}\n")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, ["counts", *args, "--config", str(config)])

    listed = run("list", "--status", "escalated", "--json")
    assert listed.exit_code == 0, listed.output
    lines = json.loads(listed.stdout)["lines"]
    assert [(r["location"], r["tier"], r["expected"], r["counted"]) for r in lines] == [
        ("L4", 2, 5.0, 4.0),
        ("L5", 3, 10.0, 7.0),
    ]
    assert {"variance", "variance_pct", "variance_value", "status", "lot"} <= set(lines[0])
    tier2, tier3 = lines[0]["id"], lines[1]["id"]
    refused = run("approve", str(tier3), "--by", "Rita", "--role", "supervisor")
    assert refused.exit_code == 1 and "management must decide" in refused.stderr
    ok = run("approve", str(tier2), "--by", "Rita", "--role", "supervisor", "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["to_status"] == "approved"
    rejected = run("reject", str(tier3), "--by", "Max", "--role", "management", "--note", "bin?")
    assert rejected.exit_code == 0 and "escalated → rejected" in rejected.stderr
    posted = run("post", "--json")
    assert posted.exit_code == 0, posted.output
    summary = json.loads(posted.stdout)
    assert (summary["posted"], summary["adjusted"], summary["value_negative"]) == (2, 2, -14.0)
    assert json.loads(run("post", "--json").stdout)["posted"] == 0
    again = run("post", str(tier2))
    assert again.exit_code == 0 and "posted 0 line(s)" in again.stderr
    bad = run("post", str(tier3))
    assert bad.exit_code == 1 and "it was rejected" in bad.stderr
    human = run("list")
    assert human.exit_code == 0 and "rejected" in human.stderr and "posted" in human.stderr
    for command in ("list", "approve", "reject", "post"):
        helped = runner.invoke(main, ["counts", command, "--help"])
        assert "Example:" in helped.output
