"""An embedded broker for the demo, benchmarks and tests: Mosquitto on a free loopback port.

Mosquitto runs with its own config, data dir and log, persistence on, so tests can SIGKILL and
restart it on the same port and data. Why no in-process fallback: amqtt lost persisted sessions
and leaked retained messages (FINDINGS); iotcore (rumqttd in a wheel) keeps nothing on disk and
its plain listener speaks MQTT 3.1.1 only (v5, which the ledger's session expiry needs, takes a
rumqttd TOML file); Mosquitto is one `apt-get install` away on every Debian/Raspberry Pi OS, and
`scripts/setup` installs it.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)


class EmbeddedBroker(Protocol):
    @property
    def url(self) -> str: ...

    def stop(self) -> None: ...


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def find_mosquitto() -> str | None:
    return shutil.which("mosquitto") or next(
        (p for p in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto") if os.access(p, os.X_OK)),
        None,
    )


class Mosquitto:
    """A Mosquitto process owned by the caller (its own port, config and data dir)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        password_file: Path | None = None,
        acl_file: Path | None = None,
        max_queued_messages: int = 0,
    ) -> None:
        binary = find_mosquitto()
        if binary is None:
            raise FileNotFoundError("mosquitto is not installed (apt-get install mosquitto)")
        self.binary = binary
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.config_path = self.data_dir / "mosquitto.conf"
        self.log_path = self.data_dir / "mosquitto.log"
        lines = [
            f"listener {self.port} 127.0.0.1",
            f"allow_anonymous {'false' if password_file else 'true'}",
            "persistence true",
            f"persistence_location {self.data_dir}/",
            "autosave_interval 1",
            # 0 = no limit: the default 1000 drops messages silently for an absent ledger
            f"max_queued_messages {max_queued_messages}",
            "max_inflight_messages 20",
            # without it Nagle + delayed ACK add ~40 ms to every small QoS 1 message
            "set_tcp_nodelay true",
            f"log_dest file {self.log_path}",
            "log_type error",
            "log_type warning",
            "log_type notice",
        ]
        if os.geteuid() == 0:
            lines.append("user root")  # else mosquitto drops to a user that cannot write here
        if password_file:
            lines.append(f"password_file {password_file}")
        if acl_file:
            lines.append(f"acl_file {acl_file}")
        self.config_path.write_text("\n".join(lines) + "\n")
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> Mosquitto:
        if self._process is not None and self._process.poll() is None:
            return self
        self._process = subprocess.Popen(
            [self.binary, "-c", str(self.config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                log = self.log_path.read_text() if self.log_path.exists() else ""
                raise RuntimeError(f"mosquitto exited at start-up: {log[-500:]}")
            if port_open(self.port):
                logger.info("mosquitto listening", extra={"port": self.port})
                return self
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"mosquitto did not listen on {self.port} within {timeout}s")

    def kill(self) -> None:
        """SIGKILL: what a power cut does to the broker."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, sig: signal.Signals) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(sig)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None


def start_embedded_broker(data_dir: Path) -> EmbeddedBroker:
    """Mosquitto on a free loopback port; a clear error when it is not installed."""
    if find_mosquitto() is None:
        raise RuntimeError(
            "no broker: install Mosquitto (scripts/setup does: apt-get install mosquitto), "
            "or pass --broker mqtt://host:port"
        )
    return Mosquitto(data_dir).start()
