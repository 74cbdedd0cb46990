"""Test helpers: configs pointed at a test broker, `edge` as a real process, ledger counts."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
import yaml


def stored_counts(ledger_path: Path) -> tuple[int, int]:
    """(rows, distinct event ids) in the ledger; (0, 0) when it does not exist yet."""
    if not ledger_path.exists():
        return (0, 0)
    conn = sqlite3.connect(ledger_path, timeout=30)
    try:
        rows, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT event_id) FROM events"
        ).fetchone()
        return (int(rows), int(distinct))
    except sqlite3.OperationalError:
        return (0, 0)
    finally:
        conn.close()


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def jsonl_events(path: Path, count: int, device: str = "test-device") -> list[str]:
    """A file of `count` events without ids (as `edge emit` users write them)."""
    lines = [
        f'{{"type": "bin.occupied", "source": "camera:rack-a01", "location": "A-{i % 97:02d}-'
        f'{i % 7}", "quantity": {i}}}'
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n")
    return lines


def write_config(path: Path, broker_url: str, **overrides: object) -> Path:
    doc: dict[str, object] = {
        "site": "test-site",
        "device": "test-device",
        "broker": {"url": broker_url},
        "ledger": {"path": str(path.parent / "ledger.db")},
        "outbox": {"path": str(path.parent / "outbox.db"), "ack_timeout": 2.0},
    }
    doc.update(overrides)
    path.write_text(yaml.safe_dump(doc))
    return path


def edge_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "edge", *args]


def start_edge(*args: str, log: Path) -> subprocess.Popen[bytes]:
    """An `edge` subcommand as a real process (so tests can SIGKILL it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGE_")}
    return subprocess.Popen(
        edge_command(*args),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )


def ledger_with_master(path: Path, items: str, locations: str, book: str) -> sqlite_utils.Database:
    """A fresh ledger at `path` holding master data given as CSV texts (items, locations, book)."""
    from edge.ledger.db import open_ledger
    from edge.ledger.master import apply_master, parse_file

    db = open_ledger(path)
    files = []
    for name, text in [("items.csv", items), ("locations.csv", locations), ("book.csv", book)]:
        parsed, errors = parse_file(name, text)
        assert parsed is not None and not errors, errors
        files.append(parsed)
    apply_master(db, files)
    return db
