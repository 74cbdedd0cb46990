"""The `edge` command line: a thin layer over the library.

Every module in `edge.cli.commands` is imported on start-up and registers its commands on
`main` or `bench` (see `edge.cli.app`), so a new command is a new file, not an edit here.
"""

import importlib
import pkgutil

from edge.cli import commands
from edge.cli.app import bench, main

for _module in pkgutil.iter_modules(commands.__path__):
    importlib.import_module(f"{commands.__name__}.{_module.name}")

__all__ = ["bench", "main"]
