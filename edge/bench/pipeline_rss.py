"""The camera worker's memory in a process of its own (`edge bench pipeline`'s RSS figure).

`measure_worker_rss(video, calibration)` runs `python -m edge.bench.pipeline_rss VIDEO CAL` and
returns that process's peak RSS (VmHWM): only the worker (model, decoder, video reader, gate,
tracker) is resident, not the bench that rendered the videos. Events go to a counting sink.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerMemory:
    """Peak RSS of a worker-only process, and what it ran."""

    peak_rss_mb: float
    frames: int
    events: int


class _CountingSink:
    """An `EventSink` that keeps nothing (the outbox is not part of the worker's memory)."""

    def __init__(self) -> None:
        self.count = 0

    def emit(
        self, type: str, *, source: str, observed_at: datetime | None = None, **fields: Any
    ) -> Any:
        self.count += 1
        return None


def _run(video: Path, calibration: Path, fps: float) -> WorkerMemory:
    from edge.config.cameras import CameraConfig
    from edge.vision.worker import peak_rss_mb, run_worker

    sink = _CountingSink()
    config = CameraConfig(source=str(video), fps=fps, realtime=False)
    result = run_worker(config, calibration, sink, stop=threading.Event())
    return WorkerMemory(
        peak_rss_mb=round(peak_rss_mb(), 1), frames=result.frames, events=sink.count
    )


def measure_worker_rss(video: Path, calibration: Path, *, fps: float = 10.0) -> WorkerMemory:
    """Run the worker on `video` in a child process; its peak RSS."""
    proc = subprocess.run(
        [sys.executable, "-m", "edge.bench.pipeline_rss", str(video), str(calibration), str(fps)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker RSS process failed: {proc.stderr.strip()[-500:]}")
    doc = json.loads(proc.stdout.strip().splitlines()[-1])
    return WorkerMemory(**doc)


def main(argv: list[str]) -> int:
    video, calibration, fps = Path(argv[0]), Path(argv[1]), float(argv[2])
    memory = _run(video, calibration, fps)
    sys.stdout.write(json.dumps(memory.__dict__) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
