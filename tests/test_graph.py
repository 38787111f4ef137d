"""graph.py: building the actor graph from an Extraction, and the filters."""
from __future__ import annotations

import doctest


import networkx as nx  # noqa: E402
import pytest  # noqa: E402

import actorgraph.graph  # noqa: E402
from actorgraph.graph import build_graph, countries_present, decide_relation, filter_graph  # noqa: E402
from actorgraph.model import (  # noqa: E402
    AFFILIATION, ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS, Actor, Article, Evidence, Extraction,
    Mention, Relation,
)


def actor(id_: str, country: str = "", type_: str = "state", mentions: tuple[str, ...] = (),
          label: str | None = None, **kw) -> Actor:
    label = label or id_.title()
    return Actor(id_, label, type_, country, mentions or (label,), **kw)


def rel(src: str, tgt: str, relation: str, conf: float, idx: int, *, directed: bool = False,
        sentence: str | None = None, cue: str = "", rule: str = "") -> Relation:
    sentence = sentence or f"Sentence {idx} about {src} and {tgt}."
    return Relation(src, tgt, relation, conf, Evidence(sentence, idx, idx * 100, idx * 100 + len(sentence),
                                                         cue=cue, rule=rule), directed=directed)


def extraction(actors, relations=(), title="A title") -> Extraction:
    return Extraction(Article("text", title=title, source="test"), tuple(actors), tuple(relations))


MIDEAST = extraction(
    [actor("iran", "IRN", mentions=("Iran", "Tehran")),
     actor("militias", "IRQ", "militia", ("Iraqi militias", "the militias")),
     actor("syria", "SYR", label="Syrian government", type_="government"),
     actor("rebels", "SYR", "rebel_coalition", ("the rebels",)),
     actor("turkey", "TUR"),
     actor("hts", "SYR", "armed_group", ("Hayat Tahrir al-Sham", "HTS")),
     actor("un", "INT", "igo", ("the UN",))],
    [rel("iran", "militias", ALLIANCE, 0.9, 0, directed=True, cue="backed"),
     rel("militias", "syria", ALLIANCE, 0.8, 1),
     rel("syria", "rebels", HOSTILITY, 0.9, 2, directed=True),
     rel("militias", "rebels", HOSTILITY, 0.7, 2),
     rel("turkey", "rebels", ALLIANCE, 0.8, 3, directed=True),
     rel("turkey", "rebels", ALLIANCE, 0.6, 4, directed=True),
     rel("hts", "rebels", MEMBERSHIP, 0.7, 5)],
)


def test_graph_nodes_carry_actor_attributes():
    ex = extraction([actor("hezbollah", "LBN", "armed_group", ("Hezbollah", "Hizbollah"),
                           kb_id="hezbollah", source="kb",
                           spans=(Mention("Hezbollah", 0, 9, 0), Mention("Hezbollah", 20, 29, 1),
                                  Mention("Hizbollah", 40, 49, 2)))])
    G = build_graph(ex)
    d = G.nodes["hezbollah"]
    assert d == {"id": "hezbollah", "label": "Hezbollah", "type": "armed_group", "country": "LBN",
                 "country_name": "Lebanon", "mentions": ["Hezbollah", "Hizbollah"],
                 "mention_count": 3, "kb_id": "hezbollah", "source": "kb"}
    assert G.graph["title"] == "A title"


def test_graph_mention_count_falls_back_to_mentions():
    G = build_graph(extraction([actor("x", mentions=("X", "the X"))]))
    assert G.nodes["x"]["mention_count"] == 2
    assert G.nodes["x"]["country_name"] == ""


def test_graph_two_hostile_claims_beat_one_alliance():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", HOSTILITY, 0.5, 3), rel("a", "b", ALLIANCE, 0.8, 1), rel("b", "a", HOSTILITY, 0.4, 2),
    ])
    e = build_graph(ex).edges["a", "b"]
    assert e["relation"] == HOSTILITY
    assert e["conflicting"] is True
    assert e["confidence"] == pytest.approx(0.7)  # 1 - 0.5 * 0.6, over the hostile claims only
    assert [c["sentence_index"] for c in e["claims"]] == [1, 2, 3]  # article order
    assert e["evidence"] == [c["sentence"] for c in e["claims"]]
    assert e["weight"] == 3
    assert set(e["claims"][0]) == {"relation", "source", "target", "directed", "confidence", "sentence",
                                   "sentence_index", "cue", "cue_start", "rule", "cameo", "quad"}


