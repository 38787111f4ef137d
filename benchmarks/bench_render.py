"""Time to draw synthetic actor graphs as pyvis HTML (target: 500 actors < 0.5 s).

    .venv/bin/python benchmarks/bench_render.py [--repeat 5]

Graphs are built from Extraction objects like the real ones: about three relations per actor,
each with an evidence sentence, so titles and evidence lists have realistic sizes.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import (  # noqa: E402
    ACTOR_TYPES, RELATION_TYPES, Actor, Article, Evidence, Extraction, Relation,
)
from actorgraph.render import render_html  # noqa: E402

TARGET_HTML_500_S = 0.5
COUNTRIES = ("IRN", "IRQ", "SYR", "TUR", "USA", "RUS", "ISR", "LBN", "SAU", "YEM", "INT", "")


def synthetic(n: int, seed: int = 0) -> Extraction:
    rng = random.Random(seed)
    actors = tuple(
        Actor(f"a{i}", f"Actor {i} \u062d", rng.choice(ACTOR_TYPES), rng.choice(COUNTRIES),
              tuple(f"mention {i}-{k}" for k in range(rng.randint(1, 4))))
        for i in range(n))
    rels = []
    for k in range(3 * n):
        a, b = rng.sample(range(n), 2)
        s = f"Sentence {k}: Actor {a} and Actor {b} did something notable together in the region."
        rels.append(Relation(f"a{a}", f"a{b}", rng.choice(RELATION_TYPES), rng.random(),
                             Evidence(s, k, 0, len(s), cue="cue"), rng.random() < 0.5))
    return Extraction(Article("synthetic"), actors, tuple(rels))


def html_figures(repeat: int = 5, physics: bool = False) -> float:
    """Print build and render times for 50, 200 and 500 actors; return the 500-actor median."""
    started = time.perf_counter()
    render_html(build_graph(synthetic(5)))
    print(f"first page (template and inlined vis-network compiled once): "
          f"{time.perf_counter() - started:.3f} s")
    print(f"{'actors':>7} {'edges':>6} {'build_graph':>12} {'render_html':>12} {'html size':>10}")
    worst = 0.0
    for n in (50, 200, 500):
        ex = synthetic(n)
        t0 = time.perf_counter()
        G = build_graph(ex)
        build = time.perf_counter() - t0
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            page = render_html(G, physics=physics)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        worst = med if n == 500 else worst
        print(f"{n:>7} {G.number_of_edges():>6} {build:>10.3f} s {med:>10.3f} s {len(page) / 1e6:>8.2f} MB")
    print(f"target 500 actors < {TARGET_HTML_500_S} s:", "met" if worst < TARGET_HTML_500_S else "MISSED",
          f"({worst:.3f} s)")
    return worst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    html_figures(ap.parse_args().repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
