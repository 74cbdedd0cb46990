"""A fifth rack painter, "flat": a foreign benchmark for the occupancy judge, drawn the way a test
author would in an afternoon with OpenCV primitives.

The acceptance check of the product uses its own scene generator, which we never see and which is
plausibly simpler than ours. This renderer paints racks front-on with 2-D primitives (rectangles,
polygons, circles, text, numpy gradients), warps the picture by a mild homography and lens,
then applies a global light, noise, blur and JPEG. Its styles: steel shelving, hopper-front totes,
carton slots, a drawer cabinet of open trays, and a pegboard of hooks. It shares no drawing code
with the other renderers, only the truth types and scene-folder writer, `edge.synth.scene_truth`.

`render_flatbins_scene(seed, out_dir)` writes a taught reference frame, a later frame of the same
camera (15–45 % of the locations emptied or filled, other goods, other light, a nudged camera,
people and things in front), calibration files in the contract format and the truth.
"""

from edge.synth.flatbins.scene import STYLES, render_flatbins_scene, style_of

__all__ = ["STYLES", "render_flatbins_scene", "style_of"]
