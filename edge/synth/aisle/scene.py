"""One aisle scene from a seed: a rack, a camera across the aisle, what each location holds when
taught and later, both frames through light and sensor, the occluder mask, and the files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from edge.synth.aisle.binwall import build_binwall
from edge.synth.aisle.camera import nudged
from edge.synth.aisle.compose import paint
from edge.synth.aisle.geometry import Part
from edge.synth.aisle.goods import fill
from edge.synth.aisle.gravity import build_gravity
from edge.synth.aisle.light import light_pair, shade
from edge.synth.aisle.loads import load
from edge.synth.aisle.occluders import occluders
from edge.synth.aisle.pallet import build_pallet
from edge.synth.aisle.rack import Rack, Slot
from edge.synth.aisle.sensor import develop, sensor_pair
from edge.synth.aisle.shelving import build_shelving
from edge.synth.aisle.stock import Filler, plan
from edge.synth.aisle.view import View, choose_view, frame_points
from edge.synth.scene_truth import BinTruth, RenderedScene, hidden_share, write_scene

STYLES = ("shelving", "binwall", "pallet", "gravity")
STYLE_WEIGHTS = (0.3, 0.25, 0.25, 0.2)
SITES = ("dc-west", "dc-south", "hub-2", "plant-4", "store-9")
Builder = Callable[[np.random.Generator, str], Rack]
BUILDERS: dict[str, Builder] = {
    "shelving": build_shelving,
    "binwall": build_binwall,
    "pallet": build_pallet,
    "gravity": build_gravity,
}


def style_of(seed: int) -> str:
    """The style a seed renders (its own random stream, so it is cheap to ask)."""
    rng = np.random.default_rng([seed, 0xAA9])
    return str(rng.choice(STYLES, p=STYLE_WEIGHTS))


def _filler(rack: Rack) -> Filler:
    if rack.holder == "pallet":
        return load

    def stock(rng: np.random.Generator, slot: Slot) -> tuple[str, list[Part]]:
        return fill(rng, slot, rack.holder)

    return stock


def _setting(style: str, rng: np.random.Generator, size: tuple[int, int]) -> tuple[Rack, View]:
    letter = chr(ord("A") + int(rng.integers(26)))
    for _ in range(8):
        rack = BUILDERS[style](rng, letter)
        view = choose_view(rack, size, rng)
        if view is not None:
            return rack, view
    raise RuntimeError(f"no camera view found for a {style} rack")


def render_aisle_scene(
    seed: int, out_dir: Path, size: tuple[int, int] = (1920, 1080)
) -> RenderedScene:
    """Render scene `seed` into `out_dir` (reference.jpg, frame.jpg, calibration.yaml,
    calibration-noref.yaml, truth.json); deterministic per (seed, size)."""
    style = style_of(seed)
    rng = np.random.default_rng([seed, 0x5CE])
    rack, view = _setting(style, rng, size)
    before, after = plan(rng, rack.slots, view.listed, _filler(rack))
    polygons, labels = [], []
    for i in view.listed:
        poly = frame_points(view.pose, view.lens, rack.slots[i].opening)
        tag = frame_points(view.pose, view.lens, rack.slots[i].label)
        assert poly is not None and tag is not None  # the view only lists slots in frame
        polygons.append(poly)
        labels.append(tag)
    later_pose = nudged(view.pose, view.lens, rng)
    kinds, blockers = occluders(rng, rack, view, polygons)
    lights = light_pair(rng, view.pose.eye, view.look, rack.ceiling, rack.lamps)
    sensors = sensor_pair(rng)
    maps = view.lens.maps()
    images = []
    mask = np.zeros((size[1], size[0]), np.uint8)
    for held, pose, light, sensor, extra in (
        (before, view.pose, lights[0], sensors[0], ()),
        (after, later_pose, lights[1], sensors[1], blockers),
    ):
        canvas = paint(rack, [h.parts for h in held], extra, pose, view.lens)
        images.append(develop(shade(canvas, pose, view.lens, light), sensor, maps, rng))
        if extra:
            bent = cv2.remap(canvas.mask, maps[0], maps[1], cv2.INTER_LINEAR)
            mask = np.where(bent >= 128, 255, 0).astype(np.uint8)
    bins = tuple(
        BinTruth(
            location=rack.slots[i].code,
            state="occupied" if after[i].occupied else "empty",
            occluded_fraction=hidden_share(poly, mask),
            reference_state="occupied" if before[i].occupied else "empty",
            contents=after[i].kind if after[i].occupied else None,
            litter=after[i].litter and not after[i].occupied,
        )
        for i, poly in zip(view.listed, polygons, strict=True)
    )
    scene = RenderedScene(seed, Path(out_dir), size, style, rack.back, rack.deck, kinds, bins)
    camera = f"aisle-{rack.slots[0].code[0].lower()}{int(rng.integers(1, 100)):02d}"
    write_scene(scene, polygons, labels, (images[0], images[1]), camera, str(rng.choice(SITES)))
    return scene
