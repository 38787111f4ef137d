"""analysis.py: centrality, blocs and structural balance on small hand-made graphs."""
from __future__ import annotations

import doctest
import pickle


import networkx as nx  # noqa: E402
import pytest  # noqa: E402

import actorgraph.analysis  # noqa: E402
from actorgraph.analysis import (  # noqa: E402
    Analysis, balance_summary, blocs, centrality, enemy_of_enemy, summarize, triads,
)
from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS, Actor, Article, Evidence, Extraction, Relation  # noqa: E402,E501


def signed(edges, labels=None) -> nx.Graph:
    """A graph from (u, v, '+'|'-'|label[, weight]) rows."""
    G = nx.Graph()
    for row in edges:
        u, v, s = row[:3]
        rel = {"+": ALLIANCE, "-": HOSTILITY}.get(s, s)
        G.add_edge(u, v, relation=rel, weight=row[3] if len(row) > 3 else 1)
    for n, lab in (labels or {}).items():
        G.nodes[n]["label"] = lab
    return G


def test_analysis_centrality_counts_signed_degrees():
    G = signed([("a", "b", "+"), ("a", "c", "-"), ("a", "d", TALKS), ("c", "d", "-")])
    c = centrality(G)
    assert c["a"]["degree"] == 3
    assert (c["a"]["alliance_degree"], c["a"]["hostility_degree"]) == (1, 1)
    assert c["a"]["degree_centrality"] == pytest.approx(1.0)
    assert c["b"]["betweenness"] == 0.0
    assert c["a"]["betweenness"] > c["c"]["betweenness"]
    assert set(c["d"]) == {"degree", "degree_centrality", "betweenness", "alliance_degree", "hostility_degree"}


def test_analysis_centrality_of_tiny_graphs():
    assert centrality(nx.Graph()) == {}
    G = nx.Graph()
    G.add_node("alone")
    assert centrality(G)["alone"]["degree_centrality"] == 0.0


