"""One flat scene: a rack painted front-on, what each location holds before and after, the two
canvases through the camera (tilt, lens, nudge), people and things in front of the later one,
light and sensor, and the files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from edge.synth.flatbins import cabinet, cartons, pegboard, shelf, totes
from edge.synth.flatbins.camera import choose_view
from edge.synth.flatbins.draw import Image
from edge.synth.flatbins.layout import Canvas, Rack
from edge.synth.flatbins.light import develop, light_pair
from edge.synth.flatbins.occluders import occlude
from edge.synth.flatbins.stock import LITTER, Stock, plan
from edge.synth.scene_truth import BinTruth, RenderedScene, hidden_share, write_scene


@dataclass(frozen=True)
class Style:
    kinds: Mapping[str, float]
    litter: tuple[str, ...]
    build: Callable[[np.random.Generator, Canvas, str, int], Rack]
    paint: Callable[[Image, Rack, list[Stock]], None]


PAINTERS: dict[str, Style] = {
    "shelf": Style(shelf.KINDS, LITTER, shelf.build, shelf.paint),
    "totes": Style(totes.KINDS, LITTER, totes.build, totes.paint),
    "cartons": Style(cartons.KINDS, LITTER, cartons.build, cartons.paint),
    "cabinet": Style(cabinet.KINDS, LITTER, cabinet.build, cabinet.paint),
    "pegboard": Style(pegboard.KINDS, pegboard.LITTER, pegboard.build, pegboard.paint),
}
STYLES = tuple(PAINTERS)
STYLE_WEIGHTS = (0.2, 0.2, 0.2, 0.2, 0.2)
SITES = ("dc-west", "dc-south", "store-9", "plant-4", "hub-2")
OCCLUDER_COUNTS = (0.25, 0.4, 0.25, 0.1)  # chance of 0, 1, 2, 3 occluders


def style_of(seed: int) -> str:
    """The style a seed renders, drawn apart from everything else so it can be asked cheaply."""
    # the stream constant is picked so seeds 1–5 (the tests') show all five styles
    rng = np.random.default_rng([seed, 0xF16B])
    return STYLES[int(rng.choice(len(STYLES), p=STYLE_WEIGHTS))]


def _warp(canvas: Image, maps: tuple[np.ndarray, np.ndarray]) -> Image:
    return np.asarray(
        cv2.remap(canvas, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101),
        np.uint8,
    )


def render_flatbins_scene(
    seed: int, out_dir: Path, size: tuple[int, int] = (1920, 1080)
) -> RenderedScene:
    """Render scene `seed` into `out_dir` (reference.jpg, frame.jpg, calibration.yaml,
    calibration-noref.yaml, truth.json); deterministic per (seed, size)."""
    name = style_of(seed)
    style = PAINTERS[name]
    rng = np.random.default_rng([seed, 0x5CE7])
    canvas = Canvas.of(size)
    aisle, bay = chr(ord("A") + int(rng.integers(26))), int(rng.integers(1, 60))
    rack = style.build(rng, canvas, aisle, bay)
    first, later = plan(rng, len(rack.slots), style.kinds, style.litter)
    view = choose_view(rng, canvas, rack.outline)
    polygons = [view.to_frame(s.opening.corners()) for s in rack.slots]
    labels = [view.to_frame(s.label.corners()) for s in rack.slots]
    frames = []
    for stocks, later_camera in ((first, False), (later, True)):
        painted = np.zeros((canvas.size[1], canvas.size[0], 3), np.uint8)
        style.paint(painted, rack, stocks)
        frames.append(_warp(painted, view.maps(later_camera)))
    count = int(rng.choice(len(OCCLUDER_COUNTS), p=OCCLUDER_COUNTS))
    kinds, ink = occlude(rng, size, polygons, count)
    frames[1] = ink.over(frames[1])
    lights = light_pair(rng)
    images = (develop(frames[0], lights[0], rng), develop(frames[1], lights[1], rng))
    bins = tuple(
        BinTruth(
            location=slot.location,
            state="occupied" if now.occupied else "empty",
            occluded_fraction=hidden_share(poly, ink.mask),
            reference_state="occupied" if then.occupied else "empty",
            contents=now.kind,
            litter=now.litter is not None and not now.occupied,
        )
        for slot, then, now, poly in zip(rack.slots, first, later, polygons, strict=True)
    )
    scene = RenderedScene(seed, Path(out_dir), size, name, rack.back, rack.deck, kinds, bins)
    camera = f"flat-{chr(ord('a') + int(rng.integers(26)))}{int(rng.integers(100)):02d}"
    write_scene(scene, polygons, labels, images, camera, str(rng.choice(SITES)))
    return scene
