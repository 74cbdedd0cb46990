"""Decoding rendered symbols: typed results, the retry ladder on degraded images, check digits,
and no false reads (a tilted ITF-14 once decoded as a shorter ITF)."""

import time
from collections.abc import Callable

import cv2
import numpy as np
import pytest
import zxingcpp

from edge.vision.decode import Symbol, decode_fast, decode_image, pyzbar_available, rejection
from edge.vision.decode.pyzbar_backend import read_pyzbar
from edge.vision.decode.verify import upce_to_upca
from tests.render_symbols import (
    Gray,
    blur,
    low_contrast,
    noise,
    paste,
    perspective,
    render,
    rotate,
)

MH10 = "[)>\x1e06\x1dP4711-0815-A\x1dQ120\x1d1TL2026\x1e\x04"


def _texts(symbols: list[Symbol]) -> list[str]:
    return [s.text for s in symbols]


def _signed_area(symbol: Symbol) -> float:
    pts = symbol.position
    return 0.5 * sum(
        pts[i][0] * pts[(i + 1) % 4][1] - pts[(i + 1) % 4][0] * pts[i][1] for i in range(4)
    )


@pytest.mark.parametrize(
    ("fmt", "text", "sid"),
    [
        ("Code128", "PART-4711", "]C0"),
        ("DataMatrix", MH10, "]d1"),
        ("QRCode", "A-03-02-04", "]Q1"),
        ("EAN13", "9780804816632", "]E0"),
        ("EAN8", "96385074", "]E4"),
        ("ITF", "00012345678905", "]I1"),
        ("PDF417", "HELLO PDF417", "]L2"),
    ],
)
def test_clean_symbols_round_trip(fmt: str, text: str, sid: str) -> None:
    """Text keeps GS/RS/EOT (no HRI rewriting); format names and identifiers as in the contract."""
    image = render(fmt, text)
    symbols = decode_fast(image)
    assert len(symbols) == 1
    symbol = symbols[0]
    assert (symbol.format, symbol.text, symbol.symbology_identifier) == (fmt, text, sid)
    assert symbol.raw == text.encode()
    assert symbol.backend == "zxing"
    h, w = image.shape
    assert all(0 <= x <= w and 0 <= y <= h for x, y in symbol.position)
    assert _signed_area(symbol) > 0, "clockwise from top-left in image coordinates (y down)"
    assert decode_image(image) == symbols


def test_colour_and_gray_input_agree() -> None:
    gray = render("QRCode", "A01-03-B")
    bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    assert _texts(decode_image(bgr)) == _texts(decode_image(gray)) == ["A01-03-B"]
    with pytest.raises(ValueError):
        decode_fast(gray.astype(np.float32))
    with pytest.raises(ValueError):
        decode_fast(np.zeros((4, 4, 2), dtype=np.uint8))


Degrade = Callable[[Gray], Gray]

HARD: list[tuple[str, str, Degrade]] = [
    ("Code128", "PART-4711", lambda i: blur(i, 2.0)),
    ("QRCode", "A-03-02-04", lambda i: blur(i, 2.0)),
    ("EAN13", "9780804816632", lambda i: noise(i, 40)),
    ("EAN13", "9780804816632", lambda i: blur(low_contrast(i), 1.5)),
    ("DataMatrix", "LOT-42", lambda i: blur(low_contrast(i), 1.5)),
    ("ITF", "00012345678905", lambda i: rotate(i, 30)),
    ("Code128", "PART-4711", lambda i: rotate(i, 45)),
    ("PDF417", "HELLO PDF", lambda i: rotate(i, 45)),
]


@pytest.mark.parametrize(("fmt", "text", "degrade"), HARD)
def test_ladder_reads_what_the_first_pass_misses(fmt: str, text: str, degrade: Degrade) -> None:
    image = degrade(render(fmt, text))
    assert text not in _texts(decode_fast(image))
    symbols = decode_image(image, budget_ms=2000)
    assert text in _texts(symbols)
    (symbol,) = [s for s in symbols if s.text == text]
    cx, cy = symbol.centre()
    h, w = image.shape
    # mapped back from the transformed image: the symbol sits around the centre
    assert abs(cx - w / 2) < w / 4 and abs(cy - h / 2) < h / 4


@pytest.mark.parametrize(
    ("fmt", "text", "degrade"),
    [
        ("QRCode", "A-03-02-04", perspective),
        ("DataMatrix", MH10, perspective),
        ("Code128", "PART-4711", lambda i: low_contrast(i, 110, 140)),
        ("QRCode", "A-03-02-04", lambda i: noise(i, 40)),
        ("PDF417", "HELLO PDF", lambda i: blur(i, 2.0)),
    ],
)
def test_degraded_symbols_read(fmt: str, text: str, degrade: Degrade) -> None:
    assert text in _texts(decode_image(degrade(render(fmt, text))))


