"""`edge.vision.agreement`: the model's reading of a rack against the states a person names."""

from __future__ import annotations

from edge.vision.agreement import TRUST_FROM, agreement


def test_differences_and_unsure_bins_are_named_and_not_counted_as_the_same() -> None:
    person = {"A-1": "empty", "A-2": "occupied", "A-3": "empty", "A-4": "occupied"}
    model = {"A-1": "empty", "A-2": "empty", "A-3": "unknown", "A-4": "occupied", "B-9": "empty"}
    result = agreement(person, model)
    assert (result.named, result.same) == (4, 2)
    assert result.differs == (("A-2", "occupied", "empty"),)
    assert result.unsure == ("A-3",)
    text = result.summary()
    assert "reads 2 of 4 named bins as you do" in text
    assert "A-2 (you occupied, model empty)" in text and "unsure: A-3" in text
    assert "rely on the reference" in text  # 50 % is below TRUST_FROM


def test_a_model_that_agrees_gives_no_warning() -> None:
    person = {f"A-{i}": "empty" if i % 2 else "occupied" for i in range(20)}
    model = dict(person)
    model["A-0"] = "unknown"  # 19 of 20 ≥ TRUST_FROM
    result = agreement(person, model)
    assert result.share >= TRUST_FROM
    assert "rely on the reference" not in result.summary()
    assert result.summary().endswith("unsure: A-0")


def test_bins_the_model_did_not_read_are_left_out() -> None:
    result = agreement({"A-1": "empty", "Z-9": "occupied"}, {"A-1": "empty"})
    assert (result.named, result.same, result.share) == (1, 1, 1.0)
    assert agreement({}, {}).summary() == "the model alone reads 0 of 0 named bins as you do"
