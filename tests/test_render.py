"""render.py: the pyvis page is complete, offline, and never runs article text."""
from __future__ import annotations

import copy
import doctest
import json
import re
import shutil
import subprocess
from pathlib import Path


import networkx as nx  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import actorgraph.render  # noqa: E402
from actorgraph.errors import ActorGraphError  # noqa: E402
from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import ALLIANCE, HOSTILITY, TALKS, Actor, Article, Evidence, Extraction, Relation  # noqa: E402
from actorgraph.render import (  # noqa: E402
    EDGE_STYLES, TYPE_SHAPES, edge_id, js_literal, render_html, render_network_data,
)

SCRIPT_LABEL = "</script><script>alert(1)</script>"
IMG_LABEL = "<img src=x onerror=alert(1)>"


def ev(sentence: str, i: int) -> Evidence:
    return Evidence(sentence, i, 0, len(sentence), cue="cue", rule="rule")


def graph(labels: dict[str, str] | None = None, sentences: list[str] | None = None) -> nx.Graph:
    labels = labels or {}
    s = sentences or ["Iran backs the militias.", "The militias fight the rebels.",
                      "Iran and Turkey held talks.", "Turkey attacked the militias."]
    ex = Extraction(Article("text"), (
        Actor("iran", labels.get("iran", "Iran"), "state", "IRN", ("Iran", "Tehran")),
        Actor("militias", labels.get("militias", "Iraqi militias"), "militia", "IRQ", ("militias",)),
        Actor("rebels", labels.get("rebels", "rebels"), "rebel_coalition", "SYR", ("the rebels",)),
        Actor("turkey", labels.get("turkey", "Turkey"), "state", "TUR", ("Turkey", "Ankara")),
        Actor("un", labels.get("un", "United Nations"), "igo", "INT", ("UN",))), (
        Relation("iran", "militias", ALLIANCE, 0.9, ev(s[0], 0), directed=True),
        Relation("militias", "rebels", HOSTILITY, 0.8, ev(s[1], 1)),
        Relation("iran", "turkey", TALKS, 0.6, ev(s[2], 2)),
        Relation("turkey", "militias", HOSTILITY, 0.7, ev(s[3], 3), directed=True)))
    return build_graph(ex)


EXTERNAL_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def data_section(page: str) -> str:
    """The JS that holds the node and edge data."""
    start = page.index("nodes = new vis.DataSet(")
    return page[start:page.index("var options", start)]


