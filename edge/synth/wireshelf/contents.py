"""What the painter puts in each location, frame by frame, and making sure it can be seen.

A location listed in the calibration must be judgeable: when it holds goods, some of them must
show inside its polygon. A flat bag seen edge-on, a heap below the lip seen from level, a part
behind a divider cannot be judged by anyone, so such goods are swapped for fuller ones (the
state stays what the plan says); a location whose goods still do not show is not listed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from edge.synth.wireshelf.camera import Camera
from edge.synth.wireshelf.goods import goods
from edge.synth.wireshelf.litter import litter
from edge.synth.wireshelf.painter import Item
from edge.synth.wireshelf.rack import Rack
from edge.synth.wireshelf.stock import Fill
from edge.synth.wireshelf.viewpoint import owner_shares

GOODS_SEEN = 0.03  # share of a location's polygon its goods must show in, when it holds any
FULLER = ("boxes", "polybags", "parts pile", "stuffed", "same colour", "cans")
Stuff = dict[int, list[Item]]


def items_for(
    rack: Rack,
    fills: list[Fill],
    which: list[int],
    memo: dict[tuple[int, Fill], list[Item]] | None = None,
) -> Stuff:
    out: Stuff = {}
    for i in which:
        fill, slot = fills[i], rack.slots[i]
        if memo is not None and (i, fill) in memo:
            out[i] = memo[(i, fill)]
            continue
        rng = np.random.default_rng(fill.seed)
        made: list[Item] = []
        if fill.kind is not None:
            made = goods(fill.kind, slot, rng, fill.amount)
        elif fill.litter:
            ri = int(rng.integers(len(slot.regions)))
            made = litter(slot.regions[ri], ri, rng)[0]
        if memo is not None:
            memo[(i, fill)] = made
        if made:
            out[i] = made
    return out


def settle(
    rack: Rack,
    camera: Camera,
    listed: tuple[int, ...],
    fills: tuple[list[Fill], list[Fill]],
    rng: np.random.Generator,
) -> tuple[tuple[int, ...], tuple[Stuff, Stuff], list[int]]:
    """(listed locations, items of both frames, locations whose contents differ). `fills` may
    be changed in place: unseen goods become fuller goods of the same state."""
    first, later = fills
    everything = list(range(len(rack.slots)))
    memo: dict[tuple[int, Fill], list[Item]] = {}
    least = {i: 1.0 for i in listed}
    check = list(listed)
    for attempt in range(3):
        changed = [i for i in everything if first[i] != later[i]]
        items = items_for(rack, first, everything, memo)
        now = {i: v for i, v in items.items() if i not in changed}
        now.update(items_for(rack, later, changed, memo))
        shares = [owner_shares(rack, camera, check, stuff, -1) for stuff in (items, now)]
        for i in check:
            seen = [s[i] for fill, s in zip(fills, shares, strict=True) if fill[i].occupied]
            least[i] = min(seen, default=1.0)
        check = [i for i in check if least[i] < GOODS_SEEN]
        if not check or attempt == 2:
            break
        for i in check:
            kind = str(rng.choice(FULLER))
            fuller = Fill(kind, int(rng.integers(1 << 30)), float(rng.uniform(0.75, 1.0)), False)
            if first[i].occupied and shares[0][i] < GOODS_SEEN:
                if later[i] == first[i]:
                    later[i] = fuller
                first[i] = fuller
            if later[i].occupied and shares[1][i] < GOODS_SEEN and later[i] != first[i]:
                later[i] = replace(fuller, seed=fuller.seed + 1)
    kept = [i for i in listed if least[i] >= GOODS_SEEN]
    if len(kept) < 6:  # rare: keep the best seen rather than too few locations
        best = sorted(listed, key=lambda i: -least[i])[:6]
        kept = [i for i in listed if i in best]
    return tuple(kept), (items, now), changed
