"""An independently written rack renderer: the measure of how the model does on foreign racks.

`render_independent_scene(seed, out_dir)` writes a taught reference frame, a later frame of the
same camera (bins changed, other light, occluders), calibration files in the contract format
and the truth. It shares no code with `edge.synth`'s training generator: a different painter.
Seeds 800000–810059 train the model and fit its thresholds (models/occupancy/train.py); the
seeds `edge bench occupancy` scores (700000 on) never do.
"""

from edge.synth.independent.scene import render_independent_scene

__all__ = ["render_independent_scene"]
