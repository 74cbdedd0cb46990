"""An independently written rack renderer, for evaluation only (never for training).

`render_independent_scene(seed, out_dir)` writes a taught reference frame, a later frame of the
same camera (bins changed, other light, occluders), calibration files in the contract format
and the truth. It shares no code with `edge.synth`'s training generator: a different painter,
so that `edge bench occupancy` estimates how the model does on racks it was not trained on.
"""

from edge.synth.independent.scene import BinTruth, IndependentScene, render_independent_scene

__all__ = ["BinTruth", "IndependentScene", "render_independent_scene"]
