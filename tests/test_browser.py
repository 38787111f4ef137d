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
    graph_frame, node_point, open_app, upload, wait_graph,
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


SCRIPT_DONE = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return !!app && app.getAttribute('data-test-script-state') !== 'running'
        && !document.querySelector('[data-stale=true]');
}"""


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
    # the card comes first; its links (and their sentences) follow in the same script run
    page.wait_for_function(SCRIPT_DONE, timeout=30_000)


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


# --- issue 9: edges first-class, positions kept, the explorer's canvas the widest ---------------

JS_POSITIONS = """() => { const p = network.getPositions(); const out = {};
    for (const id in p) out[id] = [p[id].x, p[id].y]; return out; }"""
# The labels, shapes included, that reach beyond the canvas in the first (fitted) view.
JS_CLIPPED = """() => { const c = document.querySelector('#mynetwork canvas').getBoundingClientRect();
    const out = [];
    for (const id of network.body.nodeIndices) {
        const n = network.body.nodes[id], bb = n.shape.boundingBox;
        const a = network.canvasToDOM({x: bb.left, y: bb.top});
        const z = network.canvasToDOM({x: bb.right, y: bb.bottom});
        if (a.x < 0 || a.y < 0 || z.x > c.width || z.y > c.height) out.push(n.options.label);
    }
    return out; }"""
# An edge to click: its midpoint on the drawn curve, where vis finds that edge and no node.
JS_EDGE_POINT = """() => {
    for (const id of network.body.edgeIndices) {
        const e = network.body.edges[id];
        if (!e.connected || !e.edgeType) continue;
        const mid = e.edgeType.getPoint(0.5);
        const dom = network.canvasToDOM(mid);
        if (network.getNodeAt(dom) !== undefined || network.getEdgeAt(dom) !== id) continue;
        const c = document.querySelector('#mynetwork canvas').getBoundingClientRect();
        if (dom.x < 10 || dom.y < 10 || dom.x > c.width - 10 || dom.y > c.height - 10) continue;
        return {id: id, from: e.fromId, to: e.toId, x: c.left + dom.x, y: c.top + dom.y,
                title: edges.get(id).title};
    }
    return null; }"""


def _wait_fitted(frame) -> None:
    frame.wait_for_function("() => window.agFitted === true", timeout=15_000)


def _assert_details_beside_graph(page) -> None:
    details = page.locator(DETAILS).bounding_box()
    graph = page.query_selector(GRAPH_IFRAME).bounding_box()
    assert details["x"] >= graph["x"] + graph["width"] - 1, (details, graph)  # not below it
    assert details["y"] < graph["y"] + 200, (details, graph)


def _graph_width(page) -> float:
    return page.query_selector(GRAPH_IFRAME).bounding_box()["width"]


def test_browser_edge_click_positions_kept_and_widest_canvas(server, page):
    open_app(page, server.url)
    upload(page, REFERENCE)
    frame = wait_graph(page, timeout=GRAPH_TIMEOUT)
    _wait_fitted(frame)
    home_width = _graph_width(page)
    assert frame.evaluate(JS_CLIPPED) == []  # no label cut at the rim of the first view
    _assert_details_beside_graph(page)

    # the explorer's canvas is the widest of the pages with a graph at 1280x800
    page.get_by_role("link", name="Graph explorer", exact=True).click()
    page.wait_for_function("() => [...document.querySelectorAll('h1')]"
                           ".some(h => h.innerText.trim() === 'Graph explorer')")
    frame = wait_graph(page)
    _wait_fitted(frame)
    explorer_width = _graph_width(page)
    assert explorer_width > home_width + 40, (explorer_width, home_width)
    assert frame.evaluate(JS_CLIPPED) == []
    _assert_details_beside_graph(page)

    # a click on an edge shows the relation and its evidence in the details panel
    page.query_selector(GRAPH_IFRAME).scroll_into_view_if_needed()
    edge = frame.evaluate(JS_EDGE_POINT)
    assert edge is not None
    box = page.query_selector(GRAPH_IFRAME).bounding_box()  # frame → page coordinates
    edge["x"], edge["y"] = edge["x"] + box["x"], edge["y"] + box["y"]
    page.mouse.move(edge["x"], edge["y"], steps=3)
    page.wait_for_timeout(600)  # the tooltip shows
    assert frame.evaluate("(document.querySelector('div.vis-tooltip') || {style: {}})"
                          ".style.visibility") == "visible"
    page.mouse.click(edge["x"], edge["y"])
    card = page.locator(f"{DETAILS} .ag-relation-card")
    card.wait_for(timeout=15_000)
    assert frame.evaluate("document.querySelector('div.vis-tooltip').style.visibility") != "visible"
    text = card.inner_text()
    first = next(line for line in edge["title"].splitlines() if line.startswith("\u2022 "))[2:]
    assert " ".join(first.split())[:60].rstrip("\u2026") in " ".join(text.split()), (first, text)
    assert "Confidence" in text and "Direction" in text and "Kind of event" in text
    assert card.locator(".ag-evidence mark").count() >= 2  # actors and cue marked
    labels = {n["id"]: n["label"] for n in frame.evaluate(JS_NODES)}
    assert labels[edge["from"]] in text and labels[edge["to"]] in text
    page.locator(DETAILS).scroll_into_view_if_needed()
    _shot(page, "edge-details.png")

    # a filter change removes actors; the others stay where they were drawn
    before = frame.evaluate(JS_POSITIONS)
    box = page.locator(f"{COUNTRY_FILTER} input")
    box.click()
    page.locator("[role=option]", has_text="Turkey (").first.wait_for()
    box.press_sequentially("Turkey")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    frame = wait_graph(page, differs_from=list(labels.values()))
    _wait_fitted(frame)
    after = frame.evaluate(JS_POSITIONS)
    assert 1 < len(after) < len(before)
    for node, (x, y) in after.items():
        assert node in before
        assert abs(x - before[node][0]) < 0.1 and abs(y - before[node][1]) < 0.1, node
    assert frame.evaluate(JS_CLIPPED) == []

    # "Re-lay out" draws the actors shown afresh
    shown = frame.evaluate(JS_LABELS)
    page.get_by_role("button", name="Re-lay out").filter(visible=True).click()
    page.wait_for_function(
        "([sel, before]) => { const f = document.querySelector(sel); const w = f && f.contentWindow;"
        " if (!w || !w.network || w.agFitted !== true) return false;"
        " const p = w.network.getPositions();"
        " return Object.keys(p).some(id => !before[id] || Math.abs(p[id].x - before[id][0]) > 1); }",
        arg=[GRAPH_IFRAME, after], timeout=15_000)
    assert sorted(graph_frame(page).evaluate(JS_LABELS)) == sorted(shown)
    assert not page.dialogs
