"""One independent scene: a taught reference frame and a later frame of the same camera and rack,
with calibration files in the contract format and the truth of every bin.

Written separately from the training generator (`edge.synth`), on purpose in another style:
the rack is painted front-on as a small 3D scene (perspective into every bin's depth), then
warped into the camera by a homography and barrel distortion; light, noise and JPEG last.
Seeds from 700000 measure (`edge bench occupancy`); 800000–810059 train (see __init__).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from edge.synth.independent.cavity import BinLook, paint_level
from edge.synth.independent.foreground import add_occluders
from edge.synth.independent.geometry import Camera
from edge.synth.independent.goods import pick_kind
from edge.synth.independent.layout import Layout, make_layout
from edge.synth.independent.paint import Image
from edge.synth.independent.photo import photograph
from edge.synth.independent.structure import paint_background, paint_frame
from edge.synth.scene_truth import BinTruth, RenderedScene, hidden_share, write_scene

SIZES = ((1920, 1080), (1280, 720), (1600, 1200))
LITTER_SHARE = 0.3


def _looks(rng: np.random.Generator, layout: Layout) -> tuple[list[BinLook], list[BinLook]]:
    """Bin contents in the reference frame and in the later frame."""
    n = len(layout.slots)

    def new(occupied: bool) -> BinLook:
        seed = int(rng.integers(2**31))
        if occupied:
            return BinLook(pick_kind(rng, layout.style), seed)
        return BinLook(
            None, seed, int(rng.integers(2**31)) if rng.random() < LITTER_SHARE else None
        )

    share = rng.uniform(0.35, 0.75)
    before = [new(bool(rng.random() < share)) for _ in range(n)]
    changed = set(
        rng.choice(n, size=max(1, round(rng.uniform(0.3, 0.5) * n)), replace=False).tolist()
    )
    after = []
    for i, look in enumerate(before):
        if i in changed:
            after.append(new(not look.occupied))
        elif look.occupied and rng.random() < 0.25:  # restocked with other goods
            after.append(new(True))
        else:
            after.append(look)
    return before, after


def _grime(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A fixed multiplicative surface texture (uneven paint, dirt, wear) of the canvas."""
    w, h = size
    fine = rng.normal(1.0, 0.05, (max(2, h // 3), max(2, w // 3))).astype(np.float32)
    coarse = rng.normal(1.0, 0.06, (max(2, h // 60), max(2, w // 60))).astype(np.float32)
    field = np.asarray(cv2.resize(fine, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)
    field *= np.asarray(cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC), np.float32)
    return np.asarray(cv2.merge([field, field, field]), np.float32)


def _paint(
    layout: Layout,
    camera: Camera,
    base: Image,
    far: Image,
    grime: np.ndarray,
    looks: list[BinLook],
    seed: int,
) -> Image:
    canvas = base.copy()
    for level in layout.levels:
        looks_here = {i: looks[i] for i in level.slots}
        paint_level(canvas, layout, level, looks_here, camera.foot, camera.distance, far)
    paint_frame(canvas, layout, seed)
    worn = np.clip(cv2.multiply(canvas.astype(np.float32), grime), 0, 255).astype(np.uint8)
    return camera.warp(worn)


def _quad(camera: Camera, rect: tuple[float, float, float, float]) -> list[list[float]]:
    x0, y0, x1, y1 = rect
    pts = camera.to_image([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    return [[round(float(x), 1), round(float(y), 1)] for x, y in pts]


def render_independent_scene(seed: int, out_dir: Path) -> RenderedScene:
    """Render scene `seed` into out_dir: reference.jpg, frame.jpg, calibration.yaml (with the
    taught reference), calibration-noref.yaml (without) and truth.json. Deterministic."""
    out_dir = Path(out_dir)
    rng = np.random.default_rng([seed, 0x5EED1])
    size = SIZES[int(rng.integers(len(SIZES)))]
    camera = Camera(rng, size)
    layout = make_layout(rng, camera)
    base, far = paint_background(layout, camera.canvas_size, int(rng.integers(2**31)))
    before, after = _looks(rng, layout)
    frame_seed = int(rng.integers(2**31))
    grime = _grime(rng, camera.canvas_size)
    reference = _paint(layout, camera, base, far, grime, before, frame_seed)
    later = _paint(layout, camera, base, far, grime, after, frame_seed)
    polygons = [_quad(camera, slot.face) for slot in layout.slots]
    centres = [tuple(np.mean(p, axis=0)) for p in polygons]
    count = int(rng.choice([0, 1, 2], p=[0.3, 0.45, 0.25]))
    later, mask, kinds = add_occluders(
        later, rng, [(float(x), float(y)) for x, y in centres], count
    )
    images = (photograph(reference, rng), photograph(later, rng))
    locations = [slot.location for slot in layout.slots]
    camera_id = f"rack-{layout.aisle.lower()}{locations[0].split('-')[1]}"
    site = f"plant-{int(rng.integers(1, 6))}"
    bins = tuple(
        BinTruth(
            location=loc,
            state="occupied" if now.occupied else "empty",
            occluded_fraction=hidden_share(poly, mask),
            reference_state="occupied" if then.occupied else "empty",
            contents=now.goods,
            litter=now.litter is not None and not now.occupied,
        )
        for loc, poly, then, now in zip(locations, polygons, before, after, strict=True)
    )
    scene = RenderedScene(
        seed, out_dir, size, layout.style, layout.back, layout.deck, tuple(kinds), bins
    )
    labels = [_quad(camera, slot.label) for slot in layout.slots]
    write_scene(scene, polygons, labels, images, camera_id, site)
    return scene
