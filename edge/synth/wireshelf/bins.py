"""The lean-to bin family: stackable plastic bins with a low hopper front and a
label holder on the lip, and open-front corrugated shelf bins (same shape, cardboard, sometimes
with a divider).
"""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.faces import Colour, Face, TextureFn, quad
from edge.synth.wireshelf.prints import label as label_texture
from edge.synth.wireshelf.slot import (
    BACK,
    DOWN,
    FRONT,
    INSIDE,
    LEFT,
    RIGHT,
    UP,
    Box,
    Region,
    Slot,
    normal_of,
    on_face,
)
from edge.synth.wireshelf.textures import cardboard, flute_edge, plastic


def lip_labels(
    owner: int,
    location: str,
    seed: int,
    front: Vec,
    width: float,
    part: str | None,
    holder: bool = True,
) -> tuple[list[Face], Vec]:
    """The location label on a bin's front (in a dark label holder on plastic bins, stuck on
    cardboard), and a part label beside it on wide bins. Returns the faces and the location
    label's quad."""
    n = normal_of(front, FRONT)
    lift = n * 0.0015
    tall = float(np.linalg.norm(front[3] - front[0]))
    share = min(0.8, 0.07 / max(width, 0.01))
    v0 = 0.5 - min(0.4, 0.013 / max(tall, 0.01))
    v1 = 0.5 + min(0.4, 0.013 / max(tall, 0.01))
    left = 0.06 if part is not None and width > 0.18 else (1 - share) / 2
    where = on_face(front, left, left + share, v0, v1, lift)
    faces = []
    if holder:
        frame = on_face(front, left - 0.015, left + share + 0.015, v0 - 0.08, v1 + 0.08, lift * 0.5)
        faces.append(Face(frame, colour=(0.2, 0.2, 0.2), normal=n, shade=0.9, owner=owner))
    faces.append(
        Face(where, texture=label_texture(location, seed), key=f"lab{seed}", normal=n, owner=owner)
    )
    if part is not None and width > 0.18:
        spot = on_face(front, 0.94 - share, 0.94, v0, v1, lift)
        look = label_texture(part, seed + 1, part=True)
        faces.append(Face(spot, texture=look, key=f"part{seed}", normal=n, owner=owner))
    return faces, where


