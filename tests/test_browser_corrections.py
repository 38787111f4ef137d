"""Corrections in a real browser: on the reference article, flip a relation and merge two
actors from the details panel, then see both on another page, in a download and after a reload.

Needs /usr/bin/chromium (``make browser``); skipped without it, except in CI. Screenshots go to
``artifacts/browser/``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from browser_support import need_chromium
from tools.browser import GRAPH_IFRAME, JS_LABELS, ROOT, Chromium, StreamlitServer, open_app, wait_graph

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "artifacts" / "browser"
GRAPH_TIMEOUT = 45  # seconds; the first article of a server also loads the spaCy model
FLIP = ("Turkey", "Kurdish-led forces")  # hostility in the reference article
MERGE = ("Turkey-backed mainstream groups", "Syrian rebels")  # the first goes into the second


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corrections")


@pytest.fixture(scope="module")
def server(kept):
    need_chromium()
    saved = {k: os.environ.get(k) for k in ("ACTORGRAPH_CORRECTIONS_DIR", "ACTORGRAPH_DB")}
    os.environ["ACTORGRAPH_CORRECTIONS_DIR"] = str(kept)
    os.environ.pop("ACTORGRAPH_DB", None)
    try:
        with StreamlitServer() as srv:
            yield srv
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def chromium():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, Chromium(pw, accept_downloads=True) as browser:
        yield browser


def _pick(page, box: str, label: str, option: str | None = None) -> None:
    """Type ``label`` in the selectbox inside ``box`` (a CSS selector) and choose the option
    that reads ``option`` (default: ``label``)."""
    page.locator(f"{box} input[role=combobox]").first.click()
    page.keyboard.type(label)
    page.get_by_role("option", name=option or label, exact=True).click()


def _reference(page):
    page.get_by_role("button", name="Try the reference article").first.click()
    return wait_graph(page, timeout=GRAPH_TIMEOUT * 2)


def _open_corrections(page, node: str, label: str):
    """Open "Correct this actor" once the details show ``label`` (the panel redraws first)."""
    page.locator(".st-key-ag_details .ag-actor-card").get_by_text(label, exact=True).wait_for()
    page.wait_for_function("() => !document.querySelector('[data-stale=true]')")
    box = page.locator(".st-key-ag_correct_actor")
    merge_box = page.locator(f".st-key-ag_corr_merge-{node}")
    if not merge_box.is_visible():
        box.get_by_text("Correct this actor").click()
    merge_box.wait_for(state="visible")
    return box


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(2, 2)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / name))


def test_browser_corrections_flip_and_merge_seen_everywhere_and_after_a_reload(server, chromium,
                                                                              kept):
    page = chromium.new_page()
    page.set_default_timeout(90_000)  # a loaded machine (other test runs) slows every step
    open_app(page, server.url)
    frame = _reference(page)
    labels = frame.evaluate(JS_LABELS)
    assert MERGE[0] in labels and MERGE[1] in labels, labels
    token = parse_qs(urlparse(page.url).query)["ag"][0]

    # flip Turkey – Kurdish-led forces from hostility to alliance, from Turkey's details
    _pick(page, ".st-key-w-ag-selected", FLIP[0])
    box = _open_corrections(page, "turkey", FLIP[0])
    _pick(page, ".st-key-ag_corr_link-turkey", FLIP[1], f"{FLIP[1]} (Hostility)")
    page.locator(".st-key-ag_corr_link_label-turkey").get_by_text("Alliance", exact=True).click()
    box.get_by_role("button", name="Change the relation").click()
    page.locator(".st-key-ag_correct_actor [data-testid=stAlertContentSuccess]").get_by_text(
        "Kurdish-led forces set to alliance (was hostility)").wait_for()

    # merge the Turkey-backed mainstream groups into the Syrian rebels
    _pick(page, ".st-key-w-ag-selected", MERGE[0])
    box = _open_corrections(page, "turkey_backed_mainstream_groups", MERGE[0])
    _pick(page, ".st-key-ag_corr_merge-turkey_backed_mainstream_groups", MERGE[1])
    box.get_by_role("button", name="Merge into it").click()
    frame = wait_graph(page, differs_from=labels)
    after = frame.evaluate(JS_LABELS)
    assert MERGE[0] not in after and MERGE[1] in after
    page.locator(".st-key-ag_details .ag-actor-card").get_by_text(MERGE[1]).wait_for()
    sidebar = page.locator("[data-testid=stSidebar]")
    assert "Your corrections (2)" in sidebar.inner_text()
    page.query_selector(GRAPH_IFRAME).scroll_into_view_if_needed()
    _shot(page, "corrections-home.png")

    # another page: the Relations table shows the flipped label and the user's note
    page.locator("[data-testid=stTopNavLink]", has_text="Relations").click()
    page.get_by_role("heading", name="Relations").wait_for()
    table = page.locator("[data-testid=stDataFrame] table")
    table.locator("[role=gridcell]").first.wait_for(state="attached")
    cells = table.locator("[role=gridcell]").all_text_contents()
    assert MERGE[0] not in cells
    notes = [c for c in cells if "Corrected by the user: the relation between Turkey and "
             "Kurdish-led forces set to alliance (was hostility)" in c]
    assert notes, cells[:40]
    _shot(page, "corrections-relations.png")

    # a download: the node-link JSON of the graph carries both corrections
    sidebar.get_by_text("Download the filtered graph").click()
    with page.expect_download() as got:
        page.locator(".st-key-ag_dl_sidebar-to_node_link_json button").click()
    data = json.loads(Path(got.value.path()).read_text(encoding="utf-8"))
    page.keyboard.press("Escape")
    ids = {n["id"] for n in data["nodes"]}
    assert "turkey_backed_mainstream_groups" not in ids and "syrian_rebels" in ids
    edge = next(e for e in data["edges"]
                if {e["source"], e["target"]} == {"turkey", "kurdish_led_forces"})
    assert edge["relation"] == "alliance" and edge["origin"] == "user"
    assert edge["evidence"][0].startswith("Corrected by the user: ")
    rebels = next(n for n in data["nodes"] if n["id"] == "syrian_rebels")
    assert any("merged into Syrian rebels" in note for note in rebels["corrections"])
    assert list(kept.glob(f"{token}/*.json"))  # kept server side under the browser's token

    # a reload: a new session; the URL keeps the token, which brings the article back, corrected
    assert parse_qs(urlparse(page.url).query).get("ag") == [token]
    page.reload()
    page.get_by_role("heading", name="Relations").wait_for()
    table = page.locator("[data-testid=stDataFrame] table")
    table.locator("[role=gridcell]").first.wait_for(state="attached")
    cells = table.locator("[role=gridcell]").all_text_contents()
    assert MERGE[0] not in cells
    assert any("Corrected by the user: the relation between Turkey and Kurdish-led forces set "
               "to alliance (was hostility)" in c for c in cells), cells[:40]
    page.locator("[data-testid=stTopNavLink]", has_text="Home").click()
    frame = wait_graph(page, timeout=GRAPH_TIMEOUT * 2)
    labels = frame.evaluate(JS_LABELS)
    assert MERGE[0] not in labels and MERGE[1] in labels
    assert "Your corrections (2)" in page.locator("[data-testid=stSidebar]").inner_text()
    colour = frame.evaluate("""() => {
        const ids = network.body.data.nodes.get().filter(
            n => n.label === "Turkey" || n.label === "Kurdish-led forces").map(n => n.id);
        const e = network.body.data.edges.get().find(
            e => ids.includes(e.from) && ids.includes(e.to));
        return e ? (e.color && (e.color.color || e.color)) : null;
    }""")
    assert colour is not None
    _shot(page, "corrections-after-reload.png")

    # the corrections as a small JSON file
    page.locator(".st-key-ag_corrections").get_by_text("Your corrections (2)").click()
    with page.expect_download() as got:
        page.locator(".st-key-ag_corr_download button").click()
    saved = Path(got.value.path()).read_bytes()
    data = json.loads(saved)
    assert data["format"] == "actorgraph-corrections" and data["version"] == 1
    assert [c["kind"] for c in data["corrections"]] == ["relabel", "merge"]
    page.close()

    # another browser (a new tab without the token) sees the article as the engine made it;
    # a damaged file is refused with a message, the downloaded one brings the corrections
    other = chromium.context.new_page()
    other.set_default_timeout(90_000)
    try:
        open_app(other, server.url)
        assert parse_qs(urlparse(other.url).query).get("ag") != [token]
        frame = _reference(other)
        labels = frame.evaluate(JS_LABELS)
        assert MERGE[0] in labels
        panel = other.locator(".st-key-ag_corrections")
        panel.get_by_text("Your corrections (0)").click()
        upload = ".st-key-ag_corr_upload input[type=file]"
        other.set_input_files(upload, files=[{"name": "bad.json", "mimeType": "application/json",
                                              "buffer": b"{not json"}])
        other.locator("[data-testid=stAlertContentError]").get_by_text(
            "bad.json: The corrections file is not valid JSON").wait_for()
        other.set_input_files(upload, files=[{"name": "mine.json", "mimeType": "application/json",
                                              "buffer": saved}])
        frame = wait_graph(other, differs_from=labels)
        assert MERGE[0] not in frame.evaluate(JS_LABELS)
        panel.get_by_text("Your corrections (2)").wait_for()
        panel.get_by_text("Read 2 correction(s) from mine.json: 2 new").wait_for()  # still open
        _shot(other, "corrections-uploaded.png")
    finally:
        other.close()
