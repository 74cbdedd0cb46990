"""The handheld count grammar (CONTRACT.md, "Handheld scanner input") as a state machine.

Pure apart from the `EventSink` it emits into: one payload line in, replies out. Rules:
- a location label (location pattern, MH10 `L`, GS1 location) opens a count there;
- an item label adds its labelled quantity (Q / AI 30 / AI 37) or 1 to the open count;
- a line of only digits (up to `max_quantity_digits`) sets the quantity of the last item line;
- `UNDO` removes the last item line;
- `END`, or the same location again, closes the count and emits one `count.recorded` per item
  (quantities of the same item and lot add up); a count closed with no item emits one
  `count.recorded` with no item and quantity 0: "this location is empty";
- a new location closes the open count first; end of input closes it too;
- an item before any location, an unknown location, an unreadable line are refused with a
  message and emit nothing. The same serial twice in one count is refused.
Counts are blind: no reply ever shows a book quantity (the session does not know it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from edge.events import Event, EventSink, new_event_id

logger = logging.getLogger(__name__)

LabelParser = Callable[[str], dict[str, Any]]
Lookup = Callable[[str], bool]

_ITEM_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/+-]{0,63}$")


class ReplyKind(StrEnum):
    OK = "ok"
    CLOSED = "closed"
    REFUSED = "refused"


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    message: str
    events: tuple[Event, ...] = ()


@dataclass
class _ItemLine:
    item: str
    lot: str | None
    serial: str | None
    quantity: float
    labelled: bool  # the quantity came from the label


@dataclass
class _OpenCount:
    location: str
    lines: list[_ItemLine] = field(default_factory=list)


class ScanSession:
    """One counter's scanning session; feed it lines, show the replies, call `finish()` at EOF."""

    def __init__(
        self,
        sink: EventSink,
        *,
        source: str,
        parse_label: LabelParser,
        known_location: Lookup | None = None,
        known_item: Lookup | None = None,
        resolve_item: Callable[[str], str] | None = None,
        max_quantity_digits: int = 6,
    ) -> None:
        self.sink = sink
        self.source = source
        self.parse_label = parse_label
        self.known_location = known_location
        self.known_item = known_item
        self.resolve_item = resolve_item or (lambda code: code)
        self.max_quantity_digits = max_quantity_digits
        self.open: _OpenCount | None = None
        self.emitted: list[Event] = []

    def feed(self, raw: str) -> list[Reply]:
        line = raw.strip("\r\n").strip(" \t")
        if not line:
            return []
        word = line.upper()
        if word == "END":
            return self._end()
        if word == "UNDO":
            return [self._undo()]
        if line.isdigit() and len(line) <= self.max_quantity_digits:
            return [self._quantity(int(line))]
        try:
            fields = self.parse_label(line)
        except ValueError as exc:  # LabelError is a ValueError
            return [_refuse(f"unreadable scan ({exc}): nothing counted")]
        location = fields.get("location")
        item_code = fields.get("part") or fields.get("gtin")
        if isinstance(location, str) and location and not item_code:
            if self._location_is_item(fields, location):
                return [self._item(location, fields, plain=True)]
            return self._location(location)
        if isinstance(item_code, str) and item_code:
            return [self._item(item_code, fields, plain=False)]
        if fields.get("scheme") == "plain":
            if self.known_location is not None and self.known_location(line):
                return self._location(line)
            return [self._item(line, fields, plain=True)]
        return [_refuse(f"{line!r} is neither a location nor an item label: nothing counted")]

    def finish(self) -> list[Reply]:
        """End of input: close the open count, if any."""
        if self.open is None:
            return []
        return self._close("end of input")

    # -- the grammar -------------------------------------------------------------------------

    def _location_is_item(self, fields: dict[str, Any], code: str) -> bool:
        """A part number that happens to fit the location pattern, known as an item only."""
        return (
            fields.get("scheme") == "location"
            and self.known_location is not None
            and not self.known_location(code)
            and self.known_item is not None
            and self.known_item(code)
        )

    def _location(self, location: str) -> list[Reply]:
        if self.known_location is not None and not self.known_location(location):
            return [_refuse(f"unknown location {location}: not in the location master")]
        replies: list[Reply] = []
        if self.open is not None:
            if self.open.location == location:
                return self._close(f"{location} scanned again")
            replies += self._close(f"new location {location}")
        self.open = _OpenCount(location)
        replies.append(Reply(ReplyKind.OK, f"counting {location}: scan items"))
        return replies

    def _item(self, code: str, fields: dict[str, Any], *, plain: bool) -> Reply:
        if self.open is None:
            return _refuse(f"scan a location first: {code} not counted")
        if plain and not _ITEM_CODE.match(code):
            return _refuse(f"{code!r} is not an item code: nothing counted")
        item = self.resolve_item(code)
        if plain and self.known_item is not None and not self.known_item(item):
            return _refuse(f"unknown item {code}: not in the item master")
        serial = _text(fields.get("serial"))
        if serial and any(ln.serial == serial and ln.item == item for ln in self.open.lines):
            return _refuse(f"serial {serial} of {item} is already counted here")
        labelled = fields.get("quantity")
        quantity = float(labelled) if isinstance(labelled, int | float) and labelled > 0 else 1.0
        self.open.lines.append(
            _ItemLine(item, _text(fields.get("lot")), serial, quantity, labelled is not None)
        )
        lot = f" lot {self.open.lines[-1].lot}" if self.open.lines[-1].lot else ""
        return Reply(ReplyKind.OK, f"{item}{lot}: {quantity:g} (line {len(self.open.lines)})")

    def _quantity(self, quantity: int) -> Reply:
        if self.open is None:
            return _refuse(f"quantity {quantity} without a count: scan a location first")
        if not self.open.lines:
            return _refuse(f"quantity {quantity} without an item: scan an item first")
        last = self.open.lines[-1]
        if last.serial:
            return _refuse(f"{last.item} carries serial {last.serial}: one unit, no quantity")
        last.quantity = float(quantity)
        return Reply(ReplyKind.OK, f"{last.item}: quantity set to {quantity}")

    def _undo(self) -> Reply:
        if self.open is None or not self.open.lines:
            return _refuse("nothing to undo")
        removed = self.open.lines.pop()
        return Reply(ReplyKind.OK, f"removed {removed.item} ({removed.quantity:g})")

    def _end(self) -> list[Reply]:
        if self.open is None:
            return [_refuse("END without an open count: scan a location first")]
        return self._close("END")

    def _close(self, why: str) -> list[Reply]:
        assert self.open is not None
        count, self.open = self.open, None
        totals: dict[tuple[str, str | None], list[_ItemLine]] = {}
        for line in count.lines:
            totals.setdefault((line.item, line.lot), []).append(line)
        count_id = new_event_id()
        events: list[Event] = []
        attrs: dict[str, Any] = {"method": "handheld", "count_id": count_id}
        if not totals:
            events.append(
                self.sink.emit(
                    "count.recorded",
                    source=self.source,
                    location=count.location,
                    item=None,
                    quantity=0,
                    attributes=attrs | {"empty": True, "items": 0},
                )
            )
        for (item, lot), lines in totals.items():
            serials = [ln.serial for ln in lines if ln.serial]
            extra = {"serials": serials} if serials else {}
            events.append(
                self.sink.emit(
                    "count.recorded",
                    source=self.source,
                    location=count.location,
                    item=item,
                    lot=lot,
                    quantity=sum(ln.quantity for ln in lines),
                    attributes=attrs | {"items": len(totals), "scans": len(lines)} | extra,
                )
            )
        self.emitted += events
        logger.info(
            "count closed",
            extra={"location": count.location, "items": len(totals), "why": why},
        )
        what = f"{len(totals)} item(s)" if totals else "empty"
        return [
            Reply(
                ReplyKind.CLOSED, f"count at {count.location} closed ({why}): {what}", tuple(events)
            )
        ]


def _refuse(message: str) -> Reply:
    return Reply(ReplyKind.REFUSED, message)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
