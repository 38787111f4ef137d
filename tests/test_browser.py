"""The dashboard in a real browser: ``streamlit run app.py`` driven through Debian's Chromium.

Needs /usr/bin/chromium (``make browser``). Without it these tests are skipped, except in CI
(``CI=true``), where they fail: CI must run them. Screenshots go to ``artifacts/browser/``.
Selectors are documented in ``components/__init__.py``; helpers live in ``tools/browser.py``.
"""
from __future__ import annotations

import time

import pytest

from browser_support import need_chromium
from pages import PAGES
from tools.browser import (
    COUNTRY_FILTER, DETAILS, GRAPH_IFRAME, JS_LABELS, JS_NODES, ROOT, Chromium, StreamlitServer,
    node_point, open_app, upload, wait_graph,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFERENCE = ROOT / "sample_articles" / "01_syria-iraqi-militias.txt"
SHOTS = ROOT / "artifacts" / "browser"
GRAPH_TIMEOUT = 45  # seconds; the first upload of a server also loads the spaCy model

# Payloads where actor names go: the engine keeps some as names and the others end up in the
# evidence sentences shown in the details panel and the graph's tooltips.
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
HREF = '<a href="javascript:window.__pwned=3">Liberation</a>'
FORMULA = '=HYPERLINK("http://x") Movement'
HOSTILE_ARTICLE = f"""Fighting near Deir ez-Zor

The {IMG} Brigade attacked the Syrian army. Hezbollah backed the {SCRIPT} Front.

Iran backed Hezbollah against the {IMG} Brigade and the {SCRIPT} Front.

The Href Brigade attacked the Syrian army, and the {HREF} Battalion fought Hezbollah.

Turkey backed the {FORMULA} against Hezbollah.
"""



@pytest.fixture(scope="module")
def server():
    need_chromium()
    with StreamlitServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def chromium():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, Chromium(pw) as browser:
        yield browser


@pytest.fixture
def page(chromium):
    """A new tab (a new Streamlit session) that records every dialog it is shown."""
    tab = chromium.new_page()
    tab.dialogs = []

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    tab.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    frame = page.query_selector(GRAPH_IFRAME)
    box = frame.bounding_box() if frame is not None else None
    if box and box["y"] + box["height"] > 0 and box["y"] < page.viewport_size["height"]:
        # the pointer onto an empty corner of the drawing: vis-network hides its hover tooltip
        page.mouse.move(box["x"] + box["width"] - 12, box["y"] + 12, steps=4)
    page.mouse.move(2, 2)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / name))


def _wait_settled(frame, timeout_ms: int = 5000) -> None:
    """Wait (bounded) until vis-network's physics has come to rest, so nodes stay put."""
    frame.evaluate("""(ms) => new Promise((done) => {
        if (network.physics.stabilized || !network.physics.physicsEnabled) return done(true);
        network.once("stabilized", () => done(true));
        setTimeout(() => done(false), ms);
    })""", timeout_ms)


def _click_node(page, frame, label: str) -> None:
    """Click the node drawn for ``label`` and wait for the details panel to show it."""
    node = next(n for n in frame.evaluate(JS_NODES) if n["label"] == label)
    _wait_settled(frame)
    x, y = node_point(page, frame, node["id"])
    page.mouse.click(x, y)
    page.wait_for_function(
        "([sel, label]) => { const d = document.querySelector(sel);"
        " return !!d && d.querySelector('.ag-actor-card') !== null"
        " && d.querySelector('.ag-actor-card').innerText.includes(label); }",
        arg=[DETAILS, label], timeout=15_000)


def _pwned(page) -> dict[str, object]:
    """``window.__pwned`` in the page and in every frame (None where undefined)."""
    found = {}
    for frame in page.frames:
        try:
            found[frame.url or frame.name] = frame.evaluate(
                "() => typeof window.__pwned === 'undefined' ? null : window.__pwned")
        except Exception:  # a frame that went away meanwhile
            continue
    return found


def _cells(page, column: str) -> list[str]:
    """The cells of the page's table that has ``column`` (st.dataframe draws on a canvas and
    mirrors its cells in an accessible table)."""
    table = page.locator("[data-testid=stDataFrame] table").filter(
        has=page.locator(f'[role=columnheader]:text-is("{column}")'))
    table.locator("[role=gridcell]").first.wait_for(state="attached")
    return table.locator("[role=gridcell]").all_text_contents()


# --- the pages/ layout: a fresh server's first request may be any page ---------------------------

