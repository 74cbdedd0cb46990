"""Master data for the scanner, read from the ledger file when this device holds it.

Read-only and optional: a handheld on a device without the ledger (or with empty master data)
accepts every location and item, and the ledger judges the counts when they arrive.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MasterLookup:
    locations: frozenset[str]
    items: frozenset[str]
    gtins: dict[str, str]
    tasks: dict[str, str]  # location → kind of its most urgent open count task

    def known_location(self, code: str) -> bool:
        return code in self.locations

    def known_item(self, code: str) -> bool:
        return code in self.items

    def resolve_item(self, code: str) -> str:
        return code if code in self.items else self.gtins.get(code, code)


def load_lookup(ledger_path: Path) -> MasterLookup | None:
    """The ledger's master data, or None when it is not here or holds none."""
    if not ledger_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{ledger_path}?mode=ro", uri=True, timeout=5)
        try:
            locations = frozenset(r[0] for r in conn.execute("SELECT location FROM locations"))
            rows = conn.execute("SELECT item, gtin FROM items").fetchall()
            tasks = conn.execute(
                "SELECT location, kind FROM count_tasks WHERE status = 'open' "
                "ORDER BY priority DESC"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        logger.warning("no master data from the ledger: %s", exc)
        return None
    if not locations:
        return None
    return MasterLookup(
        locations,
        frozenset(r[0] for r in rows),
        {r[1]: r[0] for r in rows if r[1]},
        {r[0]: r[1] for r in tasks},  # most urgent last, so it wins
    )
