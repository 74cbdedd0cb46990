"""The change gate on small synthetic frames: what is analysed, what is held, what is occluded."""

from __future__ import annotations

import numpy as np
import pytest

from edge.config.cameras import GateConfig
from edge.vision.gate import Gate, GateDecision
from edge.vision.shrink import downscale

W, H = 640, 360
COLS, ROWS = 4, 2


def _bins() -> dict[str, list[list[float]]]:
    polys = {}
    for r in range(ROWS):
        for c in range(COLS):
            x0, y0 = 40.0 + c * 145, 30.0 + r * 160
            polys[f"A-{r}{c}"] = [[x0, y0], [x0 + 120, y0], [x0 + 120, y0 + 120], [x0, y0 + 120]]
    return polys


POLYS = _bins()


def _frame(
    occupied: set[str] = frozenset(),  # type: ignore[assignment]
    *,
    brightness: int = 0,
    person_x: int | None = None,
    noise_seed: int | None = 0,
) -> np.ndarray:
    img = np.full((H, W, 3), 150, np.uint8)
    for location, poly in POLYS.items():
        (x0, y0), (x1, y1) = poly[0], poly[2]
        img[int(y0) : int(y1), int(x0) : int(x1)] = (60, 70, 80)
        if location in occupied:
            img[int(y0) + 25 : int(y1) - 10, int(x0) + 20 : int(x1) - 20] = (30, 140, 220)
    if person_x is not None:
        img[20:350, person_x : person_x + 110] = (40, 40, 160)
    if noise_seed is not None:
        rng = np.random.default_rng(noise_seed)
        img = np.clip(img.astype(np.int16) + rng.integers(-4, 5, img.shape), 0, 255)
    return np.clip(img.astype(np.int16) + brightness, 0, 255).astype(np.uint8)


def _gate(**overrides: float) -> Gate:
    config = GateConfig(scale=0.125, sweep_period=1000.0, **overrides)  # type: ignore[arg-type]
    return Gate.for_polygons(POLYS, (W, H), config)


def _feed(
    gate: Gate, frames: list[np.ndarray], t0: float = 0.0, dt: float = 0.1
) -> list[GateDecision]:
    return [gate.update(downscale(f, (80, 45)), t0 + i * dt) for i, f in enumerate(frames)]


def _settle(gate: Gate) -> None:
    frames = [_frame(noise_seed=i) for i in range(5)]
    _feed(gate, frames)
    gate.analysed(POLYS, downscale(frames[-1], (80, 45)))


def test_static_scene_needs_no_analysis() -> None:
    gate = _gate()
    _settle(gate)
    decisions = _feed(gate, [_frame(noise_seed=10 + i) for i in range(10)], t0=1.0)
    assert all(not d.busy and not d.to_analyse and not d.occluded for d in decisions)


def test_one_bin_change_hands_over_only_that_bin_once_still() -> None:
    gate = _gate(still_frames=3)
    _settle(gate)
    frames = [_frame({"A-12"}, noise_seed=20 + i) for i in range(5)]
    decisions = _feed(gate, frames, t0=1.0)
    # The first frames show the change as motion; the bin is analysed once it has been still.
    assert decisions[0].changed == ()
    assert "A-12" in decisions[0].moving
    ready = [d for d in decisions if d.changed]
    assert ready, "a still, changed bin must be handed to analysis"
    assert ready[0].changed == ("A-12",)
    assert not ready[0].busy


def test_analysed_bin_becomes_the_baseline() -> None:
    gate = _gate()
    _settle(gate)
    frames = [_frame({"A-00"}, noise_seed=30 + i) for i in range(6)]
    decisions = _feed(gate, frames, t0=1.0)
    assert decisions[-1].changed == ("A-00",)
    gate.analysed(["A-00"], downscale(frames[-1], (80, 45)))
    after = _feed(gate, [_frame({"A-00"}, noise_seed=40 + i) for i in range(3)], t0=2.0)
    assert all(d.changed == () for d in after)


