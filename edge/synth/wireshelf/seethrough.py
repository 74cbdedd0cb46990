"""See-through locations: welded wire baskets (mesh on every side) and clear plastic drawers in
a cabinet opening (contents seen through the drawer's front and walls)."""

from __future__ import annotations

import numpy as np

from edge.synth.wireshelf.camera import Vec
from edge.synth.wireshelf.cells import INWARD, SHADE, shell
from edge.synth.wireshelf.faces import Colour, Face, quad, scaled
from edge.synth.wireshelf.prints import label as label_texture
from edge.synth.wireshelf.slot import FRONT, Box, Region, Slot, on_face
from edge.synth.wireshelf.textures import clear, mesh, steel


def basket(index: int, location: str, box: Box, wire: Colour, seed: int, lip: float) -> Slot:
    """A welded wire basket: every wall is see-through; a plastic label clip on the front."""
    own = index + 1
    sides = shell(box)
    front = sides["front"].copy()
    front[:2, 1] = box.y + lip * box.h
    sides["front"] = front
    sizes = {
        "floor": (box.w, box.d),
        "left": (box.h, box.d),
        "right": (box.h, box.d),
        "back": (box.w, box.h),
        "front": (box.w, box.h * lip),
    }
    pitch = (0.03, 0.04, 0.05)[seed % 3]
    family = (
        f"{box.w:.3f}{box.h:.3f}{box.d:.3f}{lip:.2f}{seed % 3}"  # baskets of a size share textures
    )
    inner, outer = [], []
    for name, size in sizes.items():
        look = mesh(wire, seed % 3, size, (pitch, pitch), 0.003, True)
        shade = 0.95 if name != "floor" else 0.8
        pts = sides[name]
        inner.append(
            Face(
                pts,
                wire,
                look,
                f"bk{family}{name}",
                None,
                INWARD[name],
                shade * 0.9,
                owner=own,
                solid=False,
            )
        )
        outer.append(
            Face(
                pts,
                wire,
                look,
                f"bk{family}{name}",
                None,
                -INWARD[name],
                shade,
                owner=own,
                solid=False,
            )
        )
    rim_y = box.y + lip * box.h
    outer.append(
        Face(
            quad(
                (box.x, rim_y + 0.003, box.z - 0.003),
                (box.x + box.w, rim_y + 0.003, box.z - 0.003),
                (box.x + box.w, rim_y - 0.003, box.z - 0.003),
                (box.x, rim_y - 0.003, box.z - 0.003),
            ),
            wire,
            normal=FRONT,
            shade=1.1,
            owner=own,
        )
    )
    clip = on_face(
        front,
        0.5 - min(0.4, 0.035 / box.w),
        0.5 + min(0.4, 0.035 / box.w),
        0.0,
        min(0.45, 0.024 / max(box.h * lip, 0.01)),
        FRONT * 0.006,
    )
    outer.append(
        Face(
            clip + FRONT * 0.002 + np.array([0, 0.004, 0]),
            (0.15, 0.15, 0.16),
            normal=FRONT,
            owner=own,
        )
    )
    outer.append(
        Face(clip, texture=label_texture(location, seed), key=f"lab{seed}", normal=FRONT, owner=own)
    )
    region = Region(
        np.array([box.x + 0.004, box.y + 0.004, box.z + 0.004]),
        box.w - 0.008,
        box.d - 0.008,
        box.h,
        lip * box.h,
    )
    opening = shell(box)["front"]
    return Slot(
        index,
        location,
        "basket",
        wire,
        tuple(inner),
        tuple(outer),
        opening,
        clip,
        (region,),
        opening.min(axis=0),
        sides["back"].max(axis=0),
    )


def drawer(index: int, location: str, box: Box, cabinet: Colour, tint: Colour, seed: int) -> Slot:
    """A clear drawer in a cabinet opening (`box`): the opening's painted inside, the drawer's
    translucent walls, then after the contents its front with a label slot and a finger pull."""
    own = index + 1
    hole = shell(box)
    family = f"{box.w:.3f}{box.h:.3f}{box.d:.3f}{seed % 3}"  # drawers of a size share textures
    paint = steel(cabinet, seed % 3)
    inner = [
        Face(
            hole[n],
            cabinet,
            paint,
            f"cab{family}{n}",
            None,
            INWARD[n],
            SHADE[n] * 0.6,
            (1, 0.5),
            owner=own,
        )
        for n in ("back", "floor", "ceiling", "left", "right")
    ]
    inset = Box(
        box.x + 0.004, box.y + 0.003, box.z - 0.003, box.w - 0.008, box.h - 0.012, box.d - 0.01
    )
    body = shell(inset)
    plastic = clear(tint, seed % 3, 0.22)
    outer = []
    for name in ("back", "floor", "left", "right", "front"):
        alpha = 0.85 if name == "front" else 0.7
        inner.append(
            Face(
                body[name],
                tint,
                plastic,
                f"clr{family}{name}",
                None,
                INWARD[name],
                0.9,
                alpha=alpha,
                owner=own,
                solid=False,
            )
        )
        outer.append(
            Face(
                body[name],
                tint,
                plastic,
                f"clr{family}{name}",
                None,
                -INWARD[name],
                1.0,
                alpha=alpha,
                owner=own,
                solid=False,
            )
        )
    front = body["front"]
    lift = FRONT * 0.002
    slot = on_face(
        front,
        0.5 - min(0.42, 0.033 / box.w),
        0.5 + min(0.42, 0.033 / box.w),
        0.05,
        min(0.35, 0.022 / box.h) + 0.05,
        lift,
    )
    outer.append(
        Face(
            on_face(front, 0.04, 0.96, 0.0, min(0.4, 0.035 / box.h) + 0.06, lift * 0.5),
            (0.9, 0.92, 0.95),
            alpha=0.55,
            normal=FRONT,
            owner=own,
        )
    )
    outer.append(
        Face(slot, texture=label_texture(location, seed), key=f"lab{seed}", normal=FRONT, owner=own)
    )
    pull = on_face(front, 0.4, 0.6, 0.82, 0.98, lift * 4)
    outer.append(Face(pull, scaled(tint, 0.8), normal=FRONT, owner=own))
    region = Region(
        np.array([inset.x + 0.003, inset.y + 0.002, inset.z + 0.003]),
        inset.w - 0.006,
        inset.d - 0.006,
        inset.h - 0.004,
        inset.h * 0.9,
    )
    return Slot(
        index,
        location,
        "drawer",
        tint,
        tuple(inner),
        tuple(outer),
        front,
        slot,
        (region,),
        box_lo(box),
        box_hi(box),
    )


def box_lo(box: Box) -> Vec:
    return np.array([box.x, box.y, box.z])


def box_hi(box: Box) -> Vec:
    return np.array([box.x + box.w, box.y + box.h, box.z + box.d])
