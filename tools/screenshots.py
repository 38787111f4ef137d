"""Screenshots of every page of the dashboard at 1280×800: a short sample and the reference one.

    python tools/screenshots.py [--out artifacts/screenshots] [SAMPLE …]

Starts ``streamlit run app.py`` (``tools.browser.StreamlitServer``), opens each sample in a fresh
session of Debian's Chromium (``/usr/bin/chromium``, ``make browser``), then saves for each page
``<sample stem>-<page>.png`` (what a 1280×800 window shows) and ``<sample stem>-<page>-full.png``
(the whole page, the window made as tall as the page), and ``<stem>-analysis-evidence.png``
(the first bloc clicked: its sentences). The Corpus page gets the sample uploaded into its
session store. Also ``first-paint.png``: a fresh session before any article. Prints one
line per file written.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pages import CORPUS, HOME, PAGES  # noqa: E402
from tools.browser import (  # noqa: E402
    GRAPH_IFRAME, VIEWPORT, Chromium, StreamlitServer, open_app, upload, wait_graph,
)

SAMPLES = (ROOT / "sample_articles" / "03_yemen-red-sea-houthis.txt",  # short: 9 actors or so
           ROOT / "sample_articles" / "01_syria-iraqi-militias.txt")  # the reference, the longest
OUT = ROOT / "artifacts" / "screenshots"
GRAPH_PAGES = {HOME, "explorer"}
CORPUS_UPLOAD = ".st-key-ag_corpus_upload input[type=file]"
TIMEOUT_MS = 90_000  # the first article of a server also loads the spaCy model

# Streamlit marks the app element while a script run is going on
_IDLE = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return !!app && app.getAttribute('data-test-script-state') !== 'running'
        && !document.querySelector('[data-testid=stSkeleton]');
}"""
_PAGE_HEIGHT = """() => Math.max(...[...document.querySelectorAll(
    '[data-testid=stMain], [data-testid=stMainBlockContainer], [data-testid=stSidebarContent]')]
    .map(e => e.scrollHeight), document.documentElement.scrollHeight)"""


def wait_idle(page, settle_ms: int = 600) -> None:
    """Wait until the script run is over and the page has stopped changing for a moment."""
    page.wait_for_timeout(200)
    page.wait_for_function(_IDLE, timeout=TIMEOUT_MS)
    page.wait_for_timeout(settle_ms)
    page.wait_for_function(_IDLE, timeout=TIMEOUT_MS)


class PageError(RuntimeError):
    """A page showed an exception (Streamlit's error box) instead of its content."""


def shoot(page, out: Path, name: str) -> list[Path]:
    """The window as it is, then the whole page; PageError if the page shows an exception."""
    broken = page.locator("[data-testid=stException]")
    if broken.count():
        raise PageError(f"{name}: {broken.first.inner_text()[:500]}")
    page.mouse.move(2, 2)  # no hover tooltip
    window = out / f"{name}.png"
    page.screenshot(path=str(window))
    height = int(page.evaluate(_PAGE_HEIGHT))
    full = out / f"{name}-full.png"
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
    page.wait_for_timeout(500)
    page.screenshot(path=str(full))
    page.set_viewport_size(VIEWPORT)
    page.wait_for_timeout(300)
    return [window, full]


def open_page(page, name: str) -> None:
    """Open a page with its link in the top menu (the session stays) and wait for it."""
    title = PAGES[name][0]
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_function("(t) => [...document.querySelectorAll('h1')].some(h => "
                           "h.innerText.trim() === t)", arg="ActorGraph" if name == HOME else title,
                           timeout=TIMEOUT_MS)
    wait_idle(page)
    if name in GRAPH_PAGES and page.query_selector(GRAPH_IFRAME) is not None:
        wait_graph(page, timeout=TIMEOUT_MS / 1000)
        page.wait_for_timeout(1500)  # the layout settles


def evidence_shot(page, out: Path, name: str) -> list[Path]:
    """The Analysis page after a click on the first bloc: the sentences it rests on."""
    grid = page.query_selector(".st-key-ag_blocs_table")
    if grid is None:
        return []
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection cell
    page.wait_for_selector(".st-key-ag_blocs_table_evidence", timeout=TIMEOUT_MS)
    wait_idle(page)
    page.query_selector(".st-key-ag_blocs_table").scroll_into_view_if_needed()
    path = out / f"{name}.png"
    page.mouse.move(2, 2)
    page.screenshot(path=str(path))
    return [path]


def sample_shots(browser, url: str, sample: Path, out: Path) -> list[Path]:
    page = browser.new_page()
    written: list[Path] = []
    try:
        open_app(page, url)
        upload(page, sample)
        wait_graph(page, timeout=TIMEOUT_MS / 1000)
        wait_idle(page)
        page.wait_for_timeout(1500)
        stem = sample.stem
        written += shoot(page, out, f"{stem}-{HOME}")
        for name in PAGES:
            if name == HOME:
                continue
            open_page(page, name)
            if name == CORPUS:
                page.set_input_files(CORPUS_UPLOAD, str(sample))
                page.wait_for_selector(".st-key-ag_corpus_graph iframe", timeout=TIMEOUT_MS)
                wait_idle(page, 1500)
            written += shoot(page, out, f"{stem}-{name}")
            if name == "analysis":
                written += evidence_shot(page, out, f"{stem}-analysis-evidence")
    finally:
        page.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("samples", nargs="*", type=Path, default=list(SAMPLES))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with StreamlitServer(start_timeout=90) as server, sync_playwright() as pw, \
            Chromium(pw) as browser:
        first = browser.new_page()
        first.goto(server.url)
        first.wait_for_selector("h1", timeout=TIMEOUT_MS)
        first.screenshot(path=str(args.out / "first-paint.png"))
        print(args.out / "first-paint.png")
        first.close()
        for sample in args.samples:
            for path in sample_shots(browser, server.url, sample, args.out):
                print(path)
    print(f"{time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
