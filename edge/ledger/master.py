"""Master data import: items, locations and book quantities from CSV (`edge master import`).

The kind of a file is told by its header (CONTRACT.md):
- items: `item,description,unit_cost,abc_class` (+ optional `xyz_class`, `gtin`,
  `lead_time_days`, `lead_time_sd_days`)
- locations: `location,zone,camera`
- book: `location,item,lot,quantity` (+ optional `as_of`, RFC 3339 or a date)

All files of one import are checked first; every bad row is reported with file, line and
reason, and if there is any, nothing is written (all or nothing, in one transaction). Items and
locations are upserted; a book file is a snapshot and replaces the whole book. Book rows must
name items and locations known to the ledger or loaded in the same import. Sync calls
`apply_master` with rows it pulled.
"""

from __future__ import annotations

import csv
import io
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from edge.events import format_time, parse_time, utc_now

logger = logging.getLogger(__name__)

Kind = Literal["items", "locations", "book"]

REQUIRED: dict[Kind, tuple[str, ...]] = {
    "items": ("item", "description", "unit_cost", "abc_class"),
    "locations": ("location", "zone", "camera"),
    "book": ("location", "item", "lot", "quantity"),
}
OPTIONAL: dict[Kind, tuple[str, ...]] = {
    "items": ("xyz_class", "gtin", "lead_time_days", "lead_time_sd_days"),
    "locations": (),
    "book": ("as_of",),
}
_ORDER: dict[Kind, int] = {"items": 0, "locations": 1, "book": 2}


@dataclass(frozen=True)
class RowError:
    file: str
    line: int  # 1-based line in the file (the header is line 1); 0 for the whole file
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.reason}"
            if self.line
            else f"{self.file}: {self.reason}"
        )


@dataclass(frozen=True)
class MasterFile:
    """One parsed file: its kind and the valid rows (as table rows)."""

    file: str
    kind: Kind
    rows: tuple[dict[str, Any], ...]  # table rows plus `_line`, their line in the file


@dataclass(frozen=True)
class ImportResult:
    files: tuple[MasterFile, ...]
    errors: tuple[RowError, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": [{"file": f.file, "kind": f.kind, "rows": len(f.rows)} for f in self.files],
            "errors": [{"file": e.file, "line": e.line, "reason": e.reason} for e in self.errors],
        }


class MasterImportError(ValueError):
    """Raised by `import_files` when anything was refused; `result` holds every error."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("\n".join(str(e) for e in result.errors))
        self.result = result


def detect_kind(header: Sequence[str]) -> Kind | None:
    names = {h.strip().lower() for h in header}
    for kind, required in REQUIRED.items():
        if set(required) <= names:
            return kind
    return None


def parse_file(name: str, text: str) -> tuple[MasterFile | None, list[RowError]]:
    """Parse one CSV text: the kind from the header, then every row checked."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        return None, [RowError(name, 0, "empty file: expected a header line")]
    kind = detect_kind(header)
    if kind is None:
        wanted = " | ".join(",".join(cols) for cols in REQUIRED.values())
        return None, [RowError(name, 1, f"unknown header {','.join(header)!r}; expected {wanted}")]
    columns = [h.strip().lower() for h in header]
    known = set(REQUIRED[kind]) | set(OPTIONAL[kind])
    unknown = [c for c in columns if c not in known]
    if unknown:
        return None, [RowError(name, 1, f"unknown column(s) for {kind}: {', '.join(unknown)}")]
    if len(set(columns)) != len(columns):
        return None, [RowError(name, 1, "a column is named twice")]
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, ...], int] = {}
    now = format_time(utc_now())
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            errors.append(RowError(name, line, f"{len(values)} fields, header has {len(columns)}"))
            continue
        raw = {c: v.strip() for c, v in zip(columns, values, strict=True)}
        try:
            row = _ROW[kind](raw, now)
        except ValueError as exc:
            errors.append(RowError(name, line, str(exc)))
            continue
        key = _key(kind, row)
        if key in seen:
            errors.append(RowError(name, line, f"duplicate of line {seen[key]} ({'/'.join(key)})"))
            continue
        seen[key] = line
        rows.append({**row, "_line": line})
    return MasterFile(name, kind, tuple(rows)), errors


def _key(kind: Kind, row: dict[str, Any]) -> tuple[str, ...]:
    if kind == "items":
        return (row["item"],)
    if kind == "locations":
        return (row["location"],)
    return (row["location"], row["item"], row["lot"])


def _required(raw: dict[str, str], column: str) -> str:
    value = raw.get(column, "")
    if not value:
        raise ValueError(f"{column} is empty")
    if any(ord(c) < 32 for c in value) or len(value) > 256:
        raise ValueError(f"{column} holds control characters or is too long")
    return value


