"""Where the camera hangs and which locations it is calibrated for.

Real installs put the camera on the rack across the aisle (or under the ceiling over it), so it
sees this rack's face at 25–55° off square: big near locations that the frame cuts off, small
far ones. The calibration keeps those whose opening and label lie wholly in the frame and that
are at least about 60 px wide at 1080 lines (at most 30 of them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from edge.synth.aisle.camera import Lens, Pose, aim, make_lens
from edge.synth.aisle.geometry import Vec
from edge.synth.aisle.rack import Rack, Slot

MIN_BINS, MAX_BINS = 6, 30


@dataclass(frozen=True)
class View:
    pose: Pose
    lens: Lens
    look: float  # +1: looking towards +x down the aisle
    listed: tuple[int, ...]  # calibrated slots, in rack order


def frame_points(pose: Pose, lens: Lens, pts: Vec) -> Vec | None:
    """Frame pixels of 3-D points, or None if any is behind or beside the lens."""
    cam = pose.to_camera(pts)
    if cam[:, 2].min() < 0.3:
        return None
    return lens.to_frame(cam)


def _fitting(pose: Pose, lens: Lens, slots: Sequence[Slot]) -> list[int]:
    """Slots whose opening and label lie wholly in the frame, upright and big enough (all
    projected in one go: this runs for every camera tried)."""
    w, h = lens.size
    margin = 3 * h / 1080
    corners = np.concatenate([np.vstack([s.opening, s.label]) for s in slots])
    cam = pose.to_camera(corners).reshape(len(slots), 8, 3)
    ahead = cam[:, :, 2].min(axis=1) >= 0.3
    cam[:, :, 2] = np.maximum(cam[:, :, 2], 0.3)
    pix = lens.to_frame(cam.reshape(-1, 3)).reshape(len(slots), 8, 2)
    inside = (
        (pix.min(axis=(1, 2)) >= margin)
        & (pix[:, :, 0].max(axis=1) <= w - margin)
        & (pix[:, :, 1].max(axis=1) <= h - margin)
    )
    poly = pix[:, :4]
    xs, ys = poly[:, :, 0], poly[:, :, 1]
    # both right corners right of both left ones, both bottom corners under both top ones
    upright = (np.minimum(xs[:, 1], xs[:, 2]) > np.maximum(xs[:, 0], xs[:, 3])) & (
        np.minimum(ys[:, 2], ys[:, 3]) > np.maximum(ys[:, 0], ys[:, 1])
    )
    big = (np.ptp(xs, axis=1) >= 64 * h / 1080) & (np.ptp(ys, axis=1) >= 40 * h / 1080)
    return [int(i) for i in np.flatnonzero(ahead & inside & upright & big)]


def _pose(rack: Rack, rng: np.random.Generator, look: float) -> Pose:
    yaw = float(np.radians(rng.uniform(25, 55)))
    eye_z = -rack.aisle + float(rng.uniform(0.05, 0.25))
    start = rack.span[0] if look > 0 else rack.span[1]
    eye_x = start + look * float(rng.uniform(0.3, 3.0))
    if rack.holder == "pallet":
        eye_y = float(rng.uniform(1.6, 4.0))
    else:  # on the opposite rack, from a bit above its middle to a bit over its top
        eye_y = min(float(rng.uniform(0.45, 1.1)) * rack.height + 0.15, 3.2)
    # aim roughly at mid-height where the view axis meets the rack face
    reach = -eye_z / np.cos(yaw)
    pitch = np.arctan2(rack.height * 0.45 - eye_y, reach) + np.radians(rng.uniform(-5, 5))
    pitch = float(np.clip(pitch, -np.radians(15), np.radians(15)))
    roll = float(np.radians(rng.uniform(-1.5, 1.5)))
    return aim(np.array([eye_x, eye_y, eye_z]), look * yaw, pitch, roll)


def choose_view(rack: Rack, size: tuple[int, int], rng: np.random.Generator) -> View | None:
    """A camera that sees enough locations of this rack, or None after a few tries."""
    lens = make_lens(size, rng)
    for _ in range(20):
        look = 1.0 if rng.random() < 0.6 else -1.0
        pose = _pose(rack, rng, look)
        listed = _fitting(pose, lens, rack.slots)
        if len(listed) < MIN_BINS:
            continue
        if len(listed) > MAX_BINS:
            listed = sorted(int(i) for i in rng.choice(listed, MAX_BINS, replace=False))
        return View(pose, lens, look, tuple(listed))
    return None
