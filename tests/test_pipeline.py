"""pipeline.py end to end on the shipped sample articles: golden snapshots, quality against the
gold annotations, the reference article's graph, and properties that hold for any text.

Needs the spaCy model (the session fixture ``nlp`` of conftest.py loads it once).
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REFERENCE, ROOT, SAMPLES
from tools.update_golden import GOLDEN, dumps, snapshot

from actorgraph.errors import ActorGraphError
from actorgraph.export import to_node_link_json
from actorgraph.graph import build_graph
from actorgraph.ingest import read_path, read_text
from actorgraph.model import ALLIANCE, HOSTILITY
from actorgraph.pipeline import extract

SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))
UPDATE_HINT = "run `python tools/update_golden.py` if the change is intended"

# Quality floors, scored with the matching rules of ../shared/eval/score.py against
# sample_articles/gold/. They are FLOORS to raise as extraction improves, not targets: each is
# the value measured when it was set (in the comment) less a small margin for harmless jitter.
# Never lower one just to let a change pass; say why in the commit if you must.
QUALITY_FLOORS = {  # totals over the seven sample articles
    "actor_p": 0.93,      # measured 0.961
    "actor_r": 0.93,      # measured 0.968 (91 of 94 gold actors)
    "actor_f1": 0.93,     # measured 0.964
    "rel_p": 0.95,        # measured 0.985
    "rel_r": 0.72,        # measured 0.756 (62 of 82 required relations)
    "rel_f1": 0.82,       # measured 0.856
    "country_acc": 0.95,  # measured 0.980
}
# Per article, as counts: (gold actors found, required gold relations found), measured when set.
# One fewer of each passes (an article has 5-17 of each, so a ratio margin would be either
# too loose or too tight); these catch one article collapsing while the totals still look fine.
ARTICLE_FLOORS: dict[str, tuple[int, int]] = {
    "01_syria-iraqi-militias": (17, 14),      # of 17 actors, 14 required relations
    "02_sudan-el-fasher": (15, 9),            # of 15, 13
    "03_yemen-red-sea-houthis": (11, 7),      # of 13, 10
    "04_sahel-mali-blockade": (14, 14),       # of 15, 16
    "05_drc-m23-south-kivu": (13, 10),        # of 13, 14
    "06_myanmar-shan-ceasefire": (12, 5),     # of 12, 10
    "07_ukraine-north-korea-kursk": (9, 3),   # of 9, 5
}
ARTICLE_SLACK = 1


@cache
def _run(path: Path):
    """(extraction, graph) of one sample article read through ingest; once per session."""
    from actorgraph.nlp import load_nlp

    ex = extract(read_path(path), load_nlp())
    return ex, build_graph(ex)


@pytest.fixture(scope="module")
def run(nlp):
    return _run


# --- golden snapshots ---------------------------------------------------------------------------

def _diff(old: dict, new: dict) -> list[str]:
    """What changed between two snapshots, one line per actor or edge."""
    out = []
    old_a = {a["id"]: a for a in old.get("actors", [])}
    new_a = {a["id"]: a for a in new["actors"]}
    for aid in sorted(old_a.keys() - new_a.keys()):
        out.append(f"- actor {aid}: {old_a[aid]['type']} {old_a[aid]['country'] or '?'} {old_a[aid]['mentions']}")
    for aid in sorted(new_a.keys() - old_a.keys()):
        out.append(f"+ actor {aid}: {new_a[aid]['type']} {new_a[aid]['country'] or '?'} {new_a[aid]['mentions']}")
    for aid in sorted(old_a.keys() & new_a.keys()):
        for key in ("type", "country", "mentions"):
            if old_a[aid][key] != new_a[aid][key]:
                out.append(f"~ actor {aid} {key}: {old_a[aid][key]!r} -> {new_a[aid][key]!r}")
    old_e = {tuple(e) for e in old.get("edges", [])}
    new_e = {tuple(e) for e in new["edges"]}
    old_pairs = {e[:2]: e[2] for e in old_e}
    new_pairs = {e[:2]: e[2] for e in new_e}
    for pair in sorted(old_pairs.keys() & new_pairs.keys()):
        if old_pairs[pair] != new_pairs[pair]:
            out.append(f"~ edge {pair[0]} -- {pair[1]}: {old_pairs[pair]} -> {new_pairs[pair]}")
    for pair in sorted(old_pairs.keys() - new_pairs.keys()):
        out.append(f"- edge {pair[0]} -- {pair[1]} {old_pairs[pair]}")
    for pair in sorted(new_pairs.keys() - old_pairs.keys()):
        out.append(f"+ edge {pair[0]} -- {pair[1]} {new_pairs[pair]}")
    return out


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
def test_pipeline_matches_golden_snapshot(run, path: Path):
    golden = GOLDEN / f"{path.stem}.json"
    assert golden.exists(), f"no snapshot {golden.relative_to(ROOT)}: {UPDATE_HINT}"
    ex, G = run(path)
    new = snapshot(ex, G)
    new["article"] = path.name
    old = json.loads(golden.read_text(encoding="utf-8"))
    if old != new:
        changes = _diff(old, new) or ["(order or formatting only)"]
        pytest.fail(f"{path.name}: the extraction differs from {golden.relative_to(ROOT)}\n  "
                    + "\n  ".join(changes) + f"\n{UPDATE_HINT}", pytrace=False)


def test_pipeline_golden_files_are_canonical():
    """Every snapshot is written as update_golden.py writes it, and has a sample article."""
    stems = {p.stem for p in SAMPLE_PATHS}
    for golden in sorted(GOLDEN.glob("*.json")):
        assert golden.stem in stems, f"{golden.name} has no sample article: delete it"
        text = golden.read_text(encoding="utf-8")
        assert dumps(json.loads(text)) == text, f"{golden.name} was edited by hand: {UPDATE_HINT}"


def test_pipeline_diff_is_readable():
    old = {"actors": [{"id": "iran", "type": "state", "country": "IRN", "mentions": ["Iran"]}],
           "edges": [["hezbollah", "iran", "alliance"]]}
    new = {"actors": [{"id": "iran", "type": "state", "country": "IRN", "mentions": ["Iran", "Tehran"]}],
           "edges": [["hezbollah", "iran", "hostility"]]}
    assert _diff(old, new) == ["~ actor iran mentions: ['Iran'] -> ['Iran', 'Tehran']",
                               "~ edge hezbollah -- iran: alliance -> hostility"]


# --- quality against the gold annotations -------------------------------------------------------

def _score_row(score, run, path: Path) -> dict:
    gold = json.loads((SAMPLES / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    _, G = run(path)
    row = score.score_one(json.loads(to_node_link_json(G)), gold)
    row["article"] = path.stem
    return row


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
def test_pipeline_quality_per_article(score, run, path: Path):
    row = _score_row(score, run, path)
    found = (row["actors_found"], row["tp_req"])
    floors = ARTICLE_FLOORS.get(path.stem)
    assert floors is not None, f"no quality floor for {path.stem}: add {found} to ARTICLE_FLOORS"
    actors, relations = floors
    assert row["actors_found"] >= actors - ARTICLE_SLACK, (
        f"{path.name}: {row['actors_found']} of {row['gold_actors']} gold actors found, floor {actors}")
    assert row["tp_req"] >= relations - ARTICLE_SLACK, (
        f"{path.name}: {row['tp_req']} of {row['gold_req']} required relations found, floor "
        f"{relations}; missed: {row['missed']}")


def test_pipeline_quality_totals(score, run):
    rows = [_score_row(score, run, p) for p in SAMPLE_PATHS]
    s = score.summary(rows)
    shown = " ".join(f"{k} {v:.3f}" for k, v in s.items())
    low = {k: (round(s[k], 3), v) for k, v in QUALITY_FLOORS.items() if s[k] < v}
    missed = [f"{r['article']}: {m}" for r in rows for m in r["missed"]]
    assert not low, (f"quality below floor (score, floor): {low}\nall: {shown}\n"
                     f"missed required relations: {missed}")


# --- the reference article ----------------------------------------------------------------------

def _find(ex, *names: str):
    """The actor that has one of ``names`` among its mentions (or as label), tried in order."""
    for name in names:
        for a in ex.actors:
            if name in a.mentions or name == a.label:
                return a
    pytest.fail(f"no actor mentioned as any of {names}; actors: "
                + "; ".join(f"{a.id} {list(a.mentions)}" for a in ex.actors))


IRAN = ("Iran",)
IRAQI_MILITIAS = ("Iran-backed Iraqi militias", "Iraqi militias")
HEZBOLLAH = ("Hezbollah Lebanon", "Hezbollah")
RUSSIA = ("Russia",)
SYRIAN_GOVERNMENT = ("Assad government", "government forces", "Syrian military", "government")
US = ("US",)
KURDISH = ("Kurdish-led forces",)
REBELS = ("the rebels", "rebels")
TURKEY = ("Turkey", "Ankara")
ISIS = ("ISIS militants", "ISIS")
ISRAEL = ("Israel",)


@pytest.mark.parametrize("a, b, relation", [
    (IRAN, IRAQI_MILITIAS, ALLIANCE),
    (IRAN, HEZBOLLAH, ALLIANCE),
    (RUSSIA, SYRIAN_GOVERNMENT, ALLIANCE),
    (US, KURDISH, ALLIANCE),
    (SYRIAN_GOVERNMENT, REBELS, HOSTILITY),
    (TURKEY, KURDISH, HOSTILITY),
    (KURDISH, ISIS, HOSTILITY),
    (HEZBOLLAH, ISRAEL, HOSTILITY),
], ids=lambda x: x[0] if isinstance(x, tuple) else x)
def test_pipeline_reference_edges(run, a, b, relation):
    ex, G = run(REFERENCE)
    u, v = _find(ex, *a), _find(ex, *b)
    assert u.id != v.id, f"{a[0]} and {b[0]} resolved to the same actor {u.id}"
    assert G.has_edge(u.id, v.id), f"no edge {u.id} -- {v.id}; edges: {sorted(G.edges)}"
    got = G.edges[u.id, v.id]["relation"]
    assert got == relation, f"{u.id} -- {v.id} is {got}, expected {relation}: {G.edges[u.id, v.id]['evidence']}"


def test_pipeline_reference_badr_and_nujaba_are_actors(run):
    ex, _ = run(REFERENCE)
    badr, nujaba = _find(ex, "Badr"), _find(ex, "Nujabaa")
    militias = _find(ex, *IRAQI_MILITIAS)
    assert len({badr.id, nujaba.id, militias.id}) == 3


# --- properties over any text -------------------------------------------------------------------

NAMES = ("Iran", "Iran-backed Iraqi militias", "Hezbollah", "the rebels", "the government", "Turkey",
         "Ankara", "Kurdish-led forces", "ISIS", "US", "Russia", "Israel", "Badr", "the RSF",
         "Sudan's army", "M23", "Kigali", "al-Qaeda", "Hayat Tahrir al-Sham", "the junta", "it", "they")
VERBS = ("backed", "fought", "attacked", "supports", "allied with", "with the help of", "condemned",
         "sanctioned", "met", "denies backing", "against", "and", "who", "to help", "fight",
         "calls terrorists", "include", "previously affiliated with", "alongside", "-backed",
         "crossed into", "talks with", "will not send troops to")
SEPARATORS = (" ", " ", " ", ", ", ". ", "\n", "\n\n", " - ", "; ", ' "', '" ', "'s ", " (", ") ",
              "\u2019s ", "\u2014", "!", "?\n", "\t", "")

# "Name verb name" clauses (which often give claims) mixed with loose words, joined by anything.
_clause = st.tuples(st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(NAMES),
                    st.sampled_from(SEPARATORS)).map(lambda t: f"{t[0]} {t[1]} {t[2]}{t[3]}")
_word = st.tuples(st.sampled_from(NAMES + VERBS), st.sampled_from(SEPARATORS)).map("".join)
composed_texts = st.lists(st.one_of(_clause, _word), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), composed_texts))
def test_pipeline_any_text_gives_consistent_extraction_or_actorgraph_error(nlp, text):
    """For any text: a result or one of the engine's own errors; every mention and evidence
    sentence stands in the text; every export round-trips."""
    try:
        article = read_text(text)
        ex = extract(article, nlp)
    except ActorGraphError:
        return
    t = article.text
    ids = [a.id for a in ex.actors]
    assert len(ids) == len(set(ids))
    for a in ex.actors:
        for m in a.spans:
            assert t[m.start:m.end] == m.text, (a.id, m)
        for mention in a.mentions:
            assert mention in t, (a.id, mention)
    for r in ex.relations:
        assert r.source in ids and r.target in ids
        ev = r.evidence
        assert ev.sentence in t, ev
        assert t[ev.start:ev.end] == ev.sentence, ev
    _assert_exports_round_trip(build_graph(ex))


def _assert_exports_round_trip(G) -> None:
    """Every export of the engine's graph reads back with NetworkX's (or pandas') readers."""
    import io
    import json

    import networkx as nx
    import pandas as pd

    from actorgraph import export

    ids = {str(n) for n in G.nodes}
    edges = {frozenset((str(a), str(b))): d["relation"] for a, b, d in G.edges(data=True)}
    back = nx.node_link_graph(json.loads(export.to_node_link_json(G)), edges="edges")
    assert {str(n) for n in back.nodes} == ids
    for reader, payload in ((nx.read_graphml, export.to_graphml(G)), (nx.read_gexf, export.to_gexf(G))):
        g = reader(io.BytesIO(payload))
        assert {str(n) for n in g.nodes} == ids
        assert {frozenset((str(a), str(b))): d["relation"] for a, b, d in g.edges(data=True)} == edges
    assert len(pd.read_csv(io.StringIO(export.nodes_csv(G)))) == G.number_of_nodes()
    assert len(pd.read_csv(io.StringIO(export.edges_csv(G)))) == G.number_of_edges()
