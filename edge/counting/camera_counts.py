"""Camera counts: distinct serials, licence plates or label quantities read in a bin become a
camera count line (cameras confirm bins; only a person settles a recount).
"""

from __future__ import annotations

import logging

import sqlite_utils

from edge.counting import store
from edge.counting.count_lines import record
from edge.events import Event
from edge.ledger.alerts import Alert
from edge.ledger.projections import ProjectionContext

logger = logging.getLogger(__name__)


def store_camera_read(db: sqlite_utils.Database, event: Event) -> tuple[str, str] | None:
    """Remember what a camera read in a bin; the (location, item) to re-count, if any."""
    if not event.location or not event.source.startswith("camera:"):
        return None
    fields = event.attributes.get("fields")
    fields = fields if isinstance(fields, dict) else {}
    raw_item = event.item or fields.get("part") or fields.get("gtin")
    if not isinstance(raw_item, str) or not raw_item:
        return None
    item = store.resolve_item(db, raw_item)
    serial = event.serial or fields.get("serial")
    plate = fields.get("license_plate") or fields.get("sscc")
    quantity = event.quantity if event.quantity is not None else fields.get("quantity")
    if serial:
        key, qty = f"serial:{serial}", 1.0
    elif plate:
        key, qty = f"plate:{plate}", float(quantity) if quantity is not None else 1.0
    elif quantity is not None:
        key, qty = f"label:{event.lot or ''}", float(quantity)
    else:
        return None
    db.execute(
        "INSERT INTO camera_reads (location, item, key, quantity, lot, event_id, observed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(location, item, key) DO UPDATE SET "
        "quantity = excluded.quantity, event_id = excluded.event_id, "
        "observed_at = excluded.observed_at",
        [event.location, item, key, qty, event.lot or "", event.event_id, event.observed_at],
    )
    return event.location, item


_CAMERA_METHODS = {"serial": "camera-serials", "plate": "camera-plates", "label": "camera-label"}


def camera_count(
    db: sqlite_utils.Database, event: Event, ctx: ProjectionContext, location: str, item: str
) -> list[Alert]:
    rows = list(
        db.query(
            "SELECT key, quantity FROM camera_reads WHERE location = ? AND item = ?",
            [location, item],
        )
    )
    if not rows:
        return []
    kinds = {str(r["key"]).split(":", 1)[0] for r in rows}
    method = _CAMERA_METHODS.get(kinds.pop(), "camera") if len(kinds) == 1 else "camera"
    counted = sum(float(r["quantity"]) for r in rows)
    return record(db, event, ctx, location, item, "", counted, method, handheld=False)
