"""Sidebar filters: each one changes the graph, the tables and the counts as ``filter_graph``
does, and they survive moving between pages. Runs on the real engine's reference extraction."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    assert_ok, go, metrics, new_app, reference_extraction, table,
)
from actorgraph.graph import build_graph, filter_graph  # noqa: E402
from components import state  # noqa: E402

W = state.widget_key

def _f(G, **kw):
    """``filter_graph`` with the dashboard's defaults: isolated actors hidden, a country's
    direct partners kept."""
    kw.setdefault("hide_isolated", True)
    kw.setdefault("partners", True)
    return filter_graph(G, **kw)



@pytest.fixture(scope="module")
def ref():
    return reference_extraction()


@pytest.fixture(scope="module")
def G(ref):
    return build_graph(ref)


def _labels(H) -> set[str]:
    return {str(d["label"]) for _, d in H.nodes(data=True)}


def _pairs(H) -> set[frozenset[str]]:
    return {frozenset((str(H.nodes[u]["label"]), str(H.nodes[v]["label"]))) for u, v in H.edges}


def graph_node_ids(at) -> set[str]:
    """Node ids in the vis-network data of the drawn graph (the iframe's HTML)."""
    frames = at.get("iframe")
    assert len(frames) == 1
    html = frames[0].proto.srcdoc
    m = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, flags=re.S)
    assert m, "no vis-network node data in the graph page"
    return {str(n["id"]) for n in json.loads(m.group(1))}


def assert_shows(at, H) -> None:
    """Every page shows exactly the filtered graph ``H``."""
    go(at, "home")
    assert_ok(at)
    m = metrics(at)
    assert m["Actors"] == H.number_of_nodes() and m["Relations"] == H.number_of_edges()
    if H.number_of_nodes():
        assert graph_node_ids(at) == {str(n) for n in H}
    else:
        assert not at.get("iframe")
    go(at, "actors")
    assert_ok(at)
    assert set(table(at, "ag_actors_table")["Actor"]) == _labels(H)
    go(at, "relations")
    assert_ok(at)
    df = table(at, "ag_relations_table")
    assert {frozenset((a, b)) for a, b in zip(df["Actor A"], df["Actor B"])} == _pairs(H)
    assert len(df) == H.number_of_edges()
    go(at, "analysis")
    assert_ok(at)


def _app(ref):
    at = new_app(ref, input_id="test:reference").run()
    assert_ok(at)
    return at


def test_pages_filters_country_keeps_its_actors_and_the_edges_among_them(ref, G):
    at = _app(ref)
    ms = at.sidebar.multiselect(key=W(state.F_COUNTRIES))
    assert "TUR" in ms.options or any("Turk" in o or "Türk" in o for o in ms.options)
    # options are shown by name with their number of actors
    turkey = [o for o in ms.options if "Turk" in o or "Türk" in o][0]
    assert re.fullmatch(r".+ \(\d+\)", turkey)
    ms.set_value(["TUR"]).run()
    H = _f(G, countries=["TUR"])
    assert H.number_of_nodes() >= 1
    # Turkey's own actors, and its partners (whom it backs and fights), marked as partners
    assert any(d["country"] == "TUR" for _, d in H.nodes(data=True))
    assert H.number_of_edges() > 0
    assert all(d["partner"] == (d["country"] != "TUR") for _, d in H.nodes(data=True))
    assert_shows(at, H)
    # the switch: Turkey's actors alone
    at.sidebar.toggle(key=W(state.F_ONLY_COUNTRIES)).set_value(True).run()
    H1 = _f(G, countries=["TUR"], partners=False)
    assert all(d["country"] == "TUR" for _, d in H1.nodes(data=True))
    assert_shows(at, H1)
    at.sidebar.toggle(key=W(state.F_ONLY_COUNTRIES)).set_value(False).run()
    # two countries: their actors and the edges among all of them
    at.sidebar.multiselect(key=W(state.F_COUNTRIES)).set_value(["TUR", "SYR"]).run()
    H2 = _f(G, countries=["TUR", "SYR"])
    assert H2.number_of_edges() > 0
    assert_shows(at, H2)


