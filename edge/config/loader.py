"""Loading `edge.yaml`: YAML → environment overrides → secrets → validation.

Rules, in the order applied:
1. The YAML file (optional: without one, embedded defaults are used).
2. Environment overrides: `EDGE_<SECTION>__<KEY>=value` sets `section.key` (case-insensitive,
   `__` separates nesting levels; `EDGE_SITE=x` sets a top-level key). Values are parsed as YAML
   scalars, so `EDGE_LEDGER__BATCH_SIZE=200` is a number and `EDGE_LOG__JSON_LINES=true` a bool.
3. Secrets: `broker.password` is taken, when not set yet, from `$EDGE_BROKER_PASSWORD` or from the
   file `$CREDENTIALS_DIRECTORY/broker_password` (systemd `LoadCredential=`), in that order.
Validation errors name the dotted key and, where it came from the file, its line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from edge import yaml_lines
from edge.config.root import EdgeConfig

ENV_PREFIX = "EDGE_"
_NOT_OVERRIDES = {"EDGE_BROKER_PASSWORD"}


class ConfigError(ValueError):
    """A configuration that cannot be used; the message is meant for a person."""


def _apply_env(doc: dict[str, Any], environ: Mapping[str, str]) -> None:
    for name, raw in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name in _NOT_OVERRIDES:
            continue
        path = [p.lower() for p in name[len(ENV_PREFIX) :].split("__") if p]
        if not path:
            continue
        node = doc
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        try:
            node[path[-1]] = yaml.safe_load(raw) if raw != "" else ""
        except yaml.YAMLError:
            node[path[-1]] = raw


def _apply_secrets(doc: dict[str, Any], environ: Mapping[str, str]) -> None:
    broker = doc.setdefault("broker", {})
    if not isinstance(broker, dict) or broker.get("password"):
        return
    if environ.get("EDGE_BROKER_PASSWORD"):
        broker["password"] = environ["EDGE_BROKER_PASSWORD"]
        return
    creds = environ.get("CREDENTIALS_DIRECTORY")
    if creds and (Path(creds) / "broker_password").is_file():
        broker["password"] = (Path(creds) / "broker_password").read_text().strip()


def parse_config(
    text: str | None, *, source: str = "<defaults>", environ: Mapping[str, str] | None = None
) -> EdgeConfig:
    environ = os.environ if environ is None else environ
    try:
        doc = yaml_lines.load(text) if text else {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of sections")
    raw = dict(doc)
    _apply_env(raw, environ)
    _apply_secrets(raw, environ)
    try:
        return EdgeConfig.model_validate(raw)
    except ValidationError as exc:
        found = yaml_lines.problems(exc, doc, source)
        raise ConfigError("invalid configuration\n  " + "\n  ".join(found)) from None


def load_config(path: str | Path | None, *, environ: Mapping[str, str] | None = None) -> EdgeConfig:
    """Load and validate `path` (None: embedded defaults plus environment)."""
    if path is None:
        return parse_config(None, environ=environ)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    return parse_config(text, source=str(path), environ=environ)
