"""Batches of model input from training pairs: empty exemplars, shared and per-frame light,
swapped frames, reference and exemplar dropout.
"""

from __future__ import annotations

import cv2
import numpy as np

from edge.synth.dataset import CLEAR_TRAIN
from edge.vision.occupancy import (
    CHANNELS,
    INPUT_SIZE,
    normalise,
)

REF_DROPOUT = 0.5
EXEMPLAR_DROPOUT = 0.3


def _photometric(out: np.ndarray, rng: np.random.Generator, scale: np.ndarray) -> np.ndarray:
    """Light and camera variation of one frame (float32 N×64×64×3, changed in place)."""
    n = len(out)
    out *= rng.uniform(0.6, 1.4, (n, 1, 1, 3)).astype(np.float32) ** 0.5
    out *= rng.uniform(0.5, 1.5, (n, 1, 1, 1)).astype(np.float32)
    ramp = np.linspace(-0.5, 0.5, INPUT_SIZE, dtype=np.float32)
    gx, gy = rng.normal(0, 0.25, (2, n, 1, 1, 1)).astype(np.float32)
    out *= 1 + gx * ramp[None, None, :, None] + gy * ramp[None, :, None, None]
    for i in np.flatnonzero(rng.random(n) < 0.2):
        out[i] = cv2.GaussianBlur(out[i], (0, 0), float(rng.uniform(0.5, 1.5)))
    for i in np.flatnonzero(scale < 1):  # a smaller bin in the frame
        f = float(scale[i])
        small = cv2.resize(out[i], None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        out[i] = cv2.resize(small, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_LINEAR)
    noise = rng.normal(0, 1, out.shape).astype(np.float32)
    out += noise * rng.uniform(0, 8, (n, 1, 1, 1)).astype(np.float32)
    gamma = rng.uniform(0.7, 1.4, (n, 1, 1, 1)).astype(np.float32)
    return np.asarray(255.0 * (np.clip(out, 0, 255) / 255.0) ** gamma, np.float32)


def _nearest_donor(seeds: np.ndarray, donor: np.ndarray) -> np.ndarray:
    """Per sample, the index of the nearest other sample of the same rack (layout order: the
    neighbour on the shelf) that may serve as an empty exemplar; -1 when the rack has none."""
    out = np.full(len(seeds), -1, np.int64)
    bounds = np.flatnonzero(np.diff(seeds)) + 1
    for start, stop in zip(np.r_[0, bounds], np.r_[bounds, len(seeds)], strict=True):
        donors = start + np.flatnonzero(donor[start:stop])
        for i in range(start, stop):
            others = donors[donors != i]
            if len(others):
                out[i] = others[np.argmin(np.abs(others - i))]
    return out


def exemplar_donors(data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Empty exemplars of both frames of each pair: in the later frame a visible empty bin
    (as the runtime's confidently-empty bins), in the reference frame a bin taught empty."""
    clear = data["fraction"] <= CLEAR_TRAIN
    return {
        "exemplar_now": _nearest_donor(data["seed"], data["state_empty"] & clear),
        "exemplar_ref": _nearest_donor(data["seed"], data["taught_empty"]),
    }


def augment_pairs(
    data: dict[str, np.ndarray], idx: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Model input (N×10×64×64) and targets for one batch of pairs.

    Geometry and colour (tote and part colours) are shared by both frames; light, blur and
    noise differ, as between teaching and now, and each frame's empty exemplar gets its frame's
    light. Visible pairs are swapped half the time (the reference frame is a valid visible crop
    whose state is the taught one), the reference is sometimes shifted by a few pixels (a
    camera nudged since teaching), and dropped (`REF_DROPOUT`) to train the no-reference path.
    The exemplar comes from the reference frame when there is a reference, else from the
    current frame, and is dropped `EXEMPLAR_DROPOUT` of the time.
    """
    labels = data["labels"][idx].copy()
    n = len(labels)
    frame_now, frame_ref = (
        data["crops"][idx].astype(np.float32),
        data["refs"][idx].astype(np.float32),
    )
    donor_now, donor_ref = data["exemplar_now"][idx], data["exemplar_ref"][idx]
    ex_now = np.where(donor_now[:, None, None, None] >= 0, data["crops"][donor_now], 0)
    ex_ref = np.where(donor_ref[:, None, None, None] >= 0, data["refs"][donor_ref], 0)
    ex_now, ex_ref = ex_now.astype(np.float32), ex_ref.astype(np.float32)
    flip = rng.random(n) < 0.5
    frame_now[flip], frame_ref[flip] = frame_now[flip, :, ::-1], frame_ref[flip, :, ::-1]
    for i in np.flatnonzero(rng.random(n) < 0.5):  # other tote / part colours
        perm = rng.permutation(3)
        for frame in (frame_now, frame_ref, ex_now, ex_ref):
            frame[i] = frame[i][..., perm]
    gray = rng.random(n) < 0.1
    for frame in (frame_now, frame_ref, ex_now, ex_ref):
        frame[gray] = frame[gray].mean(axis=-1, keepdims=True)
    scale = np.where(rng.random(n) < 0.15, rng.uniform(0.3, 0.7, n), 1.0)
    light_now, light_ref = rng.integers(2**32, size=2)
    frames = []
    for light, pair in ((light_now, (frame_now, ex_now)), (light_ref, (frame_ref, ex_ref))):
        for image in pair:  # a frame and its exemplar under the same light
            frames.append(_photometric(image, np.random.default_rng(int(light)), scale))
    frame_now, ex_now, frame_ref, ex_ref = frames
    taught = np.where(data["taught_empty"][idx], 0, 1)
    swap = (labels != 2) & (rng.random(n) < 0.5)
    cur = np.where(swap[:, None, None, None], frame_ref, frame_now)
    ref = np.where(swap[:, None, None, None], frame_now, frame_ref)
    has_now, has_ref = donor_now >= 0, donor_ref >= 0
    cur_ex = np.where(swap[:, None, None, None], ex_ref, ex_now)  # the current frame's exemplar
    ref_ex = np.where(swap[:, None, None, None], ex_now, ex_ref)  # the reference frame's
    cur_has = np.where(swap, has_ref, has_now)
    ref_has = np.where(swap, has_now, has_ref)
    labels, taught = np.where(swap, taught, labels), np.where(swap, labels, taught)
    for i in np.flatnonzero(rng.random(n) < 0.3):
        dy, dx = rng.integers(-2, 3, 2)
        ref[i] = np.roll(ref[i], (int(dy), int(dx)), axis=(0, 1))
    x = np.zeros((n, CHANNELS, INPUT_SIZE, INPUT_SIZE), np.float32)
    x[:, :3] = normalise(list(cur.astype(np.uint8)))
    keep = rng.random(n) >= REF_DROPOUT
    x[keep, 3:6] = normalise(list(ref[keep].astype(np.uint8)))
    x[keep, 6] = np.where(taught[keep] == 0, 1.0, -1.0)[:, None, None]
    exemplar = np.where(keep[:, None, None, None], ref_ex, cur_ex)
    has = np.where(keep, ref_has, cur_has) & (rng.random(n) >= EXEMPLAR_DROPOUT)
    if has.any():
        x[has, 7:10] = normalise(list(exemplar[has].astype(np.uint8)))
    return x, labels
