"""`edge bench bus`."""

from __future__ import annotations

from dataclasses import asdict

import click

from edge.cli.app import bench
from edge.cli.options import json_option, print_json, say


@bench.command("bus")
@click.option("--events", default=5000, show_default=True, help="Events per round.")
@click.option("--rounds", default=3, show_default=True, help="Rounds (medians are reported).")
@click.option("--latency-rate", default=200.0, show_default=True, help="Events/s offered.")
@click.option("--latency-seconds", default=5.0, show_default=True)
@click.option("--broker", "broker_url", help="Use this broker instead of an embedded Mosquitto.")
@json_option
def bench_bus(
    events: int,
    rounds: int,
    latency_rate: float,
    latency_seconds: float,
    broker_url: str | None,
    as_json: bool,
) -> None:
    """End-to-end events/s and latency, beside raw paho QoS 1 to the same broker.

    \b
    Example:
      edge bench bus --events 5000 --rounds 3
    """
    from edge.bench.bus import run_bus_bench

    result = run_bus_bench(events, rounds, latency_rate, latency_seconds, broker_url, progress=say)
    if as_json:
        print_json(asdict(result))
        return
    click.echo(f"{'measure':<44}{'median':>12}")
    click.echo(f"{'raw paho QoS 1, edge-tuned client (msg/s)':<44}{result.raw_rate:>12.0f}")
    click.echo(f"{'raw paho QoS 1, stock client (msg/s)':<44}{result.stock_rate:>12.0f}")
    click.echo(f"{'end to end: outbox→ledger commit→ack (ev/s)':<44}{result.e2e_rate:>12.0f}")
    click.echo(f"{'ratio end to end / edge-tuned raw (paired)':<44}{result.ratio:>12.0%}")
    click.echo(f"{'ratio end to end / stock raw (paired)':<44}{result.stock_ratio:>12.0%}")
    click.echo(f"{'ledger CPU per event (µs)':<44}{result.ledger_cpu_us:>12.0f}")
    click.echo(f"{'device CPU per event (µs)':<44}{result.device_cpu_us:>12.0f}")
    click.echo(
        f"{f'latency p50 at {result.latency_rate:.0f} ev/s (ms)':<44}{result.latency_p50_ms:>12.1f}"
    )
    click.echo(
        f"{f'latency p99 at {result.latency_rate:.0f} ev/s (ms)':<44}{result.latency_p99_ms:>12.1f}"
    )
