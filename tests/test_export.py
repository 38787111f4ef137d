"""export.py: every format round-trips, keeps text literally, and strips what XML cannot hold."""
from __future__ import annotations

import doctest
import importlib.util
import io
import json
from pathlib import Path


import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import actorgraph.export  # noqa: E402
from actorgraph.export import (  # noqa: E402
    EDGE_COLUMNS, NODE_COLUMNS, clean_graph, clean_text, edges_csv, nodes_csv, to_gexf, to_graphml,
    to_html, to_node_link_json,
)
from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import (  # noqa: E402
    ALLIANCE, HOSTILITY, MEMBERSHIP, RELATION_TYPES, Actor, Article, Evidence, Extraction, Relation,
)

NASTY = {
    "img": "<img src=x onerror=alert(1)>",
    "href": "A href B",
    "formula": '=HYPERLINK("http://x")',
    "hez": "Hez\x00bollah",
    "arabic": "\u062d\u0632\u0628 \u0627\u0644\u0644\u0647",
    "emoji": "Team \U0001F1FA\U0001F1E6 \U0001F600",
    "minus": "-1",
    "ctl": "tab\there\x0bvt\r\nline",
}


def nasty_graph() -> nx.Graph:
    actors = [Actor(k, v, "armed_group", "INT" if k == "img" else "LBN", (v, f"@{k}"))
              for k, v in NASTY.items()]
    ids = list(NASTY)
    rels = []
    for i, (a, b) in enumerate(zip(ids, ids[1:])):
        label = (ALLIANCE, HOSTILITY, MEMBERSHIP)[i % 3]
        s = f"+ sentence {i}: {NASTY[a]} and {NASTY[b]}\x00."
        rels.append(Relation(a, b, label, 0.5 + i / 20, Evidence(s, i, 0, len(s), cue="=cue"), i % 2 == 0))
    return build_graph(Extraction(Article("text", title="Title\x00 \u062d"), tuple(actors), tuple(rels)))


def uncell(s: str) -> str:
    """Undo the CSV neutralisation of one cell."""
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s


def expected(G: nx.Graph) -> tuple[dict, set]:
    H = clean_graph(G)
    labels = {n: d.get("label") for n, d in H.nodes(data=True)}
    edges = {(frozenset((u, v)), d.get("relation")) for u, v, d in H.edges(data=True)}
    return labels, edges


def read_all(G: nx.Graph) -> dict[str, tuple[dict, set]]:
    """labels by node id and (pair, relation) per format, read back with the usual readers."""
    out = {}
    H = nx.node_link_graph(json.loads(to_node_link_json(G)), edges="edges")
    out["json"] = ({n: d.get("label") for n, d in H.nodes(data=True)},
                   {(frozenset((u, v)), d.get("relation")) for u, v, d in H.edges(data=True)})
    for name, data, read in (("graphml", to_graphml(G), nx.read_graphml),
                             ("gexf", to_gexf(G), nx.read_gexf)):
        H = read(io.BytesIO(data))
        out[name] = ({n: d.get("label") for n, d in H.nodes(data=True)},
                     {(frozenset((u, v)), d.get("relation")) for u, v, d in H.edges(data=True)})
    nodes = pd.read_csv(io.StringIO(nodes_csv(G)), dtype=str, keep_default_na=False)
    edges = pd.read_csv(io.StringIO(edges_csv(G)), dtype=str, keep_default_na=False)
    out["csv"] = ({uncell(i): uncell(lab) for i, lab in zip(nodes["id"], nodes["label"])},
                  {(frozenset((uncell(s), uncell(t))), r)
                   for s, t, r in zip(edges["source"], edges["target"], edges["relation"])})
    return out


def test_export_round_trips_nasty_names():
    G = nasty_graph()
    labels, edges = expected(G)
    assert labels["hez"] == "Hezbollah" and labels["ctl"] == "tab\therevt\nline"
    assert labels["img"] == NASTY["img"] and labels["arabic"] == NASTY["arabic"]
    for fmt, (got_labels, got_edges) in read_all(G).items():
        assert got_labels == labels, fmt
        assert got_edges == edges, fmt


