"""Writing what the generator knows: calibration files (contract format) and truth JSON."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from edge.synth.render import BinTruth

logger = logging.getLogger(__name__)


class _FlowListDumper(yaml.SafeDumper):
    """Writes point lists as `[x, y]` on one line, as the contract's example does."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(v, dict | list) for v in data) or all(
        isinstance(v, list) and all(not isinstance(x, dict | list) for x in v) for v in data
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow and bool(data))


_FlowListDumper.add_representer(list, _represent_list)


def write_calibration(calibration: dict[str, Any], path: Path) -> None:
    """Write a calibration dict as YAML in the contract's calibration-file format."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(calibration, Dumper=_FlowListDumper, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def truth_to_json(truth: Sequence[BinTruth]) -> list[dict[str, Any]]:
    return [{**asdict(t), "polygon": [list(p) for p in t.polygon]} for t in truth]


def write_truth(truth: Sequence[BinTruth], path: Path, **extra: Any) -> None:
    path.write_text(
        json.dumps({**extra, "bins": truth_to_json(truth)}, indent=1) + "\n", encoding="utf-8"
    )
