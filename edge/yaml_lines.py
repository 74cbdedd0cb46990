"""YAML documents that remember the line of every key, so validation errors can point at it.

Used by the configuration and the calibration files: `load(text)` parses (SafeLoader rules),
`problems(error, doc, source)` turns a pydantic `ValidationError` into lines such as
`edge.yaml:3: ledger.batch_size: Input should be greater than or equal to 1`.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings record the line of each key."""


class LinedDict(dict[Any, Any]):
    lines: dict[Any, int]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = LinedDict(loader.construct_mapping(node, deep=True))
    mapping.lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str) -> Any:
    """Parse YAML like `yaml.safe_load`; raises `yaml.YAMLError`."""
    return yaml.load(text, Loader=_LineLoader)


def line_of(doc: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest key of `loc` found in `doc`."""
    line, node = None, doc
    for part in loc:
        if isinstance(node, LinedDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
    return line


def problems(error: ValidationError, doc: Any, source: str) -> list[str]:
    """One line per validation error: `source:line: dotted.key: message`."""
    lines = []
    for err in error.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        line = line_of(doc, tuple(err["loc"]))
        where = f"{source}:{line}" if line else source
        lines.append(f"{where}: {key}: {err['msg']}")
    return lines
