"""Opening a ledger (or any edge SQLite file) with the pragmas the project relies on.

sqlite-utils has no helper for `synchronous`, busy timeout or checkpoints (FINDINGS), so they
are set here, once, for every connection the project opens.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations


def connect(path: str | Path, *, synchronous: str = "FULL") -> sqlite_utils.Database:
    """A WAL database with `synchronous` as asked (FULL survives power loss, FINDINGS)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    return db


@contextmanager
def immediate_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error. SQLite may already have rolled back
    by itself (SQLITE_FULL, SQLITE_IOERR): then there is nothing left to roll back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migration_sets() -> list[Migrations]:
    """Every schema the ledger holds, in the order they are applied."""
    from edge.counting.schema import migrations as counting
    from edge.ledger.schema import migrations as core

    return [core, counting]


def open_ledger(path: str | Path) -> sqlite_utils.Database:
    """Open (creating or migrating as needed) the ledger at `path`. Idempotent."""
    db = connect(path)
    for migrations in migration_sets():
        migrations.apply(db)
    return db