def test_graph_larger_alliance_total_wins():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", HOSTILITY, 0.5, 0), rel("a", "b", ALLIANCE, 0.4, 1), rel("a", "b", ALLIANCE, 0.4, 2)])
    e = build_graph(ex).edges["a", "b"]
    assert (e["relation"], e["conflicting"], e["confidence"]) == (ALLIANCE, True, 0.64)


def test_graph_signed_tie_goes_to_highest_single_confidence_then_hostility():
    claims = [{"relation": ALLIANCE, "confidence": 0.6}, {"relation": HOSTILITY, "confidence": 0.3},
              {"relation": HOSTILITY, "confidence": 0.3}]
    assert decide_relation(claims) == ALLIANCE
    assert decide_relation([{"relation": ALLIANCE, "confidence": 0.5},
                            {"relation": HOSTILITY, "confidence": 0.5}]) == HOSTILITY
    # 0.1 + 0.2 ties with 0.3 despite floating point
    assert decide_relation([{"relation": ALLIANCE, "confidence": 0.1}, {"relation": ALLIANCE, "confidence": 0.2},
                            {"relation": HOSTILITY, "confidence": 0.3}]) == HOSTILITY


def test_graph_signed_label_beats_stronger_other_labels():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", TALKS, 0.9, 0), rel("a", "b", TALKS, 0.9, 1), rel("a", "b", ALLIANCE, 0.2, 2)])
    e = build_graph(ex).edges["a", "b"]
    assert (e["relation"], e["confidence"], e["conflicting"], e["weight"]) == (ALLIANCE, 0.2, False, 3)


def test_graph_strongest_other_label_without_signed_claims():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", TALKS, 0.5, 0), rel("a", "b", MEMBERSHIP, 0.4, 1), rel("a", "b", MEMBERSHIP, 0.3, 2),
        rel("a", "b", AFFILIATION, 0.6, 3)])
    assert build_graph(ex).edges["a", "b"]["relation"] == MEMBERSHIP


def test_graph_direction_from_backer_to_backed():
    G = build_graph(MIDEAST)
    e = G.edges["militias", "iran"]
    assert (e["directed"], e["from"], e["to"]) == (True, "iran", "militias")
    e = G.edges["turkey", "rebels"]  # two claims, same direction
    assert (e["directed"], e["from"], e["to"], e["weight"]) == (True, "turkey", "rebels", 2)
    e = G.edges["militias", "syria"]
    assert (e["directed"], e["from"], e["to"]) == (False, None, None)


def test_graph_direction_inconsistent_or_from_losing_label_is_dropped():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", ALLIANCE, 0.8, 0, directed=True), rel("b", "a", ALLIANCE, 0.8, 1, directed=True)])
    assert build_graph(ex).edges["a", "b"]["directed"] is False
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "b", HOSTILITY, 0.9, 0), rel("b", "a", ALLIANCE, 0.3, 1, directed=True)])
    e = build_graph(ex).edges["a", "b"]
    assert (e["relation"], e["directed"]) == (HOSTILITY, False)
    # an undirected claim of the winning label does not contradict a directed one
    ex = extraction([actor("a"), actor("b")], [
        rel("b", "a", ALLIANCE, 0.5, 0), rel("b", "a", ALLIANCE, 0.8, 1, directed=True)])
    e = build_graph(ex).edges["a", "b"]
    assert (e["directed"], e["from"], e["to"]) == (True, "b", "a")


def test_graph_skips_unknown_endpoints_and_self_loops():
    ex = extraction([actor("a"), actor("b")], [
        rel("a", "ghost", ALLIANCE, 0.9, 0), rel("a", "a", HOSTILITY, 0.9, 1), rel("a", "b", TALKS, 0.5, 2)])
    G = build_graph(ex)
    assert sorted(G.edges) == [("a", "b")]
    assert nx.number_of_selfloops(G) == 0


