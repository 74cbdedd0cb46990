"""`edge emit`: events from a JSON-lines file into the device outbox, then wait for the ledger.

Lines are keyed by the file's digest and their line number, so re-running a killed emit of the
same file stores nothing twice, and events it had already stored keep their ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from edge.device import DeviceClient

CHUNK = 500


class EmitFileError(ValueError):
    pass


@dataclass(frozen=True)
class EmitLine:
    number: int
    key: str
    doc: dict[str, Any]


def read_lines(path: Path) -> list[EmitLine]:
    """Parse every line first: a file with a bad line emits nothing."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:32]
    lines = []
    for number, raw in enumerate(data.decode("utf-8", errors="strict").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            doc = json.loads(raw)
        except ValueError as exc:
            raise EmitFileError(f"{path}:{number}: not JSON: {exc}") from None
        if not isinstance(doc, dict):
            raise EmitFileError(f"{path}:{number}: expected a JSON object")
        lines.append(EmitLine(number=number, key=f"emit:{digest}:{number}", doc=doc))
    return lines


def _chunks(lines: list[EmitLine]) -> Iterator[list[EmitLine]]:
    for start in range(0, len(lines), CHUNK):
        yield lines[start : start + CHUNK]


def store_lines(device: DeviceClient, path: Path, lines: list[EmitLine]) -> int:
    """Append to the outbox (skipping lines stored by an earlier run); returns how many were new."""
    stored = 0
    for chunk in _chunks(lines):
        try:
            stored += len(device.emit_many([ln.doc for ln in chunk], keys=[ln.key for ln in chunk]))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise EmitFileError(
                f"{path}: invalid event near line {chunk[0].number}: "
                f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
            ) from None
        except ValueError as exc:
            raise EmitFileError(f"{path}: near line {chunk[0].number}: {exc}") from None
    return stored
