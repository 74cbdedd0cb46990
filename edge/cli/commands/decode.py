"""`edge decode`, `edge parse` and `edge bench decode`: thin layers over edge.vision.decode,
edge.labels and edge.bench.decode."""

import json
import sys
from pathlib import Path
from typing import Any

import click
import cv2

from edge.cli.app import bench, main
from edge.labels import LabelError, parse_label, parse_payload
from edge.labels.location import DEFAULT_LOCATION_PATTERN
from edge.vision.decode import DEFAULT_BUDGET_MS, Symbol, decode_image


def _quiet_opencv() -> None:
    """OpenCV prints its own warnings for broken files; we report them as one line instead."""
    utils = getattr(cv2, "utils", None)
    log = getattr(utils, "logging", None)
    if log is not None and hasattr(log, "setLogLevel"):
        log.setLogLevel(log.LOG_LEVEL_SILENT)


def _fields(text: str, symbology_identifier: str, pattern: str) -> dict[str, Any]:
    try:
        return parse_label(
            text, location_pattern=pattern, symbology_identifier=symbology_identifier
        )
    except LabelError as exc:
        return {"scheme": "plain", "error": exc.reason}


def _symbol_doc(symbol: Symbol, pattern: str) -> dict[str, Any]:
    return {
        "format": symbol.format,
        "text": symbol.text,
        "position": [list(p) for p in symbol.position],
        "fields": _fields(symbol.text, symbol.symbology_identifier, pattern),
        "symbology_identifier": symbol.symbology_identifier,
        "backend": symbol.backend,
    }


@main.command()
@click.argument("images", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON document per image on stdout.")
@click.option(
    "--budget-ms",
    type=click.FloatRange(min=0),
    default=DEFAULT_BUDGET_MS,
    show_default=True,
    help="Time per image for retries on hard images (0: first pass only).",
)
@click.option(
    "--location-pattern",
    default=DEFAULT_LOCATION_PATTERN,
    show_default=True,
    help="Regular expression a whole payload must match to be a location code.",
)
@click.option("--no-pyzbar", is_flag=True, help="Do not use pyzbar as the second backend.")
def decode(
    images: tuple[Path, ...],
    as_json: bool,
    budget_ms: float,
    location_pattern: str,
    no_pyzbar: bool,
) -> None:
    """Decode every barcode in each image and parse its label fields.

    Prints per image `{"image", "symbols": [{"format", "text", "position", "fields"}]}` with
    --json; an unreadable image gives an error line and a non-zero exit at the end.

    \b
    Example:
      edge decode label.png shelf.jpg --json
    """
    _quiet_opencv()
    failed = 0
    for path in images:
        gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE) if path.is_file() else None
        if gray is None:
            failed += 1
            reason = "no such file" if not path.exists() else "not a readable image"
            if as_json:
                click.echo(json.dumps({"image": str(path), "error": reason}))
            click.echo(f"{path}: error: {reason}", err=True)
            continue
        symbols = decode_image(gray, budget_ms=budget_ms, second_backend=not no_pyzbar)
        docs = [_symbol_doc(s, location_pattern) for s in symbols]
        if as_json:
            click.echo(json.dumps({"image": str(path), "symbols": docs}, ensure_ascii=False))
            continue
        click.echo(f"{path}: {len(docs)} symbol(s)")
        for doc in docs:
            fields = {k: v for k, v in doc["fields"].items() if k not in ("elements",)}
            click.echo(f"  {doc['format']:<10} {doc['text']!r}  {json.dumps(fields)}")
    if failed:
        raise SystemExit(1)


def _payloads(payloads: tuple[str, ...]) -> list[bytes]:
    if payloads:
        return [p.encode("utf-8", "surrogateescape") for p in payloads]
    return [line.rstrip(b"\r\n") for line in sys.stdin.buffer]


@main.command()
@click.argument("payloads", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON document per payload on stdout.")
@click.option(
    "--location-pattern",
    default=DEFAULT_LOCATION_PATTERN,
    show_default=True,
    help="Regular expression a whole payload must match to be a location code.",
)
@click.option("--symbology-identifier", default="", help="AIM identifier to assume, e.g. ']C1'.")
def parse(
    payloads: tuple[str, ...], as_json: bool, location_pattern: str, symbology_identifier: str
) -> None:
    """Parse label payloads as a scanner delivers them (reads lines from stdin if none given).

    Prints `{"raw", "fields"}` or `{"raw", "error"}` per payload. Scanners that cannot send
    control characters may use ␞ ␝ ␄ (Unicode control pictures) for RS, GS and EOT.

    \b
    Example:
      printf '[)>\\x1e06\\x1dP4711\\x1dQ12\\x1e\\x04\\n' | edge parse --json
    """
    rejected = 0
    for data in _payloads(payloads):
        raw = data.decode("utf-8", "replace")
        doc: dict[str, Any] = {"raw": raw}
        try:
            doc["fields"] = parse_payload(
                data, location_pattern=location_pattern, symbology_identifier=symbology_identifier
            )
        except LabelError as exc:
            doc["error"] = exc.reason
            rejected += 1
        if as_json:
            click.echo(json.dumps(doc, ensure_ascii=False))
        elif "error" in doc:
            click.echo(f"{raw!r}: rejected: {doc['error']}")
        else:
            click.echo(f"{raw!r}: {json.dumps(doc['fields'], ensure_ascii=False)}")
    if rejected:
        click.echo(f"{rejected} payload(s) rejected", err=True)


@bench.command(name="decode")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.option("--failures", is_flag=True, help="Also list the images `edge` missed or misread.")
def bench_decode(directory: Path, as_json: bool, failures: bool) -> None:
    """Read rate, wrong reads and median time of `edge decode` beside zxing-cpp and pyzbar.

    DIRECTORY has the layout of shared/data/barcodes: `<folder>/<name>.<img>` beside
    `<name>.txt` (or `.bin`). Progress goes to stderr.

    \b
    Example:
      edge bench decode ../shared/data/barcodes
    """
    from edge.bench import decode as bench_mod

    def progress(index: int, total: int, case: bench_mod.Case) -> None:
        click.echo(
            f"\r[{index + 1}/{total}] {case.folder}/{case.path.name:<30}", nl=False, err=True
        )

    reads = list(bench_mod.run(directory, progress))
    click.echo("", err=True)
    rows = bench_mod.summarise(reads)
    names = list(bench_mod.decoders())
    extra = bench_mod.unscored(reads)
    missed = bench_mod.failures(reads) if failures else []
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        for item in extra:
            click.echo(json.dumps({"unscored": item}, ensure_ascii=False))
        for item in missed:
            click.echo(json.dumps({"failure": item}, ensure_ascii=False))
        return
    click.echo(bench_mod.format_table(rows, names))
    for item in extra:
        shown = [text if len(text) <= 40 else text[:40] + "…" for text in item["edge"]]
        click.echo(f"unscored {item['image']}: {item['note']}; edge read {shown}")
    for item in missed:
        click.echo(f"{item['outcome']} {item['image']}: read {list(item['read'])}")
