"""Ledger helpers shared by deciding and posting count lines: the transaction, the line, the log.

`count_decisions` is the audit trail of the workflow in `edge.counting.workflow`: one row per
approve, reject or post with who, role, when, note and from → to status.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from edge.counting import store
from edge.counting.workflow import Decision, DecisionRefused


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """`BEGIN IMMEDIATE` … `COMMIT`: a decision must not race the ledger ingesting a recount of
    the same line, and a call writes all of its rows or none."""
    conn = db.conn
    if conn.in_transaction:  # the caller's transaction: it commits or rolls back
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def line(db: sqlite_utils.Database, line_id: int) -> dict[str, Any]:
    row = store.one(db, "SELECT * FROM count_lines WHERE id = ?", [line_id])
    if row is None:
        raise DecisionRefused(f"no count line {line_id}")
    return row


def record(db: sqlite_utils.Database, d: Decision) -> None:
    db.execute(
        "INSERT INTO count_decisions (line_id, action, from_status, to_status, decided_by, role, "
        "note, task_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [d.line_id, d.action, d.from_status, d.to_status, d.by, d.role, d.note, d.task_id,
         d.decided_at],
    )  # fmt: skip


def history(db: sqlite_utils.Database, line_id: int) -> list[dict[str, Any]]:
    """Every decision on a line, oldest first."""
    return [
        dict(r)
        for r in db.query("SELECT * FROM count_decisions WHERE line_id = ? ORDER BY id", [line_id])
    ]