def test_pages_filters_relation_type(ref, G):
    at = _app(ref)
    at.sidebar.multiselect(key=W(state.F_RELATIONS)).set_value(["hostility"]).run()
    H = _f(G, relations=["hostility"])
    assert 0 < H.number_of_edges() < G.number_of_edges()
    assert_shows(at, H)
    go(at, "relations")
    assert set(table(at, "ag_relations_table")["Relation"]) == {"Hostility"}
    go(at, "home")
    m = metrics(at)
    assert m["Alliances"] == 0 and m["Hostilities"] == H.number_of_edges()


def test_pages_filters_actor_type(ref, G):
    at = _app(ref)
    at.sidebar.multiselect(key=W(state.F_TYPES)).set_value(["state"]).run()
    H = _f(G, types=["state"])
    assert 0 < H.number_of_nodes() < G.number_of_nodes()
    assert_shows(at, H)
    go(at, "actors")
    assert set(table(at, "ag_actors_table")["Type"]) == {"State"}


def test_pages_filters_min_evidence_and_hide_isolated(ref, G):
    at = _app(ref)
    at.sidebar.slider(key=W(state.F_MIN_EVIDENCE)).set_value(2).run()
    H = _f(G, min_evidence=2)
    assert H.number_of_edges() < G.number_of_edges()
    assert_shows(at, H)
    go(at, "relations")
    assert (table(at, "ag_relations_table")["Sentences"] >= 2).all()
    # isolated actors are hidden by default; the switch shows them
    assert at.sidebar.toggle(key=W(state.F_HIDE_ISOLATED)).value is True
    at.sidebar.toggle(key=W(state.F_HIDE_ISOLATED)).set_value(False).run()
    H2 = _f(G, min_evidence=2, hide_isolated=False)
    assert H2.number_of_nodes() > H.number_of_nodes()
    assert_shows(at, H2)


def test_pages_filters_focus_and_depth(ref, G):
    at = _app(ref)
    hub = max(G, key=G.degree)
    at.sidebar.selectbox(key=W(state.F_FOCUS)).set_value(hub).run()
    H1 = _f(G, focus=hub, depth=1)
    assert set(H1) == {hub, *G[hub]}
    assert_shows(at, H1)
    at.sidebar.slider(key=W(state.F_DEPTH)).set_value(2).run()
    H2 = _f(G, focus=hub, depth=2)
    assert H2.number_of_nodes() > H1.number_of_nodes()
    assert_shows(at, H2)


def test_pages_filters_search_finds_an_actor_by_any_mention(ref, G):
    at = _app(ref)
    turkey = next(n for n, d in G.nodes(data=True) if d["country"] == "TUR")
    mention = next(m for m in G.nodes[turkey]["mentions"] if m != G.nodes[turkey]["label"])
    at.sidebar.text_input(key=W(state.F_SEARCH)).input(mention).run()  # e.g. "Ankara"
    H = _f(G, search=mention)
    assert turkey in H and H.number_of_nodes() < G.number_of_nodes()
    assert_shows(at, H)


def test_pages_filters_survive_page_changes_and_reset(ref, G):
    at = _app(ref)
    at.sidebar.multiselect(key=W(state.F_RELATIONS)).set_value(["alliance"]).run()
    for page in ("explorer", "actors", "relations", "analysis", "home"):
        go(at, page)
        assert at.sidebar.multiselect(key=W(state.F_RELATIONS)).value == ["alliance"], page
        assert at.sidebar.toggle(key=W(state.F_HIDE_ISOLATED)).value is True, page
    H = _f(G, relations=["alliance"], hide_isolated=True)
    assert metrics(at)["Actors"] == H.number_of_nodes()
    at.sidebar.button(key="ag_reset_filters").click().run()
    assert_ok(at)
    assert metrics(at)["Actors"] == _f(G).number_of_nodes()
    assert at.sidebar.multiselect(key=W(state.F_RELATIONS)).value == []


def test_pages_filters_that_keep_nothing_say_so(ref, G):
    at = _app(ref)
    at.sidebar.text_input(key=W(state.F_SEARCH)).input("no actor is called this").run()
    assert_ok(at)
    assert metrics(at)["Actors"] == 0
    assert not at.get("iframe")
    assert any("No actor matches" in i.value for i in at.info)
