"""The root configuration model (`edge.yaml`), one sub-model per section.

Sections owned by a stage live beside this file (`labels.py`, `cameras.py`, `counting.py`,
`scanner.py`); the transport sections (broker, ledger, outbox) are here because every process
needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from edge.config.cameras import CameraConfig
from edge.config.counting import CountingConfig
from edge.config.labels import LabelsConfig
from edge.config.scanner import ScannerConfig

_NAME = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class BrokerConfig(Section):
    url: str = Field(
        default="mqtt://127.0.0.1:1883",
        description="Broker URL: mqtt://host:port, or mqtts://host:port for TLS.",
    )
    username: str | None = Field(default=None, description="MQTT user; usually the device id.")
    password: SecretStr | None = Field(
        default=None,
        description="MQTT password. Prefer ${EDGE_BROKER_PASSWORD} or a systemd credential "
        "file named `broker_password` in $CREDENTIALS_DIRECTORY over writing it here.",
    )
    ca_file: Path | None = Field(default=None, description="CA bundle for mqtts:// (PEM).")
    keepalive: int = Field(default=15, ge=5, le=600, description="MQTT keepalive, seconds.")
    session_expiry: int = Field(
        default=7 * 24 * 3600,
        ge=7 * 24 * 3600,
        description="Ledger session expiry, seconds (≥ 7 days: the broker keeps QoS 1 messages "
        "for the ledger that long while it is away).",
    )

    @field_validator("url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise ValueError("expected mqtt://host:port or mqtts://host:port")
        return value

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        parts = urlsplit(self.url)
        return parts.port or (8883 if parts.scheme == "mqtts" else 1883)

    @property
    def tls(self) -> bool:
        return urlsplit(self.url).scheme == "mqtts"


class LedgerConfig(Section):
    path: Path = Field(default=Path("/var/lib/edge/ledger.db"), description="Ledger SQLite file.")
    batch_size: int = Field(
        default=500, ge=1, le=5000, description="Most events committed in one transaction."
    )
    batch_wait_ms: int = Field(
        default=2,
        ge=0,
        le=2000,
        description="How long the ledger waits to fill a batch before committing what it has.",
    )


class OutboxConfig(Section):
    path: Path = Field(default=Path("/var/lib/edge/outbox.db"), description="Outbox SQLite file.")
    max_events: int = Field(
        default=1_000_000,
        ge=10,
        description="Bound on events waiting for the ledger; producers get an error beyond it.",
    )
    ack_timeout: float = Field(
        default=10.0, gt=0, description="Seconds without the ledger's ack before a re-send."
    )
    max_inflight: int = Field(
        default=20,
        ge=1,
        le=1000,
        description="Unacknowledged QoS 1 publishes at once (Mosquitto's receive maximum is 20).",
    )


class LogConfig(Section):
    level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Log level."
    )
    json_lines: bool = Field(default=False, description="Structured JSON log lines on stderr.")


class EdgeConfig(Section):
    """`edge.yaml`. Every key can be overridden by `EDGE_<SECTION>__<KEY>` (see the loader)."""

    version: Literal[1] = Field(default=1, description="Configuration format version.")
    site: str = Field(default="plant-1", pattern=_NAME, description="Site id; appears in topics.")
    device: str = Field(
        default="edge-1", pattern=_NAME, description="This device's id, unique per site."
    )
    broker: BrokerConfig = Field(default_factory=BrokerConfig, description="MQTT broker.")
    ledger: LedgerConfig = Field(default_factory=LedgerConfig, description="The SQLite ledger.")
    outbox: OutboxConfig = Field(default_factory=OutboxConfig, description="The device outbox.")
    labels: LabelsConfig = Field(default_factory=LabelsConfig, description="Label parsing.")
    cameras: dict[str, CameraConfig] = Field(
        default_factory=dict, description="Camera workers on this device, by camera id."
    )
    counting: CountingConfig = Field(
        default_factory=CountingConfig, description="Tolerances, tiers and count frequencies."
    )
    scanner: ScannerConfig = Field(
        default_factory=ScannerConfig, description="Handheld scanner workflow."
    )
    log: LogConfig = Field(default_factory=LogConfig, description="Logging.")
