"""Recall floor on re3d (../shared/eval/re3d: 47 CENTCOM, State Department, UK government, BBC
and Wikipedia texts on Syria and Iraq whose gold keeps the FightingAgainst and AlliesOf relations
of highlighted mentions, many of them common-noun phrases). Its gold is not exhaustive, so only
recall is floored; `python ../shared/eval/score.py run ../shared/eval/re3d -v` lists what is missed."""
from __future__ import annotations

import json

import pytest
from conftest import SCORE_PY

RE3D = SCORE_PY.parent / "re3d"
# measured 2026-12-04: relations R 0.185 (was 0.07), actors P 0.41 R 0.38 (issue 11 target: R 0.30)
FLOORS = {"rel_r": 0.17}


def test_eval_re3d_recall_floor(score, nlp):
    from actorgraph.export import to_node_link_json
    from actorgraph.graph import build_graph
    from actorgraph.ingest import read_path
    from actorgraph.pipeline import extract

    if not (RE3D / "gold").is_dir():
        pytest.skip(f"the re3d set {RE3D} is not there (it lives outside this repository)")
    golds = sorted((RE3D / "gold").glob("*.json"))
    assert len(golds) == 47
    rows = []
    for gold_path in golds:
        G = build_graph(extract(read_path(RE3D / "articles" / f"{gold_path.stem}.txt"), nlp))
        rows.append(score.score_one(json.loads(to_node_link_json(G)), json.loads(gold_path.read_text(encoding="utf-8"))))
    s = score.summary(rows)
    low = {k: (round(s[k], 3), v) for k, v in FLOORS.items() if s[k] < v}
    assert not low, f"re3d recall below floor (score, floor): {low}; all: {s}"
