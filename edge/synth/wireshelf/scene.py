"""One wireshelf scene: a rack, a viewpoint, what each location holds before and after, the two
frames through light, occluders and sensor, and the files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from edge.synth.scene_truth import BinTruth, RenderedScene, hidden_share, write_scene
from edge.synth.wireshelf.camera import Camera, Pixels, lens_maps, lens_rays, nudged
from edge.synth.wireshelf.contents import settle
from edge.synth.wireshelf.cubby import pigeonholes
from edge.synth.wireshelf.frames import baskets, cabinets
from edge.synth.wireshelf.light import gain, light_pair
from edge.synth.wireshelf.occluders import occluders
from edge.synth.wireshelf.painter import Item, Painter
from edge.synth.wireshelf.rack import Rack, paint_rack
from edge.synth.wireshelf.sensor import develop, sensor_pair
from edge.synth.wireshelf.shelfbins import shelf_bins
from edge.synth.wireshelf.stock import plan
from edge.synth.wireshelf.viewpoint import choose_view
from edge.synth.wireshelf.wire import wire_rack

STYLES = ("wire", "cubby", "basket", "ir")
STYLE_WEIGHTS = (0.34, 0.24, 0.2, 0.22)
SITES = ("plant-1", "plant-2", "dc-east", "dc-north", "hub-3")
Builder = Callable[[np.random.Generator, str, int], Rack]


def style_of(seed: int) -> str:
    """The style a seed renders (drawn apart from everything else, so it can be asked cheaply)."""
    rng = np.random.default_rng([seed, 0x57])
    return str(rng.choice(STYLES, p=STYLE_WEIGHTS))


def _build(kind: str, rng: np.random.Generator) -> Rack:
    aisle, bay = chr(ord("A") + int(rng.integers(26))), int(rng.integers(1, 60))
    pick: dict[str, tuple[Builder, Builder]] = {
        "wire": (wire_rack, wire_rack),
        "cubby": (pigeonholes, shelf_bins),
        "basket": (baskets, cabinets),
    }
    return pick[kind][int(rng.random() < 0.45)](rng, aisle, bay)


def _rect(
    camera: Camera, rack: Rack, index: int, size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """Canvas rectangle a location's contents can reach (goods stick out of the front and top)."""
    slot = rack.slots[index]
    lo, hi = slot.lo - np.array([0.03, 0.02, 0.15]), slot.hi + np.array([0.03, 0.15, 0.02])
    corners = np.array(
        [[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    )
    pts = camera.to_canvas(corners)
    x0, y0 = np.floor(pts.min(axis=0)).astype(int) - 3
    x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + 3
    return max(int(x0), 0), max(int(y0), 0), min(int(x1), size[0]), min(int(y1), size[1])


def _canvases(
    rack: Rack,
    camera: Camera,
    items: tuple[dict[int, list[Item]], dict[int, list[Item]]],
    changed: list[int],
) -> tuple[Pixels, Pixels]:
    """Paint the reference fully, then the later frame only where its contents differ."""
    cache: dict[str, Pixels] = {}
    backdrop = Painter(camera, cache)
    for face in rack.surround:
        backdrop.face(face)
    painter = Painter(camera, cache, image=backdrop.image.copy())
    paint_rack(painter, rack, items[0], surround=False)
    reference = painter.image
    rects = [_rect(camera, rack, i, camera.canvas_size) for i in changed]
    rects = [r for r in rects if r[2] > r[0] and r[3] > r[1]]
    now = reference.copy()
    if rects:
        # the backdrop is not needed after this: repaint straight over it
        again = Painter(camera, cache, only=rects, image=backdrop.image)
        paint_rack(again, rack, items[1], surround=False)
        for x0, y0, x1, y1 in rects:
            now[y0:y1, x0:x1] = again.image[y0:y1, x0:x1]
    return reference, now


def render_wireshelf_scene(
    seed: int, out_dir: Path, *, size: tuple[int, int] = (1920, 1080)
) -> RenderedScene:
    """Render scene `seed` into `out_dir` (reference.jpg, frame.jpg, calibration.yaml,
    calibration-noref.yaml, truth.json); deterministic per (seed, size)."""
    style = style_of(seed)
    rng = np.random.default_rng([seed, 0x3A7])
    rack = _build(style if style != "ir" else str(rng.choice(["wire", "cubby", "basket"])), rng)
    view = choose_view(rack, size, rng)
    first, later = plan(len(rack.slots), view.listed, rng)
    listed, items, changed = settle(rack, view.camera, view.listed, (first, later), rng)
    camera = view.camera
    moved = nudged(camera, rng)
    reference, now = _canvases(rack, camera, items, changed)
    frames = []
    lights = light_pair(rng)
    rays = lens_rays(camera)
    for canvas, turn, light in (
        (reference, None, lights[0]),
        (now, camera.axes @ moved.axes.T, lights[1]),
    ):
        map_x, map_y = lens_maps(camera, rays, turn)
        image = cv2.remap(canvas, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        frames.append(np.asarray(image, np.float32) * (gain(light, size) / np.float32(255)))
    count = int(rng.choice(4, p=[0.3, 0.35, 0.22, 0.13]))
    kinds: tuple[str, ...] = ()
    mask = np.zeros((size[1], size[0]), np.uint8)
    if count:
        kinds, colour, alpha = occluders(rng, size, count)
        lit = float(np.mean(gain(lights[1], (32, 18)))) * rng.uniform(0.6, 1.1)
        frames[1] = frames[1] * (1 - alpha[..., None]) + colour * np.float32(lit)
        mask[alpha >= 0.5] = 255
    ir_later = style == "ir"
    sensors = sensor_pair(rng, ir_later, ir_later and rng.random() < 0.5)
    images = (develop(frames[0], sensors[0], rng), develop(frames[1], sensors[1], rng))
    polygons = [camera.to_frame(rack.slots[i].opening) for i in listed]
    labels = [camera.to_frame(rack.slots[i].label) for i in listed]
    bins = tuple(
        BinTruth(
            location=rack.slots[i].location,
            state="occupied" if later[i].occupied else "empty",
            occluded_fraction=hidden_share(poly, mask),
            reference_state="occupied" if first[i].occupied else "empty",
            contents=later[i].kind,
            litter=later[i].litter and not later[i].occupied,
        )
        for i, poly in zip(listed, polygons, strict=True)
    )
    scene = RenderedScene(seed, Path(out_dir), size, style, rack.back, rack.deck, kinds, bins)
    camera_id = f"wire-{chr(ord('a') + int(rng.integers(26)))}{int(rng.integers(100)):02d}"
    write_scene(scene, polygons, labels, images, camera_id, str(rng.choice(SITES)))
    return scene
