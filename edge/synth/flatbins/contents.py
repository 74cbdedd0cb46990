"""What the painters of box-shaped locations (cartons, totes, shelf, cabinet) draw the same way:
the sticker some back walls carry, the goods or litter a location's stock names, and the labels
of styles that stick them on the structure. The pegboard's hooks have no inside and draw their
own."""

from __future__ import annotations

from edge.synth.flatbins.draw import Colour, Image, Pen, code_seed, label
from edge.synth.flatbins.goods import Place, paint_goods
from edge.synth.flatbins.layout import Rack, Slot
from edge.synth.flatbins.litter import paint_litter, paint_sticker
from edge.synth.flatbins.stock import Stock


def paint_back_sticker(pen: Pen, rack: Rack, slot: Slot) -> None:
    """The label-like sticker on the back wall of a location that has one; its seed is the
    rack's and the location's, so it is the same in both frames whatever the stock."""
    if slot.sticker:
        paint_sticker(pen, slot.box, rack.seed + code_seed(slot.location), rack.unit)


def paint_held(pen: Pen, place: Place, stock: Stock, near: Colour) -> None:
    """What the stock puts in the location: its goods (`near` is the colour around them), or
    when it is empty the litter it may hold."""
    if stock.kind:
        paint_goods(pen, place, stock.kind, stock.seed, near)
    elif stock.litter:
        paint_litter(pen, place, stock.litter, stock.seed)


def paint_labels(canvas: Image, rack: Rack) -> None:
    """Every location's label, painted after the structure it is stuck on."""
    pen = Pen(canvas)
    for slot in rack.slots:
        label(pen, slot.label, slot.location)
