"""Score the engine on the construction table (tests/data/constructions.jsonl) and print
which constructions pass: totals on a few articles hide which rule is missing.

    python tools/constructions.py [-v]
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "constructions.jsonl"
sys.path.insert(0, str(ROOT))


@dataclass
class CaseResult:
    id: str
    construction: str
    ok: bool
    problems: list[str]


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", s.lower().replace("\u2019", "'")).strip()


def _find(actors, name: str):
    """The actor a case's name refers to: one whose label or a mention matches."""
    n = _norm(name)
    exact = [a for a in actors if n == _norm(a.label) or any(n == _norm(m) for m in a.mentions)]
    if exact:
        return exact[0]
    loose = [a for a in actors if any(re.search(rf"\b{re.escape(n)}\b", _norm(m)) for m in (a.label, *a.mentions))]
    return loose[0] if loose else None


def run_case(case: dict, nlp) -> CaseResult:
    from actorgraph.graph import build_graph
    from actorgraph.model import Article
    from actorgraph.pipeline import extract

    ex = extract(Article(text=case["text"]), nlp)
    G = build_graph(ex)
    problems = []
    for name in case.get("actors", []):
        if _find(ex.actors, name) is None:
            problems.append(f"actor missing: {name}")
    for name in case.get("not_actors", []):
        a = _find(ex.actors, name)
        if a is not None and _norm(name) in {_norm(m) for m in a.mentions}:
            problems.append(f"not an actor: {name}")
    for a_name, b_name, rel in case.get("edges", []):
        a, b = _find(ex.actors, a_name), _find(ex.actors, b_name)
        if a is None or b is None or a.id == b.id:
            problems.append(f"edge missing: {a_name}-{b_name} {rel}")
            continue
        got = G.edges[a.id, b.id]["relation"] if G.has_edge(a.id, b.id) else None
        if got != rel:
            problems.append(f"edge {a_name}-{b_name}: want {rel}, got {got}")
    for a_name, b_name in case.get("absent", []):
        a, b = _find(ex.actors, a_name), _find(ex.actors, b_name)
        if a and b and a.id != b.id and G.has_edge(a.id, b.id) and \
                G.edges[a.id, b.id]["relation"] in ("alliance", "hostility"):
            problems.append(f"edge should be absent: {a_name}-{b_name} {G.edges[a.id, b.id]['relation']}")
    return CaseResult(case["id"], case["construction"], not problems, problems)


def load_table(path: Path = TABLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_table(path: Path = TABLE) -> list[CaseResult]:
    from actorgraph.nlp import load_nlp

    nlp = load_nlp()
    return [run_case(c, nlp) for c in load_table(path)]


def main() -> int:
    verbose = "-v" in sys.argv
    results = run_table()
    by = defaultdict(list)
    for r in results:
        by[r.construction].append(r)
    for name in sorted(by):
        rs = by[name]
        print(f"{name:28s} {sum(r.ok for r in rs):2d}/{len(rs):2d}")
        if verbose:
            for r in rs:
                if not r.ok:
                    print(f"    {r.id}: {'; '.join(r.problems)}")
    total = sum(r.ok for r in results)
    print(f"passed {total}/{len(results)} cases ({total / len(results):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
