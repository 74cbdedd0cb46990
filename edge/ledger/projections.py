"""The projections the ledger runs on newly stored events, in order, inside the ingest transaction.

A projection gets only events that were new (never a redelivered duplicate), so it may count
them; it writes its derived tables and returns the alerts it raises.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import sqlite_utils

from edge.events import Event
from edge.ledger.alerts import Alert

if TYPE_CHECKING:
    from edge.config import EdgeConfig


@dataclass(frozen=True)
class ProjectionContext:
    config: EdgeConfig
    now: datetime
    extra: dict[str, object] = field(default_factory=dict)


Projection = Callable[[sqlite_utils.Database, Sequence[Event], ProjectionContext], list[Alert]]


def projections() -> list[Projection]:
    """Every projection, in the order it runs (bin state first: counting reads it)."""
    from edge.counting.projection import project_counting
    from edge.ledger.bins import project_bin_state

    return [project_bin_state, project_counting]
