"""Screenshots of every page at 1280×800, a short sample and the reference one, kept as test
artefacts in ``artifacts/screenshots/`` (``tools/screenshots.py``): each page drawn without an
error, at the window's size."""
from __future__ import annotations

import struct

import pytest

from browser_support import need_chromium
from pages import PAGES
from tools import screenshots
from tools.browser import VIEWPORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_every_page_for_a_short_and_a_long_sample(capsys):
    need_chromium()
    out = screenshots.OUT
    assert screenshots.main(["--out", str(out)]) == 0
    written = capsys.readouterr().out.split()
    for sample in screenshots.SAMPLES:
        for page in PAGES:
            window = out / f"{sample.stem}-{page}.png"
            assert str(window) in written, window
            assert _png_size(window.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])
            full = out / f"{sample.stem}-{page}-full.png"
            assert _png_size(full.read_bytes())[1] >= VIEWPORT["height"]
