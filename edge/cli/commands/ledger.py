"""`edge ledger`: the ledger service."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType

from edge.cli.app import main
from edge.cli.options import config_option, load_or_exit, say
from edge.ledger.service import LedgerService


@main.command()
@config_option()
def ledger(config_path: Path | None) -> None:
    """Subscribe to the site's events and write the ledger (runs until SIGTERM/Ctrl-C).

    \b
    Example:
      edge ledger --config /etc/edge/edge.yaml
    """
    cfg = load_or_exit(config_path)
    stop = threading.Event()

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    service = LedgerService(cfg).start()
    say(f"ledger: {cfg.ledger.path} ← {cfg.broker.url} (site {cfg.site})")
    try:
        while not stop.wait(30):
            s = service.stats
            say(
                f"ledger: stored {s.stored}, duplicates {s.duplicates}, quarantined {s.quarantined}"
            )
    finally:
        service.stop()
