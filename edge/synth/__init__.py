"""Synthetic warehouse racks with ground truth, for tests, training and the demo.

`render_scene` draws one camera frame of a rack (perspective, lens distortion, light, blur,
noise, JPEG, totes and shelves of many colours, location and part labels, occluders) with its
calibration dict and per-bin truth; `render_video` writes a video of a static rack whose bins
empty and refill while a person walks past.
"""

from edge.synth.calibration import write_calibration
from edge.synth.render import BinTruth, RackScene, render_scene
from edge.synth.video import VideoFrameTruth, render_video, teach_first_frame

__all__ = [
    "BinTruth",
    "RackScene",
    "VideoFrameTruth",
    "render_scene",
    "render_video",
    "teach_first_frame",
    "write_calibration",
]
