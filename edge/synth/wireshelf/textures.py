"""Surface textures: moulded plastic, corrugated cardboard, boards, painted steel, wire mesh,
notched posts, clear plastic, walls and floors.

Each maker returns a `TextureFn` that draws at whatever pixel size the painter asks for; makers
take the surface's size in metres so that physical detail (flutes, wires, notches, blocks) keeps
its real pitch whatever the distance. Randomness comes only from the seed passed in, so a surface
drawn twice is the same surface.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from edge.synth.wireshelf.camera import Image, Pixels
from edge.synth.wireshelf.faces import Colour, TextureFn

Size = tuple[float, float]
FloatImage = NDArray[np.floating[Any]]  # metres along the texture's width and height


def smooth(rng: np.random.Generator, w: int, h: int, cells: int) -> Image:
    """Low-frequency noise in about [-1, 1]: a coarse random grid, blown up smoothly."""
    gw, gh = max(2, cells), max(2, round(cells * h / max(w, 1)) + 1)
    grid = rng.standard_normal((gh, gw)).astype(np.float32)
    return np.asarray(cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC), np.float32)


def rgba(rgb: FloatImage, alpha: FloatImage | None = None) -> Pixels:
    """Float RGB in [0, 1] (and alpha) to the painter's 8-bit texture: RGBA, or plain RGB when
    there is no alpha (opaque textures are copied, never blended)."""
    if alpha is None:
        return np.asarray(cv2.convertScaleAbs(rgb, alpha=255.0), np.uint8)
    h, w = rgb.shape[:2]
    out = np.empty((h, w, 4), np.uint8)
    out[..., :3] = cv2.convertScaleAbs(rgb, alpha=255.0)
    out[..., 3] = cv2.convertScaleAbs(alpha, alpha=255.0)
    return out


def fit(w: int, h: int, limit: int) -> tuple[int, int]:
    """Smooth surfaces need no more pixels than this: the painter stretches any texture."""
    k = min(1.0, limit / max(w, h))
    return max(4, round(w * k)), max(4, round(h * k))


def flat_fill(colour: Colour, w: int, h: int) -> Image:
    return np.broadcast_to(np.asarray(colour, np.float32), (h, w, 3)).copy()


def plastic(colour: Colour, seed: int, size: Size, ribs: float = 0.0) -> TextureFn:
    """Injection-moulded bin wall: faint mottling, sink marks, scuffs; `ribs`: metres between
    moulded vertical ribs (0: none)."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 320)
        rng = np.random.default_rng(seed)
        shade = 1 + 0.04 * smooth(rng, w, h, 5) + 0.012 * rng.standard_normal((h, w))
        if ribs > 0 and w / (size[0] / ribs) >= 5:
            for x in np.arange(ribs / 2, size[0], ribs) * w / size[0]:
                xi = int(x)
                shade[:, max(xi - 1, 0) : xi] *= 0.9
                shade[:, xi : xi + 1] *= 1.06
        rgb = flat_fill(colour, w, h) * shade[..., None]
        for _ in range(rng.integers(0, 3)):  # scuffs catch a little light
            p = rng.uniform(0, 1, 2) * (w, h)
            q = p + rng.normal(0, 0.06, 2) * (w, h)
            cv2.line(
                rgb, tuple(p.astype(int)), tuple(q.astype(int)), tuple(c * 1.25 for c in colour), 1
            )
        return rgba(rgb)

    return make


def cardboard(colour: Colour, seed: int, size: Size, flutes_vertical: bool = True) -> TextureFn:
    """Corrugated board: mottled liner, flutes showing through, the odd stain and tape."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 320)
        rng = np.random.default_rng(seed)
        shade = 1 + 0.06 * smooth(rng, w, h, 6) + 0.02 * rng.standard_normal((h, w))
        along = w if flutes_vertical else h
        metres = size[0] if flutes_vertical else size[1]
        period = along / max(metres / 0.005, 1)
        if period >= 2.5:
            wave = 1 + 0.025 * np.sin(np.arange(along) * 2 * np.pi / period)
            shade *= wave[None, :] if flutes_vertical else wave[:, None]
        rgb = flat_fill(colour, w, h) * shade[..., None]
        if rng.random() < 0.35:  # a water or oil stain
            stain = np.clip(smooth(rng, w, h, 3) - 0.9, 0, 1)[..., None]
            rgb *= 1 - 0.25 * stain
        if rng.random() < 0.3:  # packing tape across
            y = int(rng.uniform(0.2, 0.8) * h)
            band = max(2, int(0.05 / max(size[1], 0.05) * h))
            rgb[y : y + band] = rgb[y : y + band] * 0.7 + np.float32(0.3) * np.asarray(
                (0.75, 0.6, 0.35), np.float32
            )
        return rgba(rgb)

    return make


def flute_edge(colour: Colour, seed: int) -> TextureFn:
    """The cut edge of corrugated board: two liners and a wavy medium between them."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        rgb = flat_fill(colour, w, h) * (1 + 0.05 * smooth(rng, w, h, 8))[..., None]
        if w >= 3 and h >= 3:
            x = np.arange(w)
            y = (h / 2 + (h / 3) * np.sin(x * 2 * np.pi / max(h * 1.2, 3))).astype(int)
            rgb[np.clip(y, 0, h - 1), x] *= 0.55
        return rgba(rgb)

    return make


