"""Synthetic rack videos: a static rack whose bins empty and refill while a person walks past.

The rack is drawn once per distinct set of bin states; each frame then only adds the person,
fresh sensor noise and the video codec, so a minute of 1080p video renders in seconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from edge.synth.degrade import apply_photometry, light_field, random_photometry
from edge.synth.occluders import Person, draw_person, random_person
from edge.synth.rack import make_layout
from edge.synth.render import OCCLUDED_FRACTION, RackRenderer, State, random_states

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VideoFrameTruth:
    index: int
    time_s: float
    states: dict[str, str]
    occluded: frozenset[str]


@dataclass(frozen=True)
class BinChange:
    """At `time_s` the bin at `location` becomes `state` (a refill brings new stock)."""

    time_s: float
    location: str
    state: State


def plan_changes(
    seed: int, states: dict[str, State], seconds: float, changes: int
) -> list[BinChange]:
    """Alternately empty an occupied bin and refill one emptied earlier, spread over the video."""
    rng = np.random.default_rng([seed, 9])
    current = dict(states)
    emptied: list[str] = []
    out: list[BinChange] = []
    if changes <= 0:
        return out
    slots = np.linspace(0.12, 0.9, changes) * seconds
    for k, t in enumerate(slots):
        t = float(t + rng.uniform(-0.03, 0.03) * seconds)
        if k % 2 == 1 and emptied:
            loc = emptied.pop(0)
            out.append(BinChange(t, loc, "occupied"))
            current[loc] = "occupied"
            continue
        occupied = sorted(loc for loc, s in current.items() if s == "occupied")
        if not occupied:
            loc = sorted(current)[int(rng.integers(len(current)))]
            out.append(BinChange(t, loc, "occupied"))
            current[loc] = "occupied"
            continue
        loc = occupied[int(rng.integers(len(occupied)))]
        out.append(BinChange(t, loc, "empty"))
        current[loc] = "empty"
        emptied.append(loc)
    return out


def _walker(seed: int, size: tuple[int, int], seconds: float) -> tuple[Person, float, float]:
    """A person, and when they enter and leave the picture (walking left to right)."""
    rng = np.random.default_rng([seed, 10])
    _w, h = size
    person = random_person(rng, size)
    person = replace(
        person, height=float(h * rng.uniform(0.75, 1.05)), y_feet=float(h * rng.uniform(0.98, 1.12))
    )
    duration = min(seconds * 0.4, float(rng.uniform(3.0, 6.0)))
    start = float(rng.uniform(0.2, 0.55)) * max(seconds - duration, 0.0)
    return person, start, start + duration


def _noise_pool(
    rng: np.random.Generator, size: tuple[int, int], sigma: float, count: int = 5
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A few sensor-noise frames as (positive, negative) uint8 parts, reused cyclically."""
    w, h = size
    pool = []
    for _ in range(count):
        n = rng.standard_normal((h, w, 3), dtype=np.float32) * sigma
        pool.append((np.clip(n, 0, 255).astype(np.uint8), np.clip(-n, 0, 255).astype(np.uint8)))
    return pool


def render_video(
    path: Path,
    seed: int,
    *,
    seconds: float = 20.0,
    fps: float = 10.0,
    size: tuple[int, int] = (1920, 1080),
    changes: int = 4,
    person: bool = True,
    camera: str = "rack-a01",
    site: str = "plant-1",
) -> tuple[dict[str, Any], list[VideoFrameTruth]]:
    """Write an .mp4 of a static rack with bins emptying and refilling; return the calibration
    dict and the truth of every frame (states and the bins the person hides)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layout = make_layout(seed, size)
    renderer = RackRenderer(layout)
    states = random_states(seed, [b.location for b in layout.bins])
    plan = plan_changes(seed, states, seconds, changes)
    walker, enter, leave = _walker(seed, size, seconds)
    photo = replace(
        random_photometry(np.random.default_rng([seed, 7, 0]), strength=0.7),
        jpeg_quality=0,
        motion=0,
    )
    light = light_field(size, photo)
    clean = replace(photo, noise_sigma=0.0)
    noise = _noise_pool(np.random.default_rng([seed, 11]), size, photo.noise_sigma)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, size)
    if not writer.isOpened():
        raise RuntimeError(f"cannot open a video writer for {path}")
    # keyed by states AND refills: a refilled bin holds new stock, unlike its first picture
    cache: dict[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, int], ...]], np.ndarray] = {}
    refills: dict[str, int] = {}
    frames: list[VideoFrameTruth] = []
    w = size[0]
    total = max(1, round(seconds * fps))
    try:
        for index in range(total):
            t = index / fps
            current = dict(states)
            refills = {}
            for change in plan:
                if change.time_s <= t:
                    current[change.location] = change.state
                    if change.state == "occupied":
                        refills[change.location] = refills.get(change.location, 0) + 1
            key = (tuple(sorted(current.items())), tuple(sorted(refills.items())))
            if key not in cache:
                cache[key] = apply_photometry(
                    renderer.compose(current, refills), clean, np.random.default_rng(0), light=light
                )
            image = cache[key].copy()
            mask = np.zeros(image.shape[:2], np.uint8)
            if person and enter <= t <= leave:
                progress = (t - enter) / max(leave - enter, 1e-6)
                x = -0.25 * w + progress * 1.5 * w
                draw_person(image, mask, replace(walker, x=x, stride=walker.stride + t * 7.0))
            plus, minus = noise[index % len(noise)]
            cv2.add(image, plus, dst=image)
            cv2.subtract(image, minus, dst=image)
            writer.write(image)
            fractions = renderer.occluded_fractions(mask) if mask.any() else {}
            frames.append(
                VideoFrameTruth(
                    index=index,
                    time_s=round(t, 4),
                    states=dict(current),
                    occluded=frozenset(k for k, v in fractions.items() if v >= OCCLUDED_FRACTION),
                )
            )
            if index % max(1, total // 10) == 0:
                logger.debug("rendered frame %d/%d", index + 1, total)
    finally:
        writer.release()
    return renderer.calibration(camera, site), frames


def teach_first_frame(
    video: Path, calibration: dict[str, Any], states: dict[str, str]
) -> dict[str, Any]:
    """What an integrator does with `edge calibrate teach`: the first frame becomes the
    reference, with the state of every bin in it."""
    capture = cv2.VideoCapture(str(video))
    ok, frame = capture.read()
    capture.release()
    if not ok:
        return calibration
    reference = video.with_name(f"{video.stem}-reference.png")
    cv2.imwrite(str(reference), frame)
    return {**calibration, "reference": {"image": reference.name, "states": dict(states)}}
