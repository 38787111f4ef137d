"""The CAMEO verb data (kb/data/cameo_verbs.json, from PETRARCH2) is valid, and the engine reads it."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from actorgraph.model import Article, QUAD_CLASSES
from actorgraph.pipeline import extract
from actorgraph.relations.cameo import CAMEO_PATH, load_cameo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import import_petrarch  # noqa: E402

CLASSES = {"alliance", "hostility", "talks", None}


@pytest.fixture(scope="module")
def data():
    return json.loads(CAMEO_PATH.read_text(encoding="utf-8"))


def test_cameo_keeps_the_mit_notice(data):
    assert "MIT" in data["_licence"] and "Open Event Data" in data["_licence"]
    notice = (CAMEO_PATH.parent / "LICENSE.petrarch2").read_text(encoding="utf-8")
    assert "MIT License" in notice and "Permission is hereby granted" in notice


def test_cameo_every_root_has_quad_class_and_reason(data):
    assert sorted(data["roots"]) == [f"{i:02d}" for i in range(1, 21)]
    for code, root in data["roots"].items():
        assert root["quad"] in QUAD_CLASSES, code
        assert root["relation"] in CLASSES, code
        assert len(root["why"]) > 20, code
    for code, c in data["codes"].items():
        assert code[:2] in data["roots"] and c["relation"] in CLASSES and c["why"], code


def test_cameo_verb_sets_sorted_and_coded(data):
    sets = data["verb_sets"]
    assert list(sets) == sorted(sets) and len(sets) > 390
    n = 0
    for name, vs in sets.items():
        verbs = [v["verb"] for v in vs["verbs"]]
        assert verbs == sorted(set(verbs)), name
        for v in vs["verbs"]:
            n += 1
            assert v["head"] and v["head"] == v["head"].lower(), (name, v)
            assert v["code"] is None or (v["code"].isdigit() and v["code"][:2] in data["roots"]), (name, v)
        for p in vs["patterns"]:
            assert p["code"] is None or p["code"][:2] in data["roots"], (name, p)
    assert n > 1700


def test_cameo_keeps_the_patterns_that_change_meaning(data):
    fight = data["verb_sets"]["PHYSICAL_CONFLICT"]
    codes = {p["pattern"]: p["code"] for p in fight["patterns"]}
    assert codes["* (FOR STATEHOOD)"] == "1044"  # fighting for statehood is a demand
    assert codes["* ALONGSIDE"] == "062"  # fighting alongside is military cooperation
    assert fight["code"] == "190"


def test_cameo_engine_lists_are_sorted_with_reasons(data):
    eng = data["engine"]
    assert list(eng["excluded"]) == sorted(eng["excluded"]) and all(eng["excluded"].values())
    assert set(eng["unspecified_used"]) <= {f"{i:02d}0" for i in range(1, 21)}


def test_cameo_importer_reproduces_the_file():
    if not import_petrarch.SOURCE.exists():
        pytest.skip("the PETRARCH2 dictionaries are not beside the project")
    assert import_petrarch.dumps(import_petrarch.build()) == CAMEO_PATH.read_text(encoding="utf-8")


def test_cameo_relation_classes_of_codes():
    cameo = load_cameo()
    assert cameo.relation_of("190") == "hostility" and cameo.quad_of("190") == "material_conflict"
    assert cameo.relation_of("111") == "hostility" and cameo.quad_of("111") == "verbal_conflict"
    assert cameo.relation_of("057") == "talks"  # signing an agreement
    assert cameo.relation_of("073") == "alliance" and cameo.quad_of("073") == "material_cooperation"
    assert cameo.relation_of("1044") is None  # a demand


@pytest.mark.parametrize("text,a,b,relation,quad", [
    ("The Ethiopian government arrested TPLF commanders in Mekelle.", "ethiopia", "tplf", "hostility", "material_conflict"),
    ("Venezuela denounced Guyana over the Essequibo dispute.", "venezuela", "guyana", "hostility", "verbal_conflict"),
    ("Serbia expelled Kosovo's diplomats last week.", "serbia", "kosovo", "hostility", "material_conflict"),
])
def test_cameo_dictionary_verbs_give_claims_with_codes(nlp, text, a, b, relation, quad):
    ex = extract(Article(text=text), nlp)
    ids = {x.id: x for x in ex.actors}
    found = [r for r in ex.relations if {r.source, r.target} == {a, b}]
    assert found, (text, list(ids), [(r.source, r.target) for r in ex.relations])
    assert found[0].relation == relation and found[0].quad == quad and found[0].cameo == found[0].cameo[:2]
