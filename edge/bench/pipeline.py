"""`edge bench pipeline`: the gated camera worker beside a naive one, on 1080p synthetic video.

Measured in one run, one thread for the hot path, video decoding included. Both workers read
the video through the product's `StreamSource` (PyAV) with the same decoder threads
(`decode_threads`, 0: FFmpeg's choice): the gated one gets lazy colour as the camera worker
does (the gate reads luma, colour is converted only on frames that analyse bins), the naive
one asks for colour on every frame.
- frames/s and CPU ms per frame (medians) of the gated pipeline (gate → analyse changed bins →
  track) and of a naive worker, on a STATIC scene (no change, nobody passing) and on a scene
  with changes and a person walking past, each with their ratio. The naive worker is what a
  straightforward implementation does per frame: the product's full-frame decoding exactly as
  `edge decode` runs it (`decode_image` with the labels section's budget and second backend)
  plus the occupancy judge on every bin;
- on the changing video, how many frames after a true change the gated pipeline's event came,
  and whether any bin was reported empty while covered;
- change → ledger latency over the real delivery path (`edge.bench.pipeline_latency`), without
  a reference and again with the video's first frame taught as the reference;
- occupancy accuracy on fresh seeds of still scenes, without and with a taught reference;
- the worker's peak RSS in a process that runs only the worker (`edge.bench.pipeline_rss`).

A change the judge does not see (an emptied bin judged `unknown`: too little evidence) shows as
a change never detected or reached.
"""

from __future__ import annotations

import logging
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from edge.bench.stats import median
from edge.config.cameras import CameraConfig
from edge.config.labels import LabelsConfig
from edge.vision.analyze import Analyzer, AnalyzerConfig, Judge
from edge.vision.calibration import Calibration, parse_calibration
from edge.vision.decode import decode_image, to_gray
from edge.vision.picture import Picture
from edge.vision.pipeline import CameraPipeline
from edge.vision.sources import StreamSource
from edge.vision.watchdog import Frame

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]
Step = Callable[[int, Picture], object]

GATED_DOES = (
    "video decoded by PyAV ({threads}), colour converted only on frames that analyse; gate on "
    "a 1/8 gray frame from the luma; occupancy judge only on bins that changed, were uncovered "
    "or are due for the sweep; label decoding (40 ms budget) where something changed; tracker"
)
NAIVE_DOES = (
    "every frame: video decoded by PyAV ({threads}) and converted to colour; full-frame "
    "decode_image as `edge decode` (gray, budget {budget:g} ms, second backend {second}) + "
    "occupancy judge on all {bins} bins"
)


def threads_text(threads: int) -> str:
    """How a `decode_threads` setting reads in the bench's descriptions."""
    if threads == 0:
        return "FFmpeg's automatic decoder threads"
    return "one decoder thread" if threads == 1 else f"{threads} decoder threads"


@dataclass(frozen=True)
class SceneTiming:
    """Gated vs naive on one video, measured back to back."""

    scene: str
    rounds: int
    gated_frames: int
    gated_fps: float
    gated_cpu_ms: float
    naive_frames: int
    naive_fps: float
    naive_cpu_ms: float
    ratio: float  # median over rounds of gated frames/s ÷ naive frames/s
    ratio_range: tuple[float, float]  # lowest and highest round


@dataclass(frozen=True)
class PipelineBench:
    gated_does: str
    naive_does: str
    decode_threads: int  # PyAV decoder threads of the timing runs (0: FFmpeg's choice)
    static: SceneTiming
    changing: SceneTiming
    latency_frames_median: float | None
    latency_s_max: float | None
    changes: int
    changes_detected: int
    empty_while_occluded: int
    ledger_changes: int
    ledger_reached: int
    ledger_latency_median_s: float | None
    ledger_latency_max_s: float | None
    # the same run with the video's first frame taught as the reference (what an integrator does)
    ledger_reached_taught: int
    ledger_latency_median_s_taught: float | None
    ledger_latency_max_s_taught: float | None
    accuracy: float
    accuracy_reference: float
    occupied_called_empty: float
    occluded_called_empty: int
    bins_scored: int
    worker_rss_mb: float  # peak, in a process running only the worker on the 1080p video
    bench_peak_rss_mb: float  # this process, rendering included

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _open(path: Path, threads: int) -> StreamSource:
    source = StreamSource(str(path), live=False, threads=threads)
    source.open()
    return source


def _frames(path: Path, threads: int) -> Iterator[Picture]:
    source = _open(path, threads)
    try:
        while (picture := source.read()) is not None:
            yield picture
    finally:
        source.close()


