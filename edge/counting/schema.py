"""Counting tables in the ledger (master data, count lines, tasks, discrepancies, classes).

A migration set of its own, applied after `edge.ledger.schema` by `edge.ledger.db.open_ledger`.
Never edit an applied migration: add a new one.

- `items`, `locations`, `book`: master data from headquarters (`edge master import`, sync).
  `book.lot` is `''` when the book holds no lot, so the primary key stays total.
- `count_lines`: one line per counted location+item+lot and counting round; a recount updates
  the open line (`recounts`, `counted`) instead of adding one, so every line is one decision.
- `count_tasks`: what a handheld should count (recount, zero confirmation, unexpected stock,
  camera mismatch, planned).
- `discrepancies`: zero-stock and unexpected-stock observations from the cameras.
- `camera_reads`: distinct serials / licence plates / label quantities a camera read per bin.
- `item_classes`: the last `edge classify` result per item (classes, demand, safety stock).
- `camera_confirmations`: when a camera last saw a location agree with the book.
- `count_decisions`: every approve / reject / post of a count line (who, when, note, from → to).
- `adjustments`: what posting changed in the book (the rows a headquarters sync pushes).
- `count_closures`: handheld counts whose events all arrived (unscanned book items → zero).
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("edge.counting")


@migrations()
def m001_master_counts_tasks(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE items (
            item TEXT PRIMARY KEY,
            description TEXT NOT NULL DEFAULT '',
            unit_cost REAL NOT NULL DEFAULT 0,
            abc_class TEXT,
            xyz_class TEXT,
            gtin TEXT,
            lead_time_days REAL,
            lead_time_sd_days REAL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX items_gtin ON items(gtin)")
    db.execute(
        """
        CREATE TABLE locations (
            location TEXT PRIMARY KEY,
            zone TEXT NOT NULL DEFAULT '',
            camera TEXT,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE book (
            location TEXT NOT NULL,
            item TEXT NOT NULL,
            lot TEXT NOT NULL DEFAULT '',
            quantity REAL NOT NULL,
            as_of TEXT NOT NULL,
            PRIMARY KEY (location, item, lot)
        )
        """
    )
    db.execute("CREATE INDEX book_item ON book(item)")
    db.execute(
        """
        CREATE TABLE count_lines (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL,
            item TEXT NOT NULL,
            lot TEXT NOT NULL DEFAULT '',
            abc_class TEXT,
            expected REAL NOT NULL,
            counted REAL NOT NULL,
            first_counted REAL NOT NULL,
            variance REAL NOT NULL,
            variance_pct REAL,
            variance_value REAL NOT NULL,
            within_tolerance INTEGER NOT NULL,
            method TEXT NOT NULL,
            counter TEXT NOT NULL,
            device TEXT NOT NULL,
            status TEXT NOT NULL,
            tier INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            recounts INTEGER NOT NULL DEFAULT 0,
            event_id TEXT NOT NULL,
            last_event_id TEXT NOT NULL,
            counted_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT,
            posted_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX count_lines_key ON count_lines(location, item, lot, status)")
    db.execute("CREATE INDEX count_lines_item ON count_lines(item, counted_at)")
    db.execute("CREATE INDEX count_lines_status ON count_lines(status)")
    db.execute(
        """
        CREATE TABLE count_tasks (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            item TEXT,
            reason TEXT NOT NULL,
            priority INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            due_date TEXT,
            line_id INTEGER,
            event_id TEXT,
            created_at TEXT NOT NULL,
            closed_at TEXT,
            closed_by_event TEXT
        )
        """
    )
    db.execute("CREATE INDEX count_tasks_open ON count_tasks(status, location)")
    db.execute(
        """
        CREATE TABLE discrepancies (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            book_quantity REAL NOT NULL,
            items TEXT NOT NULL,
            event_id TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE camera_reads (
            location TEXT NOT NULL,
            item TEXT NOT NULL,
            key TEXT NOT NULL,
            quantity REAL NOT NULL,
            lot TEXT NOT NULL DEFAULT '',
            event_id TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            PRIMARY KEY (location, item, key)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE item_classes (
            item TEXT PRIMARY KEY,
            abc_class TEXT NOT NULL,
            xyz_class TEXT NOT NULL,
            consumption_value REAL NOT NULL,
            mean_demand REAL NOT NULL,
            sd_demand REAL NOT NULL,
            cv REAL,
            safety_stock REAL,
            reorder_point REAL,
            computed_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m002_camera_confirmations(db: sqlite_utils.Database) -> None:
    # When a camera last confirmed a location agrees with the book (the planner skips it).
    db.execute(
        """
        CREATE TABLE camera_confirmations (
            location TEXT PRIMARY KEY,
            confirmed_at TEXT NOT NULL,
            how TEXT NOT NULL,
            event_id TEXT NOT NULL
        )
        """
    )


@migrations()
def m003_decisions_adjustments_closures(db: sqlite_utils.Database) -> None:
    # Who moved a count line where, and why (`edge counts approve|reject|post`): the audit trail.
    db.execute(
        """
        CREATE TABLE count_decisions (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            role TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            task_id INTEGER,
            decided_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX count_decisions_line ON count_decisions(line_id)")
    # What posting changed in the book; `id` is the cursor a headquarters sync pushes from.
    # `expected` is the book at count time, `book_before` the book when posted.
    db.execute(
        """
        CREATE TABLE adjustments (
            id INTEGER PRIMARY KEY,
            line_id INTEGER NOT NULL UNIQUE,
            location TEXT NOT NULL,
            item TEXT NOT NULL,
            lot TEXT NOT NULL DEFAULT '',
            expected REAL NOT NULL,
            book_before REAL NOT NULL,
            counted REAL NOT NULL,
            delta REAL NOT NULL,
            unit_cost REAL NOT NULL,
            value REAL NOT NULL,
            posted_at TEXT NOT NULL
        )
        """
    )
    # Handheld counts whose every event arrived: book items not scanned were counted as zero once.
    db.execute(
        """
        CREATE TABLE count_closures (
            count_id TEXT PRIMARY KEY,
            location TEXT NOT NULL,
            items INTEGER NOT NULL,
            zero_lines INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            closed_at TEXT NOT NULL
        )
        """
    )
