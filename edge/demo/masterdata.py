"""Master data for the demo: the counting script's items plus the rendered rack's bins.

The rack's bins that start occupied hold stock in the book, so a bin the video empties is a
zero-stock discrepancy, and a bin it fills where the book holds nothing is unexpected stock.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from edge.counting.demo import DEMO_BOOK, DEMO_ITEMS, DEMO_LOCATIONS

RACK_ITEMS = [
    ("HOSE-1", "Hydraulic hose 1 m", 35.0, "B"),
    ("SEAL-K", "Seal kit", 12.5, "C"),
    ("GEAR-3", "Gearbox 3:1", 640.0, "A"),
]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_demo_master(
    directory: Path, *, camera: str, initial_states: Mapping[str, str]
) -> list[Path]:
    """items.csv, locations.csv, book.csv for the script's locations and the rack's bins."""
    directory.mkdir(parents=True, exist_ok=True)
    items = _rows(DEMO_ITEMS) + [[i, d, str(c), k] for i, d, c, k in RACK_ITEMS]
    locations = _rows(DEMO_LOCATIONS)
    book = _rows(DEMO_BOOK)
    for n, (location, state) in enumerate(sorted(initial_states.items())):
        locations.append([location, location.split("-")[0], camera])
        if state == "occupied":
            item = RACK_ITEMS[n % len(RACK_ITEMS)][0]
            book.append([location, item, "", str(4 + n % 9)])
    return [
        _write(directory / "items.csv", items),
        _write(directory / "locations.csv", locations),
        _write(directory / "book.csv", book),
    ]
