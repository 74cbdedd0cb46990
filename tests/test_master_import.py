"""`edge master import`: kinds by header, bad rows with file/line/reason, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from edge.ledger.db import open_ledger
from edge.ledger.master import MasterImportError, detect_kind, import_files

ITEMS = "item,description,unit_cost,abc_class,xyz_class\nI1,One,2.5,A,X\nI2,Two,1,,\n"
LOCATIONS = "location,zone,camera\nA-01-01,z,cam-1\nA-01-02,z,\n"
BOOK = "location,item,lot,quantity,as_of\nA-01-01,I1,L1,5,2027-01-02\nA-01-02,I2,,3,\n"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_ledger(tmp_path / "ledger.db")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("item,description,unit_cost,abc_class", "items"),
        ("ITEM, description ,unit_cost,abc_class,xyz_class", "items"),
        ("location,zone,camera", "locations"),
        ("location,item,lot,quantity", "book"),
        ("location,item,quantity", None),
    ],
)
def test_kind_by_header(header: str, kind: str | None) -> None:
    assert detect_kind(header.split(",")) == kind


def test_import_in_any_order(db: sqlite_utils.Database, tmp_path: Path) -> None:
    paths = [
        write(tmp_path, n, t) for n, t in [("b.csv", BOOK), ("l.csv", LOCATIONS), ("i.csv", ITEMS)]
    ]
    result = import_files(db, paths)
    assert [(f.kind, len(f.rows)) for f in result.files] == [
        ("book", 2),
        ("locations", 2),
        ("items", 2),
    ]
    assert db.execute("SELECT abc_class, xyz_class FROM items WHERE item='I1'").fetchone() == (
        "A",
        "X",
    )
    assert db.execute("SELECT abc_class FROM items WHERE item='I2'").fetchone() == (None,)
    book = db.execute(
        "SELECT location, item, lot, quantity, as_of FROM book ORDER BY location"
    ).fetchall()
    assert book[0] == ("A-01-01", "I1", "L1", 5.0, "2027-01-02T00:00:00.000Z")
    assert book[1][2] == ""  # no lot


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [
        ("i.csv", "item,description,unit_cost,abc_class\nI9,x,-1,A\n", 2, "must be a number ≥ 0"),
        ("i.csv", "item,description,unit_cost,abc_class\nI9,x,1,D\n", 2, "is not A, B or C"),
        ("i.csv", "item,description,unit_cost,abc_class\n,x,1,A\n", 2, "item is empty"),
        (
            "i.csv",
            "item,description,unit_cost,abc_class\nI9,x,1,A\nI9,y,2,B\n",
            3,
            "duplicate of line 2",
        ),
        ("l.csv", "location,zone,camera\nA-01-09,z\n", 2, "2 fields, header has 3"),
        ("b.csv", "location,item,lot,quantity\nA-01-01,I1,,many\n", 2, "is not a number"),
        ("b.csv", "location,item,lot,quantity\nA-01-01,NOPE,,1\n", 2, "not in the item master"),
        ("b.csv", "location,item,lot,quantity\nZ-9,I1,,1\n", 2, "not in the location master"),
        ("b.csv", "location,item,lot,quantity,as_of\nA-01-01,I1,,1,yesterday\n", 2, "as_of"),
        ("x.csv", "foo,bar\n1,2\n", 1, "unknown header"),
        ("x.csv", "location,zone,camera,colour\n", 1, "unknown column"),
    ],
)
def test_bad_rows_are_reported_and_nothing_changes(
    db: sqlite_utils.Database, tmp_path: Path, name: str, text: str, line: int, reason: str
) -> None:
    import_files(db, [write(tmp_path, "i0.csv", ITEMS), write(tmp_path, "l0.csv", LOCATIONS)])
    before = (
        db.execute("SELECT count(*) FROM items").fetchone(),
        db.execute("SELECT count(*) FROM book").fetchone(),
    )
    good_book = write(tmp_path, "good.csv", BOOK)
    with pytest.raises(MasterImportError) as err:
        import_files(db, [good_book, write(tmp_path, name, text)])
    [error] = err.value.result.errors
    assert (error.file.endswith(name), error.line) == (True, line)
    assert reason in error.reason
    after = (
        db.execute("SELECT count(*) FROM items").fetchone(),
        db.execute("SELECT count(*) FROM book").fetchone(),
    )
    assert after == before  # the good book file in the same import was not applied either


def test_book_file_replaces_the_book(db: sqlite_utils.Database, tmp_path: Path) -> None:
    import_files(
        db,
        [
            write(tmp_path, n, t)
            for n, t in [("i.csv", ITEMS), ("l.csv", LOCATIONS), ("b.csv", BOOK)]
        ],
    )
    import_files(db, [write(tmp_path, "b2.csv", "location,item,lot,quantity\nA-01-02,I1,,7\n")])
    assert db.execute("SELECT location, item, quantity FROM book").fetchall() == [
        ("A-01-02", "I1", 7.0)
    ]