def test_person_walking_past_holds_the_scene() -> None:
    gate = _gate()
    _settle(gate)
    frames = [_frame(person_x=x, noise_seed=x) for x in range(0, 560, 50)]
    decisions = _feed(gate, frames, t0=1.0)
    assert sum(d.busy for d in decisions) >= len(decisions) - 1
    assert all(d.changed == () for d in decisions)


def test_person_standing_in_front_is_occlusion_not_change() -> None:
    gate = _gate(still_frames=2)
    _settle(gate)
    frames = [_frame(person_x=150, noise_seed=50 + i) for i in range(8)]
    decisions = _feed(gate, frames, t0=1.0)
    last = decisions[-1]
    assert not last.busy
    assert "A-01" in last.occluded and "A-11" in last.occluded
    assert not set(last.changed) & {"A-01", "A-11"}
    assert "A-03" not in last.occluded


def test_global_light_change_neither_holds_nor_flags_bins() -> None:
    gate = _gate()
    _settle(gate)
    decisions = _feed(gate, [_frame(brightness=35, noise_seed=60 + i) for i in range(6)], t0=1.0)
    assert not any(d.busy for d in decisions)
    assert all(d.changed == () and d.occluded == () for d in decisions)


@pytest.mark.parametrize("period", [0.8, 1.6])
def test_sweep_visits_every_bin_once_per_period(period: float) -> None:
    config = GateConfig(scale=0.125, sweep_period=period)
    gate = Gate.for_polygons(POLYS, (W, H), config)
    _settle(gate)
    frames = [_frame(noise_seed=i) for i in range(int(period * 10) + 2)]
    decisions = _feed(gate, frames, t0=0.5)
    swept = [loc for d in decisions for loc in d.sweep]
    assert sorted(set(swept)) == sorted(POLYS)
    # A slow sweep: about one period's worth of bins, not every bin on every frame.
    assert len(swept) <= len(POLYS) * (len(frames) * 0.1 / period) + 1


def test_downscale_of_a_large_frame_averages_away_sensor_noise() -> None:
    rng = np.random.default_rng(3)
    scene = np.zeros((1080, 1920, 3), np.uint8)
    scene[:, :960] = (40, 90, 160)
    scene[:, 960:] = (200, 180, 20)

    def noisy() -> np.ndarray:
        # a poor sensor: σ = 12 grey levels per channel and pixel
        return np.clip(scene + rng.normal(0, 12, scene.shape), 0, 255).astype(np.uint8)

    first = downscale(noisy(), (240, 135)).astype(np.float64)
    second = downscale(noisy(), (240, 135)).astype(np.float64)
    clean = downscale(scene, (240, 135)).astype(np.float64)
    assert first.shape == (135, 240)
    # the sampled path keeps the picture (left and right halves stay apart)...
    assert abs(clean[:, :110].mean() - clean[:, 130:].mean()) > 25
    # ...and averages the noise down (a single pixel's grey noise would be σ ≈ 8)...
    assert (first - clean)[:, 2:-2].std() < 5.0
    # ...so two frames of a still scene almost never differ by the default threshold (16)
    changed = np.abs(first - second)[:, 2:-2] > GateConfig().pixel_threshold
    assert changed.mean() < 0.01


def test_gate_counts_match_masked_sums() -> None:
    gate = Gate.for_polygons(POLYS, (W, H), GateConfig(scale=0.25))
    width, height = round(W * 0.25), round(H * 0.25)
    image = np.random.default_rng(5).random((height, width)) > 0.7
    from edge.vision.gate import _MaskCounter

    inside, ring = _MaskCounter(gate.masks, width).count(image)
    for i, mask in enumerate(gate.masks):
        y0, y1, x0, x1 = mask.box
        local = image[y0:y1, x0:x1]
        assert inside[i] == local[mask.inside].sum()
        assert ring[i] == local[mask.ring].sum()
