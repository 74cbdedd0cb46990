"""One pick-face scene: a taught reference frame and a later frame of the same camera, the
calibration files in the contract format, and the truth of every calibrated location.

Assembly only: a style builds the rack (`louvre`, `flow`, `partsbox`, `pallet`), a camera is
placed so that 4–30 locations (2–6 pallet positions) are fully in view, each location gets its
stock in both frames (some change), both frames are painted, lit, photographed and written.
Every occupied location is checked to show its goods; stock nobody could see is replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np

from edge.synth.pickface import flow, louvre, pallet, partsbox
from edge.synth.pickface.backdrop import Backdrop, draw_backdrop, make_backdrop
from edge.synth.pickface.camera import Camera
from edge.synth.pickface.contents import Look, pick_kind, plan
from edge.synth.pickface.layout import Rack, Slot, Stock, choose_view
from edge.synth.pickface.occluders import add_occluders
from edge.synth.pickface.painter import Painter
from edge.synth.pickface.photo import develop, gain_field, random_light, relight
from edge.synth.scene_truth import BinTruth, RenderedScene, hidden_share, write_scene

STYLES = ("louvre", "flow", "partsbox", "pallet")
BUILD: dict[str, Callable[[np.random.Generator, str, int], Rack]] = {
    "louvre": louvre.build,
    "flow": flow.build,
    "partsbox": partsbox.build,
    "pallet": pallet.build,
}
LITTER_SHARE = 0.35
SEEN_SHARE = 0.05  # of a bin's polygon that its goods must change, to be judgeable
CEILING: tuple[float, float, float] = (175.0, 178.0, 180.0)


def _seen(rack: Rack, camera: Camera, index: int, stock: Stock, light: np.ndarray) -> float:
    """The share of a location's polygon its goods change, drawn alone against empty."""
    quad = camera.project(np.array(rack.slots[index].click))
    x0, y0 = np.floor(quad.min(axis=0)).astype(int) - 2
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 2
    pictures = []
    for s in (stock, Stock()):
        canvas = np.full((y1 - y0, x1 - x0, 3), 128, np.uint8)
        rack.draw_slot(Painter(camera, canvas, (float(x0), float(y0)), light), index, s)
        pictures.append(canvas.astype(np.int16))
    changed = np.abs(pictures[0] - pictures[1]).sum(axis=2) > 45
    inside = np.zeros(changed.shape, np.uint8)
    cv2.fillPoly(inside, [np.round(quad - (x0, y0)).astype(np.int32)], 1)
    return float((changed & (inside > 0)).sum()) / max(1.0, float(inside.sum()))


class Stocks:
    """The drawing of every look, made once (a look drawn twice is the same picture)."""

    def __init__(self, rack: Rack, shown: set[int]) -> None:
        self.rack = rack
        self.shown = shown
        self.made: dict[tuple[int, Look], Stock] = {}

    def of(self, index: int, look: Look) -> Stock | None:
        if index not in self.shown:
            return None
        key = (index, look)
        if key not in self.made:
            self.made[key] = plan(self.rack.slots[index], look)
        return self.made[key]


def _in_view(
    camera: Camera, slot: Slot, origin: tuple[float, float], shape: tuple[int, int]
) -> bool:
    """Whether any of a location's box can be in the picture."""
    w, h, d = slot.width, slot.height, slot.depth
    corners = slot.world([(x, y, z) for x in (0, w) for y in (0, h * 1.5) for z in (-d, 0.1)])
    if camera.local(corners)[:, 2].max() < 0.05:
        return False
    xy = camera.project(corners) - origin
    return bool(
        xy[:, 0].max() > -50
        and xy[:, 1].max() > -50
        and xy[:, 0].min() < shape[1] + 50
        and xy[:, 1].min() < shape[0] + 50
    )


