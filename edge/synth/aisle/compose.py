"""The order one frame is painted in, which is all the depth handling this renderer has.

The hall first; then the bays from the farthest to the nearest, each clipped to its own
opening, and inside a bay its locations far to near (a location's walls, its goods far to
near, its tote front); then the front steel far to near and the labels on it; and in the later
frame the occluders last, since they stand in the aisle in front of everything.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from edge.synth.aisle.camera import Lens, Pose
from edge.synth.aisle.geometry import Part
from edge.synth.aisle.painter import Canvas, Painter
from edge.synth.aisle.rack import Rack


def paint(
    rack: Rack,
    goods: Sequence[Sequence[Part]],
    occluders: Sequence[Part],
    pose: Pose,
    lens: Lens,
) -> Canvas:
    """One frame's canvas: `goods` per slot, in rack order."""
    painter = Painter(pose, lens)
    eye = pose.eye
    w, h = lens.canvas

    def far_first(parts: Sequence[Part]) -> list[Part]:
        return sorted(parts, key=lambda p: -float(np.linalg.norm(p.anchor - eye)))

    for item in rack.background:
        painter.draw(item)
    for bay in sorted(rack.bays, key=lambda b: -float(np.linalg.norm(b.anchor - eye))):
        window = painter.window(bay.opening)
        if window is None:
            continue
        lo, hi = window.pts.min(axis=0), window.pts.max(axis=0)
        if hi[0] < 0 or hi[1] < 0 or lo[0] > w or lo[1] > h:
            continue
        for item in bay.shell:
            painter.draw(item, hollow=bay.hollow, window=window)
        slots = sorted(bay.slots, key=lambda i: -float(np.linalg.norm(rack.slots[i].anchor - eye)))
        for i in slots:
            slot = rack.slots[i]
            for item in [*slot.shell, *far_first(goods[i]), *slot.lips]:
                painter.draw(item, hollow=bay.hollow, window=window)
    for item in far_first(rack.front):
        painter.draw(item)
    for item in rack.tags:
        painter.draw(item)
    for item in far_first(occluders):
        painter.draw(item, occluder=True)
    return painter.canvas()
