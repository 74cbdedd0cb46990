"""The change gate: decides, per frame, which bins need analysis. Pure logic (numpy, no I/O).

Racks are static, so most frames change nothing. The gate compares a small gray frame (1/8 of
the camera's) with two others:
- the previous frame ("motion"): when much of the scene moves at once (a person, a forklift),
  the scene is busy and nothing is analysed until it has been still for `still_frames`;
- the baseline, what each bin looked like when it was last analysed ("change"): a still bin
  that differs from its baseline is handed to analysis.
Each bin also has a band around it that belongs to no bin (beams, uprights, labels). A bin
whose band differs from the baseline has something standing in front of it: it is reported
`occluded`, never analysed as if it were visible. A slow sweep hands every bin to analysis
once per `sweep_period`, changed or not. A global brightness shift (light switched on, sun) is
removed before differencing, so it neither holds the gate nor flags every bin.

Masks are built once (supervision's PolygonZone idea): per bin a bounding box at gate scale,
the polygon's mask and the band's mask inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from edge.config.cameras import GateConfig

Gray = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class BinMask:
    """One bin at gate scale: its box, polygon mask and surrounding band inside the box."""

    location: str
    box: tuple[int, int, int, int]  # y0, y1, x0, x1 at gate scale
    inside: npt.NDArray[np.bool_]
    ring: npt.NDArray[np.bool_]
    area: int
    ring_area: int


@dataclass(frozen=True)
class GateDecision:
    """What the gate decided for one frame."""

    busy: bool  # the scene moves too much to analyse anything
    changed: tuple[str, ...] = ()  # still, visible bins that differ from their baseline
    occluded: tuple[str, ...] = ()  # still bins with something in front of them
    sweep: tuple[str, ...] = ()  # bins due for the periodic re-check (not changed, not occluded)
    moving: tuple[str, ...] = ()  # bins moving on this frame
    unsteady: tuple[str, ...] = ()  # bins not yet still for `still_frames` (not to analyse)
    settled: bool = False  # the scene has been still for `still_frames`: analysis may run
    scene_motion: float = 0.0  # fraction of the frame that moved since the previous frame

    @property
    def to_analyse(self) -> tuple[str, ...]:
        return self.changed + self.sweep


def gate_size(width: int, height: int, scale: float) -> tuple[int, int]:
    return max(8, round(width * scale)), max(8, round(height * scale))


def build_masks(
    polygons: Mapping[str, Sequence[Sequence[float]]],
    frame_size: tuple[int, int],
    scale: float,
    ring: float,
) -> list[BinMask]:
    """Per-bin masks at gate scale; bands exclude every bin so neighbours do not count."""
    width, height = gate_size(frame_size[0], frame_size[1], scale)
    sx, sy = width / frame_size[0], height / frame_size[1]
    union = np.zeros((height, width), np.uint8)
    scaled: dict[str, npt.NDArray[np.int32]] = {}
    for location, polygon in polygons.items():
        corners = np.array([[x * sx, y * sy] for x, y in polygon], np.float32)
        scaled[location] = np.round(corners).astype(np.int32)
        cv2.fillPoly(union, [scaled[location]], 1)
    masks = []
    for location, pts in scaled.items():
        x, y, w, h = cv2.boundingRect(pts)
        margin = max(1, round(ring * max(w, h)))
        x0, y0 = max(0, x - margin), max(0, y - margin)
        x1, y1 = min(width, x + w + margin), min(height, y + h + margin)
        inside = np.zeros((height, width), np.uint8)
        cv2.fillPoly(inside, [pts], 1)
        kernel = np.ones((2 * margin + 1, 2 * margin + 1), np.uint8)
        band = np.asarray(cv2.dilate(inside, kernel), np.uint8) & (1 - union)
        box = (y0, y1, x0, x1)
        inner = inside[y0:y1, x0:x1].astype(bool)
        ring_mask = band[y0:y1, x0:x1].astype(bool)
        masks.append(
            BinMask(
                location=location,
                box=box,
                inside=inner,
                ring=ring_mask,
                area=max(1, int(inner.sum())),
                ring_area=int(ring_mask.sum()),
            )
        )
    return masks


@dataclass
class _BinState:
    still: int = 0  # consecutive frames without motion in the bin
    ring_still: int = 0  # consecutive frames without motion in its band


class _MaskCounter:
    """Counts set pixels of a full gate-size boolean image inside every bin and every band
    at once: one gather and one segmented sum instead of two masked sums per bin."""

    def __init__(self, masks: Sequence[BinMask], width: int) -> None:
        def flat(mask: BinMask, part: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
            y0, _y1, x0, _x1 = mask.box
            ys, xs = np.nonzero(part)
            return np.asarray((ys + y0) * width + xs + x0, np.intp)

        n = len(masks)
        parts = [flat(m, m.inside) for m in masks] + [flat(m, m.ring) for m in masks]
        sizes = np.array([len(p) for p in parts], np.intp)
        self._index = np.concatenate(parts) if n else np.zeros(0, np.intp)
        # `reduceat` sums from each start to the next; an empty segment would yield the element
        # at its start instead of 0, so only non-empty segments are summed.
        self._filled = np.flatnonzero(sizes)
        self._starts = (np.cumsum(sizes) - sizes)[self._filled]
        self._n = n

    def count(
        self, image: npt.NDArray[np.bool_]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(set pixels inside each bin, set pixels in each bin's band), in mask order."""
        counts = np.zeros(2 * self._n, np.float64)
        if len(self._index):
            picked = image.ravel()[self._index].view(np.uint8)
            counts[self._filled] = np.add.reduceat(picked, self._starts, dtype=np.int64)
        return counts[: self._n], counts[self._n :]