def test_export_node_link_json_is_the_score_contract():
    data = json.loads(to_node_link_json(nasty_graph()))
    assert set(data) >= {"nodes", "edges", "directed", "multigraph", "graph"}
    node = next(n for n in data["nodes"] if n["id"] == "img")
    assert {k: node[k] for k in ("id", "label", "type", "country", "mentions")} == {
        "id": "img", "label": NASTY["img"], "type": "armed_group", "country": "INT",
        "mentions": [NASTY["img"], "@img"]}
    edge = data["edges"][0]
    assert {"source", "target", "relation", "evidence", "claims", "from", "to", "confidence",
            "conflicting", "weight", "directed"} <= set(edge)
    assert isinstance(edge["claims"], list) and isinstance(edge["evidence"], list)
    assert not {"type", "label", "sign", "polarity", "kind"} & set(edge)  # score.py would read them
    text = to_node_link_json(nasty_graph())
    assert "\x00" not in text and "\u062d" in text  # ensure_ascii=False, NUL gone
    assert text.startswith('{\n "directed"')  # indent 1


SCORE = Path("/work/shared/eval/score.py")


@pytest.mark.skipif(not SCORE.exists(), reason="the evaluation script is not here")
def test_export_json_scores_with_eval_script():
    spec = importlib.util.spec_from_file_location("agscore", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    ev = Evidence("s", 0, 0, 1)
    ex = Extraction(Article("t"), (
        Actor("iran", "Iran", "state", "IRN", ("Iran", "Tehran")),
        Actor("pmf", "Popular Mobilization Forces", "militia", "IRQ", ("Iraqi militias",)),
        Actor("rebels", "Syrian rebels", "rebel_coalition", "SYR", ("the rebels",)),
        Actor("hts", "HTS", "armed_group", "SYR", ("Hayat Tahrir al-Sham",))), (
        Relation("iran", "pmf", ALLIANCE, 0.9, ev, True),
        Relation("pmf", "rebels", HOSTILITY, 0.8, ev),
        Relation("hts", "rebels", MEMBERSHIP, 0.8, ev)))
    gold = {"actors": [
        {"id": "iran", "name": "Iran", "type": "state", "country": "IRN", "aliases": ["Iran"]},
        {"id": "iraqi_militias", "name": "Iraqi militias", "type": "militia", "country": "IRQ",
         "aliases": ["Iraqi militias"]},
        {"id": "rebels", "name": "rebels", "type": "rebel_coalition", "country": "SYR", "aliases": ["the rebels"]},
        {"id": "hts", "name": "Hayat Tahrir al-Sham", "type": "armed_group", "country": "SYR",
         "aliases": ["Hayat Tahrir al-Sham", "HTS"]}],
        "relations": [{"a": "iran", "b": "iraqi_militias", "type": "alliance", "required": True},
                      {"a": "iraqi_militias", "b": "rebels", "type": "hostility", "required": True}]}
    row = score.score_one(json.loads(to_node_link_json(build_graph(ex))), gold)
    assert (row["tp_req"], row["gold_req"], row["pred"], row["false"]) == (2, 2, 2, [])
    assert row["nodes_matched"] == 4 and row["country_ok"] == row["country_n"] == 4


def test_export_graphml_gexf_serialise_lists_as_json():
    G = nasty_graph()
    for data, read in ((to_graphml(G), nx.read_graphml), (to_gexf(G), nx.read_gexf)):
        H = read(io.BytesIO(data))
        assert json.loads(H.nodes["img"]["mentions"]) == [NASTY["img"], "@img"]
        u, v = next(iter(G.edges))
        d = H.edges[u, v]
        assert json.loads(d["evidence"]) == [clean_text(s) for s in G.edges[u, v]["evidence"]]
        claims = json.loads(d["claims"])
        assert [c["confidence"] for c in claims] == [c["confidence"] for c in G.edges[u, v]["claims"]]
        assert H.nodes["img"]["kb_id"] == ""  # None
        assert isinstance(d["conflicting"], bool) and isinstance(d["confidence"], float)
        assert b"\x00" not in data
    assert nx.read_graphml(io.BytesIO(to_graphml(G))).graph["title"] == "Title \u062d"


def test_export_csv_neutralises_formulas():
    G = nasty_graph()
    nodes = pd.read_csv(io.StringIO(nodes_csv(G)), dtype=str, keep_default_na=False)
    assert list(nodes.columns) == list(NODE_COLUMNS)
    row = nodes.set_index("id").loc["formula"]
    assert row["label"] == "'" + NASTY["formula"]
    assert nodes.set_index("id").loc["minus", "label"] == "'-1"
    assert nodes.set_index("id").loc["img", "label"] == NASTY["img"]  # not a formula: literal
    assert nodes.set_index("id").loc["img", "mentions"] == f"{NASTY['img']} | @img"
    edges = pd.read_csv(io.StringIO(edges_csv(G)), dtype=str, keep_default_na=False)
    assert list(edges.columns) == list(EDGE_COLUMNS)
    assert all(e.startswith("'+ sentence") for e in edges["evidence"])
    for frame in (nodes, edges):
        for col in frame.columns:
            for cell in frame[col]:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (col, cell)
    assert "\x00" not in nodes_csv(G) + edges_csv(G)


def test_export_csv_keeps_numbers_as_numbers():
    edges = pd.read_csv(io.StringIO(edges_csv(nasty_graph())))
    assert edges["confidence"].dtype.kind == "f" and edges["weight"].dtype.kind == "i"
    assert set(edges["directed"]) <= {True, False}


def test_export_html_is_the_rendered_page():
    page = to_html(nasty_graph(), color_by="type", height_px=500)
    assert "height: 500px" in page and "<img" not in page and "\x00" not in page


def test_export_does_not_change_the_graph():
    G = nasty_graph()
    before = json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True)
    for f in (to_node_link_json, to_graphml, to_gexf, nodes_csv, edges_csv, to_html):
        f(G)
    assert json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True) == before


