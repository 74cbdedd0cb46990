"""A third rack painter, "pick faces": for measuring the occupancy model on racks unlike any it
was trained on.

`render_pickface_scene(seed, out_dir)` writes a taught reference frame, a later frame of the same
camera (some locations changed, other light, a nudge of the camera, occluders), calibration files
in the contract format and the truth, in the same interface as `edge.synth.independent`. It is
written separately from both other renderers (`edge.synth`, `edge.synth.independent`) and shares
no code with them: its racks are small-parts picking faces — louvred panels of hopper bins,
carton-flow lanes, shelving with open parts boxes seen from above, pallet bays — drawn as real 3D
perspective from a random eye point, through its own lens, light and sensor models.

Seeds from 600000 are for benchmarks (`edge bench occupancy --renderer pickface`); none of its
scenes are used in training.
"""

from edge.synth.pickface.scene import STYLES, render_pickface_scene, style_of

__all__ = ["STYLES", "render_pickface_scene", "style_of"]
