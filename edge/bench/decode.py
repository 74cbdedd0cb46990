"""`edge bench decode`: read rate, wrong reads and time of `decode_image` on a folder of photos.

The folder has the layout of shared/data/barcodes: `<symbology>-<n>/<name>.<img>` beside
`<name>.txt` (expected text, compared exactly) or `<name>.bin` (expected bytes); images named
`GROUP-k.<img>` that share `GROUP.txt` are a structured-append group and are not scored one by
one. An optional `manifest.json` with `label_issues` names images whose expected result is
known to be wrong: they are reported, not scored. Baselines measured in the same run: plain
zxing-cpp defaults (text mode Plain) and plain pyzbar.
"""

import json
import logging
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp

from edge.vision.decode import decode_image, pyzbar_available

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".pgm")

Gray = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Case:
    """One image and what it should read as."""

    folder: str
    path: Path
    expected: bytes | None  # None: not scored (structured append member, label issue)
    binary: bool
    note: str = ""

    @property
    def symbology(self) -> str:
        return self.folder.rsplit("-", 1)[0] if "-" in self.folder else self.folder


@dataclass(frozen=True)
class Read:
    """What one decoder made of one case."""

    decoder: str
    case: Case
    outcome: str  # "read" | "wrong" | "miss" | "unscored"
    ms: float
    texts: tuple[str, ...] = ()


@dataclass
class Tally:
    images: int = 0
    read: int = 0
    wrong: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, r: Read) -> None:
        self.images += 1
        self.read += r.outcome == "read"
        self.wrong += r.outcome == "wrong"
        self.ms.append(r.ms)

    def median_ms(self) -> float:
        return statistics.median(self.ms) if self.ms else 0.0


# A decoder returns (format, text, raw bytes) triples.
Decoder = Callable[[Gray], list[tuple[str, str, bytes]]]


def _edge(gray: Gray) -> list[tuple[str, str, bytes]]:
    return [(s.format, s.text, s.raw) for s in decode_image(gray)]


def _zxing(gray: Gray) -> list[tuple[str, str, bytes]]:
    return [
        (b.format.name, b.text, bytes(b.bytes))
        for b in zxingcpp.read_barcodes(gray, text_mode=zxingcpp.TextMode.Plain)
    ]


def _pyzbar(gray: Gray) -> list[tuple[str, str, bytes]]:
    from pyzbar import pyzbar

    try:
        decoded = pyzbar.decode(gray)
    except (ValueError, TypeError):
        return []
    return [(d.type, d.data.decode("utf-8", "replace"), bytes(d.data)) for d in decoded]


def decoders() -> dict[str, Decoder]:
    """`edge` (decode_image), then the baselines available here."""
    out: dict[str, Decoder] = {"edge": _edge, "zxing": _zxing}
    if pyzbar_available():
        out["pyzbar"] = _pyzbar
    return out


def _expected(image: Path) -> tuple[bytes | None, bool, str]:
    for stem in (image.stem, image.stem.rsplit("-", 1)[0]):
        grouped = stem != image.stem
        binary = image.with_name(stem + ".bin")
        text = image.with_name(stem + ".txt")
        if binary.exists():
            return (None if grouped else binary.read_bytes()), True, "group" if grouped else ""
        if text.exists():
            data = text.read_bytes()  # bytes: keeps CR LF and leading spaces exactly
            return (None if grouped else data), False, "structured-append group" if grouped else ""
    return None, False, "no expected result"


def load_cases(root: Path) -> list[Case]:
    """Every image under root/<folder>/ with its expected result."""
    issues: dict[str, str] = {}
    manifest = root / "manifest.json"
    if manifest.exists():
        issues = json.loads(manifest.read_text(encoding="utf-8")).get("label_issues", {})
    cases = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for image in sorted(folder.iterdir()):
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            expected, binary, note = _expected(image)
            key = f"{folder.name}/{image.name}"
            if key in issues:
                expected, note = None, f"label issue: {issues[key]}"
            cases.append(Case(folder.name, image, expected, binary, note))
    return cases


