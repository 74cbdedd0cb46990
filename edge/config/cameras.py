"""Configuration section `cameras`: one `CameraConfig` per camera worker, keyed by camera id.

Every field has a default, so `cameras: {rack-a01: {}}` is a valid (if not very useful) camera:
it opens V4L2 device 0 and looks for `calibration/rack-a01.yaml`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator


class GateConfig(BaseModel):
    """The change gate: which bins need analysis on this frame (see `edge.vision.gate`)."""

    model_config = ConfigDict(extra="forbid")

    scale: float = Field(
        default=0.125,
        gt=0.02,
        le=1.0,
        description="Downscale factor of the gray frame the gate compares (1/8 of 1080p is "
        "240×135: about 1 ms a frame).",
    )
    pixel_threshold: int = Field(
        default=16,
        ge=1,
        le=255,
        description="Gray-level difference (after removing the global brightness shift) that "
        "counts a downscaled pixel as changed.",
    )
    bin_fraction: float = Field(
        default=0.02,
        gt=0.0,
        le=1.0,
        description="Fraction of a bin's pixels that must differ from its last analysed "
        "appearance before the bin is analysed again.",
    )
    scene_fraction: float = Field(
        default=0.12,
        gt=0.0,
        le=1.0,
        description="Fraction of all bin pixels moving between two frames that means the "
        "scene is busy (a person, a forklift): analysis holds until it is still.",
    )
    scene_bins: float = Field(
        default=0.25,
        gt=0.0,
        le=1.0,
        description="Fraction of the bins moving at once that also means the scene is busy.",
    )
    motion_fraction: float = Field(
        default=0.01,
        gt=0.0,
        le=1.0,
        description="Fraction of a bin's pixels moving between two frames that makes the bin "
        "(not yet the scene) count as moving.",
    )
    still_frames: int = Field(
        default=3,
        ge=1,
        le=100,
        description="Consecutive still frames a bin (and the scene) must show before it is "
        "analysed.",
    )
    ring: float = Field(
        default=0.12,
        ge=0.0,
        le=1.0,
        description="Width of the band around each bin, as a fraction of the bin's size, in "
        "which a change means something stands in front of the bin (occluded, not changed).",
    )
    ring_fraction: float = Field(
        default=0.2,
        gt=0.0,
        le=1.0,
        description="Fraction of a bin's surrounding band that must differ for the bin to "
        "count as occluded.",
    )
    sweep_period: float = Field(
        default=30.0,
        gt=0.0,
        description="Seconds in which the slow sweep re-analyses every bin once, changed or "
        "not (catches changes too slow or too small for the gate).",
    )


class CameraConfig(BaseModel):
    """One camera worker: where frames come from, how they are gated, analysed and tracked."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(
        default="0",
        description="Frame source: a V4L2 device index (`0`) or path (`/dev/video0`), an "
        "`rtsp://` or `http(s)://` URL, a video file, a folder of images, `picamera2[:N]`, or "
        "`synth:<seed>` (a rendered synthetic rack video).",
    )
    calibration: Path | None = Field(
        default=None,
        description="Calibration file (contract format). Default: `calibration/<camera>.yaml` "
        "relative to the configuration file.",
    )
    fps: float = Field(
        default=10.0,
        gt=0.0,
        le=120.0,
        description="Most frames analysed per second; faster live sources drop frames, files "
        "and folders are played at this rate when `realtime` is true.",
    )
    realtime: bool = Field(
        default=True,
        description="Play files, folders and synthetic video at `fps` as a camera would "
        "(false: as fast as the worker can).",
    )
    model: Path | None = Field(
        default=None, description="Occupancy ONNX model; default: the model shipped with edge."
    )
    gate: GateConfig = Field(default_factory=GateConfig, description="The change gate.")
    inertia: int = Field(
        default=3,
        ge=1,
        le=50,
        description="Consecutive agreeing analyses before a bin's reported state flips.",
    )
    min_confidence: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Judgements less confident than this count as `unknown` (0: the occupancy "
        "model's own fitted `unknown` band decides).",
    )
    read_labels: bool = Field(
        default=True, description="Decode labels in changed bins and their location labels."
    )
    decode_budget_ms: float = Field(
        default=40.0,
        gt=0.0,
        description="Time budget for label decoding per analysed frame; bins left over are "
        "decoded on later frames.",
    )
    moved_after: int = Field(
        default=2,
        ge=1,
        le=20,
        description="Misplaced location-label sightings before `camera.moved` is raised.",
    )
    stall_timeout: float = Field(
        default=5.0,
        gt=0.0,
        description="Seconds without a frame before the source counts as stalled (an outage, "
        "never an empty rack) and is reconnected.",
    )
    reconnect_min: float = Field(
        default=0.5, gt=0.0, description="First reconnect delay, seconds (doubles each failure)."
    )
    reconnect_max: float = Field(
        default=30.0, gt=0.0, description="Longest reconnect delay, seconds."
    )
    status_period: float = Field(
        default=30.0, gt=0.0, description="Seconds between periodic status documents."
    )
    undistort: bool = Field(
        default=True,
        description="Undistort analysed frames when the calibration carries intrinsics.",
    )

    @model_validator(mode="after")
    def _backoff_order(self) -> CameraConfig:
        if self.reconnect_max < self.reconnect_min:
            raise ValueError("reconnect_max must be ≥ reconnect_min")
        return self
