"""The Corpus page in a real browser: upload three articles, see one graph, move the date range.

Like ``test_browser.py``: Debian's Chromium through Playwright against ``streamlit run app.py``;
skipped without Chromium except in CI. Screenshots go to ``artifacts/browser/``.
"""
from __future__ import annotations

import re

import pytest

from browser_support import need_chromium
from corpus_support import DATED, dated_page
from tools.browser import GRAPH_IFRAME, ROOT, Chromium, StreamlitServer, open_app, upload, wait_graph

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "artifacts" / "browser"
CORPUS_UPLOAD = ".st-key-ag_corpus_upload input[type=file]"
CORPUS_GRAPH = ".st-key-ag_corpus_graph iframe"
DATE_THUMBS = ".st-key-w-ag-c-f-dates input[type=range]"  # the date range's two thumbs
TIMEOUT_MS = 90_000  # three articles, and the first upload of a server also loads spaCy

# The drawn labels once the corpus frame's network has nodes; with a list of labels, only when the
# drawn labels differ from it (a rerun that changes the graph replaces the frame). Read in the same
# call as the check, since Streamlit may replace the frame between two calls.
_JS_GRAPH = """([sel, before]) => {
    const f = document.querySelector(sel);
    let net;
    try { net = f && f.contentWindow && f.contentWindow.network; } catch (e) { return false; }
    if (!net || !net.body || net.body.data.nodes.length === 0) return false;
    const now = net.body.data.nodes.get().map(n => n.label).sort();
    if (before && JSON.stringify(now) === JSON.stringify(before)) return false;
    return now;
}"""



def _metric(page, label: str) -> int:
    for m in page.query_selector_all("[data-testid=stMetric]"):
        text = m.inner_text()
        if text.startswith(label):
            return int(re.findall(r"\d+", text)[-1])
    raise AssertionError(f"no metric {label!r}")


def test_corpus_upload_three_one_graph_then_the_date_range(tmp_path, monkeypatch):
    need_chromium()
    from playwright.sync_api import sync_playwright

    monkeypatch.delenv("ACTORGRAPH_DB", raising=False)  # a store of the session's own
    files = []
    for sample, date in DATED:
        name, data = dated_page(sample, date)
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with StreamlitServer() as srv, sync_playwright() as pw, Chromium(pw) as chromium:
        page = chromium.new_page()
        page.goto(f"{srv.url}/corpus")
        page.wait_for_selector(CORPUS_UPLOAD, state="attached")
        page.set_input_files(CORPUS_UPLOAD, files)
        page.wait_for_function(_JS_GRAPH, arg=[CORPUS_GRAPH, None], timeout=TIMEOUT_MS)
        page.wait_for_function("() => [...document.querySelectorAll('[data-testid=stMetric]')]"
                               ".some(m => m.innerText.startsWith('Articles') && /\\b3\\b/.test(m.innerText))",
                               timeout=TIMEOUT_MS)
        assert len(page.query_selector_all(CORPUS_GRAPH)) == 1  # one merged graph
        before = page.wait_for_function(_JS_GRAPH, arg=[CORPUS_GRAPH, None],
                                        timeout=TIMEOUT_MS).json_value()
        page.screenshot(path=str(SHOTS / "corpus-three-articles.png"), full_page=True)

        # the date range: move its start past the first two articles' dates (Jan 15, Feb 10)
        thumbs = page.query_selector_all(DATE_THUMBS)
        assert len(thumbs) >= 2, "the date range slider has two thumbs"
        thumbs[0].focus()
        for _ in range(30):  # one day a step: Jan 15 + 30 days = Feb 14
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stMetric]')]"
            ".some(m => m.innerText.startsWith('Articles') && /\\b1\\b/.test(m.innerText))",
            timeout=TIMEOUT_MS)
        after = page.wait_for_function(_JS_GRAPH, arg=[CORPUS_GRAPH, before],
                                       timeout=TIMEOUT_MS).json_value()
        assert after and set(after) < set(before)  # fewer actors: only the March article is left
        assert _metric(page, "Articles") == 1
        page.screenshot(path=str(SHOTS / "corpus-date-range.png"), full_page=True)

        # the explorer's graph stays the widest of any page: an article opened in the same window
        corpus_width = page.query_selector(CORPUS_GRAPH).bounding_box()["width"]
        open_app(page, srv.url)
        upload(page, ROOT / "sample_articles" / "01_syria-iraqi-militias.txt")
        wait_graph(page, timeout=TIMEOUT_MS / 1000)
        page.get_by_role("link", name="Graph explorer", exact=True).click()
        page.wait_for_function("() => [...document.querySelectorAll('h1')]"
                               ".some(h => h.innerText.trim() === 'Graph explorer')")
        wait_graph(page, timeout=TIMEOUT_MS / 1000)
        explorer_width = page.query_selector(GRAPH_IFRAME).bounding_box()["width"]
        assert explorer_width > corpus_width, (explorer_width, corpus_width)
