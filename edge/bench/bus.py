"""`edge bench bus`: end-to-end delivery (outbox → broker → ledger commit → ack back) beside raw
paho QoS 1 publishing to the same broker, measured in the same run, interleaved per round so
that noise on this shared machine hits both alike.
"""

from __future__ import annotations

import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from edge.bench.raw_paho import measure_publishes
from edge.bench.stats import median, percentile
from edge.broker import EmbeddedBroker, start_embedded_broker
from edge.bus.client import connect, make_client
from edge.config import EdgeConfig
from edge.config.loader import parse_config
from edge.device import DeviceClient
from edge.events import Event

logger = logging.getLogger(__name__)

PAYLOAD_FIELDS: dict[str, str] = {
    "type": "bin.occupied",
    "source": "camera:bench",
    "location": "A-01-02-03",
}


def _emit_one(device: DeviceClient) -> Event:
    return device.emit("bin.occupied", source="camera:bench", location="A-01-02-03")


@dataclass(frozen=True)
class BusResult:
    events: int
    rounds: int
    raw_rate: float  # messages/s, median over rounds, edge's tuned paho client
    stock_rate: float  # messages/s, median over rounds, stock paho in its own process
    e2e_rate: float  # events/s, median over rounds
    ratio: float  # median of the per-round ratios (each round measures both back to back)
    stock_ratio: float  # the same against stock paho
    ledger_cpu_us: float  # CPU µs per event of the ledger process, median over rounds
    device_cpu_us: float  # CPU µs per event of the device process (this one)
    latency_rate: float  # events/s offered in the latency run
    latency_p50_ms: float
    latency_p99_ms: float
    latency_samples: int


def bench_config(root: Path, broker_url: str) -> Path:
    text = (
        f"site: bench\ndevice: bench-device\nbroker: {{url: '{broker_url}'}}\n"
        f"ledger: {{path: '{root / 'ledger.db'}'}}\noutbox: {{path: '{root / 'outbox.db'}'}}\n"
    )
    path = root / "edge.yaml"
    path.write_text(text)
    return path


@contextmanager
def ledger_process(config_file: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The ledger as on a device: its own process (and its own GIL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGE_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "edge", "ledger", "--config", str(config_file)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of another process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def raw_publish_rate(config: EdgeConfig, payload: str, count: int) -> float:
    """edge's own paho client (same in-flight limit, TCP_NODELAY, shared v5 tables), QoS 1."""
    client = make_client(config.broker, "edge-bench-raw", max_inflight=config.outbox.max_inflight)
    connect(client, config.broker, clean_start=True)
    try:
        deadline = time.monotonic() + 10
        while not client.is_connected() and time.monotonic() < deadline:
            time.sleep(0.01)
        # a site nobody subscribes to: the broker acks, no ledger competes for the CPU
        return measure_publishes(client, "edge/v1/bench-raw/raw/events", count, payload)
    finally:
        client.disconnect()
        client.loop_stop()


def stock_publish_rate(config: EdgeConfig, payload_bytes: int, count: int) -> float:
    """Stock paho (no edge tuning) in a process of its own, same broker and payload size."""
    out = subprocess.run(
        [sys.executable, "-m", "edge.bench.raw_paho", config.broker.host,
         str(config.broker.port), str(count), str(payload_bytes)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return float(out.stdout.strip())


def end_to_end_rate(device: DeviceClient, count: int, chunk: int = 500) -> float:
    start = time.perf_counter()
    docs = [PAYLOAD_FIELDS] * count
    for offset in range(0, count, chunk):
        device.emit_many(docs[offset : offset + chunk])
    if not device.wait_acked(300):
        raise RuntimeError(f"{device.outbox.count()} events never acknowledged")
    return count / (time.perf_counter() - start)


def latency_run(device: DeviceClient, rate: float, seconds: float) -> list[float]:
    """Emit one event at a time at `rate`/s; ms from emit call to the ledger's ack arriving."""
    emitted: dict[str, float] = {}
    latencies: list[float] = []

    def on_acked(ids: list[str]) -> None:
        now = time.perf_counter()
        latencies.extend((now - emitted.pop(i)) * 1000 for i in ids if i in emitted)

    device.on_acked = on_acked
    interval = 1.0 / rate
    start = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = start + n * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        before = time.perf_counter()
        event = _emit_one(device)
        emitted[event.event_id] = before
    device.wait_acked(30)
    device.on_acked = None
    return latencies


def run_bus_bench(
    events: int = 5000,
    rounds: int = 3,
    latency_rate: float = 200.0,
    latency_seconds: float = 5.0,
    broker_url: str | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> BusResult:
    with tempfile.TemporaryDirectory(prefix="edge-bench-bus-") as tmp:
        root = Path(tmp)
        broker: EmbeddedBroker | None = None
        if broker_url is None:
            broker = start_embedded_broker(root / "broker")
            broker_url = broker.url
        config_file = bench_config(root, broker_url)
        config = parse_config(config_file.read_text(), environ={})
        with ledger_process(config_file, root / "ledger.log") as ledger:
            device = DeviceClient(config, role="bench").start()
            try:
                payload = _emit_one(device).to_json()  # also warms the path
                if not device.wait_acked(60):
                    log = (root / "ledger.log").read_text()[-1000:]
                    raise RuntimeError(f"the ledger never acknowledged: {log}")
                raw, stock, e2e, ledger_us, device_us = [], [], [], [], []
                for n in range(rounds):
                    raw.append(raw_publish_rate(config, payload, events))
                    stock.append(stock_publish_rate(config, len(payload), events))
                    before = (process_cpu(ledger.pid), own_cpu())
                    e2e.append(end_to_end_rate(device, events))
                    ledger_us.append((process_cpu(ledger.pid) - before[0]) / events * 1e6)
                    device_us.append((own_cpu() - before[1]) / events * 1e6)
                    progress(
                        f"round {n + 1}/{rounds}: raw {raw[-1]:.0f}/s, stock paho "
                        f"{stock[-1]:.0f}/s, e2e {e2e[-1]:.0f}/s"
                    )
                progress(f"latency: {latency_rate:.0f} events/s for {latency_seconds:.0f} s")
                latencies = latency_run(device, latency_rate, latency_seconds)
            finally:
                device.close()
                if broker is not None:
                    broker.stop()
    raw_rate, e2e_rate = median(raw), median(e2e)
    return BusResult(
        events=events,
        rounds=rounds,
        raw_rate=raw_rate,
        e2e_rate=e2e_rate,
        stock_rate=median(stock),
        ratio=median([e / r for e, r in zip(e2e, raw, strict=True)]),
        stock_ratio=median([e / r for e, r in zip(e2e, stock, strict=True)]),
        ledger_cpu_us=median(ledger_us),
        device_cpu_us=median(device_us),
        latency_rate=latency_rate,
        latency_p50_ms=percentile(latencies, 50),
        latency_p99_ms=percentile(latencies, 99),
        latency_samples=len(latencies),
    )


__all__ = ["BusResult", "run_bus_bench"]
