"""`edge bench pipeline`: gated vs naive camera worker on 1080p synthetic video, latency, RSS."""

from __future__ import annotations

import json
import sys

import click

from edge.cli.app import bench


@bench.command("pipeline")
@click.option("--seed", default=1, show_default=True, help="Seed of the synthetic rack.")
@click.option("--seconds", default=20.0, show_default=True, help="Length of the video.")
@click.option("--fps", default=10.0, show_default=True, help="Frame rate of the video.")
@click.option("--naive-frames", default=20, show_default=True, help="Frames the naive worker runs.")
@click.option("--scenes", default=12, show_default=True, help="Fresh scenes for accuracy.")
@click.option(
    "--rounds", default=3, show_default=True, help="Alternating gated/naive timing rounds."
)
@click.option(
    "--decode-threads",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="PyAV decoder threads of the gated and naive timing runs (0: FFmpeg's choice; the "
    "camera worker uses 1).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def bench_pipeline(
    seed: int,
    seconds: float,
    fps: float,
    naive_frames: int,
    scenes: int,
    rounds: int,
    decode_threads: int,
    as_json: bool,
) -> None:
    """Frames/s and CPU ms per frame of the gated worker beside a naive one, latency, RSS.

    Gated and naive alternate in this process on the same 1080p videos (medians over
    `--rounds`, the ratio per round): a static rack, then a rack with bin changes and a person
    walking past. Both read the video with PyAV (`--decode-threads`); the gated worker converts
    colour only on frames that analyse bins, the naive one on every frame. The naive worker
    does, per frame, the full-frame decoding `edge decode` does plus the occupancy judge on
    every bin. The change → ledger latency runs an embedded Mosquitto, a ledger and the worker
    at the video's frame rate in real time, without a reference and with the first frame
    taught (as `edge calibrate teach` would); the worker's RSS is measured in a process running
    only the worker (both with the worker's own decoding: one thread).
    Progress goes to stderr.

    \b
    Example:
      edge bench pipeline --seconds 20 --json
    """
    from edge.bench.pipeline import run_pipeline_bench

    def progress(message: str) -> None:
        click.echo(f"… {message}", err=True)

    result = run_pipeline_bench(
        seed=seed,
        seconds=seconds,
        fps=fps,
        naive_frames=naive_frames,
        accuracy_scenes=scenes,
        rounds=rounds,
        decode_threads=decode_threads,
        progress=progress,
    )
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict()) + "\n")
        return
    rows: list[tuple[str, str, str]] = [
        ("gated worker does", result.gated_does, ""),
        ("naive worker does", result.naive_does, ""),
        ("decode threads", str(result.decode_threads), "0: FFmpeg's automatic threading"),
    ]
    for timing in (result.static, result.changing):
        rows += [
            (
                f"{timing.scene}: gated",
                f"{timing.gated_fps:.1f} frames/s",
                f"{timing.gated_cpu_ms:.2f} CPU ms/frame ({timing.gated_frames} frames)",
            ),
            (
                f"{timing.scene}: naive",
                f"{timing.naive_fps:.2f} frames/s",
                f"{timing.naive_cpu_ms:.1f} CPU ms/frame ({timing.naive_frames} frames)",
            ),
            (
                f"{timing.scene}: ratio",
                f"{timing.ratio:.1f} ×",
                f"gated ÷ naive frames/s, median of {timing.rounds} rounds "
                f"({timing.ratio_range[0]:.1f}–{timing.ratio_range[1]:.1f})",
            ),
        ]
    rows += [
        (
            "changes → event",
            f"{result.changes_detected}/{result.changes} detected",
            f"median {result.latency_frames_median} frames, max {result.latency_s_max} s",
        ),
        (
            "changes → ledger",
            f"{result.ledger_reached}/{result.ledger_changes} reached",
            f"median {result.ledger_latency_median_s} s, max {result.ledger_latency_max_s} s",
        ),
        (
            "changes → ledger, taught",
            f"{result.ledger_reached_taught}/{result.ledger_changes} reached",
            f"median {result.ledger_latency_median_s_taught} s, "
            f"max {result.ledger_latency_max_s_taught} s",
        ),
        ("empty while covered", str(result.empty_while_occluded), ""),
        (
            "accuracy",
            f"{result.accuracy:.1%} plain, {result.accuracy_reference:.1%} with reference",
            f"{result.bins_scored} visible bins",
        ),
        ("occupied called empty", f"{result.occupied_called_empty:.1%}", ""),
        ("occluded called empty", str(result.occluded_called_empty), ""),
        (
            "worker RSS",
            f"{result.worker_rss_mb:.0f} MB peak, worker-only process",
            f"bench peak {result.bench_peak_rss_mb:.0f} MB",
        ),
    ]
    for name, value, note in rows:
        click.echo(f"{name:<26} {value:<40} {note}")