def test_graph_distinct_evidence_sentences_in_article_order():
    s = "Iran armed and funded the militias."
    ex = extraction([actor("iran"), actor("militias")], [
        rel("iran", "militias", ALLIANCE, 0.5, 4, sentence="Later sentence."),
        rel("iran", "militias", ALLIANCE, 0.6, 1, sentence=s, cue="armed"),
        rel("iran", "militias", ALLIANCE, 0.7, 1, sentence=s, cue="funded")])
    e = build_graph(ex).edges["iran", "militias"]
    assert e["evidence"] == [s, "Later sentence."]
    assert e["weight"] == 2 and len(e["claims"]) == 3
    assert [c["cue"] for c in e["claims"]] == ["armed", "funded", ""]


def test_graph_first_actor_wins_duplicate_ids():
    G = build_graph(extraction([actor("a", label="First"), actor("a", label="Second")]))
    assert G.nodes["a"]["label"] == "First"


def test_graph_filter_country_keeps_its_actors_and_edges_among_them():
    G = build_graph(MIDEAST)
    H = filter_graph(G, countries={"SYR"})
    assert set(H) == {"syria", "rebels", "hts"}
    assert {frozenset(e) for e in H.edges} == {frozenset(("syria", "rebels")), frozenset(("hts", "rebels"))}
    assert set(filter_graph(G, countries={"SYR", "IRQ"})) == {"syria", "rebels", "hts", "militias"}
    assert set(filter_graph(G, countries=set())) == set()


def test_graph_filter_unknown_country_code_is_empty_string():
    G = build_graph(extraction([actor("a", ""), actor("b", "IRN")]))
    assert set(filter_graph(G, countries={""})) == {"a"}


def test_graph_filter_relations_types_min_evidence():
    G = build_graph(MIDEAST)
    H = filter_graph(G, relations={HOSTILITY})
    assert set(H) == set(G)  # nodes stay unless hide_isolated
    assert {d["relation"] for _, _, d in H.edges(data=True)} == {HOSTILITY}
    H = filter_graph(G, types={"state", "militia"})
    assert set(H) == {"iran", "militias", "turkey"}
    assert sorted(map(sorted, H.edges)) == [["iran", "militias"]]
    H = filter_graph(G, min_evidence=2, hide_isolated=True)
    assert set(H) == {"turkey", "rebels"}


def test_graph_filter_hide_isolated():
    G = build_graph(MIDEAST)
    assert "un" in filter_graph(G)
    assert "un" not in filter_graph(G, hide_isolated=True)


def test_graph_filter_focus_and_depth():
    G = build_graph(MIDEAST)
    assert set(filter_graph(G, focus="iran")) == {"iran", "militias"}
    assert set(filter_graph(G, focus="iran", depth=2)) == {"iran", "militias", "syria", "rebels"}
    assert set(filter_graph(G, focus="iran", depth=0)) == {"iran"}
    assert set(filter_graph(G, focus="iran", depth=0, hide_isolated=True)) == {"iran"}
    # over the edges left by other filters: without alliances Iran reaches nobody
    assert set(filter_graph(G, focus="iran", depth=3, relations={HOSTILITY})) == {"iran"}
    # a focus removed by another filter leaves nothing
    assert len(filter_graph(G, focus="iran", countries={"SYR"})) == 0
    assert len(filter_graph(G, focus="nobody")) == 0


def test_graph_filter_search_by_mention_keeps_neighbours():
    G = build_graph(MIDEAST)
    H = filter_graph(G, search="  tahrir ")  # a mention of hts, any case, trimmed
    assert set(H) == {"hts", "rebels"}
    H = filter_graph(G, search="TEHRAN")
    assert set(H) == {"iran", "militias"}
    assert set(filter_graph(G, search="syrian gov")) == {"syria", "militias", "rebels"}
    assert len(filter_graph(G, search="zzz")) == 0
    assert set(filter_graph(G, search="   ")) == set(G)


