"""Topic names (CONTRACT.md, "MQTT"). The only place a topic string is built or parsed."""

from __future__ import annotations

from dataclasses import dataclass

ROOT = "edge/v1"


def events(site: str, device: str) -> str:
    return f"{ROOT}/{site}/{device}/events"


def all_events(site: str) -> str:
    return f"{ROOT}/{site}/+/events"


def status(site: str, device: str) -> str:
    return f"{ROOT}/{site}/{device}/status"


def ack(site: str, device: str) -> str:
    return f"{ROOT}/{site}/{device}/ack"


def alerts(site: str) -> str:
    return f"{ROOT}/{site}/alerts"


@dataclass(frozen=True)
class DeviceTopic:
    site: str
    device: str
    kind: str


def parse(topic: str) -> DeviceTopic | None:
    """`edge/v1/<site>/<device>/<kind>` → its parts; None for anything else."""
    parts = topic.split("/")
    if len(parts) != 5 or f"{parts[0]}/{parts[1]}" != ROOT or not all(parts[2:]):
        return None
    return DeviceTopic(site=parts[2], device=parts[3], kind=parts[4])
