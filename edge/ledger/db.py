"""Opening a ledger (or any edge SQLite file) with the pragmas the project relies on.

sqlite-utils has no helper for `synchronous`, busy timeout or checkpoints (FINDINGS), so they
are set here, once, for every connection the project opens.
"""

from __future__ import annotations

import sqlite3
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
