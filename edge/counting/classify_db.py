"""`edge classify` against files and the ledger: read consumption, store classes and levels.

Unit costs and lead times come from the ledger's item master (`items`), or from an optional
lead-time CSV (`item,lead_time_days[,lead_time_sd_days]`). Classes are written back to
`items.abc_class` / `items.xyz_class` (so tolerances and the planner use them) and the full
result to `item_classes`.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from edge.config.counting import CountingConfig
from edge.counting.classes import (
    Demand,
    ItemClass,
    MatrixCell,
    StockLevels,
    classify,
    matrix,
    stock_levels,
)
from edge.events import format_time


class ConsumptionError(ValueError):
    """A consumption or lead-time file that cannot be used; names file and line."""


@dataclass(frozen=True)
class LeadTime:
    days: float
    sd_days: float | None


@dataclass(frozen=True)
class Classification:
    classes: tuple[ItemClass, ...]
    matrix: tuple[MatrixCell, ...]
    levels: dict[str, StockLevels]
    missing_cost: tuple[str, ...]


def read_consumption(path: Path) -> list[Demand]:
    rows: list[Demand] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        need = {"item", "period", "quantity"}
        if not reader.fieldnames or not need <= {f.strip() for f in reader.fieldnames}:
            raise ConsumptionError(f"{path}:1: expected the header item,period,quantity")
        for raw in reader:
            line = reader.line_num
            item, period = (raw.get("item") or "").strip(), (raw.get("period") or "").strip()
            try:
                quantity = float(raw.get("quantity") or "")
            except ValueError:
                raise ConsumptionError(f"{path}:{line}: quantity is not a number") from None
            if not item or not period or not math.isfinite(quantity) or quantity < 0:
                raise ConsumptionError(f"{path}:{line}: needs item, period and a quantity ≥ 0")
            rows.append(Demand(item, period, quantity))
    return rows


def read_lead_times(path: Path) -> dict[str, LeadTime]:
    result: dict[str, LeadTime] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "lead_time_days" not in reader.fieldnames:
            raise ConsumptionError(f"{path}:1: expected item,lead_time_days[,lead_time_sd_days]")
        for raw in reader:
            try:
                sd = raw.get("lead_time_sd_days") or ""
                result[raw["item"].strip()] = LeadTime(
                    float(raw["lead_time_days"]), float(sd) if sd.strip() else None
                )
            except (ValueError, KeyError, AttributeError):
                raise ConsumptionError(f"{path}:{reader.line_num}: bad lead time") from None
    return result


def run_classification(
    db: sqlite_utils.Database,
    demand: list[Demand],
    config: CountingConfig,
    *,
    lead_times: dict[str, LeadTime] | None = None,
) -> Classification:
    master = {r["item"]: r for r in db.query("SELECT * FROM items")}
    costs = {item: float(r["unit_cost"]) for item, r in master.items()}
    classes = classify(demand, costs, shares=config.abc_shares, cv_limits=config.xyz_cv)
    levels: dict[str, StockLevels] = {}
    for c in classes:
        lead = (lead_times or {}).get(c.item)
        if lead is None and c.item in master and master[c.item]["lead_time_days"] is not None:
            row = master[c.item]
            lead = LeadTime(float(row["lead_time_days"]), row["lead_time_sd_days"])
        if lead is None:
            continue
        per = config.periods_per_day
        levels[c.item] = stock_levels(
            c,
            z=config.service_level_z,
            lead_time=lead.days * per,
            sd_lead_time=lead.sd_days * per if lead.sd_days is not None else None,
        )
    missing = tuple(sorted(c.item for c in classes if c.item not in costs))
    return Classification(tuple(classes), tuple(matrix(classes)), levels, missing)


def store_classification(
    db: sqlite_utils.Database, result: Classification, *, now: datetime
) -> None:
    at = format_time(now)
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for c in result.classes:
            lv = result.levels.get(c.item)
            applied = None
            if lv is not None:
                applied = (
                    lv.safety_stock_lt_var
                    if lv.safety_stock_lt_var is not None
                    else (lv.safety_stock)
                )
            db.execute(
                "INSERT OR REPLACE INTO item_classes (item, abc_class, xyz_class, "
                "consumption_value, mean_demand, sd_demand, cv, safety_stock, reorder_point, "
                "computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    c.item,
                    c.abc,
                    c.xyz,
                    c.consumption_value,
                    c.mean_demand,
                    c.sd_demand,
                    c.cv,
                    applied,
                    lv.reorder_point if lv else None,
                    at,
                ],
            )
            db.execute(
                "UPDATE items SET abc_class = ?, xyz_class = ?, updated_at = ? WHERE item = ?",
                [c.abc, c.xyz, at, c.item],
            )
