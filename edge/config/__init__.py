"""Configuration: one YAML file validated by pydantic models, one module per section.

`load_config(path)` is the entry point; see `edge.config.loader` for the override rules.
"""

from edge.config.loader import ConfigError, load_config
from edge.config.root import EdgeConfig

__all__ = ["ConfigError", "EdgeConfig", "load_config"]
