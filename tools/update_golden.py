"""Regenerate the golden snapshots of the sample articles (``tests/golden/<stem>.json``).

    .venv/bin/python tools/update_golden.py            # every article in sample_articles/
    .venv/bin/python tools/update_golden.py 01 05      # only the stems starting with these

Run it when a change to the extraction is intended, then review ``git diff tests/golden``:
each actor and each edge is one line, so the diff reads as "what the engine now finds".

A snapshot holds what a reader of the graph would notice changing: every actor (id, type,
country, mentions in order of first appearance) sorted by id, and every edge of the graph as
``[a, b, relation]`` with ``a < b``, sorted. Confidences and evidence are left out on purpose.
``tests/test_pipeline.py`` compares the engine's output with these files.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT))


def snapshot(extraction, graph) -> dict:
    """The comparable part of one extraction and its graph, as plain JSON data."""
    actors = sorted(
        ({"id": a.id, "type": a.type, "country": a.country, "mentions": list(a.mentions)}
         for a in extraction.actors),
        key=lambda a: a["id"])
    edges = sorted([*sorted((str(u), str(v))), d["relation"]] for u, v, d in graph.edges(data=True))
    return {"article": extraction.article.source, "actors": actors, "edges": edges}


def dumps(snap: dict) -> str:
    """JSON with one actor and one edge per line, so that git diffs stay readable."""
    one = lambda x: json.dumps(x, ensure_ascii=False)  # noqa: E731
    lines = ["{", f' "article": {one(snap["article"])},', ' "actors": [']
    lines += [f"  {one(a)}," for a in snap["actors"]]
    if snap["actors"]:
        lines[-1] = lines[-1].rstrip(",")
    lines += [" ],", ' "edges": [']
    lines += [f"  {one(e)}," for e in snap["edges"]]
    if snap["edges"]:
        lines[-1] = lines[-1].rstrip(",")
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def current(path: Path, nlp=None) -> dict:
    """The snapshot of one sample article as the engine reads it today (through ingest)."""
    from actorgraph.graph import build_graph
    from actorgraph.ingest import read_path
    from actorgraph.pipeline import extract

    ex = extract(read_path(path), nlp)
    snap = snapshot(ex, build_graph(ex))
    snap["article"] = path.name  # the file name, not wherever the checkout lives
    return snap


def main(argv: list[str]) -> int:
    from actorgraph.nlp import load_nlp

    wanted = [a for a in argv if not a.startswith("-")]
    paths = [p for p in samples() if not wanted or any(p.stem.startswith(w) for w in wanted)]
    if not paths:
        print(f"no sample article matches {' '.join(wanted)}", file=sys.stderr)
        return 2
    GOLDEN.mkdir(parents=True, exist_ok=True)
    nlp = load_nlp()
    for path in paths:
        out = GOLDEN / f"{path.stem}.json"
        text = dumps(current(path, nlp))
        old = out.read_text(encoding="utf-8") if out.exists() else None
        if old == text:
            print(f"unchanged  {out.relative_to(ROOT)}")
            continue
        out.write_text(text, encoding="utf-8")
        print(f"{'updated' if old is not None else 'created':9s}  {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
