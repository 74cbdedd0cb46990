"""The root command groups. Commands attach themselves with `@main.command()` / `@bench.command()`.

Conventions: `--json` prints one JSON document per line on stdout; human text and progress go
to stderr; every command's help ends with an example.
"""

import logging

import click

from edge import __version__
from edge.logs import configure_logging


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="edge")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--log-json", is_flag=True, help="Structured JSON logs on stderr (for journald).")
def main(verbose: int, log_json: bool) -> None:
    """Cameras and scanners on the warehouse floor into a live inventory ledger.

    \b
    Example:
      edge demo --out ./demo-out
    """
    level = logging.WARNING - 10 * verbose
    configure_logging(level=max(level, logging.DEBUG), json_lines=log_json)


@main.group()
def bench() -> None:
    """Benchmarks: medians and ratios against a baseline measured in the same run.

    \b
    Example:
      edge bench bus --events 5000
    """
