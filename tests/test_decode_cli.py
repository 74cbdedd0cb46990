"""`edge decode`, `edge parse` and `edge bench decode` as a user runs them."""

import json
from pathlib import Path
from typing import Any

import cv2
from click.testing import CliRunner

from edge.cli import main
from tests.render_symbols import render

MH10 = "[)>\x1e06\x1dP4711-0815-A\x1dQ120\x1d1TL2026\x1e\x04"


def _json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_decode_json_per_image(tmp_path: Path) -> None:
    image = tmp_path / "label.png"
    cv2.imwrite(str(image), render("DataMatrix", MH10))
    result = CliRunner().invoke(main, ["decode", str(image), "--json"])
    assert result.exit_code == 0, result.output
    (doc,) = _json_lines(result.stdout)
    assert doc["image"] == str(image)
    (symbol,) = doc["symbols"]
    assert symbol["format"] == "DataMatrix"
    assert symbol["text"] == MH10
    assert len(symbol["position"]) == 4 and all(len(p) == 2 for p in symbol["position"])
    assert symbol["fields"]["scheme"] == "mh10"
    assert symbol["fields"]["part"] == "4711-0815-A"
    assert symbol["fields"]["quantity"] == 120


def test_decode_bad_images_error_without_traceback(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), render("QRCode", "A-03-02-04"))
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    missing = tmp_path / "missing.jpg"
    result = CliRunner().invoke(main, ["decode", str(corrupt), str(good), str(missing), "--json"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    docs = _json_lines(result.stdout)
    assert [d.get("error") is not None for d in docs] == [True, False, True]
    fields = docs[1]["symbols"][0]["fields"]
    assert (fields["scheme"], fields["location"]) == ("location", "A-03-02-04")
    assert "corrupt.png: error" in result.stderr
    assert "Traceback" not in result.output


def test_decode_hostile_payload_is_carried_with_error(tmp_path: Path) -> None:
    """A symbol whose content the label parser rejects still decodes; its fields say why."""
    image = tmp_path / "bell.png"
    cv2.imwrite(str(image), render("QRCode", "ring\x07ring"))
    result = CliRunner().invoke(main, ["decode", str(image), "--json"])
    assert result.exit_code == 0
    (symbol,) = _json_lines(result.stdout)[0]["symbols"]
    assert symbol["text"] == "ring\x07ring"
    assert symbol["fields"]["scheme"] == "plain"
    assert "control character" in symbol["fields"]["error"]


def test_parse_arguments_and_stdin() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["parse", "A-03-02-04", "[)>␞06␝P4711␝Q12␞␄", "--json"])
    assert result.exit_code == 0
    docs = _json_lines(result.stdout)
    assert docs[0] == {
        "raw": "A-03-02-04",
        "fields": {"scheme": "location", "location": "A-03-02-04"},
    }
    assert docs[1]["fields"]["part"] == "4711"

    stdin = b"]C10109506000134352172612311012345A\x1d3024\r\nbad\x00nul\n\xff\xfe\nHELLO\n"
    result = runner.invoke(main, ["parse", "--json"], input=stdin)
    assert result.exit_code == 0
    docs = _json_lines(result.stdout)
    assert len(docs) == 4
    assert docs[0]["fields"]["lot"] == "12345A"
    assert "NUL" in docs[1]["error"]
    assert "UTF-8" in docs[2]["error"]
    assert docs[3]["fields"] == {"scheme": "plain"}


def test_bench_decode_on_a_small_corpus(tmp_path: Path) -> None:
    qr = tmp_path / "qrcode-1"
    qr.mkdir()
    cv2.imwrite(str(qr / "1.png"), render("QRCode", "HELLO"))
    (qr / "1.txt").write_text("HELLO")
    cv2.imwrite(str(qr / "2.png"), render("QRCode", "OTHER"))
    (qr / "2.txt").write_text("EXPECTED")  # decoded as something else: a wrong read
    blank = tmp_path / "ean13-1"
    blank.mkdir()
    cv2.imwrite(str(blank / "1.png"), render("QRCode", "X")[:10, :10])
    (blank / "1.txt").write_text("9780804816632")
    result = CliRunner().invoke(main, ["bench", "decode", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = [d for d in _json_lines(result.stdout) if "level" in d]
    total = next(r for r in rows if r["level"] == "total")
    edge = total["edge"]
    assert (edge["images"], edge["read"], edge["wrong"]) == (3, 1, 1)
    assert total["zxing"]["read"] == 1
    assert "time_ratio_edge_vs_zxing" in total
    assert {r["name"] for r in rows if r["level"] == "symbology"} == {"qrcode", "ean13"}
    table = CliRunner().invoke(main, ["bench", "decode", str(tmp_path)])
    assert "total" in table.stdout and "edge read" in table.stdout


def test_help_ends_with_an_example() -> None:
    for args in (["decode"], ["parse"], ["bench", "decode"]):
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output