def test_graph_filter_returns_new_graph_and_leaves_input_alone():
    G = build_graph(MIDEAST)
    before = (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph))
    H = filter_graph(G, countries={"SYR"}, relations={HOSTILITY, MEMBERSHIP}, min_evidence=1,
                     hide_isolated=True, focus="rebels", depth=2, search="rebel")
    assert H is not G
    H.nodes["rebels"]["label"] = "changed"
    H.remove_node("syria")
    assert (list(G.nodes(data=True)), list(G.edges(data=True)), dict(G.graph)) == before
    assert H.graph["title"] == "A title"
    assert H.edges["rebels", "hts"]["relation"] == MEMBERSHIP


def test_graph_filter_no_arguments_copies_everything():
    G = build_graph(MIDEAST)
    H = filter_graph(G)
    assert nx.utils.graphs_equal(G, H)
    assert list(H) == list(G)


def test_graph_countries_present_sorted_by_count_then_name():
    G = build_graph(MIDEAST)
    assert countries_present(G) == [
        ("SYR", "Syria", 3), ("INT", "International", 1), ("IRN", "Iran", 1), ("IRQ", "Iraq", 1),
        ("TUR", "Turkey", 1)]
    assert countries_present(nx.Graph()) == []


def test_graph_doctests():
    result = doctest.testmod(actorgraph.graph)
    assert result.failed == 0 and result.attempted > 0


def test_graph_actor_cap_keeps_most_connected_with_notice(monkeypatch):
    monkeypatch.setattr(actorgraph.graph, "MAX_ACTORS", 3)
    actors = [actor(x) for x in "abcde"]
    relations = [rel("e", "d", "hostility", 0.9, 0), rel("e", "c", "hostility", 0.9, 1),
                 rel("d", "c", "alliance", 0.9, 2)]
    G = build_graph(extraction(actors, relations))
    assert sorted(G) == ["c", "d", "e"]
    assert G.graph["notices"][-1] == ("Only the 3 most connected actors of 5 are shown and "
                                       "analysed; 2 are hidden.")


def test_graph_edge_takes_cameo_and_quad_from_its_strongest_claims():
    ev = lambda i: Evidence(f"s{i}.", i, 0, 3, cue="c")  # noqa: E731
    ex = Extraction(Article("x"), actors=(Actor("a", "A", "state", "AAA", ("A",)), Actor("b", "B", "state", "BBB", ("B",))),
                    relations=(Relation("a", "b", HOSTILITY, 0.5, ev(0), cameo="11", quad="verbal_conflict"),
                               Relation("a", "b", HOSTILITY, 0.8, ev(1), cameo="19", quad="material_conflict"),
                               Relation("a", "b", ALLIANCE, 0.9, ev(2), cameo="07", quad="material_cooperation"),
                               Relation("a", "b", HOSTILITY, 0.9, ev(3), cameo="", quad="material_conflict")))
    e = build_graph(ex).edges["a", "b"]
    assert e["relation"] == HOSTILITY
    assert (e["cameo"], e["quad"]) == ("19", "material_conflict")  # the strongest hostile claim with a code
    assert [c["cameo"] for c in e["claims"]] == ["11", "19", "07", ""]


def test_graph_claims_carry_where_the_cue_is(analyse):  # real engine
    """Every claim says where in its sentence the engine found the cue (the details panel
    marks that very word, not every word spelt like it)."""
    ex = analyse("Iran backed the militias against the rebels, and Turkey fought the militias "
                 "in the north.")
    G = build_graph(ex)
    claims = [c for _, _, d in G.edges(data=True) for c in d["claims"]]
    assert claims
    located = [c for c in claims if c["cue_start"] >= 0]
    assert located, claims
    for c in located:
        assert c["sentence"][c["cue_start"]:c["cue_start"] + len(c["cue"])] == c["cue"], c
    fought = [c for c in located if c["cue"] == "fought"]
    assert fought and fought[0]["cue_start"] == fought[0]["sentence"].index("fought")


def test_graph_cue_start_defaults_to_unknown():
    ev = Evidence("A backs B.", 0, 0, 10, cue="backs")
    assert ev.cue_start == -1
