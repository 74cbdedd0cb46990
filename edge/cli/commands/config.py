"""`edge config check` and `edge config show`."""

from __future__ import annotations

from pathlib import Path

import click

from edge.cli.app import main
from edge.cli.options import json_option, load_or_exit, print_json, say


@main.group()
def config() -> None:
    """Validate and inspect configuration files.

    \b
    Example:
      edge config check /etc/edge/edge.yaml
    """


@config.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def check(file: Path) -> None:
    """Validate FILE (with EDGE_* overrides applied); errors name the key and line.

    \b
    Example:
      edge config check edge.yaml && echo ok
    """
    cfg = load_or_exit(file)
    say(f"{file}: ok (site {cfg.site}, device {cfg.device}, {len(cfg.cameras)} camera(s))")


@config.command("show")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@json_option
def show(file: Path | None, as_json: bool) -> None:
    """Print the effective configuration (defaults filled in, secrets hidden).

    \b
    Example:
      EDGE_SITE=plant-2 edge config show edge.yaml --json
    """
    cfg = load_or_exit(file)
    doc = cfg.model_dump(mode="json")
    if as_json:
        print_json(doc)
    else:
        import yaml

        click.echo(yaml.safe_dump(doc, sort_keys=False), nl=False)
