"""Configuration section `counting`: tolerances, escalation tiers, classes, count frequencies.

Every field has a default, so a site with no `counting:` section counts with textbook values:
A ±1 %, B ±3 %, C ±5 %, a variance value threshold, ABC 80/15/5, XYZ CV 0.5/1.0, A 12, B 4,
C 1 counts a year over Monday–Friday.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class TierConfig(_Section):
    """When a confirmed variance goes beyond the floor (tier 1)."""

    supervisor_value: float = Field(
        default=250.0,
        ge=0,
        description="Absolute variance value (units × unit cost) from which a supervisor must "
        "approve (tier 2). Class A items always go to tier 2 at least.",
    )
    management_value: float = Field(
        default=2500.0,
        ge=0,
        description="Absolute variance value from which management decides (tier 3).",
    )
    repeat_count: int = Field(
        default=3,
        ge=2,
        description="Confirmed variances on the same item within `repeat_window_days` "
        "(this one included) that make it a management matter (tier 3).",
    )
    repeat_window_days: int = Field(
        default=90, ge=1, description="Window for repeated variances and affected locations."
    )
    many_locations: int = Field(
        default=3,
        ge=2,
        description="Distinct locations with a confirmed variance on the same item within the "
        "window (this one included) that make it a management matter (tier 3).",
    )
    zero_stock_a_is_management: bool = Field(
        default=True,
        description="A class-A item counted at zero where the book holds stock goes to tier 3.",
    )


class CountingConfig(_Section):
    """Section `counting` of `edge.yaml`."""

    tolerance_percent: dict[str, float] = Field(
        default_factory=lambda: {"A": 1.0, "B": 3.0, "C": 5.0},
        description="Accepted absolute variance in percent of the book quantity, per ABC class.",
    )
    default_tolerance_percent: float = Field(
        default=5.0, ge=0, description="Tolerance for items without an ABC class."
    )
    value_threshold: float = Field(
        default=100.0,
        ge=0,
        description="A variance worth more than this (absolute units × unit cost) is outside "
        "tolerance whatever its percentage.",
    )
    max_recounts: int = Field(
        default=2,
        ge=1,
        le=10,
        description="Recounts asked for one line before a variance counts as confirmed even "
        "when the counts disagree with each other.",
    )
    tiers: TierConfig = Field(default_factory=TierConfig, description="Escalation tiers.")
    frequency_per_year: dict[str, int] = Field(
        default_factory=lambda: {"A": 12, "B": 4, "C": 1},
        description="Planned counts per location and year by the location's highest ABC class.",
    )
    default_class: str = Field(
        default="C",
        description="Class for planning locations whose items have no class (or that are empty).",
    )
    working_days: list[str] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"],
        description="Weekdays the planner spreads counts over (mon … sun).",
    )
    holidays: list[date] = Field(
        default_factory=list, description="Dates that are not working days."
    )
    abc_shares: tuple[float, float, float] = Field(
        default=(80.0, 15.0, 5.0),
        description="Shares of consumption value for classes A, B, C in percent (sum 100).",
    )
    xyz_cv: tuple[float, float] = Field(
        default=(0.5, 1.0),
        description="Coefficient-of-variation limits of periodic demand: CV ≤ first is X, "
        "≤ second is Y, above is Z.",
    )
    service_level_z: float = Field(
        default=1.65, gt=0, description="Safety factor z (1.65 ≈ 95 % cycle service level)."
    )
    periods_per_day: float = Field(
        default=1 / 30,
        gt=0,
        description="Demand periods per day in consumption.csv (1/30: monthly periods; 1/7: "
        "weekly; 1: daily). Converts lead times in days to periods.",
    )

    @field_validator("working_days")
    @classmethod
    def _weekday_names(cls, value: list[str]) -> list[str]:
        names = [v.lower()[:3] for v in value]
        unknown = [v for v in names if v not in _WEEKDAYS]
        if unknown or not names:
            raise ValueError(f"expected weekday names from {', '.join(_WEEKDAYS)}")
        return names

    @model_validator(mode="after")
    def _consistent(self) -> CountingConfig:
        if abs(sum(self.abc_shares) - 100.0) > 1e-6:
            raise ValueError("abc_shares must add up to 100")
        if not 0 < self.xyz_cv[0] <= self.xyz_cv[1]:
            raise ValueError("xyz_cv must be two increasing positive limits")
        if self.tiers.management_value < self.tiers.supervisor_value:
            raise ValueError("tiers.management_value must be ≥ tiers.supervisor_value")
        return self

    @property
    def weekday_numbers(self) -> frozenset[int]:
        """Working weekdays as `date.weekday()` numbers (Monday 0)."""
        return frozenset(_WEEKDAYS.index(d) for d in self.working_days)

    def tolerance_for(self, abc_class: str | None) -> float:
        if abc_class and abc_class in self.tolerance_percent:
            return self.tolerance_percent[abc_class]
        return self.default_tolerance_percent

    def frequency_for(self, abc_class: str | None) -> int:
        cls = abc_class if abc_class in self.frequency_per_year else self.default_class
        return self.frequency_per_year.get(cls or "", 1)
