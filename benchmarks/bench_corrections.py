"""Cost of the user's corrections: applying a list of them and building the graph after.

    .venv/bin/python benchmarks/bench_corrections.py [--repeat 20]

On the synthetic 500-actor extraction of bench_render (1,500 claims): the time of
``corrections.apply`` with 10, 100 and 1,000 corrections (a mix of every kind), and of
``build_graph`` on the result next to ``build_graph`` alone. The dashboard applies them once
per change (memoised per session), so this is what a click on "Merge" or "Undo" adds.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import synthetic  # noqa: E402

from actorgraph import corrections as cx  # noqa: E402
from actorgraph.graph import build_graph  # noqa: E402


def mixed(n: int, actors: int, seed: int = 1) -> cx.Corrections:
    rng = random.Random(seed)
    items = []
    for k in range(n):
        a, b = (f"a{i}" for i in rng.sample(range(actors), 2))
        kind = k % 5
        items.append([cx.relabel(a, b, rng.choice(cx.LABELS)), cx.merge(a, b), cx.rename(a, f"N{k}"),
                      cx.alias(a, f"alias {k}"), cx.remove(a)][kind])
    return cx.Corrections("0" * 64, tuple(items))


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    ex = synthetic(500)
    base = timed(lambda: build_graph(ex), args.repeat)
    print(f"build_graph, 500 actors, no corrections: {base * 1000:.1f} ms")
    for n in (10, 100, 1000):
        cs = mixed(n, 500)
        t_apply = timed(lambda: cx.apply(ex, cs), args.repeat)
        fixed = cx.apply(ex, cs)
        t_graph = timed(lambda: build_graph(fixed), args.repeat)
        print(f"{n:>5} corrections: apply {t_apply * 1000:.1f} ms, then build_graph "
              f"{t_graph * 1000:.1f} ms ({len(fixed.actors)} actors, {len(fixed.relations)} claims left)")


if __name__ == "__main__":
    main()