def board(colour: Colour, seed: int, grain: float = 0.0) -> TextureFn:
    """Melamine or plywood panel; `grain` > 0 draws wood grain of that contrast."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 320)
        rng = np.random.default_rng(seed)
        shade = 1 + 0.025 * smooth(rng, w, h, 4) + 0.008 * rng.standard_normal((h, w))
        if grain > 0:
            warp = smooth(rng, w, h, 3) * 6
            y = np.arange(h, dtype=np.float32)[:, None] + warp
            shade *= 1 + grain * np.sin(y * 2 * np.pi / max(h / 14, 2)) ** 8
        return rgba(flat_fill(colour, w, h) * shade[..., None])

    return make


def steel(colour: Colour, seed: int) -> TextureFn:
    """Powder-coated steel: even colour, a soft sheen, a few chips and scratches."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 256)
        rng = np.random.default_rng(seed)
        y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        shade = 1 + 0.03 * smooth(rng, w, h, 3) + 0.06 * np.exp(-(((y - 0.3) / 0.2) ** 2))
        rgb = flat_fill(colour, w, h) * shade[..., None]
        for _ in range(rng.integers(0, 5)):
            p = rng.uniform(0, 1, 2) * (w, h)
            cv2.circle(rgb, tuple(p.astype(int)), int(rng.integers(1, 3)), (0.55, 0.55, 0.56), -1)
        return rgba(rgb)

    return make


def mesh(colour: Colour, seed: int, size: Size, pitch: Size, wire: float, frame: bool) -> TextureFn:
    """Welded wire: wires every pitch[0] along the width and pitch[1] along the height (metres,
    0: none), see-through between them; `frame`: a heavier wire round the edge."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        alpha = np.zeros((h, w), np.uint8)
        px = max(1, round(wire * w / size[0]))
        if pitch[0] > 0:
            for x in np.arange(pitch[0] / 2, size[0], pitch[0]) * w / size[0]:
                cv2.line(alpha, (int(x), 0), (int(x), h - 1), 255, px, cv2.LINE_AA)
        if pitch[1] > 0:
            for y in np.arange(pitch[1] / 2, size[1], pitch[1]) * h / size[1]:
                cv2.line(alpha, (0, int(y)), (w - 1, int(y)), 255, px, cv2.LINE_AA)
        if frame:
            cv2.rectangle(alpha, (0, 0), (w - 1, h - 1), 255, px * 2)
        sheen = 1 + 0.25 * smooth(rng, w, h, 6)
        rgb = flat_fill(colour, w, h) * sheen[..., None]
        return rgba(rgb, alpha.astype(np.float32) / 255)

    return make


def post(colour: Colour, seed: int, height: float, chrome: bool) -> TextureFn:
    """A round upright seen side-on: cylinder shading across, a groove every inch along it (the
    notches shelf collars clip into)."""

    def make(w: int, h: int) -> Pixels:
        rng = np.random.default_rng(seed)
        u = np.linspace(-1, 1, max(w, 2), dtype=np.float32)
        if chrome:  # mirror-like: hard bright and dark bands of the surroundings
            across = (
                0.55 + 0.35 * np.cos(u * 5.5 + 0.6) + 0.35 * np.exp(-(((u + 0.35) / 0.12) ** 2))
            )
        else:
            across = 0.75 + 0.25 * np.sqrt(np.clip(1 - u * u, 0, 1))
        shade = np.broadcast_to(across[None, :w], (h, w)).copy()
        step = h * 0.0254 / max(height, 1e-3)
        if step >= 3:
            for y in np.arange(rng.uniform(0, step), h, step):
                shade[int(y) : int(y) + max(1, int(step / 6))] *= 0.55
        return rgba(flat_fill(colour, w, h) * shade[..., None])

    return make


def clear(tint: Colour, seed: int, alpha: float) -> TextureFn:
    """Clear plastic: mostly see-through with a tint, brighter streaks where it reflects and
    denser edges where the wall bends."""

    def make(w: int, h: int) -> Pixels:
        w, h = fit(w, h, 256)
        rng = np.random.default_rng(seed)
        a = np.full((h, w), alpha, np.float32)
        rgb = flat_fill(tint, w, h)
        for _ in range(rng.integers(1, 4)):
            x = rng.uniform(0, w)
            width = rng.uniform(0.03, 0.12) * w
            lean = rng.uniform(-0.3, 0.3) * w
            xs = np.arange(w, dtype=np.float32)[None, :] - x - lean * np.linspace(0, 1, h)[:, None]
            streak = np.exp(-((xs / width) ** 2)) * rng.uniform(0.2, 0.45)
            a = np.maximum(a, streak.astype(np.float32))
            rgb += streak[..., None].astype(np.float32)
        edge = max(1, w // 40)
        a[:, :edge] = a[:, -edge:] = a[:edge] = a[-edge:] = min(1.0, alpha + 0.4)
        return rgba(np.clip(rgb, 0, 1), np.clip(a, 0, 1))

    return make
