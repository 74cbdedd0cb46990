"""Projection: the current state of every bin, from `bin.*` events.

Events may arrive out of order (a device that was offline for a day): a state is replaced only by
an observation at least as recent, so a late old event never overwrites a newer one. `since` is
when the bin entered its current state.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from edge.events import Event
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext

BIN_STATES = {"bin.empty": "empty", "bin.occupied": "occupied", "bin.unknown": "unknown"}


def project_bin_state(
    db: sqlite_utils.Database, events: Sequence[Event], ctx: ProjectionContext
) -> list[Alert]:
    rows = [
        {
            "location": event.location,
            "state": BIN_STATES[event.type],
            "confidence": event.confidence,
            "at": event.observed_at,
            "event_id": event.event_id,
            "device": event.device,
            "source": event.source,
        }
        for event in events
        if event.type in BIN_STATES and event.location
    ]
    if rows:
        db.conn.executemany(
            """
            INSERT INTO bin_state
                (location, state, confidence, since, updated_at, event_id, device, source)
            VALUES (:location, :state, :confidence, :at, :at, :event_id, :device, :source)
            ON CONFLICT(location) DO UPDATE SET
                since = CASE WHEN bin_state.state = excluded.state
                             THEN bin_state.since ELSE excluded.since END,
                state = excluded.state,
                confidence = excluded.confidence,
                updated_at = excluded.updated_at,
                event_id = excluded.event_id,
                device = excluded.device,
                source = excluded.source
            WHERE excluded.updated_at >= bin_state.updated_at
            """,
            rows,
        )
    return []
