"""Demo material for `edge demo`: master data and a handheld script that hits every outcome.

`write_master(dir)` writes items/locations/book CSVs; `DEMO_SCRIPT` is what a counter scans:
one count within tolerance (accepted), one miscount cleared by a recount, one class-A variance
confirmed by a recount (tier 2) and one high-value variance (tier 3). Feed it with
`edge.scanner.run.run_lines(build_session(config, sink), DEMO_SCRIPT, show)` after importing the
master data with `edge.ledger.master.import_files`.
"""

from __future__ import annotations

from pathlib import Path

DEMO_ITEMS = """item,description,unit_cost,abc_class
WASHER-M8,Washer M8,0.05,C
VALVE-22,Ball valve 22 mm,40,A
BOLT-M10,Bolt M10x40,0.8,B
PUMP-7,Circulation pump,900,B
"""
DEMO_LOCATIONS = """location,zone,camera
A-01-01-01,A,
A-01-01-02,A,
A-01-01-03,A,
A-01-01-04,A,
"""
DEMO_BOOK = """location,item,lot,quantity
A-01-01-01,WASHER-M8,,500
A-01-01-02,VALVE-22,,12
A-01-01-03,BOLT-M10,,200
A-01-01-04,PUMP-7,,6
"""
DEMO_SCRIPT = [
    "A-01-01-01", "WASHER-M8", "498", "END",  # −0.4 %: accepted
    "A-01-01-03", "BOLT-M10", "150", "END",  # −25 %: recount …
    "A-01-01-03", "BOLT-M10", "200", "END",  # … matches the book: first count was wrong
    "A-01-01-02", "VALVE-22", "11", "END",  # class A −1 unit: recount …
    "A-01-01-02", "VALVE-22", "11", "END",  # … confirmed: tier 2 (supervisor)
    "A-01-01-04", "PUMP-7", "3", "END",  # −3 × 900: recount …
    "A-01-01-04", "PUMP-7", "3", "END",  # … confirmed: 2700 → tier 3 (management)
]  # fmt: skip


def write_master(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in [
        ("items.csv", DEMO_ITEMS),
        ("locations.csv", DEMO_LOCATIONS),
        ("book.csv", DEMO_BOOK),
    ]:
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