def _number(raw: dict[str, str], column: str, *, optional: bool = False) -> float | None:
    text = raw.get(column, "")
    if not text:
        if optional:
            return None
        raise ValueError(f"{column} is empty")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{column} {text!r} must be a number ≥ 0")
    return value


def _item_row(raw: dict[str, str], now: str) -> dict[str, Any]:
    abc = raw.get("abc_class", "").upper()
    if abc not in ("", "A", "B", "C"):
        raise ValueError(f"abc_class {raw['abc_class']!r} is not A, B or C")
    xyz = raw.get("xyz_class", "").upper()
    if xyz not in ("", "X", "Y", "Z"):
        raise ValueError(f"xyz_class {raw['xyz_class']!r} is not X, Y or Z")
    return {
        "item": _required(raw, "item"),
        "description": raw.get("description", ""),
        "unit_cost": _number(raw, "unit_cost"),
        "abc_class": abc or None,
        "xyz_class": xyz or None,
        "gtin": raw.get("gtin") or None,
        "lead_time_days": _number(raw, "lead_time_days", optional=True),
        "lead_time_sd_days": _number(raw, "lead_time_sd_days", optional=True),
        "updated_at": now,
    }


def _location_row(raw: dict[str, str], now: str) -> dict[str, Any]:
    return {
        "location": _required(raw, "location"),
        "zone": raw.get("zone", ""),
        "camera": raw.get("camera") or None,
        "updated_at": now,
    }


def _book_row(raw: dict[str, str], now: str) -> dict[str, Any]:
    as_of = raw.get("as_of", "")
    if as_of:
        try:
            moment = (
                datetime.fromisoformat(as_of).replace(tzinfo=UTC)
                if len(as_of) == 10
                else parse_time(as_of)
            )
        except ValueError:
            raise ValueError(f"as_of {as_of!r} is not a date or an RFC 3339 time") from None
        as_of = format_time(moment)
    return {
        "location": _required(raw, "location"),
        "item": _required(raw, "item"),
        "lot": raw.get("lot", ""),
        "quantity": _number(raw, "quantity"),
        "as_of": as_of or now,
    }


_ROW = {"items": _item_row, "locations": _location_row, "book": _book_row}


def check_references(db: sqlite_utils.Database, files: Sequence[MasterFile]) -> list[RowError]:
    """Book rows must name known items and locations (in the ledger or in this import)."""
    items = {r["item"] for f in files if f.kind == "items" for r in f.rows}
    locations = {r["location"] for f in files if f.kind == "locations" for r in f.rows}
    items |= {r[0] for r in db.execute("SELECT item FROM items").fetchall()}
    locations |= {r[0] for r in db.execute("SELECT location FROM locations").fetchall()}
    errors = []
    for f in files:
        if f.kind != "book":
            continue
        for row in f.rows:
            missing = []
            if row["item"] not in items:
                missing.append(f"item {row['item']!r} is not in the item master")
            if row["location"] not in locations:
                missing.append(f"location {row['location']!r} is not in the location master")
            if missing:
                errors.append(RowError(f.file, int(row["_line"]), "; ".join(missing)))
    return errors


def apply_master(db: sqlite_utils.Database, files: Iterable[MasterFile]) -> None:
    """Write already validated files in one transaction (items, locations, then book).

    Raw SQL: sqlite-utils' `upsert_all` commits chunk by chunk, which would break all-or-nothing.
    """
    ordered = sorted(files, key=lambda f: _ORDER[f.kind])
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for f in ordered:
            rows = [{k: v for k, v in r.items() if k != "_line"} for r in f.rows]
            if f.kind == "book":
                db.execute("DELETE FROM book")
            if not rows:
                continue
            table = {"items": "items", "locations": "locations", "book": "book"}[f.kind]
            columns = list(rows[0])
            conflict = {"items": "item", "locations": "location", "book": "location, item, lot"}
            updates = ", ".join(
                f"{c} = excluded.{c}" for c in columns if c not in conflict[f.kind].split(", ")
            )
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)}) "
                f"ON CONFLICT({conflict[f.kind]}) DO UPDATE SET {updates}",
                rows,
            )
    logger.info(
        "master data imported",
        extra={"files": len(ordered), "rows": sum(len(f.rows) for f in ordered)},
    )


def import_files(db: sqlite_utils.Database, paths: Sequence[str | Path]) -> ImportResult:
    """Parse, check and (only if everything is valid) write `paths`. Raises `MasterImportError`."""
    files: list[MasterFile] = []
    errors: list[RowError] = []
    for path in paths:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(RowError(name, 0, f"cannot read: {exc}"))
            continue
        parsed, bad = parse_file(name, text)
        errors.extend(bad)
        if parsed is not None:
            files.append(parsed)
    errors.extend(check_references(db, files))
    result = ImportResult(tuple(files), tuple(errors))
    if errors:
        raise MasterImportError(result)
    apply_master(db, files)
    return result
