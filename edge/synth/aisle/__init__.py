"""A sixth rack painter, "aisle": a foreign benchmark for the occupancy judge, seen the way real
installs see racks — from a fixed cheap webcam across a narrow aisle.

`render_aisle_scene(seed, out_dir)` writes a taught reference frame, a later frame of the same
camera (15–45 % of the calibrated locations emptied or filled, other goods in some, other light,
a nudge of the camera, people and things in the aisle), calibration files in the contract's
format and the truth, in the interface every benchmark renderer shares
(`edge.synth.scene_truth`). It is written apart from the other renderers and shares no drawing
code with them. The rack face is a small 3-D model (uprights, beams, decks, cavities with floors
and walls, goods as solids) seen 25–55° off square through a pinhole and a barrel lens, painted
far to near, lit per pixel by the aisle's ceiling fixtures and developed by a 720p-class webcam.
Its racks: steel shelving with dividers, walls of plastic stacking bins, selective pallet racking,
and carton-flow (gravity) lanes.

Seeds from 300000 are for benchmarks; no training uses any of its scenes.
"""

from edge.synth.aisle.scene import STYLES, render_aisle_scene, style_of

__all__ = ["STYLES", "render_aisle_scene", "style_of"]