def _time_loop(path: Path, step: Step, limit: int, threads: int) -> tuple[int, float, float]:
    """(frames, frames/s, median CPU ms per frame) of `step` over the video, decoding included
    (`process_time` counts the decoder's threads too)."""
    source = _open(path, threads)
    cpu: list[float] = []
    start = time.perf_counter()
    count = 0
    try:
        while count < limit:
            c0 = time.process_time()
            picture = source.read()
            if picture is None:
                break
            step(count, picture)
            cpu.append((time.process_time() - c0) * 1000.0)
            count += 1
        elapsed = time.perf_counter() - start
    finally:
        source.close()
    return count, count / max(elapsed, 1e-9), median(cpu)


def _gated(calibration: Calibration, judge: Judge, config: CameraConfig) -> CameraPipeline:
    analyzer = Analyzer(
        calibration,
        judge,
        config=AnalyzerConfig(decode_budget_ms=config.decode_budget_ms),
    )
    return CameraPipeline(analyzer, config, camera=calibration.camera)


def _gated_step(pipeline: CameraPipeline, fps: float) -> Step:
    return lambda i, picture: pipeline.process(_frame(i, picture, fps))


def _frame(index: int, picture: Picture, fps: float) -> Frame:
    return Frame(picture=picture, index=index, t=index / fps, wall=datetime.now(UTC))


def _compare(
    scene: str,
    path: Path,
    calibration: Calibration,
    judge: Judge,
    config: CameraConfig,
    naive_frames: int,
    labels: LabelsConfig,
    rounds: int,
    threads: int,
) -> SceneTiming:
    """Gated and naive alternate `rounds` times, so a noisy neighbour slows both alike; the
    ratio is the median of the per-round ratios."""
    naive = Analyzer(calibration, judge, config=AnalyzerConfig(read_labels=False))

    def naive_step(_i: int, picture: Picture) -> None:
        img = picture.bgr  # colour on every frame: the judge classifies every bin
        decode_image(
            to_gray(img), budget_ms=labels.decode_budget_ms, second_backend=labels.second_backend
        )
        naive.analyze(img)

    gated_runs: list[tuple[int, float, float]] = []
    naive_runs: list[tuple[int, float, float]] = []
    for _ in range(rounds):
        gated = _gated(calibration, judge, config)
        gated_runs.append(_time_loop(path, _gated_step(gated, config.fps), 100_000, threads))
        naive_runs.append(_time_loop(path, naive_step, naive_frames, threads))
    ratios = [g[1] / max(n[1], 1e-9) for g, n in zip(gated_runs, naive_runs, strict=True)]
    return SceneTiming(
        scene=scene,
        rounds=rounds,
        gated_frames=gated_runs[0][0],
        gated_fps=round(median([g[1] for g in gated_runs]), 1),
        gated_cpu_ms=round(median([g[2] for g in gated_runs]), 2),
        naive_frames=naive_runs[0][0],
        naive_fps=round(median([n[1] for n in naive_runs]), 2),
        naive_cpu_ms=round(median([n[2] for n in naive_runs]), 1),
        ratio=round(median(ratios), 1),
        ratio_range=(round(min(ratios), 1), round(max(ratios), 1)),
    )


def run_pipeline_bench(
    *,
    seed: int = 1,
    seconds: float = 20.0,
    fps: float = 10.0,
    size: tuple[int, int] = (1920, 1080),
    naive_frames: int = 20,
    accuracy_scenes: int = 12,
    rounds: int = 3,
    decode_threads: int = 0,
    judge: Judge | None = None,
    progress: Progress | None = None,
) -> PipelineBench:
    from edge.bench.pipeline_latency import measure_ledger_latency
    from edge.bench.pipeline_rss import measure_worker_rss
    from edge.synth import render_scene, render_video, teach_first_frame, write_calibration
    from edge.vision.occupancy import OccupancyJudge

    say = progress or (lambda _m: None)
    threads = decode_threads
    judge = judge or OccupancyJudge()
    config = CameraConfig(realtime=False, fps=fps)
    labels = LabelsConfig()
    with tempfile.TemporaryDirectory(prefix="edge-bench-") as tmp:
        folder = Path(tmp)
        say(f"rendering a static {size[0]}×{size[1]} rack video ({seconds:g} s)")
        static = folder / "static.mp4"
        cal_doc, _ = render_video(
            static, seed, seconds=seconds, fps=fps, size=size, changes=0, person=False
        )
        calibration = parse_calibration(cal_doc)
        say(f"gated vs naive on the static scene, {rounds} rounds (naive: {naive_frames} frames)")
        still = _compare(
            "static", static, calibration, judge, config, naive_frames, labels, rounds, threads
        )

        say("rendering a video with bin changes and a person walking past")
        moving = folder / "moving.mp4"
        cal_doc2, truth = render_video(
            moving, seed + 1, seconds=seconds, fps=fps, size=size, changes=4, person=True
        )
        calibration2 = parse_calibration(cal_doc2)
        say(f"gated vs naive on the changing scene, {rounds} rounds")
        busy = _compare(
            "changing", moving, calibration2, judge, config, naive_frames, labels, rounds, threads
        )
        latency = _latency(moving, calibration2, truth, judge, config, threads)

        say("worker RSS: the worker alone in a child process on the changing video")
        cal_path = folder / "moving.yaml"
        write_calibration(cal_doc2, cal_path)
        memory = measure_worker_rss(moving, cal_path, fps=fps)

        say(f"change → ledger: broker, ledger and worker at {fps:g} frames/s realtime")
        ledger = measure_ledger_latency(moving, cal_doc2, truth, fps=fps)
        say("change → ledger again, the first frame taught as the reference")
        taught_path = folder / "moving-taught.yaml"
        write_calibration(teach_first_frame(moving, cal_doc2, truth[0].states), taught_path)
        taught = measure_ledger_latency(moving, taught_path, truth, fps=fps)

    say(f"occupancy accuracy on {accuracy_scenes} fresh scenes")
    acc = _accuracy(seed + 1000, accuracy_scenes, size, judge, render_scene)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return PipelineBench(
        gated_does=GATED_DOES.format(threads=threads_text(threads)),
        naive_does=NAIVE_DOES.format(
            threads=threads_text(threads),
            budget=labels.decode_budget_ms,
            second="on" if labels.second_backend else "off",
            bins=len(calibration.bins),
        ),
        decode_threads=threads,
        static=still,
        changing=busy,
        ledger_changes=ledger.changes,
        ledger_reached=ledger.reached,
        ledger_latency_median_s=ledger.median_s,
        ledger_latency_max_s=ledger.max_s,
        ledger_reached_taught=taught.reached,
        ledger_latency_median_s_taught=taught.median_s,
        ledger_latency_max_s_taught=taught.max_s,
        worker_rss_mb=memory.peak_rss_mb,
        bench_peak_rss_mb=round(peak, 1),
        **latency,
        **acc,
    )


