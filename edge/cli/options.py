"""Options and helpers shared by commands: `--config`, `--json`, error exits."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from edge.config import ConfigError, EdgeConfig, load_config

F = TypeVar("F", bound=Callable[..., Any])


def config_option(required: bool = False) -> Callable[[F], F]:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        envvar="EDGE_CONFIG",
        help="edge.yaml (env EDGE_CONFIG). Without it: embedded defaults + EDGE_* variables.",
    )


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="One JSON document per line.")(func)


def load_or_exit(path: Path | None) -> EdgeConfig:
    try:
        return load_config(path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def say(text: str) -> None:
    """Human text: stderr, so stdout stays machine-readable."""
    click.echo(text, err=True)
