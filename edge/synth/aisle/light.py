"""Warehouse light on the painted canvas, worked out per pixel from the face that pixel shows.

Each pixel's face plane gives back its 3-D point, so the light can depend on where things are:
rows of ceiling fixtures over the aisle make bright bands along it, the lit stretch ends and the
far end of the aisle goes dark, shelves low down get less than those near the lamps, and the
back of a cavity sits in its own shadow (deep, low bins the most). A face's turn towards the
lamps sets how much of that it catches. The two frames of a scene get different levels, colours
and sometimes a failed tube.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from edge.synth.aisle.camera import Lens, Pose
from edge.synth.aisle.geometry import Vec
from edge.synth.aisle.painter import Canvas

Image = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Light:
    level: float  # overall brightness
    tint: tuple[float, float, float]  # BGR colour of the tubes
    spacing: float  # metres between fixtures along the aisle
    phase: float  # x of one fixture
    band: float  # how much brighter right under a fixture
    dead: float | None  # x of a failed fixture
    reach: float  # metres down the aisle where the lit stretch ends
    look: float  # +1 when the camera looks towards +x
    eye_x: float
    ceiling: float  # height of the fixtures
    key: Vec  # unit direction towards the fixtures
    fill: Vec  # unit direction of the light bounced back from the aisle
    ambient: float


_WARM = (0.78, 0.95, 1.12)
_COOL = (1.06, 1.0, 0.9)
_GREENISH = (0.93, 1.06, 0.92)


def _tint(rng: np.random.Generator) -> tuple[float, float, float]:
    base = [_WARM, _COOL, _GREENISH][int(rng.choice(3, p=[0.35, 0.45, 0.2]))]
    jitter = rng.uniform(-0.04, 0.04, 3)
    b, g, r = (float(c + j) for c, j in zip(base, jitter, strict=True))
    return (b, g, r)


def light_pair(
    rng: np.random.Generator,
    eye: Vec,
    look: float,
    ceiling: float,
    lamps: tuple[float, float],
) -> tuple[Light, Light]:
    """The taught frame's light and the later frame's: the same fixtures (spacing and the x of
    one), other level and colour, sometimes one of them out."""
    spacing, phase = lamps
    reach = float(rng.uniform(7.0, 18.0))
    key = np.array([0.0, 1.0, -rng.uniform(0.35, 0.8)])
    key /= np.linalg.norm(key)
    fill = np.array([-look * rng.uniform(0.3, 0.8), 0.25, -1.0])
    fill /= np.linalg.norm(fill)
    lights = []
    for later in (False, True):
        dead = None
        if rng.random() < (0.3 if later else 0.12):
            dead = float(eye[0] + look * rng.uniform(1.0, 10.0))
        lights.append(
            Light(
                level=float(rng.uniform(0.75, 1.3)),
                tint=_tint(rng),
                spacing=spacing,
                phase=phase,
                band=float(rng.uniform(0.12, 0.35)),
                dead=dead,
                reach=reach * (float(rng.uniform(0.8, 1.2)) if later else 1.0),
                look=look,
                eye_x=float(eye[0]),
                ceiling=ceiling,
                key=key,
                fill=fill,
                ambient=float(rng.uniform(0.28, 0.42)),
            )
        )
    return lights[0], lights[1]


def _points(canvas: Canvas, pose: Pose, lens: Lens) -> tuple[Image, Image, Image]:
    """World x, y, z of what each canvas pixel shows (the ray met with its face's plane)."""
    h, w = canvas.ids.shape
    s = np.float32(lens.scale)
    xn = (np.arange(w, dtype=np.float32) / s + np.float32(lens.origin[0]))[None, :]
    yn = (np.arange(h, dtype=np.float32) / s + np.float32(lens.origin[1]))[:, None]
    a = pose.axes.astype(np.float32)
    rays = [a[0, k] * xn + a[1, k] * yn + a[2, k] for k in range(3)]
    normals = canvas.normals.astype(np.float32)
    ids = canvas.ids
    nx, ny, nz = normals[ids, 0], normals[ids, 1], normals[ids, 2]
    eye = pose.eye.astype(np.float32)
    towards = nx * rays[0] + ny * rays[1] + nz * rays[2]
    gap = canvas.offsets.astype(np.float32)[ids] - (nx * eye[0] + ny * eye[1] + nz * eye[2])
    t = np.where(np.abs(towards) > 1e-4, gap / np.where(towards == 0, 1, towards), 50.0)
    t = np.clip(t, 0.0, 80.0).astype(np.float32)
    x, y, z = (eye[k] + t * rays[k] for k in range(3))
    return x, y, z


def shade(canvas: Canvas, pose: Pose, lens: Lens, light: Light) -> Image:
    """Radiance of the canvas under `light` (about 0..1.5, BGR, linear)."""
    x, y, z = _points(canvas, pose, lens)
    normals = canvas.normals
    catch = (
        light.ambient
        + 0.62 * np.clip(normals @ light.key, 0, None)
        + 0.3 * np.clip(normals @ light.fill, 0, None)
    ).astype(np.float32)
    ids = canvas.ids
    gain = catch[ids]
    gain *= 1 + np.float32(light.band) * np.cos((x - light.phase) * (2 * np.pi / light.spacing))
    if light.dead is not None:
        gain *= 1 - 0.45 * np.exp(-(((x - light.dead) / (0.6 * light.spacing)) ** 2))
    along = (x - np.float32(light.eye_x)) * np.float32(light.look)
    gain *= 0.16 + 0.84 / (1 + np.exp(np.clip((along - light.reach) / 2.5, -30, 30)))
    gain *= 0.58 + 0.42 * np.clip(y / np.float32(light.ceiling), 0, 1)
    depth, dark = canvas.hollow[:, 0].astype(np.float32), canvas.hollow[:, 1].astype(np.float32)
    inside = np.clip(z / np.maximum(depth[ids], 1e-3), 0, 1) ** np.float32(0.8)
    gain *= np.where(depth[ids] > 0, 1 - dark[ids] * inside, 1).astype(np.float32)
    gain += canvas.glow.astype(np.float32)[ids]
    out = canvas.albedo.astype(np.float32) * (gain * np.float32(light.level / 255.0))[..., None]
    out *= np.array(light.tint, np.float32)
    return np.asarray(out, np.float32)
