"""Does the occupancy model read this rack as the person teaching it does?

At `edge calibrate teach` the person names bin states; the model's own reading of the same
snapshot, without a reference, is compared with them. On racks unlike its training racks the
model alone misreads many bins (models/occupancy/MODEL_CARD.md) while the taught reference
still works, so the integrator learns at teaching time which of the two to rely on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

TRUST_FROM = 0.9  # below this share of agreement the model alone is not to be relied on here


@dataclass(frozen=True)
class Agreement:
    """The model's states (`empty`, `occupied` or `unknown`) against a person's, per bin."""

    named: int  # bins the person named that the model read
    same: int
    differs: tuple[tuple[str, str, str], ...]  # (location, person, model), model sure
    unsure: tuple[str, ...]  # the model said `unknown`

    @property
    def share(self) -> float:
        return self.same / self.named if self.named else 1.0

    def summary(self) -> str:
        text = f"the model alone reads {self.same} of {self.named} named bins as you do"
        if self.differs:
            text += "; differs: " + ", ".join(
                f"{loc} (you {person}, model {model})" for loc, person, model in self.differs
            )
        if self.unsure:
            text += "; unsure: " + ", ".join(self.unsure)
        if self.named and self.share < TRUST_FROM:
            text += (
                ". On this rack rely on the reference: keep it taught, and teach again after "
                "the rack is rebuilt or relit"
            )
        return text


def agreement(person: Mapping[str, str], model: Mapping[str, str]) -> Agreement:
    """`person`: states named by hand; `model`: the model's state per bin without a
    reference (bins it did not analyse are left out)."""
    named = [loc for loc in person if loc in model]
    differs = tuple(
        (loc, person[loc], model[loc])
        for loc in named
        if model[loc] != "unknown" and model[loc] != person[loc]
    )
    unsure = tuple(loc for loc in named if model[loc] == "unknown")
    same = len(named) - len(differs) - len(unsure)
    return Agreement(named=len(named), same=same, differs=differs, unsure=unsure)
