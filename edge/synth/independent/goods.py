"""What occupied bins hold: cartons, stacks of small boxes, bags, loose parts, rolls and coils,
or a single small item. Everything is drawn from (kind, seed) alone, so the same goods look
the same in the reference frame and in the later frame."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from edge.synth.independent.boxes import cartons, stack
from edge.synth.independent.loose import bags, parts, rolls, single
from edge.synth.independent.paint import View
from edge.synth.independent.space import Space

KINDS = ("cartons", "stack", "bags", "parts", "rolls", "single")
STYLE_WEIGHTS = {
    "steel": (0.2, 0.15, 0.17, 0.14, 0.12, 0.22),
    "totes": (0.06, 0.16, 0.2, 0.3, 0.08, 0.2),
    "cartons": (0.48, 0.2, 0.08, 0.0, 0.06, 0.18),
}


def pick_kind(rng: np.random.Generator, style: str) -> str:
    weights = np.array(STYLE_WEIGHTS[style])
    return str(rng.choice(KINDS, p=weights / weights.sum()))


DRAW: dict[str, Callable[[View, np.random.Generator, Space], None]] = {
    "cartons": cartons,
    "stack": stack,
    "bags": bags,
    "parts": parts,
    "rolls": rolls,
    "single": single,
}


def draw_goods(view: View, kind: str, seed: int, space: Space) -> None:
    DRAW[kind](view, np.random.default_rng(seed), space)
