"""Alerts: what the ledger tells people (tier 1 floor, 2 supervisor, 3 management).

Projections return `Alert`s; ingestion stores them in the `alerts` table in the same
transaction as the events that caused them, and the ledger service publishes them on
`edge/v1/<site>/alerts` after the commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Alert:
    kind: str  # e.g. "variance", "zero_stock", "unexpected_stock", "camera.moved"
    reason: str  # one human sentence
    tier: int | None = None  # 1 floor, 2 supervisor, 3 management; None for technical alerts
    location: str | None = None
    item: str | None = None
    event_id: str | None = None  # the event that raised it
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), default=str)