def test_render_complete_offline_page():
    page = render_html(graph())
    assert page.lstrip().startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "vis.Network" in page and "new vis.DataSet" in page
    assert actorgraph.render.vis_js_path().read_text(encoding="utf-8").strip() in page  # inlined
    assert not EXTERNAL_REF.search(page)
    assert not re.search(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    for word in ("bootstrap", "cdnjs", "jsdelivr", "tom-select", "<h1"):
        assert word not in page.lower()


def test_render_lean_stylesheet_keeps_what_the_graph_uses():
    page = render_html(graph())
    css = page[page.index("<style>") + 7:page.index("</style>")]  # vis-network's own sheet
    # the editing/navigation buttons' inline images (~200 KB) are gone, tooltips stay styled
    assert "data:" not in css and "vis-zoomIn" not in css and len(css) < 20_000
    assert "div.vis-tooltip" in css and "div.vis-network" in css


def test_render_vis_network_from_the_app_server():
    url = "app/static/vis-network.min.js"
    page = render_html(graph(), vis_js_url=url)
    assert re.findall(r"<script\b[^>]*\bsrc\s*=[^>]*>", page) == [f'<script src="{url}">']
    assert "A dynamic, browser-based visualization library" not in page  # vis' own header
    assert len(page) < 60_000
    assert "vis.Network" in page and "agAfterDraw(network, nodes, edges);" in page
    assert data_section(page) == data_section(render_html(graph()))
    for bad in ("https://cdn.example/vis.js", "//cdn.example/vis.js", "javascript:alert(1)",
                "data:text/javascript,alert(1)", "\\\\host\\vis.js", "a.js\n<script>"):
        with pytest.raises(ValueError):
            render_html(graph(), vis_js_url=bad)


def test_app_static_copy_of_vis_network_is_pyvis_own():
    # the dashboard serves static/vis-network.min.js (server.enableStaticServing); it must be the
    # very script an inlined page carries, or a pyvis upgrade would draw two different graphs
    static = Path(__file__).resolve().parents[1] / "static" / "vis-network.min.js"
    assert static.read_bytes() == actorgraph.render.vis_js_path().read_bytes(), (
        f"copy {actorgraph.render.vis_js_path()} to {static}")


def test_render_size_and_physics_options():
    page = render_html(graph(), height_px=480, physics=False)
    assert "height: 480px" in page and "width: 100%" in page
    assert "var agKeepPhysics = false;" in page
    assert "stabilizationIterationsDone" in page
    assert "network.setOptions({physics: {enabled: false}})" in page
    assert '"stabilization": {"enabled": true' in page
    assert "var agKeepPhysics = true;" in render_html(graph(), physics=True)
    assert "var agKeepPhysics = false;" in render_html(graph())  # settles, then stops


def test_render_script_injection_in_labels_stays_data():
    labels = {"iran": SCRIPT_LABEL, "militias": IMG_LABEL, "turkey": "A & B 'q' \"dq\""}
    sentences = [f"Iran {SCRIPT_LABEL} backs {IMG_LABEL}.", "x <!-- y", "<svg onload=alert(1)>", "z"]
    G = graph(labels, sentences)
    page = render_html(G, highlight="iran")
    assert "<img" not in page
    assert "<svg" not in page
    assert "</script><script>" not in page
    assert "<!-- y" not in page
    # the page has exactly the script elements of a page drawn from harmless labels
    benign = render_html(graph(), highlight="iran")
    assert page.count("<script") == benign.count("<script")
    assert page.count("</script>") == benign.count("</script>")
    assert "<" not in data_section(page)
    # the labels reach vis intact
    nodes = {n["id"]: n for n in render_network_data(G)["nodes"]}
    assert nodes["iran"]["label"] == SCRIPT_LABEL
    assert nodes["militias"]["label"] == IMG_LABEL
    assert json.dumps(SCRIPT_LABEL)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e") in page


def test_render_href_in_title_never_uses_innerhtml_popup():
    G = graph({"iran": "A href B", "militias": '<a href="javascript:alert(1)">x</a>'},
              ['See <a href="http://evil.example">here</a>.', "b", "c", "d"])
    data = render_network_data(G)
    assert any("href" in n["title"] for n in data["nodes"])  # pyvis would switch to its popup
    page = render_html(G)
    assert "innerHTML = nodeData" not in page
    assert "popup.innerHTML" not in page
    assert 'network.on("showPopup"' not in page
    assert not re.search(r"\.innerHTML\s*=\s*[^;]*title", page)
    assert not EXTERNAL_REF.search(page)


def test_render_titles_are_plain_text():
    data = render_network_data(graph())
    iran = next(n for n in data["nodes"] if n["id"] == "iran")
    assert iran["title"].splitlines()[:3] == ["Iran", "Type: state", "Country: Iran (IRN)"]
    assert "Mentions (2): Iran, Tehran" in iran["title"]
    assert "\u2022 Iran backs the militias." in iran["title"]
    for item in data["nodes"] + data["edges"]:
        assert "<" not in item["title"]  # nothing of ours is markup
    edge = next(e for e in data["edges"] if {e["from"], e["to"]} == {"iran", "militias"})
    assert edge["title"].startswith("Iran \u2192 Iraqi militias: alliance (confidence 0.90)")
    assert "Iran backs the militias." in edge["title"]


def test_render_node_and_edge_styles():
    data = render_network_data(graph())
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["iran"]["shape"] == TYPE_SHAPES["state"][0]
    assert nodes["militias"]["shape"] == TYPE_SHAPES["militia"][0]
    assert nodes["un"]["shape"] == TYPE_SHAPES["igo"][0]
    assert nodes["militias"]["size"] > nodes["un"]["size"]  # by degree
    assert [n["label"] for n in data["nodes"]] == ["Iran", "Iraqi militias", "rebels", "Turkey", "United Nations"]
    edges = {frozenset((e["from"], e["to"])): e for e in data["edges"]}
    ally = edges[frozenset(("iran", "militias"))]
    assert ally["color"]["color"] == EDGE_STYLES[ALLIANCE][0] == "#2e7d32"
    assert (ally["from"], ally["to"], ally["arrows"]["to"]["enabled"]) == ("iran", "militias", True)
    attack = edges[frozenset(("turkey", "militias"))]
    assert (attack["from"], attack["to"], attack["color"]["color"]) == ("turkey", "militias", "#c62828")
    talks = edges[frozenset(("iran", "turkey"))]
    assert talks["dashes"] is True and talks["arrows"]["to"]["enabled"] is False
    assert ally["dashes"] is False


def test_render_color_by_country_or_type():
    by_country = {n["id"]: n["color"]["background"] for n in render_network_data(graph())["nodes"]}
    by_type = {n["id"]: n["color"]["background"]
               for n in render_network_data(graph(), color_by="type")["nodes"]}
    assert by_type["iran"] == by_type["turkey"]  # both states
    assert by_country["un"] == "#607d8b"
    # the same country keeps its colour in another graph
    G2 = nx.Graph()
    G2.add_node("x", label="X", type="militia", country="IRN")
    assert render_network_data(G2)["nodes"][0]["color"]["background"] == by_country["iran"]
    with pytest.raises(ActorGraphError):
        render_network_data(graph(), color_by="size")


def test_render_legend_fixed_text_only():
    G = graph({"iran": "UniqueLabelXYZ"})
    page = render_html(G)
    legend = page[page.index('<details class="ag-legend"'):page.index("</details>")]
    assert "UniqueLabelXYZ" not in legend
    for text in ("alliance", "hostility", "talks", "state", "militia", "igo", "Iran", "International"):
        assert text in legend
    assert "membership" not in legend  # only what is drawn


def test_render_click_posts_node_and_edge_to_parent():
    page = render_html(graph())
    assert 'agPost({type: "actorgraph:select", id: params.nodes[0]});' in page
    assert ('agPost({type: "actorgraph:select-edge", id: e.id, from: e.from, to: e.to});'
            in page)
    assert "window.parent.postMessage(msg, \"*\")" in page
    assert "agAfterDraw(network, nodes, edges);" in page
    assert "agHideTooltip(network);  // no tooltip left standing after a click" in page


def test_render_edge_ids_are_stable_and_unique():
    G = graph()
    ids = [e["id"] for e in render_network_data(G)["edges"]]
    assert len(set(ids)) == len(ids) == G.number_of_edges()
    assert edge_id("iran", "militias") == edge_id("militias", "iran") in ids
    # the same pair has the same id in a drawing of part of the graph (a filter)
    H = G.subgraph(["iran", "militias", "turkey"])
    assert {e["id"] for e in render_network_data(H)["edges"]} <= set(ids)
    edge = next(e for e in render_network_data(G)["edges"] if e["id"] == edge_id("iran", "militias"))
    assert (edge["from"], edge["to"]) == ("iran", "militias")  # the direction the text gives
    page = render_html(G)
    assert js_literal(edge_id("iran", "militias"))[1:-1] in data_section(page)


def test_render_positions_are_passed_through_and_kept():
    G = graph()
    pos = {n: (10.0 * i, -5.5 * i) for i, n in enumerate(G)}
    data = render_network_data(G, positions=pos)
    assert {n["id"]: (n["x"], n["y"]) for n in data["nodes"]} == pos
    physics = data["options"]["physics"]
    assert physics["enabled"] is False and physics["stabilization"]["enabled"] is False
    page = render_html(G, positions=pos)
    assert "var agPositioned = true;" in page
    assert '"x": 10.0, "y": -5.5' in page
    # a filtered drawing gives each remaining node the very same place
    H = G.subgraph(["iran", "turkey"])
    kept = {n["id"]: (n["x"], n["y"]) for n in render_network_data(H, positions=pos)["nodes"]}
    assert kept == {"iran": pos["iran"], "turkey": pos["turkey"]}
    # physics on starts from the positions and settles
    on = render_network_data(G, positions=pos, physics=True)["options"]["physics"]
    assert on["enabled"] is True and on["stabilization"]["enabled"] is True
    # without positions (or with some missing) vis-network lays the graph out, as before
    for partial in (None, {"iran": (0, 0)}):
        data = render_network_data(G, positions=partial)
        assert data["options"]["physics"]["enabled"] is True
        assert "var agPositioned = false;" in render_html(G, positions=partial)
    assert "x" not in render_network_data(G)["nodes"][0]


def test_render_fit_leaves_a_margin_and_keeps_labels_readable():
    page = render_html(graph(), positions={n: (0.0, 0.0) for n in graph()})
    assert "network.getScale() * 0.9" in page  # FIT_MARGIN
    assert 'network.once("afterDrawing", function () { agFit(network); });' in page
    assert "if (scale * 16 < 12) { scale = 12 / 16; }" in page


def test_render_highlight_is_escaped_and_optional():
    G = graph()
    G = nx.relabel_nodes(G, {"iran": "</script><b>"})
    page = render_html(G, highlight="</script><b>")
    assert 'var agHighlight = "\\u003c/script\\u003e\\u003cb\\u003e";' in page
    assert "</script><b>" not in page
    node = next(n for n in render_network_data(G, highlight="</script><b>")["nodes"] if n["id"] == "</script><b>")
    assert node["borderWidth"] == 3
    assert "var agHighlight = null;" in render_html(graph(), highlight="nobody")


def test_render_leaves_graph_unchanged():
    G = graph()
    before = copy.deepcopy((list(G.nodes(data=True)), list(G.edges(data=True))))
    render_html(G, color_by="type", highlight="iran")
    assert (list(G.nodes(data=True)), list(G.edges(data=True))) == before


def test_render_empty_and_bare_graphs():
    assert "new vis.DataSet([])" in render_html(nx.Graph())
    G = nx.Graph()
    G.add_edge(1, 2)  # no attributes at all
    data = render_network_data(G)
    assert [n["label"] for n in data["nodes"]] == ["1", "2"]
    assert data["edges"][0]["dashes"] is True


def test_render_many_nodes_page_still_offline():
    G = nx.Graph()
    for i in range(150):
        G.add_node(f"n{i}", label=f"N{i}", type="state", country="IRN")
        if i:
            G.add_edge(f"n{i}", f"n{i // 2}", relation=ALLIANCE, weight=1 + i % 4)
    page = render_html(G)
    assert "loadingBar" in page  # pyvis' progress bar for large graphs
    assert not EXTERNAL_REF.search(page)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to check JavaScript syntax")
def test_render_inline_scripts_parse(tmp_path):
    page = render_html(graph({"iran": SCRIPT_LABEL}), highlight="iran")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    ours = [s for s in scripts if "agAfterDraw" in s]
    assert len(ours) == 2  # the hook, and pyvis' drawGraph calling it
    for i, src in enumerate(ours):
        path = tmp_path / f"s{i}.js"
        path.write_text(src, encoding="utf-8")
        proc = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


unicode_text = st.text(max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels=st.lists(unicode_text, min_size=1, max_size=6), sentence=unicode_text)
def test_render_random_labels_never_leave_the_script(labels, sentence):
    G = nx.Graph()
    for i, lab in enumerate(labels):
        G.add_node(f"n{i}", label=lab, mentions=[lab], type="militia", country="IRQ")
    for i in range(1, len(labels)):
        G.add_edge("n0", f"n{i}", relation=HOSTILITY, weight=1, evidence=[sentence],
                   claims=[{"relation": HOSTILITY, "confidence": 0.5, "sentence": sentence}])
    page = render_html(G)
    assert "<" not in data_section(page)
    page.encode("utf-8")  # no lone surrogate reaches the page
    # an empty label shows the node id instead
    assert [n["label"] for n in render_network_data(G)["nodes"]] == [lab or f"n{i}" for i, lab in enumerate(labels)]


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser)")
def test_render_in_browser_offline_safe_and_clickable(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    G = graph({"iran": SCRIPT_LABEL, "militias": IMG_LABEL, "turkey": "A href B"},
              ['See <a href="http://evil.example">here</a> <img src=x onerror=alert(2)>.', "b", "c", "d"])
    (tmp_path / "graph.html").write_text(render_html(G, physics=False, highlight="militias"),
                                         encoding="utf-8")
    (tmp_path / "parent.html").write_text(
        '<!DOCTYPE html><html><body style="margin:0"><script>window.got = [];'
        'window.addEventListener("message", e => window.got.push(e.data));</script>'
        '<iframe src="graph.html" style="border:0;width:900px;height:720px"></iframe></body></html>',
        encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            requests, dialogs, errors = [], [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((tmp_path / "parent.html").as_uri())
            frame = page.frames[1]
            frame.wait_for_function("window.network && network.physics.stabilized === true", timeout=20000)
            assert frame.evaluate("network.physics.options.enabled") is False  # settled, then stopped
            assert frame.evaluate("network.getSelectedNodes()") == ["militias"]
            assert frame.evaluate("nodes.get('iran').label") == SCRIPT_LABEL
            assert frame.evaluate("document.querySelectorAll('img, a, iframe').length") == 0
            width = frame.evaluate("document.getElementById('mynetwork').getBoundingClientRect().width")
            assert width == 900  # fills the frame
            pos = frame.evaluate("network.canvasToDOM(network.getPositions(['turkey'])['turkey'])")
            page.mouse.move(pos["x"], pos["y"])
            page.wait_for_timeout(600)  # tooltip delay
            tip = frame.evaluate("[document.querySelector('div.vis-tooltip').innerText,"
                                 " document.querySelectorAll('div.vis-tooltip *:not(br)').length]")
            assert tip[0].startswith("A href B\nType: state") and tip[1] == 0
            page.mouse.click(pos["x"], pos["y"])
            page.wait_for_function("window.got.length > 0", timeout=5000)
            assert page.evaluate("window.got") == [{"type": "actorgraph:select", "id": "turkey"}]
            assert all(u.startswith("file://") for u in requests), requests
            assert dialogs == [] and errors == []
        finally:
            browser.close()


def test_render_doctests():
    result = doctest.testmod(actorgraph.render)
    assert result.failed == 0 and result.attempted > 0


def test_render_title_names_article_source_and_filters_escaped():
    import networkx as nx

    from actorgraph.render import render_html
    G = nx.Graph(title="War <b>news</b>", source="a.txt", filters="countries: Turkey")
    G.add_node("a", label="A", type="state", country="TUR")
    page = render_html(G)
    assert ("<title>ActorGraph: War &lt;b&gt;news&lt;/b&gt; · source: a.txt · filters: "
            "countries: Turkey</title>") in page


def test_render_weak_claims_thin_dashed_and_partners_faded():
    import networkx as nx

    from actorgraph.render import WEAK_CONFIDENCE, render_network_data
    G = nx.Graph()
    G.add_node("a", label="A", type="state", country="TUR", partner=False)
    G.add_node("b", label="B", type="militia", country="SYR", partner=True)
    G.add_node("c", label="C", type="militia", country="SYR", partner=True)
    G.add_edge("a", "b", relation="alliance", confidence=WEAK_CONFIDENCE - 0.1, weight=3)
    G.add_edge("a", "c", relation="alliance", confidence=0.85, weight=3)
    data = render_network_data(G)
    weak, strong = data["edges"]
    assert weak["dashes"] and weak["width"] == 1
    assert not strong["dashes"] and strong["width"] > 1
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "opacity" not in nodes["a"] and nodes["b"]["opacity"] < 1
    assert data["legend"]["weak"] is True


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser)")
def test_render_in_browser_positions_kept_edge_click_and_drag_posted(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    G = graph()
    pos = {"iran": (-200.0, -100.0), "militias": (0.0, 0.0), "rebels": (200.0, 100.0),
           "turkey": (180.0, -160.0), "un": (-150.0, 150.0)}
    (tmp_path / "graph.html").write_text(render_html(G, positions=pos), encoding="utf-8")
    (tmp_path / "parent.html").write_text(
        '<!DOCTYPE html><html><body style="margin:0"><script>window.got = [];'
        'window.addEventListener("message", e => window.got.push(e.data));</script>'
        '<iframe src="graph.html" style="border:0;width:700px;height:720px"></iframe></body></html>',
        encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 800, "height": 800})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((tmp_path / "parent.html").as_uri())
            frame = page.frames[1]
            frame.wait_for_function("window.agFitted === true", timeout=20000)
            drawn = frame.evaluate("network.getPositions()")
            assert {k: (v["x"], v["y"]) for k, v in drawn.items()} == pos  # exactly as given
            assert frame.evaluate("network.physics.physicsEnabled") is False
            assert frame.evaluate("network.getScale()") * 16 >= 12  # labels readable
            # an edge: its midpoint on the drawn curve
            point = frame.evaluate("""(id) => { const e = network.body.edges[id];
                return network.canvasToDOM(e.edgeType.getPoint(0.5)); }""", edge_id("militias", "rebels"))
            page.mouse.click(point["x"], point["y"])
            page.wait_for_function("window.got.length > 0", timeout=5000)
            assert page.evaluate("window.got") == [{"type": "actorgraph:select-edge",
                                                    "id": edge_id("militias", "rebels"),
                                                    "from": "militias", "to": "rebels"}]
            # a drag posts every position, the dragged node's new one included
            start = frame.evaluate("network.canvasToDOM({x: 180, y: -160})")
            page.mouse.move(start["x"], start["y"])
            page.mouse.down()
            page.mouse.move(start["x"] + 60, start["y"] + 40, steps=8)
            page.mouse.up()
            page.wait_for_function("window.got.some(m => m.type === 'actorgraph:positions')",
                                   timeout=5000)
            moved = next(m for m in page.evaluate("window.got") if m["type"] == "actorgraph:positions")
            assert set(moved["positions"]) == set(pos)
            assert moved["positions"]["turkey"] != [180.0, -160.0]
            assert moved["positions"]["iran"] == [-200.0, -100.0]  # the others stay
            assert errors == []
        finally:
            browser.close()
