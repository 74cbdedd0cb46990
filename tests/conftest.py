"""Shared fixtures: a real Mosquitto per test (own port, config and data dir), a config pointed at
it, and a ledger service running in-process. Tests that kill processes start their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edge.broker import Mosquitto, find_mosquitto
from edge.config import EdgeConfig, load_config
from edge.ledger.service import LedgerService
from tests.support import write_config

if find_mosquitto() is None:  # the test command installs it; say so loudly rather than skip
    raise RuntimeError("mosquitto is not installed: run the README's test command (scripts/test)")


@pytest.fixture
def mosquitto(tmp_path: Path) -> Iterator[Mosquitto]:
    broker = Mosquitto(tmp_path / "mosquitto").start()
    yield broker
    broker.kill()


@pytest.fixture
def config_file(tmp_path: Path, mosquitto: Mosquitto) -> Path:
    return write_config(tmp_path / "edge.yaml", mosquitto.url)


@pytest.fixture
def edge_config(config_file: Path) -> EdgeConfig:
    return load_config(config_file, environ={})


@pytest.fixture
def running_ledger(edge_config: EdgeConfig) -> Iterator[LedgerService]:
    service = LedgerService(edge_config).start()
    assert service.wait_connected(10), "ledger did not connect to the test broker"
    yield service
    service.stop()
