"""sd_notify without a dependency: READY=1, WATCHDOG=1 and STATUS= for Type=notify units.

`sdnotify` (2017) swallows errors and systemd-python needs libsystemd-dev to build (FINDINGS);
the protocol is one datagram on the socket named by $NOTIFY_SOCKET.
"""

from __future__ import annotations

import os
import socket


def notify(state: str) -> bool:
    """Send `state` (e.g. "READY=1") to systemd; False when not run by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
        sock.connect(address)
        sock.sendall(state.encode())
    return True


def watchdog_interval() -> float | None:
    """Half the unit's WatchdogSec in seconds (how often to ping), or None without a watchdog."""
    usec = os.environ.get("WATCHDOG_USEC")
    return int(usec) / 2_000_000 if usec and usec.isdigit() else None