def score(case: Case, symbols: Sequence[tuple[str, str, bytes]]) -> str:
    """read: some symbol equals the expected content; wrong: a symbol of the expected format
    with other content and none correct; miss otherwise."""
    if case.expected is None:
        return "unscored"
    for _fmt, text, raw in symbols:
        got = raw if case.binary else text.encode("utf-8", "surrogateescape")
        if got == case.expected:
            return "read"
    wanted = case.symbology.replace("-", "").lower()
    if any(fmt.replace("-", "").lower().startswith(wanted) for fmt, _, _ in symbols):
        return "wrong"
    return "miss"


def run(root: Path, progress: Callable[[int, int, Case], None] | None = None) -> Iterator[Read]:
    """Decode every case with every decoder; yields one Read per (case, decoder)."""
    cases = load_cases(root)
    chosen = decoders()
    for index, case in enumerate(cases):
        if progress:
            progress(index, len(cases), case)
        loaded = cv2.imread(str(case.path), cv2.IMREAD_GRAYSCALE)
        if loaded is None:
            logger.warning("unreadable image %s", case.path)
            continue
        gray: Gray = np.asarray(loaded, dtype=np.uint8)
        for name, decode in chosen.items():
            start = time.perf_counter()
            symbols = decode(gray)
            ms = (time.perf_counter() - start) * 1000.0
            texts = tuple(text for _, text, _ in symbols)
            yield Read(name, case, score(case, symbols), ms, texts)


def summarise(reads: Sequence[Read]) -> list[dict[str, Any]]:
    """Rows per folder, per symbology and in total: images, read, wrong, median ms per decoder.

    Unscored images count in the time medians but not in images/read/wrong.
    """
    groups: dict[tuple[str, str], dict[str, Tally]] = {}
    for r in reads:
        for key in (("folder", r.case.folder), ("symbology", r.case.symbology), ("total", "all")):
            tally = groups.setdefault(key, {}).setdefault(r.decoder, Tally())
            if r.outcome == "unscored":
                tally.ms.append(r.ms)
            else:
                tally.add(r)
    rows = []
    for (level, name), tallies in groups.items():
        row: dict[str, Any] = {"level": level, "name": name}
        for decoder, t in tallies.items():
            row[decoder] = {
                "images": t.images,
                "read": t.read,
                "wrong": t.wrong,
                "median_ms": round(t.median_ms(), 2),
            }
        base = tallies.get("zxing")
        edge = tallies.get("edge")
        if base and edge and base.median_ms() > 0:
            row["time_ratio_edge_vs_zxing"] = round(edge.median_ms() / base.median_ms(), 2)
        rows.append(row)
    order = {"folder": 0, "symbology": 1, "total": 2}
    rows.sort(key=lambda row: (order[row["level"]], row["name"]))
    return rows


def format_table(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> str:
    header = f"{'':8} {'name':14}" + "".join(
        f" | {n + ' read':>14} {'wrong':>5} {'ms':>6}" for n in names
    )
    lines = [header + " | ratio", "-" * (len(header) + 8)]
    for row in rows:
        cells = ""
        for n in names:
            t = row.get(n)
            if t is None:
                cells += f" | {'-':>14} {'-':>5} {'-':>6}"
                continue
            pct = 100.0 * t["read"] / t["images"] if t["images"] else 0.0
            share = f"{t['read']:>4}/{t['images']:<4}{pct:4.0f}%"
            cells += f" | {share} {t['wrong']:>5} {t['median_ms']:>6.1f}"
        ratio = row.get("time_ratio_edge_vs_zxing", "")
        lines.append(f"{row['level']:8} {row['name']:14}{cells} | {ratio}")
    return "\n".join(lines)


def unscored(reads: Sequence[Read]) -> list[dict[str, Any]]:
    """Images not scored (label issues, structured-append members) and what `edge` read there."""
    return [
        {"image": f"{r.case.folder}/{r.case.path.name}", "note": r.case.note, "edge": r.texts}
        for r in reads
        if r.outcome == "unscored" and r.decoder == "edge"
    ]


def failures(reads: Sequence[Read], decoder: str = "edge") -> list[dict[str, Any]]:
    """Images the decoder missed or read wrongly, with what it read."""
    return [
        {"image": f"{r.case.folder}/{r.case.path.name}", "outcome": r.outcome, "read": r.texts}
        for r in reads
        if r.decoder == decoder and r.outcome in ("miss", "wrong")
    ]
