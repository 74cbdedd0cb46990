"""`edge bench occupancy`: occupancy accuracy on racks of an independent renderer."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import click

from edge.cli.app import bench


def _pct(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1%}"


@bench.command("occupancy")
@click.option("--scenes", default=40, show_default=True, help="Scenes to render.")
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Seed of the first scene [default: 700000 independent, 600000 pickface, "
    "500000 wireshelf, 400000 flatbins, 300000 aisle].",
)
@click.option(
    "--renderer",
    type=click.Choice(["independent", "pickface", "wireshelf", "flatbins", "aisle"]),
    default="independent",
    show_default=True,
    help="Which renderer paints the racks: `independent` (steel shelving, totes, cartons), "
    "`pickface` (hopper panels, carton flow, parts boxes, pallet bays), `wireshelf` (wire "
    "shelving with lean-to bins, cubbies, baskets and clear drawers, infrared night frames), "
    "`flatbins` (flat-shaded shelves, totes, carton slots, tray cabinets, pegboards) or "
    "`aisle` (racks seen obliquely down an aisle by a cheap webcam); "
    "models/occupancy/MODEL_CARD.md says which ones training uses.",
)
@click.option(
    "--model",
    type=click.Path(exists=True, dir_okay=False),
    help="Occupancy model (default: the shipped one).",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False),
    help="Keep the rendered scenes in this folder (one subfolder per seed).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def bench_occupancy(
    scenes: int,
    seed: int | None,
    renderer: str,
    model: str | None,
    keep: str | None,
    as_json: bool,
) -> None:
    """Occupancy accuracy on racks of independently written renderers.

    Each scene (`edge.synth.independent`: another painter than `edge.synth`; the seeds scored here,
    from 700000, are never used in training) has a taught reference frame and a later frame with
    changed bins, other light and occluders. The later frame goes through what `edge analyze` does,
    with the taught reference and without (label reading off). Scored over bins less than 20 %
    covered; `unknown` counts as wrong. Progress goes to stderr. `--renderer` picks another
    painter, each written separately (no shared drawing code): `pickface` (louvred hopper
    panels, carton-flow lanes, open parts boxes, pallet bays), `wireshelf` (wire shelving,
    cubbies, wire baskets and clear drawers, some through an infrared night camera), `flatbins`
    (flat-shaded 2-D racks: shelves, totes, carton slots, tray cabinets, pegboards) and `aisle`
    (racks seen obliquely down an aisle by a cheap webcam). Benchmark seeds never train.

    \b
    Example:
      edge bench occupancy --scenes 40 --json
      edge bench occupancy --renderer pickface --scenes 40 --seed 600000 --json
      edge bench occupancy --renderer wireshelf --scenes 40 --seed 500000 --json
      edge bench occupancy --renderer aisle --scenes 40 --keep /tmp/aisle
    """
    from edge.bench.occupancy import MODES, run_occupancy_bench
    from edge.synth.renderers import FIRST_SEEDS

    def progress(message: str) -> None:
        click.echo(f"… {message}", err=True)

    if scenes < 1:
        raise click.BadParameter("at least one scene", param_hint="--scenes")
    first = seed if seed is not None else FIRST_SEEDS[renderer]
    result = run_occupancy_bench(
        scenes,
        first,
        progress,
        model=Path(model) if model else None,
        keep=Path(keep) if keep else None,
        renderer=renderer,
    )
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict()) + "\n")
        return
    modes = [result.modes[m] for m in MODES]
    last = result.first_seed + result.scenes - 1
    click.echo(
        f"{result.renderer}: {result.scenes} scenes (seeds {result.first_seed}–{last}), "
        f"{result.bins} bins, "
        f"render median {result.render_ms_median:.0f} ms/scene"
    )
    click.echo(f"{'':<24}" + "".join(f"{m.mode:>16}" for m in modes))
    rows: list[tuple[str, list[Any]]] = [
        ("visible bins", [m.visible_bins for m in modes]),
        ("accuracy", [_pct(m.accuracy) for m in modes]),
        ("empty right", [_pct(m.empty_right) for m in modes]),
        ("occupied right", [_pct(m.occupied_right) for m in modes]),
        ("unknown", [_pct(m.unknown_rate) for m in modes]),
        ("occupied → empty", [_pct(m.occupied_called_empty) for m in modes]),
        ("occluded (≥50 %) bins", [m.occluded_bins for m in modes]),
        ("occluded called empty", [m.occluded_called_empty for m in modes]),
        ("ms per image (median)", [f"{m.ms_per_image_median:.1f}" for m in modes]),
    ]
    styles = sorted({s for m in modes for s in m.by_style})
    for style in styles:
        rows.append(
            (f"style {style}: accuracy", [_by(m.by_style, style, "accuracy") for m in modes])
        )
        rows.append(
            (
                f"style {style}: occ → empty",
                [_by(m.by_style, style, "occupied_called_empty", "occupied_bins") for m in modes],
            )
        )
    cases = sorted({c for m in modes for c in m.by_case})
    for case in cases:
        rows.append((case, [_by(m.by_case, case, "accuracy") for m in modes]))
    for name, values in rows:
        click.echo(f"{name:<24}" + "".join(f"{v!s:>16}" for v in values))


def _by(table: dict[str, dict[str, Any]], key: str, field: str, count: str = "bins") -> str:
    entry = table.get(key)
    if entry is None:
        return "-"
    return f"{_pct(float(entry[field]))} /{entry[count]}"