def test_export_clean_graph_keeps_ids_distinct():
    G = nx.Graph()
    G.add_node("a\x00", id="a\x00", label="one")
    G.add_node("a", id="a", label="two")
    G.add_edge("a\x00", "a", relation=ALLIANCE, directed=True, **{"from": "a\x00", "to": "a"})
    H = clean_graph(G)
    assert sorted(H) == ["a", "a~2"]
    ((u, v, d),) = H.edges(data=True)
    assert {u, v} == {"a", "a~2"}
    assert (d["from"], d["to"]) == ("a", "a~2")
    assert H.nodes["a"]["label"] == "one" and H.nodes["a~2"]["id"] == "a~2"


def test_export_empty_graph():
    G = nx.Graph()
    assert json.loads(to_node_link_json(G))["nodes"] == []
    assert len(nx.read_graphml(io.BytesIO(to_graphml(G)))) == 0
    assert len(nx.read_gexf(io.BytesIO(to_gexf(G)))) == 0
    assert nodes_csv(G).strip() == ",".join(NODE_COLUMNS)
    assert edges_csv(G).strip() == ",".join(EDGE_COLUMNS)


any_text = st.text(max_size=12)


@st.composite
def extractions(draw) -> Extraction:
    ids = draw(st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=6, unique=True))
    actors = tuple(Actor(i, draw(any_text), draw(st.sampled_from(("state", "militia", "igo"))),
                         draw(st.sampled_from(("", "IRN", "INT", "SYR"))),
                         tuple(draw(st.lists(any_text, max_size=3)))) for i in ids)
    rels = []
    for k in range(draw(st.integers(0, 8))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        s = draw(any_text)
        rels.append(Relation(a, b, draw(st.sampled_from(RELATION_TYPES)),
                             draw(st.floats(0, 1)), Evidence(s, k, 0, len(s)), draw(st.booleans())))
    return Extraction(Article("t"), actors, tuple(rels))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ex=extractions())
def test_export_random_graphs_round_trip(ex):
    G = build_graph(ex)
    labels, edges = expected(G)
    for fmt, (got_labels, got_edges) in read_all(G).items():
        assert got_labels == labels, fmt
        assert got_edges == edges, fmt
    page = to_html(G)
    start = page.index("nodes = new vis.DataSet(")
    assert "<" not in page[start:page.index("var options", start)]
    page.encode("utf-8")


def test_export_doctests():
    result = doctest.testmod(actorgraph.export)
    assert result.failed == 0 and result.attempted > 0