def _looks(
    rng: np.random.Generator,
    rack: Rack,
    camera: Camera,
    chosen: list[int],
    light: np.ndarray,
    stocks: Stocks,
) -> tuple[list[Look], list[Look]]:
    """Every location's look in the reference frame and in the later frame."""
    cache: dict[Look, bool] = {}

    def new(index: int, occupied: bool) -> Look:
        slot = rack.slots[index]
        if not occupied:
            return Look(None, int(rng.integers(2**31)), bool(rng.random() < LITTER_SHARE))
        for _ in range(3):
            look = Look(pick_kind(slot, rng), int(rng.integers(2**31)))
            if index not in chosen or slot.kind in ("lane", "bay"):
                return look  # not watched, or goods that run to the front: always in sight
            stock = stocks.of(index, look)
            if look not in cache and stock is not None:
                cache[look] = _seen(rack, camera, index, stock, light) >= SEEN_SHARE
            if cache.get(look, True):
                return look
        fallback = {"lane": "cartons", "bay": "cartons"}.get(slot.kind, "filled to top")
        return Look(fallback, int(rng.integers(2**31)))

    n = len(rack.slots)
    share = rng.uniform(0.3, 0.75)
    before = [new(i, bool(rng.random() < share)) for i in range(n)]
    after = list(before)
    k = min(len(chosen), max(1, round(rng.uniform(0.2, 0.5) * len(chosen))))
    for i in rng.permutation(chosen)[:k].tolist():
        after[i] = new(i, not before[i].occupied)  # emptied or filled since teaching
    for i in chosen:
        if after[i] == before[i] and before[i].occupied and rng.random() < 0.25:
            after[i] = new(i, True)  # restocked with other goods
    return before, after


def _paint(
    rack: Rack,
    camera: Camera,
    backdrop: Backdrop,
    looks: Sequence[Look],
    stocks: Stocks,
    origin: tuple[float, float],
    shape: tuple[int, int],
    light: np.ndarray,
) -> np.ndarray:
    canvas = np.empty((*shape, 3), np.uint8)
    canvas[:] = np.array(CEILING, np.uint8)
    painter = Painter(camera, canvas, origin, light)
    draw_backdrop(painter, backdrop)
    rack.draw(painter, [stocks.of(i, look) for i, look in enumerate(looks)])
    return canvas