def _latency(
    path: Path,
    calibration: Calibration,
    truth: list[Any],
    judge: Judge,
    config: CameraConfig,
    threads: int,
) -> dict[str, Any]:
    pipeline = _gated(calibration, judge, config)
    events: list[tuple[int, str, str]] = []
    for i, picture in enumerate(_frames(path, threads)):
        for e in pipeline.process(_frame(i, picture, config.fps)):
            if e.type.startswith("bin.") and e.location:
                events.append((i, e.location, e.type[4:]))
    changes = [
        (t.index, loc, state)
        for t in truth[1:]
        for loc, state in t.states.items()
        if truth[t.index - 1].states[loc] != state
    ]
    delays = []
    for index, loc, state in changes:
        later = [i for i, el, es in events if el == loc and es == state and i >= index]
        if later:
            delays.append(later[0] - index)
    covered = sum(1 for i, loc, state in events if state == "empty" and loc in truth[i].occluded)
    return {
        "latency_frames_median": median(delays) if delays else None,
        "latency_s_max": round(max(delays) / config.fps, 2) if delays else None,
        "changes": len(changes),
        "changes_detected": len(delays),
        "empty_while_occluded": covered,
    }


def _accuracy(
    first_seed: int, scenes: int, size: tuple[int, int], judge: Judge, render: Any
) -> dict[str, Any]:
    right = right_ref = visible = 0
    occupied = occupied_empty = occluded_empty = 0
    rng = np.random.default_rng(first_seed)
    for seed in range(first_seed, first_seed + scenes):
        ref_scene = render(seed, size=size, occluders=False, variant=0)
        taught = {b.location: b.state for b in ref_scene.truth}
        states = {loc: str(rng.choice(["empty", "occupied"])) for loc in taught}
        scene = render(seed, size=size, states=states, variant=1)
        calibration = parse_calibration(scene.calibration)
        plain = Analyzer(calibration, judge, config=AnalyzerConfig(read_labels=False))
        doc = dict(scene.calibration)
        doc["reference"] = {"image": "reference.png", "states": taught}
        with_ref = Analyzer(
            parse_calibration(doc),
            judge,
            config=AnalyzerConfig(read_labels=False),
            reference=ref_scene.image,
        )
        by_loc = {b.location: b for b in scene.truth}
        for a, r in zip(plain.analyze(scene.image), with_ref.analyze(scene.image), strict=True):
            t = by_loc[a.location]
            if t.occluded:
                occluded_empty += (a.state == "empty") + (r.state == "empty")
                continue
            visible += 1
            right += a.state == t.state
            right_ref += r.state == t.state
            if t.state == "occupied":
                occupied += 2
                occupied_empty += (a.state == "empty") + (r.state == "empty")
    return {
        "accuracy": round(right / max(1, visible), 4),
        "accuracy_reference": round(right_ref / max(1, visible), 4),
        "occupied_called_empty": round(occupied_empty / max(1, occupied), 4),
        "occluded_called_empty": occluded_empty,
        "bins_scored": visible,
    }
