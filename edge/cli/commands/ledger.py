"""`edge ledger`: the ledger service."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from types import FrameType

from edge.cli.app import main
from edge.cli.options import config_option, load_or_exit, say
from edge.ledger.service import LedgerService
from edge.notify import notify, watchdog_interval

REPORT_EVERY = 60.0


@main.command()
@config_option()
def ledger(config_path: Path | None) -> None:
    """Subscribe to the site's events and write the ledger (runs until SIGTERM/Ctrl-C).

    Under systemd (Type=notify) it reports READY, pings the watchdog and shows its counts as
    the unit's status.

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
    notify("READY=1")
    ping = min(watchdog_interval() or REPORT_EVERY, REPORT_EVERY)
    last_report = time.monotonic()
    try:
        while not stop.wait(ping):
            s = service.stats
            counts = f"stored {s.stored}, duplicates {s.duplicates}, quarantined {s.quarantined}"
            if service.healthy():  # a dead writer must let systemd's watchdog restart us
                notify(f"WATCHDOG=1\nSTATUS={counts}")
            if time.monotonic() - last_report >= REPORT_EVERY:
                last_report = time.monotonic()
                say(f"ledger: {counts}")
    finally:
        notify("STOPPING=1")
        service.stop()