@dataclass
class Gate:
    """Stateful per-camera gate. Feed it every frame (`update`), then tell it what was analysed
    (`analysed`) so those bins' baselines move on."""

    masks: list[BinMask]
    config: GateConfig
    absorb_frames: int = 50  # a still occluder this long becomes part of the background
    _prev: npt.NDArray[np.int16] | None = None
    _baseline: npt.NDArray[np.int16] | None = None
    _bins: dict[str, _BinState] = field(default_factory=dict)
    _scene_still: int = 0
    _sweep_next: int = 0
    _sweep_due: float | None = None
    _counter: _MaskCounter | None = None

    @classmethod
    def for_polygons(
        cls,
        polygons: Mapping[str, Sequence[Sequence[float]]],
        frame_size: tuple[int, int],
        config: GateConfig,
        *,
        absorb_frames: int = 50,
    ) -> Gate:
        masks = build_masks(polygons, frame_size, config.scale, config.ring)
        return cls(masks=masks, config=config, absorb_frames=absorb_frames)

    @property
    def size(self) -> tuple[int, int] | None:
        if self._prev is None:
            return None
        return self._prev.shape[1], self._prev.shape[0]

    def update(self, small: Gray, now: float) -> GateDecision:
        """Decide for one small gray frame taken at `now` (seconds, monotonic)."""
        cur = small.astype(np.int16)
        if self._prev is None or self._baseline is None:
            # The first frame: everything is "changed" so the worker learns every bin's state.
            self._prev, self._baseline = cur, cur.copy()
            self._scene_still = 0
            self._sweep_due = now + self._sweep_interval()
            return GateDecision(busy=True)
        cfg = self.config
        if self._counter is None:
            self._counter = _MaskCounter(self.masks, cur.shape[1])
        motion = self._over(cur, self._prev)
        self._prev = cur
        scene_motion = float(motion.mean())
        inside_moved, ring_moved = self._counter.count(motion)
        moving: list[str] = []
        for i, mask in enumerate(self.masks):
            state = self._bins.setdefault(mask.location, _BinState())
            moved = inside_moved[i] / mask.area >= cfg.motion_fraction
            state.still = 0 if moved else state.still + 1
            band_moved = bool(
                mask.ring_area and ring_moved[i] / mask.ring_area >= cfg.motion_fraction
            )
            state.ring_still = 0 if band_moved else state.ring_still + 1
            if moved:
                moving.append(mask.location)
        busy = scene_motion >= cfg.scene_fraction or len(moving) >= max(
            2, cfg.scene_bins * len(self.masks)
        )
        self._scene_still = 0 if busy else self._scene_still + 1
        if busy or self._scene_still < cfg.still_frames:
            return GateDecision(busy=busy, moving=tuple(moving), scene_motion=scene_motion)
        inside_changed, ring_changed = self._counter.count(self._over(cur, self._baseline))
        changed: list[str] = []
        occluded: list[str] = []
        unsteady: list[str] = []
        for i, mask in enumerate(self.masks):
            state = self._bins[mask.location]
            if state.still < cfg.still_frames:
                unsteady.append(mask.location)
                continue
            if mask.ring_area and ring_changed[i] / mask.ring_area >= cfg.ring_fraction:
                if state.ring_still >= self.absorb_frames:
                    self._absorb(mask, cur)
                else:
                    occluded.append(mask.location)
                    continue
            if inside_changed[i] / mask.area >= cfg.bin_fraction:
                changed.append(mask.location)
        sweep = self._sweep(now, set(changed) | set(occluded) | set(unsteady))
        return GateDecision(
            busy=False,
            changed=tuple(changed),
            occluded=tuple(occluded),
            sweep=sweep,
            moving=tuple(moving),
            unsteady=tuple(unsteady),
            settled=True,
            scene_motion=scene_motion,
        )

    def analysed(self, locations: Iterable[str], small: Gray) -> None:
        """These bins were analysed on `small`: it becomes their (and their band's) baseline."""
        if self._baseline is None:
            self._baseline = small.astype(np.int16)
            return
        wanted = set(locations)
        cur = small.astype(np.int16)
        for mask in self.masks:
            if mask.location in wanted:
                self._absorb(mask, cur, with_ring=True)

    def reset(self) -> None:
        """Forget every baseline (after a reconnect: the camera may see something else now)."""
        self._prev = None
        self._baseline = None
        self._bins.clear()
        self._scene_still = 0

    def _absorb(self, mask: BinMask, cur: npt.NDArray[np.int16], *, with_ring: bool = True) -> None:
        assert self._baseline is not None
        y0, y1, x0, x1 = mask.box
        region = self._baseline[y0:y1, x0:x1]
        region[mask.inside] = cur[y0:y1, x0:x1][mask.inside]
        if with_ring:
            region[mask.ring] = cur[y0:y1, x0:x1][mask.ring]

    def _over(self, a: npt.NDArray[np.int16], b: npt.NDArray[np.int16]) -> npt.NDArray[np.bool_]:
        diff = a - b
        # A global brightness shift is light, not change: take it out before thresholding.
        shift = int(np.median(diff[::3, ::3]))
        if shift:
            diff -= shift
        over: npt.NDArray[np.bool_] = np.abs(diff) > self.config.pixel_threshold
        return over

    def _sweep_interval(self) -> float:
        return self.config.sweep_period / max(1, len(self.masks))

    def _sweep(self, now: float, skip: set[str]) -> tuple[str, ...]:
        if not self.masks or self._sweep_due is None or now < self._sweep_due:
            return ()
        self._sweep_due = max(self._sweep_due + self._sweep_interval(), now - 1.0)
        for _ in range(len(self.masks)):
            mask = self.masks[self._sweep_next % len(self.masks)]
            self._sweep_next += 1
            if mask.location not in skip:
                return (mask.location,)
        return ()
