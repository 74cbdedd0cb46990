"""Running a scanner session over an input: prompts, replies, the summary.

Kept apart from the grammar (`session`) so the grammar stays pure, and from the command so
`edge demo` can run a scripted handheld session with the same code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from edge.config import EdgeConfig
from edge.events import EventSink
from edge.labels import parse_label
from edge.scanner.lookup import MasterLookup
from edge.scanner.session import Reply, ReplyKind, ScanSession

logger = logging.getLogger(__name__)

MARKS = {ReplyKind.OK: "ok ", ReplyKind.CLOSED: "==>", ReplyKind.REFUSED: "!! "}


@dataclass
class RunSummary:
    lines: int = 0
    counts_closed: int = 0
    events: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    tasks_done: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "counts_closed": self.counts_closed,
            "events": len(self.events),
            "event_ids": self.events,
            "refused": self.refused,
            "tasks_done": self.tasks_done,
        }


def build_session(
    config: EdgeConfig, sink: EventSink, lookup: MasterLookup | None = None
) -> ScanSession:
    return ScanSession(
        sink,
        source=f"scanner:{config.scanner.id}",
        parse_label=partial(parse_label, location_pattern=config.labels.location_pattern),
        known_location=lookup.known_location if lookup else None,
        known_item=lookup.known_item if lookup else None,
        resolve_item=lookup.resolve_item if lookup else None,
        max_quantity_digits=config.scanner.max_quantity_digits,
    )


def run_lines(
    session: ScanSession,
    lines: Iterable[str],
    show: Callable[[Reply], None],
    *,
    tasks: dict[str, str] | None = None,
) -> RunSummary:
    """Feed every line, show every reply, close what is open at the end."""
    summary = RunSummary()
    tasks = dict(tasks or {})
    try:
        for line in lines:
            summary.lines += 1
            for reply in session.feed(line):
                _account(reply, summary, tasks, show)
    except KeyboardInterrupt:
        # Ctrl-C on an endless device input: close what is open and wait for the acks.
        logger.info("scanner input interrupted")
    for reply in session.finish():
        _account(reply, summary, tasks, show)
    return summary


def _account(
    reply: Reply, summary: RunSummary, tasks: dict[str, str], show: Callable[[Reply], None]
) -> None:
    show(reply)
    if reply.kind is ReplyKind.REFUSED:
        summary.refused.append(reply.message)
    elif reply.kind is ReplyKind.CLOSED:
        summary.counts_closed += 1
        summary.events += [e.event_id for e in reply.events]
        location = reply.events[0].location if reply.events else None
        if location and location in tasks:
            kind = tasks.pop(location)
            summary.tasks_done.append(location)
            show(Reply(ReplyKind.OK, f"{kind.replace('_', ' ')} task at {location}: done"))


def format_reply(reply: Reply) -> str:
    return f"{MARKS[reply.kind]} {reply.message}"