def _grime(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Fixed dirt and unevenness of every surface (the same in both frames), a gain at a
    quarter of the canvas's resolution."""
    h, w = shape[0] // 4, shape[1] // 4
    fine = rng.normal(1.0, 0.035, (h, w)).astype(np.float32)
    coarse = rng.normal(1.0, 0.05, (max(2, h // 22), max(2, w // 22))).astype(np.float32)
    return np.asarray(fine * cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC))


def _canvas(
    camera: Camera, nudge: tuple[float, float]
) -> tuple[tuple[float, float], tuple[int, int], list[tuple[np.ndarray, np.ndarray]]]:
    """Where the painted (undistorted) canvas lies so that both frames' lens maps fall inside:
    its origin in undistorted pixels, its shape, and the two maps into it."""
    mx, my = camera.lens.source_map((0.0, 0.0))
    lo = np.floor([min(mx.min(), mx.min() - nudge[0]), min(my.min(), my.min() - nudge[1])]) - 4
    hi = np.ceil([max(mx.max(), mx.max() - nudge[0]), max(my.max(), my.max() - nudge[1])]) + 4
    mx -= np.float32(lo[0])
    my -= np.float32(lo[1])
    maps = [(mx, my), (mx - np.float32(nudge[0]), my - np.float32(nudge[1]))]
    return (float(lo[0]), float(lo[1])), (int(hi[1] - lo[1]), int(hi[0] - lo[0])), maps


def _backdrop(rng: np.random.Generator, rack: Rack, chosen: list[int]) -> Backdrop:
    """A wall just behind the rack, or the next aisle well behind an open rack."""
    centre = float(np.mean([rack.slots[i].centre[0] for i in chosen]))
    deepest = min(float(s.world([(0, 0, -s.depth)])[0, 2]) for s in rack.slots)
    wall = rack.back != "open"
    z = deepest - (0.12 if wall else 4.0)
    return make_backdrop(rng, "wall" if wall else "aisle", z, centre)


def _pick_style(rng: np.random.Generator) -> str:
    return STYLES[int(rng.integers(len(STYLES)))]


def style_of(seed: int) -> str:
    """The style scene `seed` will have, without rendering it (the seed's first draw)."""
    return _pick_style(np.random.default_rng(seed))


def render_pickface_scene(
    seed: int, out_dir: Path, *, size: tuple[int, int] = (1920, 1080)
) -> RenderedScene:
    """Render scene `seed` into out_dir (reference.jpg, frame.jpg, calibration.yaml,
    calibration-noref.yaml, truth.json) and return its truth. Deterministic per seed and size."""
    rng = np.random.default_rng(seed)
    style = _pick_style(rng)
    aisle = "ABCDEFGHJKLMNPRS"[int(rng.integers(16))]
    bay = int(rng.integers(1, 60))
    rack: Rack = BUILD[style](rng, aisle, bay)
    camera, chosen = choose_view(rack, rng, size)
    backdrop = _backdrop(rng, rack, chosen)
    step = rng.normal(0, 1.0, 2)
    step = step / max(1.0, float(np.linalg.norm(step)) / 3.0)  # the camera nudged ≤ 3 px
    origin, shape, maps = _canvas(camera, (float(step[0]), float(step[1])))
    light = np.array([rng.uniform(-0.5, 0.5), 1.0, rng.uniform(0.3, 1.0)])
    shown = {i for i, slot in enumerate(rack.slots) if _in_view(camera, slot, origin, shape)}
    stocks = Stocks(rack, shown | set(chosen))
    before, after = _looks(rng, rack, camera, chosen, light, stocks)
    grime = _grime(rng, shape)
    lamps = random_light(rng)
    lamps_later = relight(lamps, rng)
    ref = _paint(rack, camera, backdrop, before, stocks, origin, shape, light)
    later = _paint(rack, camera, backdrop, after, stocks, origin, shape, light)
    quads = [camera.project(np.array(rack.slots[i].click)) - origin for i in chosen]
    targets = [
        (float(q[:, 0].mean()), float(q[:, 1].mean()), float(np.ptp(q[:, 0]))) for q in quads
    ]
    view = (-origin[0], -origin[1], -origin[0] + size[0], -origin[1] + size[1])
    count = int(rng.choice([0, 1, 2, 3], p=[0.2, 0.45, 0.25, 0.1]))
    later_f, hidden, kinds = add_occluders(later, rng, view, targets, rack.style, count)
    lens = (
        camera.lens.centre[0] - origin[0],
        camera.lens.centre[1] - origin[1],
        camera.lens.radius,
        float(rng.uniform(0.0, 0.5)),
    )
    frames = []
    for picture, lamp, mapping in (
        (ref.astype(np.float32), lamps, maps[0]),
        (later_f, lamps_later, maps[1]),
    ):
        gain = gain_field(lamp, grime, lens, (shape[1], shape[0]))
        frames.append(develop(cv2.multiply(picture, gain), mapping, rng))
    ref_jpg, later_jpg = frames
    mask = cv2.remap(hidden, maps[1][0], maps[1][1], cv2.INTER_LINEAR)
    polygons = [camera.pixels(np.array(rack.slots[i].click)) for i in chosen]
    bins = tuple(
        BinTruth(
            location=rack.slots[i].code(aisle),
            state="occupied" if after[i].occupied else "empty",
            occluded_fraction=hidden_share(poly, mask),
            reference_state="occupied" if before[i].occupied else "empty",
            contents=after[i].contents,
            litter=after[i].litter and not after[i].occupied,
        )
        for i, poly in zip(chosen, polygons, strict=True)
    )
    scene = RenderedScene(
        seed, Path(out_dir), size, rack.style, rack.back, rack.deck, tuple(kinds), bins
    )
    labels = [camera.pixels(np.array(rack.slots[i].label)) for i in chosen]
    camera_id, site = f"pick-{aisle.lower()}{bay:02d}", f"plant-{int(rng.integers(1, 9))}"
    write_scene(scene, polygons, labels, (ref_jpg, later_jpg), camera_id, site)
    return scene
