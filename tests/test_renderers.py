"""The benchmark renderers' table (`edge.synth.renderers`): `edge bench occupancy` offers exactly
its renderers, and their benchmark seed ranges (40 scenes each) never meet one another."""

from __future__ import annotations

from itertools import pairwise

import click

from edge.cli import main
from edge.synth.renderers import FIRST_SEEDS, RENDERERS


def test_bench_offers_every_renderer_of_the_table() -> None:
    command = main.commands["bench"].commands["occupancy"]  # type: ignore[attr-defined]
    (option,) = [p for p in command.params if p.name == "renderer"]
    assert isinstance(option.type, click.Choice)
    assert sorted(option.type.choices) == sorted(RENDERERS) == sorted(FIRST_SEEDS)


def test_benchmark_seed_ranges_are_apart() -> None:
    firsts = sorted(FIRST_SEEDS.values())
    assert all(b - a >= 40 for a, b in pairwise(firsts))
