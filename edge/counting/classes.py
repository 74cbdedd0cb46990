"""Pure classification: ABC by consumption value, XYZ by demand variability, safety stock.

No I/O. Conventions (written down because textbooks differ):
- ABC: items sorted by consumption value (quantity × unit cost), highest first; an item belongs
  to the class in which its cumulative share *starts* (the item that crosses 80 % is still A),
  so one dominant item is A even when it alone exceeds 80 %. Items with no value are C.
- XYZ: coefficient of variation CV = σ / mean of demand per period, σ the population standard
  deviation over *every* period in the file (a period where an item has no row is zero demand).
  CV ≤ x limit → X, ≤ y limit → Y, else Z; an item with no demand at all is Z (CV undefined).
- Safety stock with a fixed lead time L (in periods): z·σ_d·√L. With lead-time variability
  σ_L: z·√(L·σ_d² + d̄²·σ_L²). Reorder point = d̄·L + safety stock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Demand:
    item: str
    period: str
    quantity: float


@dataclass(frozen=True)
class ItemClass:
    item: str
    abc: str
    xyz: str
    consumption_value: float
    share_percent: float
    cumulative_percent: float  # cumulative share including this item
    mean_demand: float
    sd_demand: float
    cv: float | None


@dataclass(frozen=True)
class StockLevels:
    item: str
    lead_time_periods: float
    lead_time_sd_periods: float | None
    safety_stock: float  # z·σ_d·√L
    safety_stock_lt_var: float | None  # z·√(L·σ_d² + d̄²·σ_L²) when σ_L is known
    reorder_point: float  # d̄·L + the safety stock that applies


@dataclass(frozen=True)
class MatrixCell:
    abc: str
    xyz: str
    items: int
    value: float


def abc_classes(
    values: Mapping[str, float], shares: tuple[float, float, float] = (80.0, 15.0, 5.0)
) -> dict[str, tuple[str, float, float]]:
    """Item → (class, share %, cumulative %) from consumption values."""
    total = sum(max(v, 0.0) for v in values.values())
    a_limit, b_limit = shares[0], shares[0] + shares[1]
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    result: dict[str, tuple[str, float, float]] = {}
    cumulative = 0.0
    for item, value in ordered:
        share = max(value, 0.0) / total * 100.0 if total > 0 else 0.0
        if share <= 0:
            cls = "C"
        elif cumulative < a_limit - 1e-9:
            cls = "A"
        elif cumulative < b_limit - 1e-9:
            cls = "B"
        else:
            cls = "C"
        cumulative += share
        result[item] = (cls, share, cumulative)
    return result


def demand_series(rows: Iterable[Demand]) -> dict[str, list[float]]:
    """Item → demand per period over every period seen in `rows` (missing rows are zero)."""
    periods: set[str] = set()
    by_item: dict[str, dict[str, float]] = {}
    for row in rows:
        periods.add(row.period)
        per = by_item.setdefault(row.item, {})
        per[row.period] = per.get(row.period, 0.0) + row.quantity
    ordered = sorted(periods)
    return {item: [per.get(p, 0.0) for p in ordered] for item, per in by_item.items()}


def mean_sd(series: Sequence[float]) -> tuple[float, float]:
    if not series:
        return 0.0, 0.0
    mean = sum(series) / len(series)
    var = sum((x - mean) ** 2 for x in series) / len(series)
    return mean, math.sqrt(var)


def xyz_class(
    series: Sequence[float], limits: tuple[float, float] = (0.5, 1.0)
) -> tuple[str, float | None]:
    mean, sd = mean_sd(series)
    if mean <= 0:
        return "Z", None
    cv = sd / mean
    if cv <= limits[0] + 1e-12:
        return "X", cv
    if cv <= limits[1] + 1e-12:
        return "Y", cv
    return "Z", cv


def classify(
    demand: Iterable[Demand],
    unit_costs: Mapping[str, float],
    *,
    shares: tuple[float, float, float] = (80.0, 15.0, 5.0),
    cv_limits: tuple[float, float] = (0.5, 1.0),
) -> list[ItemClass]:
    """ABC-XYZ class of every item in `demand`, ordered by consumption value (highest first)."""
    series = demand_series(demand)
    values = {item: sum(s) * unit_costs.get(item, 0.0) for item, s in series.items()}
    abc = abc_classes(values, shares)
    result = []
    for item, (cls, share, cumulative) in abc.items():
        xyz, cv = xyz_class(series[item], cv_limits)
        mean, sd = mean_sd(series[item])
        result.append(ItemClass(item, cls, xyz, values[item], share, cumulative, mean, sd, cv))
    return result


def matrix(classes: Iterable[ItemClass]) -> list[MatrixCell]:
    """All nine ABC-XYZ cells (empty ones too), AX first."""
    cells = {(a, x): [0, 0.0] for a in "ABC" for x in "XYZ"}
    for c in classes:
        cell = cells[(c.abc, c.xyz)]
        cell[0] = int(cell[0]) + 1
        cell[1] = float(cell[1]) + c.consumption_value
    return [MatrixCell(a, x, int(n), float(v)) for (a, x), (n, v) in cells.items()]


def safety_stock(z: float, sd_demand: float, lead_time: float) -> float:
    """z·σ_d·√L (demand and lead time in the same periods)."""
    return z * sd_demand * math.sqrt(max(lead_time, 0.0))


def safety_stock_lead_time_variability(
    z: float, mean_demand: float, sd_demand: float, lead_time: float, sd_lead_time: float
) -> float:
    """z·√(L·σ_d² + d̄²·σ_L²)."""
    return z * math.sqrt(max(lead_time, 0.0) * sd_demand**2 + mean_demand**2 * sd_lead_time**2)


def stock_levels(
    item: ItemClass, *, z: float, lead_time: float, sd_lead_time: float | None = None
) -> StockLevels:
    """Safety stock and reorder point for one item; lead times in demand periods."""
    fixed = safety_stock(z, item.sd_demand, lead_time)
    variable = (
        safety_stock_lead_time_variability(
            z, item.mean_demand, item.sd_demand, lead_time, sd_lead_time
        )
        if sd_lead_time is not None
        else None
    )
    applied = variable if variable is not None else fixed
    return StockLevels(
        item.item,
        lead_time,
        sd_lead_time,
        fixed,
        variable,
        item.mean_demand * lead_time + applied,
    )