@pytest.mark.parametrize("path, title", [
    ("actors", "Actors"), ("", "ActorGraph"), ("explorer", "Graph explorer"),
    ("relations", "Relations"), ("analysis", "Analysis"),
])
def test_browser_first_request_of_a_fresh_server_renders_the_page(chromium, path, title):
    """Streamlit's legacy pages/ mode handles the first run of a process; it must hand over to
    the router (sidebar, navigation, the page) without a "Page not found" dialog."""
    with StreamlitServer() as fresh:
        tab = chromium.new_page()
        try:
            tab.goto(f"{fresh.url}/{path}")
            tab.wait_for_selector("h1", timeout=30_000)
            tab.wait_for_selector("[data-testid=stSidebar] [data-testid=stCaptionContainer]")
            assert tab.locator("h1").all_inner_texts() == [title]
            assert "Analyse an article on the Home page" in tab.locator(
                "[data-testid=stSidebar]").inner_text()
            assert tab.locator("[data-testid=stTopNavLink]").count() == len(PAGES)
            time.sleep(0.5)  # a late "Page not found" dialog would be up by now
            assert "Page not found" not in tab.locator("body").inner_text()
            # the same page, not a redirect (the query holds the browser's corrections token)
            assert tab.url.split("?")[0].rstrip("/") == f"{fresh.url}/{path}".rstrip("/")
            if path:  # the page's link back to Home works too
                tab.get_by_role("link", name="Go to Home").click()
                tab.wait_for_selector(".st-key-ag_upload input[type=file]", state="attached")
                assert tab.locator("h1").all_inner_texts() == ["ActorGraph"]
        finally:
            tab.close()


# --- issue "dashboard" ---------------------------------------------------------------------------

def test_browser_dashboard_upload_filter_click(server, page):
    open_app(page, server.url)
    upload(page, REFERENCE)
    frame = wait_graph(page, timeout=GRAPH_TIMEOUT)
    labels = frame.evaluate(JS_LABELS)
    for name in ("Hezbollah", "Turkey", "Iran", "Russia"):
        assert name in labels, labels

    # the country filter (sidebar) keeps Turkey's actors and their direct partners (faded)
    page.locator(f"{COUNTRY_FILTER} input").click()
    option = page.locator("[role=option]", has_text="Turkey (")
    option.first.click()
    page.keyboard.press("Escape")
    frame = wait_graph(page, differs_from=labels)
    kept = frame.evaluate(JS_LABELS)
    assert "Turkey" in kept and 1 < len(kept) < len(labels), kept
    edges = frame.evaluate("() => network.body.data.edges.get().length")
    assert edges > 0
    faded = frame.evaluate("() => network.body.data.nodes.get().filter(n => n.opacity < 1).length")
    assert faded > 0  # the partners
    assert "direct partner" in page.locator("[data-testid=stSidebar]").inner_text()

    # a click on a node shows that actor in the details panel
    target = "Syrian government" if "Syrian government" in kept else kept[0]
    _click_node(page, frame, target)
    details = page.locator(DETAILS)
    assert target in details.locator(".ag-actor-card").inner_text()
    assert "Enemies (" in details.inner_text()
    page.query_selector(GRAPH_IFRAME).scroll_into_view_if_needed()
    _shot(page, "dashboard.png")
    details.scroll_into_view_if_needed()
    _shot(page, "dashboard-details.png")
    assert not page.dialogs


# --- issue "hostile input" -----------------------------------------------------------------------

def test_browser_hostile_names_are_shown_as_text(server, page):
    open_app(page, server.url)
    upload(page, name="hostile.txt", data=HOSTILE_ARTICLE.encode("utf-8"))
    frame = wait_graph(page, timeout=GRAPH_TIMEOUT)
    labels = frame.evaluate(JS_LABELS)
    assert FORMULA in labels and "Href Brigade" in labels and "Hezbollah" in labels, labels

    # Hezbollah's links quote the sentences holding the <img>, <script> and <a href> payloads
    _click_node(page, frame, "Hezbollah")
    text = page.locator(DETAILS).inner_text()
    assert IMG in text and SCRIPT in text and HREF in text, text
    page.locator(DETAILS).scroll_into_view_if_needed()
    _shot(page, "hostile-evidence.png")
    # the formula-like name, as the actor card's title
    _click_node(page, frame, FORMULA)
    assert FORMULA in page.locator(f"{DETAILS} .ag-actor-card").inner_text()
    page.locator(DETAILS).scroll_into_view_if_needed()
    _shot(page, "hostile.png")

    # the tables show names and sentences as they are (their cells' accessible text)
    page.get_by_role("link", name="Actors", exact=True).click()
    names = _cells(page, "Mentions")
    assert FORMULA in names and "Href Brigade" in names, names
    _shot(page, "hostile-actors.png")
    page.get_by_role("link", name="Relations", exact=True).click()
    evidence = " ".join(_cells(page, "Evidence"))
    assert IMG in evidence and SCRIPT in evidence and HREF in evidence, evidence

    assert not page.dialogs, page.dialogs
    assert all(v is None for v in _pwned(page).values()), _pwned(page)
    for frame in page.frames:
        injected = frame.evaluate("""() => [
            ...document.querySelectorAll('img[src="x"], a[href^="javascript:"]')].length
            + [...document.querySelectorAll("script")].filter(
                s => s.textContent.includes("window.__pwned=2")
                     && !s.textContent.includes("vis.DataSet")).length""")
        assert injected == 0, frame.url
