"""A fourth rack painter, "wireshelf": a foreign benchmark for the occupancy judge.

`render_wireshelf_scene(seed, out_dir)` writes a taught reference frame, a later frame of the
same camera (a quarter to a third of the locations emptied or filled, other goods, other light,
a nudge of the camera, people and things in front), calibration files in the contract format and
the truth, in the same interface as `edge.synth.independent` and `edge.synth.pickface`. It is
written apart from all three other renderers and shares no drawing code with them (only the
truth types every benchmark renderer reports, `edge.synth.scene_truth`). Its racks: chrome or
black wire shelving with stacked lean-to bins; walls of pigeonhole cubbies and corrugated shelf
bins; wire baskets and clear drawers; any of these through a monochrome infrared night camera.
Everything is real 3-D perspective through its own lens, light and sensor models.

Seeds from 500000 are for benchmarks (`edge bench occupancy --renderer wireshelf`); no training
uses any of its scenes.
"""

from edge.synth.wireshelf.scene import STYLES, render_wireshelf_scene, style_of

__all__ = ["STYLES", "render_wireshelf_scene", "style_of"]