def test_position_maps_back_after_retry() -> None:
    """A retried (blurred, upscaled/rotated) symbol is reported where it is in the input."""
    symbol_image = blur(render("QRCode", "B2-14"), 2.0)
    canvas = paste((600, 800), symbol_image, 450, 300)
    (symbol,) = decode_image(canvas, budget_ms=2000)
    x0, y0, x1, y1 = symbol.bounds()
    sh, sw = symbol_image.shape
    assert x0 >= 450 and x1 <= 450 + sw and y0 >= 300 and y1 <= 300 + sh


def test_several_symbols_in_one_image() -> None:
    canvas = np.full((400, 900), 255, dtype=np.uint8)
    qr = render("QRCode", "A-03-02-04")
    dm = render("DataMatrix", MH10)
    canvas[20 : 20 + qr.shape[0], 20 : 20 + qr.shape[1]] = qr
    canvas[200 : 200 + dm.shape[0], 600 : 600 + dm.shape[1]] = dm
    assert sorted(_texts(decode_image(canvas))) == sorted(["A-03-02-04", MH10])


def test_budget_bounds_the_retries() -> None:
    image = blur(render("Code128", "PART-4711"), 2.0)
    start = time.perf_counter()
    assert decode_image(image, budget_ms=0) == []
    assert (time.perf_counter() - start) < 0.5
    assert decode_image(np.full((50, 50), 255, dtype=np.uint8)) == []


def test_tilted_itf14_gives_no_truncated_read() -> None:
    """zxing-cpp reads `0001234567` from a tilted `00012345678905`: it must never leave us."""
    base = render("ITF", "00012345678905")
    base = np.asarray(
        cv2.copyMakeBorder(base, 100, 100, 100, 100, cv2.BORDER_CONSTANT, value=255), dtype=np.uint8
    )
    ours = theirs = 0
    for degrees in range(0, 90, 6):
        h, w = base.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 0.6)
        image = blur(np.asarray(cv2.warpAffine(base, matrix, (w, h), borderValue=255)), 0.8)
        texts = _texts(decode_image(image))
        assert set(texts) <= {"00012345678905"}, (degrees, texts)
        ours += len(texts)
        plain = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
        theirs += sum(b.text == "00012345678905" for b in plain)
    assert ours >= theirs


def _symbol(fmt: str, text: str, sid: str = "") -> Symbol:
    return Symbol(fmt, text, text.encode(), ((0, 0), (1, 0), (1, 1), (0, 1)), sid, "zxing")


@pytest.mark.parametrize(
    ("fmt", "text", "sid", "rejected"),
    [
        ("EAN13", "9780804816632", "]E0", False),
        ("EAN13", "9780804816633", "]E0", True),
        ("EAN13", "978080481663", "]E0", True),
        ("EAN8", "96385074", "]E4", False),
        ("EAN8", "96385075", "]E4", True),
        ("UPCA", "036000291452", "]E0", False),
        ("UPCE", "04252614", "]E0", False),
        ("UPCE", "04252615", "]E0", True),
        ("ITF", "00012345678905", "]I1", False),
        ("ITF", "00012345678906", "]I0", True),  # ITF-14 length: check digit required
        ("ITF", "0829220875", "]I0", False),
        ("ITF", "123", "]I0", True),  # odd length is impossible in ITF
        ("ITF", "12", "]I0", True),
        ("ITF", "12AB", "]I0", True),
        ("Code128", "anything at all", "]C0", False),
        ("QRCode", "", "]Q1", True),
    ],
)
def test_check_digits_and_lengths(fmt: str, text: str, sid: str, rejected: bool) -> None:
    assert (rejection(_symbol(fmt, text, sid)) is not None) is rejected


def test_upce_expansion() -> None:
    assert upce_to_upca("04252614") == "042100005264"
    assert upce_to_upca("01234565") == "012345000065"


def test_pyzbar_backend_reads_ean13() -> None:
    assert pyzbar_available(), "pyzbar with libzbar0 is part of the test extras"
    symbols = read_pyzbar(render("EAN13", "9780804816632"))
    assert [(s.format, s.text, s.backend, s.symbology_identifier) for s in symbols] == [
        ("EAN13", "9780804816632", "pyzbar", "]E0")
    ]
    assert read_pyzbar(render("DataMatrix", "nothing for zbar")) == ()


def test_second_backend_can_be_switched_off() -> None:
    image = noise(render("EAN13", "9780804816632"), 40)
    without = decode_image(image, budget_ms=2000, second_backend=False)
    assert all(s.backend == "zxing" for s in without)
