"""`edge bench pipeline` on a tiny run: every figure is there and coherent (speed itself is for
the benchmark to report, not for a test to assert)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_bench_pipeline_reports_every_figure() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "edge", "bench", "pipeline", "--seconds", "2",
         "--naive-frames", "3", "--scenes", "1", "--rounds", "2", "--decode-threads", "1",
         "--json"],
        capture_output=True, text=True, timeout=240, check=True,
    )  # fmt: skip
    result = json.loads(out.stdout)
    assert result["decode_threads"] == 1
    assert "one decoder thread" in result["gated_does"]
    assert "one decoder thread" in result["naive_does"]
    for scene in ("static", "changing"):
        timing = result[scene]
        assert timing["gated_frames"] == 20 and timing["naive_frames"] == 3
        assert timing["gated_fps"] > 0 and timing["naive_fps"] > 0
        assert timing["rounds"] == 2
        low, high = timing["ratio_range"]
        assert 0 < low <= timing["ratio"] <= high
    assert 0.0 <= result["accuracy"] <= 1.0 and 0.0 <= result["accuracy_reference"] <= 1.0
    assert result["bins_scored"] > 0
    assert result["empty_while_occluded"] == 0
    assert 0 < result["worker_rss_mb"] < result["bench_peak_rss_mb"]
    assert result["ledger_reached"] <= result["ledger_changes"]
    assert result["ledger_reached_taught"] <= result["ledger_changes"]