@pytest.mark.parametrize("signs, balanced, kind", [
    ("+++", True, "friend of my friend is my friend"),
    ("++-", False, "friend of my friend is my enemy"),
    ("+--", True, "enemy of my enemy is my friend"),
    ("---", False, "enemy of my enemy is my enemy"),
])
def test_analysis_triads_balance(signs, balanced, kind):
    G = signed([("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2])])
    (t,) = triads(G)
    assert t.nodes == ("a", "b", "c")
    assert t.balanced is balanced
    assert t.kind == kind
    assert t.signs == tuple(1 if s == "+" else -1 for s in signs)


def test_analysis_triad_descriptions_use_labels():
    G = signed([("iran", "hezbollah", "+"), ("hezbollah", "israel", "-"), ("iran", "israel", "-")],
               {"iran": "Iran", "hezbollah": "Hezbollah", "israel": "Israel"})
    (t,) = triads(G)
    assert t.description == "Iran and Hezbollah are allies against their common enemy Israel"
    G = signed([("a", "b", "+"), ("b", "c", "+"), ("a", "c", "-")], {"a": "A", "b": "B", "c": "C"})
    assert triads(G)[0].description == "A and C are both allied with B but hostile to each other"


def test_analysis_triads_ignore_unsigned_edges():
    G = signed([("a", "b", "+"), ("b", "c", "+"), ("a", "c", TALKS), ("c", "d", "-"), ("b", "d", "-")])
    assert [t.nodes for t in triads(G)] == [("b", "c", "d")]


def test_analysis_balance_summary_counts():
    G = signed([("a", "b", "+"), ("b", "c", "-"), ("a", "c", "-"),  # balanced
                ("c", "d", "+"), ("a", "d", "+")])  # a-c-d: - + + → unbalanced
    s = balance_summary(G)
    assert (s.triads, s.balanced, s.unbalanced) == (2, 1, 1)
    assert s.ratio_balanced == 0.5
    assert s.by_kind == {"enemy of my enemy is my friend": 1, "friend of my friend is my enemy": 1}
    assert balance_summary(signed([("a", "b", "+")])).ratio_balanced is None


def test_analysis_blocs_are_alliance_components():
    G = signed([("a", "b", "+"), ("b", "c", "+"), ("d", "e", "+"), ("c", "d", "-"), ("f", "g", TALKS)])
    G.add_node("lonely")
    assert blocs(G) == [["a", "b", "c"], ["d", "e"]]


def test_analysis_blocs_split_on_internal_hostility():
    # a chain of alliances whose ends are enemies: the weakest alliance link is cut
    G = signed([("a", "b", "+", 3), ("b", "c", "+", 1), ("c", "d", "+", 3), ("a", "d", "-")])
    assert blocs(G) == [["a", "b"], ["c", "d"]]
    # two hostile pairs inside one component
    G = signed([("a", "b", "+", 2), ("b", "c", "+", 1), ("c", "d", "+", 2), ("d", "e", "+", 1),
                ("e", "f", "+", 2), ("a", "c", "-"), ("c", "f", "-")])
    result = blocs(G)
    for bloc in result:
        for u in bloc:
            for v in bloc:
                assert not (G.has_edge(u, v) and G.edges[u, v]["relation"] == HOSTILITY)
    assert sorted(map(len, result), reverse=True) == [len(b) for b in result]
    assert {n for b in result for n in b} <= set(G)


def test_analysis_blocs_drop_singletons_left_by_a_split():
    G = signed([("a", "b", "+"), ("a", "b2", "+"), ("b", "b2", "-")])
    result = blocs(G)
    assert len(result) == 1 and len(result[0]) == 2 and "a" in result[0]


def test_analysis_enemy_of_enemy_candidates():
    G = signed([("turkey", "pkk", "-"), ("isis", "pkk", "-"), ("usa", "pkk", "-"), ("usa", "isis", "-"),
                ("turkey", "usa", "+")])
    assert enemy_of_enemy(G) == [("turkey", "isis", "pkk")]  # turkey–usa and usa–isis have edges
    assert enemy_of_enemy(signed([("a", "b", "+"), ("b", "c", "+")])) == []


def test_analysis_enemy_of_enemy_one_row_per_common_enemy():
    G = signed([("a", "x", "-"), ("b", "x", "-"), ("a", "y", "-"), ("b", "y", "-")])
    # a and b share the enemies x and y; x and y share the enemies a and b
    assert enemy_of_enemy(G) == [("a", "b", "x"), ("a", "b", "y"), ("x", "y", "a"), ("x", "y", "b")]


def test_analysis_summarize_on_built_graph_is_picklable():
    def ev(i):
        return Evidence(f"s{i}", i, 0, 2)
    ex = Extraction(Article("t"), (
        Actor("iran", "Iran", "state", "IRN", ("Iran",)),
        Actor("hezbollah", "Hezbollah", "armed_group", "LBN", ("Hezbollah",)),
        Actor("israel", "Israel", "state", "ISR", ("Israel",)),
        Actor("unifil", "UNIFIL", "igo", "INT", ("UNIFIL",))), (
        Relation("iran", "hezbollah", ALLIANCE, 0.9, ev(0), True),
        Relation("hezbollah", "israel", HOSTILITY, 0.8, ev(1)),
        Relation("iran", "israel", HOSTILITY, 0.7, ev(2)),
        Relation("unifil", "israel", MEMBERSHIP, 0.2, ev(3))))
    s = summarize(build_graph(ex))
    assert isinstance(s, Analysis)
    assert (s.nodes, s.edges) == (4, 4)
    assert s.relation_counts == {ALLIANCE: 1, HOSTILITY: 2, MEMBERSHIP: 1}
    assert s.blocs == [["hezbollah", "iran"]]
    assert s.balance.ratio_balanced == 1.0 and len(s.triads) == 1
    assert s.enemy_of_enemy == []
    assert s.centrality["israel"]["hostility_degree"] == 2
    assert pickle.loads(pickle.dumps(s)) == s


def test_analysis_empty_graph():
    s = summarize(nx.Graph())
    assert (s.nodes, s.edges, s.blocs, s.triads, s.enemy_of_enemy) == (0, 0, [], [], [])


def test_analysis_doctests():
    result = doctest.testmod(actorgraph.analysis)
    assert result.failed == 0 and result.attempted > 0


def test_analysis_centrality_and_blocs_computed_once_per_graph(monkeypatch):
    import networkx as nx

    import actorgraph.analysis as analysis

    calls = []
    real = nx.betweenness_centrality
    monkeypatch.setattr(analysis.nx, "betweenness_centrality",
                        lambda G, *a, **k: calls.append(1) or real(G, *a, **k))
    G = nx.path_graph([f"n{i}" for i in range(50)])
    nx.set_edge_attributes(G, "alliance", "relation")
    first = analysis.centrality(G)
    first["n0"]["degree"] = 99  # a caller's change does not reach the memo
    again = analysis.centrality(nx.Graph(G))
    assert len(calls) == 1
    assert again["n0"]["degree"] == 1
    G.add_edge("n0", "n49", relation="hostility")
    analysis.centrality(G)
    assert len(calls) == 2
    assert analysis.blocs(G) == analysis.blocs(G)


# --- findings: evidence and confidence (issue 9, requirement 3) ---------------------------------

def weighted(edges) -> nx.Graph:
    """A graph from (u, v, '+'|'-', confidence) rows."""
    G = nx.Graph()
    for u, v, s, conf in edges:
        G.add_edge(u, v, relation={"+": ALLIANCE, "-": HOSTILITY}[s], weight=1, confidence=conf)
    return G


def test_analysis_weak_threshold_is_the_drawings():
    from actorgraph import render
    from actorgraph.analysis import WEAK_CONFIDENCE

    assert WEAK_CONFIDENCE == render.WEAK_CONFIDENCE == 0.5


def test_analysis_findings_leave_weak_claims_out_by_default():
    from actorgraph.analysis import findings

    # a weak guess ties the Houthis to the STC; the STC and the UAE are strongly allied
    G = weighted([("houthis", "stc", "+", 0.4), ("stc", "uae", "+", 0.85),
                  ("houthis", "uae", "+", 0.45), ("saudi", "houthis", "-", 0.9)])
    default = findings(G)
    assert default.analysis.blocs == [["stc", "uae"]]
    assert [b.confidence for b in default.blocs] == [0.85]
    assert default.triads == []  # the only triangle needs two weak claims
    assert default.weak_edges == 2 and not default.include_weak
    assert ("houthis", "stc") not in default.graph.edges
    assert all(not f.is_weak() for f in default.blocs + default.triads + default.enemy_pairs)

    shown = findings(G, include_weak=True)
    assert shown.analysis.blocs == [["houthis", "stc", "uae"]]
    bloc = shown.blocs[0]
    assert bloc.is_weak() and bloc.confidence == 0.45  # the Houthis held in by weak links only
    assert len(bloc.edges) == 3
    assert [t.confidence for t in shown.triads] == [0.4]


def test_analysis_a_bloc_is_never_formed_by_weak_links_only():
    from actorgraph.analysis import findings

    G = weighted([("a", "b", "+", 0.3), ("b", "c", "+", 0.45), ("x", "y", "+", 0.9)])
    assert findings(G).analysis.blocs == [["x", "y"]]
    weak = [b for b in findings(G, include_weak=True).blocs if b.is_weak()]
    assert [b.actors for b in weak] == [("a", "b", "c")]


def test_analysis_bloc_confidence_is_the_weakest_link_it_needs():
    from actorgraph.analysis import bloc_finding

    G = weighted([("a", "b", "+", 0.9), ("b", "c", "+", 0.3), ("a", "c", "+", 0.6),
                  ("c", "d", "+", 0.8), ("a", "z", "-", 0.9)])
    f = bloc_finding(G, ["a", "b", "c", "d"])
    assert f.confidence == 0.6  # b–c is weak but a–c holds c in
    assert len(f.edges) == 4 and ("a", "z") not in f.edges


def test_analysis_enemy_of_enemy_checks_the_whole_articles_graph():
    from actorgraph.analysis import findings

    whole = weighted([("turkey", "pkk", "-", 0.9), ("isis", "pkk", "-", 0.8),
                      ("iran", "pkk", "-", 0.7), ("turkey", "isis", "-", 0.6),
                      ("iran", "turkey", "+", 0.3)])
    # a filtered view without the edges between Turkey, ISIS and Iran
    view = whole.edge_subgraph([("turkey", "pkk"), ("isis", "pkk"), ("iran", "pkk")]).copy()
    assert len({(a, b) for a, b, _ in enemy_of_enemy(view)}) == 3
    for include_weak in (False, True):
        pairs = findings(view, whole, include_weak=include_weak).enemy_pairs
        assert [set(p.actors) for p in pairs] == [{"isis", "iran", "pkk"}]
    # the weak alliance still relates Iran and Turkey, though default findings leave it out
    f = findings(whole)
    assert [p.actors for p in f.enemy_pairs] == [("isis", "iran", "pkk")]
    assert f.enemy_pairs[0].confidence == 0.7
    assert set(f.enemy_pairs[0].edges) == {("isis", "pkk"), ("iran", "pkk")}


def test_analysis_enemy_pair_is_as_sure_as_its_best_common_enemy():
    from actorgraph.analysis import enemy_findings

    G = weighted([("a", "x", "-", 0.9), ("b", "x", "-", 0.2), ("a", "y", "-", 0.6),
                  ("b", "y", "-", 0.7)])
    (f,) = [f for f in enemy_findings(G, enemy_of_enemy(G)) if f.actors[:2] == ("a", "b")]
    assert f.actors == ("a", "b", "x", "y") and f.confidence == 0.6 and len(f.edges) == 4


def test_analysis_central_actor_rests_on_its_links():
    from actorgraph.analysis import central_finding, findings

    G = weighted([("a", "b", "+", 0.9), ("a", "c", "-", 0.3), ("c", "d", "-", 0.2)])
    assert central_finding(G, "a").confidence == 0.9
    assert central_finding(G, "c").is_weak()
    default = findings(G)
    assert default.analysis.centrality["c"]["degree"] == 0  # its links are all weak
    assert findings(G, include_weak=True).analysis.centrality["c"]["degree"] == 2


def test_analysis_findings_on_a_built_graph_use_the_claims_confidence():
    from actorgraph.analysis import findings

    def ev(i):
        return Evidence(f"s{i}", i, 0, 2)
    ex = Extraction(Article("t"), (
        Actor("a", "A", "state", "AAA", ("A",)), Actor("b", "B", "state", "BBB", ("B",)),
        Actor("c", "C", "militia", "CCC", ("C",))), (
        Relation("a", "b", ALLIANCE, 0.85, ev(0)),
        Relation("b", "c", ALLIANCE, 0.4, ev(1))))
    G = build_graph(ex)
    assert findings(G).analysis.blocs == [["a", "b"]]
    assert findings(G, include_weak=True).blocs[0].confidence == 0.4