def leanto(
    index: int,
    location: str,
    box: Box,
    colour: Colour,
    seed: int,
    *,
    cardboard_body: bool = False,
    lip: float = 0.45,
    kink: float = 0.35,
    hopper: float = 0.015,
    stacked_on: bool = False,
    part: str | None = None,
    label: Vec | None = None,
    divider: bool = False,
) -> Slot:
    """A lean-to bin (or, with `cardboard_body`, a corrugated shelf bin). `stacked_on`: another
    bin sits on this one, so its opening ends at the upper bin's underside. `label`: the location
    label lives elsewhere (shelf edge); the lip then carries only a part label, if any."""
    own = index + 1
    t = 0.004 if cardboard_body else 0.003
    xl, xr, yb, zf = box.x, box.x + box.w, box.y, box.z
    ytop, ylip, zb = yb + box.h, yb + lip * box.h, box.z + box.d
    zl, zk = zf - hopper, zf + kink * box.d
    xil, xir, yf = xl + t, xr - t, yb + t

    # bins of one colour and size share their surface textures: far fewer to draw, and the
    # mottling of moulded plastic is not what tells two bins apart
    family = f"{colour}{box.w:.3f}{box.h:.3f}{box.d:.3f}{cardboard_body}{seed % 3}"
    base = 1000 + seed % 3

    def surface(part_no: int, size: tuple[float, float]) -> tuple[TextureFn, str]:
        if cardboard_body:
            return cardboard(colour, base + part_no, size, part_no != 2), f"{family}s{part_no}"
        ribs = 0.03 if part_no == 1 else 0
        return plastic(colour, base + part_no, size, ribs), f"{family}s{part_no}"

    def face(
        look: tuple[TextureFn, str],
        pts: Vec,
        normal: Vec,
        shade: float,
        uv: Vec | None = None,
        ramp: tuple[float, float] = (1.0, 1.0),
    ) -> Face:
        return Face(pts, colour, look[0], look[1], uv, normal, shade, ramp, owner=own)

    side = surface(1, (box.d, box.h))
    flat = surface(2, (box.w, box.d))
    front_tex = surface(3, (box.w, box.h * lip))
    profile = [(yb, zf), (ylip, zl), (ytop, zk), (ytop, zb), (yb, zb)]
    side_uv = np.array([((z - zl) / (zb - zl), (ytop - y) / box.h) for y, z in profile])

    def side_pts(x: float) -> Vec:
        return np.array([(x, y, z) for y, z in profile])

    front_out = quad((xl, ylip, zl), (xr, ylip, zl), (xr, yb, zf), (xl, yb, zf))
    front_in = front_out + np.array([0.0, 0.0, t])
    inner = [
        face(
            flat,
            quad((xil, yf, zf + t), (xir, yf, zf + t), (xir, yf, zb - t), (xil, yf, zb - t)),
            UP,
            INSIDE,
            ramp=(0.95, 0.7),
        ),
        face(
            flat,
            quad((xil, ytop, zb - t), (xir, ytop, zb - t), (xir, yf, zb - t), (xil, yf, zb - t)),
            FRONT,
            INSIDE * 0.85,
            ramp=(0.9, 0.7),
        ),
        face(side, side_pts(xil), RIGHT, INSIDE * 0.85, uv=side_uv, ramp=(1.0, 0.75)),
        face(side, side_pts(xir), LEFT, INSIDE * 0.8, uv=side_uv, ramp=(1.0, 0.75)),
        face(front_tex, front_in, normal_of(front_in, BACK), INSIDE * 0.9),
    ]
    outer = [
        face(front_tex, front_out, normal_of(front_out, FRONT), 0.92),
        face(side, side_pts(xl), LEFT, 0.72, uv=side_uv),
        face(side, side_pts(xr), RIGHT, 0.7, uv=side_uv),
        face(flat, quad((xl, yb, zf), (xr, yb, zf), (xr, yb, zb), (xl, yb, zb)), DOWN, 0.4),
    ]
    rim_colour = (
        min(1.0, colour[0] * 1.12),
        min(1.0, colour[1] * 1.12),
        min(1.0, colour[2] * 1.12),
    )
    edge = flute_edge(colour, seed) if cardboard_body else None
    rims = [
        quad(
            (xl, ylip, zl - 0.002),
            (xr, ylip, zl - 0.002),
            (xr, ylip, zl + 0.006),
            (xl, ylip, zl + 0.006),
        )
    ]
    for x in (xl, xr - 2 * t):
        for (y0, z0), (y1, z1) in (((ylip, zl), (ytop, zk)), ((ytop, zk), (ytop, zb))):
            rims.append(quad((x, y1, z1), (x + 2 * t, y1, z1), (x + 2 * t, y0, z0), (x, y0, z0)))
    for pts in rims:
        n = normal_of(pts, UP + FRONT * 0.3)
        key = f"{family}edge" if edge else ""
        outer.append(
            Face(
                pts,
                rim_colour,
                edge,
                key,
                uv=np.array([[0.0, 0], [1, 0], [1, 1], [0, 1]]),
                normal=n,
                shade=1.05,
                owner=own,
            )
        )
    if label is None:
        faces, where = lip_labels(own, location, seed, front_out, box.w, part, not cardboard_body)
        outer.extend(faces)
    else:
        where = label
        if part is not None:
            faces, _ = lip_labels(own, part, seed + 7, front_out, box.w, None, not cardboard_body)
            outer.extend(faces)
    if part is not None and box.w <= 0.18 and label is None and not cardboard_body:
        # narrow bins: the part label is taped inside on the back wall
        back = quad((xil, ytop, zb - t), (xir, ytop, zb - t), (xir, yf, zb - t), (xil, yf, zb - t))
        spot = on_face(back, 0.15, 0.85, 0.12, 0.42, FRONT * 0.001)
        inner.append(
            Face(
                spot,
                texture=label_texture(part, seed + 3, part=True),
                key=f"bpart{seed}",
                normal=FRONT,
                shade=INSIDE,
                owner=own,
            )
        )
    # the visible inside as a person clicks it: from the lip up to the back's top edge, or to
    # the underside of the bin stacked on this one
    z_top = zf if stacked_on else zb - t
    opening = quad((xil, ytop, z_top), (xir, ytop, z_top), (xir, ylip, zl), (xil, ylip, zl))
    regions: tuple[Region, ...]
    walls: tuple[Face, ...] = ()
    if divider:
        xm = (xil + xir) / 2
        half = (xir - xil) / 2 - t
        regions = (
            Region(np.array([xil, yf, zf + t]), half, box.d - 2 * t, box.h - t, lip * box.h),
            Region(np.array([xm + t, yf, zf + t]), half, box.d - 2 * t, box.h - t, lip * box.h),
        )
        # dividers stand lower than the walls: what is behind one still shows over it
        wall = np.array([(xm, yb + (y - yb) * 0.6, z) for y, z in profile[1:]] + [(xm, yf, zf + t)])
        walls = (
            Face(wall, colour=colour, normal=LEFT, shade=INSIDE * 0.8, owner=own),
            Face(wall, colour=colour, normal=RIGHT, shade=INSIDE * 0.85, owner=own),
        )
    else:
        regions = (
            Region(np.array([xil, yf, zf + t]), xir - xil, box.d - 2 * t, box.h - t, lip * box.h),
        )
    return Slot(
        index=index,
        location=location,
        kind="shelfbin" if cardboard_body else "leanto",
        colour=colour,
        inner=tuple(inner),
        outer=tuple(outer),
        opening=opening,
        label=where,
        regions=regions,
        lo=np.array([xl, yb, zl]),
        hi=np.array([xr, ytop, zb]),
        divider=walls,
    )
