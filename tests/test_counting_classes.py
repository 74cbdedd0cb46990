"""ABC-XYZ classification and safety stock on worked examples."""

from __future__ import annotations

import math

import pytest

from edge.counting.classes import (
    Demand,
    abc_classes,
    classify,
    matrix,
    safety_stock,
    safety_stock_lead_time_variability,
    stock_levels,
    xyz_class,
)


def test_abc_worked_example() -> None:
    """Six items worth 10 000 in total: 50 + 30 = 80 % is A, the next 15 % B, the last 5 % C."""
    values = {"I1": 5000, "I2": 3000, "I3": 1000, "I4": 500, "I5": 300, "I6": 200}
    got = {item: cls for item, (cls, _, _) in abc_classes(values).items()}
    assert got == {"I1": "A", "I2": "A", "I3": "B", "I4": "B", "I5": "C", "I6": "C"}
    assert abc_classes(values)["I4"][2] == pytest.approx(95.0)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"big": 90, "small": 10}, {"big": "A", "small": "B"}),  # a dominant item is A
        ({"x": 0, "y": 0}, {"x": "C", "y": "C"}),  # no consumption at all
        ({"a": 70, "b": 20, "c": 10}, {"a": "A", "b": "A", "c": "B"}),  # b starts at 70 %
    ],
)
def test_abc_edges(values: dict[str, float], expected: dict[str, str]) -> None:
    assert {k: v[0] for k, v in abc_classes(values).items()} == expected


def test_abc_shares_are_configurable() -> None:
    values = {"I1": 5000, "I2": 3000, "I3": 1000, "I4": 500, "I5": 300, "I6": 200}
    got = {k: v[0] for k, v in abc_classes(values, (50.0, 40.0, 10.0)).items()}
    assert got == {"I1": "A", "I2": "B", "I3": "B", "I4": "C", "I5": "C", "I6": "C"}


@pytest.mark.parametrize(
    ("series", "cls", "cv"),
    [
        ([10, 10, 10, 10], "X", 0.0),
        ([5, 15, 5, 15], "X", 0.5),  # on the X edge
        ([0, 20, 0, 20], "Y", 1.0),  # on the Y edge
        ([0, 0, 0, 40], "Z", math.sqrt(3)),
        ([0, 0, 0, 0], "Z", None),  # no demand: CV undefined
    ],
)
def test_xyz(series: list[float], cls: str, cv: float | None) -> None:
    got_cls, got_cv = xyz_class(series)
    assert got_cls == cls
    assert got_cv == (None if cv is None else pytest.approx(cv))


def test_classify_fills_missing_periods_with_zero_and_builds_matrix() -> None:
    """An item with rows in only some periods had zero demand in the others (not a smaller set)."""
    rows = [Demand("steady", p, 10) for p in ("01", "02", "03", "04")]
    rows += [Demand("lumpy", "04", 40), Demand("other", "01", 1)]
    classes = {c.item: c for c in classify(rows, {"steady": 10.0, "lumpy": 1.0, "other": 1.0})}
    assert classes["lumpy"].xyz == "Z"  # 0, 0, 0, 40 — not a single period of 40
    assert classes["steady"].abc == "A" and classes["steady"].xyz == "X"
    assert classes["steady"].consumption_value == 400.0
    cells = {(c.abc, c.xyz): c for c in matrix(classes.values())}
    assert len(cells) == 9
    assert cells[("A", "X")].items == 1 and cells[("A", "X")].value == 400.0
    assert sum(c.items for c in cells.values()) == 3


@pytest.mark.parametrize(
    ("z", "sd", "lt", "expected"),
    [
        (1.65, 10.0, 4.0, 33.0),
        (2.33, 5.0, 9.0, 34.95),
        (1.65, 0.0, 4.0, 0.0),
        (1.65, 10.0, 0.0, 0.0),
    ],
)
def test_safety_stock_fixed_lead_time(z: float, sd: float, lt: float, expected: float) -> None:
    assert safety_stock(z, sd, lt) == pytest.approx(expected)


def test_safety_stock_with_lead_time_variability() -> None:
    """Textbook: d̄ 50/day, σ_d 10, L 9 days, σ_L 2 days, z 1.65 → 1.65·√(9·100 + 2500·4)."""
    got = safety_stock_lead_time_variability(1.65, 50.0, 10.0, 9.0, 2.0)
    assert got == pytest.approx(1.65 * math.sqrt(10_900))
    assert got == pytest.approx(172.26, abs=0.01)
    # without lead-time variability it reduces to z·σ_d·√L
    assert safety_stock_lead_time_variability(1.65, 50.0, 10.0, 9.0, 0.0) == pytest.approx(49.5)


def test_reorder_point_uses_the_variable_lead_time_formula_when_known() -> None:
    [item] = classify([Demand("i", p, q) for p, q in [("1", 40), ("2", 60)]], {"i": 1.0})
    fixed = stock_levels(item, z=1.65, lead_time=2.0)
    assert fixed.reorder_point == pytest.approx(50 * 2 + 1.65 * 10 * math.sqrt(2))
    varied = stock_levels(item, z=1.65, lead_time=2.0, sd_lead_time=0.5)
    assert varied.safety_stock_lt_var is not None
    assert varied.reorder_point == pytest.approx(100 + varied.safety_stock_lt_var)
    assert varied.safety_stock_lt_var > varied.safety_stock
