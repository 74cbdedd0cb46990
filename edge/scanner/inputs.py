"""Where scanned lines come from: stdin, an evdev keyboard-wedge device, or a serial port.

An evdev device is grabbed exclusively, so scans do not also land in a console or a browser
on the same machine. Serial bytes are decoded as UTF-8 with `surrogateescape`, so invalid bytes
reach the label parser, which refuses them with a message instead of crashing the session.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import TextIO

from edge.scanner.keymap import KeyDecoder

logger = logging.getLogger(__name__)


class InputError(RuntimeError):
    """The input cannot be opened; the message is meant for a person."""


def stdin_lines(stream: TextIO | None = None) -> Iterator[str]:
    for line in stream or sys.stdin:
        yield line.rstrip("\r\n")


def evdev_lines(path: str) -> Iterator[str]:
    try:
        import evdev
    except ImportError as exc:  # pragma: no cover - evdev is a Linux dependency
        raise InputError(f"evdev is not available: {exc}") from None
    try:
        device = evdev.InputDevice(path)
        device.grab()
    except OSError as exc:
        raise InputError(f"cannot open {path}: {exc.strerror} (in group 'input'?)") from None
    logger.info("reading scanner", extra={"input": path, "name": device.name})
    decoder = KeyDecoder()
    try:
        for event in device.read_loop():
            if event.type != evdev.ecodes.EV_KEY:
                continue
            names = evdev.ecodes.KEY.get(event.code)
            name = names[0] if isinstance(names, list) else names
            if not isinstance(name, str):
                continue
            line = decoder.feed(name, int(event.value))
            if line is not None:
                yield line
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror} (scanner unplugged?)") from None
    finally:
        with contextlib.suppress(OSError):
            device.ungrab()
        device.close()


def split_serial(buffer: bytearray) -> list[str]:
    """Take complete lines (CR, LF or CRLF terminated) out of `buffer`."""
    lines: list[str] = []
    while True:
        cut = min((i for i in (buffer.find(b"\r"), buffer.find(b"\n")) if i >= 0), default=-1)
        if cut < 0:
            return lines
        raw = bytes(buffer[:cut])
        del buffer[: cut + 1]
        if raw:
            lines.append(raw.decode("utf-8", errors="surrogateescape"))


def serial_lines(path: str, baudrate: int) -> Iterator[str]:
    try:
        import serial
    except ImportError as exc:  # pragma: no cover - pyserial is a dependency
        raise InputError(f"pyserial is not available: {exc}") from None
    try:
        port = serial.Serial(path, baudrate=baudrate, timeout=0.5)
    except (OSError, serial.SerialException) as exc:
        raise InputError(f"cannot open {path}: {exc}") from None
    buffer = bytearray()
    try:
        while True:
            chunk = port.read(256)
            if chunk:
                buffer += chunk
                yield from split_serial(buffer)
    except (OSError, serial.SerialException) as exc:
        raise InputError(f"{path}: {exc} (scanner unplugged?)") from None
    finally:
        port.close()


def open_input(spec: str, *, baudrate: int = 9600) -> Iterator[str]:
    """Lines from `stdin` (or `-`), `/dev/input/eventN` (evdev) or any other path (serial)."""
    if spec in ("stdin", "-"):
        return stdin_lines()
    if spec.startswith("/dev/input/"):
        return evdev_lines(spec)
    return serial_lines(spec, baudrate)
