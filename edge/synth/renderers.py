"""The benchmark renderers by name: the five rack painters written apart from `edge.synth`, and the
first seed `edge bench occupancy` scores of each. Training (`models/occupancy/pairs.py`) draws its
foreign scenes from the same table, on seed ranges of its own that never meet these.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from edge.synth.aisle import render_aisle_scene
from edge.synth.flatbins import render_flatbins_scene
from edge.synth.independent import render_independent_scene
from edge.synth.pickface import render_pickface_scene
from edge.synth.scene_truth import RenderedScene
from edge.synth.wireshelf import render_wireshelf_scene

RENDERERS: dict[str, Callable[[int, Path], RenderedScene]] = {
    "independent": render_independent_scene,
    "pickface": render_pickface_scene,
    "wireshelf": render_wireshelf_scene,
    "flatbins": render_flatbins_scene,
    "aisle": render_aisle_scene,
}
# each renderer's first benchmark seed: no training or threshold fit uses these
FIRST_SEEDS = {
    "independent": 700_000,
    "pickface": 600_000,
    "wireshelf": 500_000,
    "flatbins": 400_000,
    "aisle": 300_000,
}
