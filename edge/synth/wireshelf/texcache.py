"""Texture pixels for a face, drawn once and kept: a surface's texture is drawn at about the
size it first appears on screen, shaded versions are kept beside it, and both frames of a scene
reuse them, so an unchanged surface gets the same pixels in the reference and the later frame."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.camera import Pixels, Vec
from edge.synth.wireshelf.faces import Face

UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
LIMIT = 1024  # pixels: no texture is drawn larger


def shaded_texture(cache: dict[str, Pixels], face: Face, to_px: Vec) -> tuple[Pixels, bool]:
    """The face's texture (shaded, cached) and whether it is opaque. Opaque ones are kept
    as 3 channels: they are copied, not blended."""
    top, bottom = face.ramp
    key = f"{face.key}|{face.shade:.3f}|{top:.3f}|{bottom:.3f}" if face.key else ""
    if key in cache:
        tex = cache[key]
        return tex, tex.shape[2] == 3
    raw = cache.get(face.key) if face.key else None
    if raw is None:
        corners = (to_px @ np.hstack([UNIT_SQUARE, np.ones((4, 1))]).T).T
        if (corners[:, 2] > 0).all():
            c = corners[:, :2] / corners[:, 2:3]
            w = float(max(np.linalg.norm(c[1] - c[0]), np.linalg.norm(c[2] - c[3])))
            h = float(max(np.linalg.norm(c[3] - c[0]), np.linalg.norm(c[2] - c[1])))
        else:
            w = h = float(LIMIT)
        assert face.texture is not None
        raw = face.texture(int(np.clip(w, 4, LIMIT)), int(np.clip(h, 4, LIMIT)))
        if face.key:
            cache[face.key] = raw
    tex = raw
    if face.shade != 1.0 or top != bottom:
        gain = np.linspace(top, bottom, raw.shape[0], dtype=np.float32) * np.float32(face.shade)
        tex = raw.copy()
        tex[..., :3] = np.minimum(raw[..., :3] * gain[:, None, None], 255)
    if key:
        cache[key] = tex
    return tex, tex.shape[2] == 3
