"""Bin crops with labels for training and evaluating occupancy judges.

Per seed: one rack, a taught reference frame (no occluders, its own bin states) and a later
frame (other states, other light, occluders, sometimes restocked bins). Every bin gives one
`CropSample`: the crop of the later frame through a slightly mis-clicked calibration polygon,
the crop of the reference through the same polygon, the taught state and the true label.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from edge.synth.degrade import nudge, random_photometry
from edge.synth.rack import make_layout
from edge.synth.render import RackRenderer, State
from edge.vision.crop import rectify_bin

logger = logging.getLogger(__name__)

EMPTY, OCCUPIED, OCCLUDED = 0, 1, 2
CLASS_NAMES = ("empty", "occupied", "occluded")
OCCLUDED_TRAIN = 0.12  # hidden at least this much: labelled occluded
CLEAR_TRAIN = 0.03  # hidden between CLEAR_TRAIN and OCCLUDED_TRAIN: ambiguous, left out

_SIZES = ((960, 540), (1280, 720), (1920, 1080), (800, 600))


@dataclass(frozen=True)
class CropSample:
    crop: np.ndarray  # BGR uint8, crop_size
    label: int  # EMPTY, OCCUPIED or OCCLUDED
    reference: np.ndarray  # the same bin in the taught reference frame
    taught: State
    state: State  # the bin's true state, even when hidden
    occluded_fraction: float
    seed: int
    location: str
    centre: tuple[float, float] = (0.0, 0.0)  # of the clicked polygon, in frame pixels


def jitter_polygon(poly: np.ndarray, rng: np.random.Generator, amount: float) -> np.ndarray:
    """An operator's click: corners off by a few percent of the bin's size."""
    side = float(np.linalg.norm(poly[1] - poly[0]) + np.linalg.norm(poly[2] - poly[1])) / 2
    noise = np.clip(
        rng.normal(0, amount * side, poly.shape), -2.5 * amount * side, 2.5 * amount * side
    )
    return poly + noise + rng.normal(0, amount * side * 0.5, (1, 2))


def scene_samples(
    seed: int,
    *,
    crop_size: tuple[int, int] = (64, 64),
    size: tuple[int, int] | None = None,
    jitter: float = 0.03,
    occluders: tuple[int, ...] = (0, 1, 1, 2, 3),
    keep_ambiguous: bool = False,
) -> list[CropSample]:
    """All bins of one synthetic rack as labelled crops (deterministic in `seed`)."""
    rng = np.random.default_rng([seed, 100])
    if size is None:
        size = _SIZES[int(rng.integers(len(_SIZES)))]
    layout = make_layout(seed, size)
    renderer = RackRenderer(layout)
    locations = [b.location for b in layout.bins]
    p_empty_ref, p_empty_now = rng.uniform(0.2, 0.7, 2)
    taught: dict[str, State] = {
        loc: "empty" if rng.random() < p_empty_ref else "occupied" for loc in locations
    }
    now: dict[str, State] = {}
    for loc in locations:
        # most bins keep their state between teaching and now, as on a real rack
        if rng.random() < 0.5:
            now[loc] = taught[loc]
        else:
            now[loc] = "empty" if rng.random() < p_empty_now else "occupied"
    refills = {loc: 1 for loc in locations if rng.random() < 0.3}
    photo_ref = random_photometry(rng)
    photo_now = nudge(photo_ref, rng, 1.0) if rng.random() < 0.5 else random_photometry(rng)
    ref_image, _ = renderer.render(taught, photometry=photo_ref, noise_rng=rng)
    image, fractions = renderer.render(
        now,
        photometry=photo_now,
        noise_rng=rng,
        occluder_rng=rng,
        occluders=int(rng.choice(occluders)),
        refills=refills,
    )
    samples: list[CropSample] = []
    for loc in locations:
        frac = fractions[loc]
        if frac >= OCCLUDED_TRAIN:
            label = OCCLUDED
        elif frac > CLEAR_TRAIN and not keep_ambiguous:
            continue
        else:
            label = EMPTY if now[loc] == "empty" else OCCUPIED
        poly = np.asarray(renderer.polygon(loc), np.float64)
        clicked = jitter_polygon(poly, rng, jitter) if jitter > 0 else poly
        samples.append(
            CropSample(
                crop=rectify_bin(image, clicked, crop_size),
                label=label,
                reference=rectify_bin(ref_image, clicked, crop_size),
                taught=taught[loc],
                state=now[loc],
                occluded_fraction=frac,
                seed=seed,
                location=loc,
                centre=(float(clicked[:, 0].mean()), float(clicked[:, 1].mean())),
            )
        )
    return samples


def samples_for_seeds(seeds: range | list[int], **kwargs: object) -> list[CropSample]:
    out: list[CropSample] = []
    for seed in seeds:
        out.extend(scene_samples(seed, **kwargs))  # type: ignore[arg-type]
    return out
