"""Time to lay out synthetic actor graphs (``actorgraph.positions.article_layout``), done once per
article when its graph is first drawn, and once per "Re-lay out".

    .venv/bin/python benchmarks/bench_layout.py [--repeat 3]

Graphs as in bench_render.py: about three relations per actor. Prints the median time per size
and how many pairs of actors' boxes (shape + label) still overlap afterwards.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import synthetic  # noqa: E402

from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.positions import _box, article_layout  # noqa: E402


def overlaps(G, pos) -> int:
    boxes = {n: _box(G, n) for n in G}
    nodes = list(G)
    count = 0
    for i, a in enumerate(nodes):
        ha, va, da = boxes[a]
        for b in nodes[i + 1:]:
            hb, vb, db = boxes[b]
            if (abs(pos[a][0] - pos[b][0]) < ha + hb
                    and abs(pos[a][1] + da - pos[b][1] - db) < va + vb):
                count += 1
    return count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'actors':>7} {'edges':>6} {'layout s':>9} {'overlapping pairs':>18}")
    for n in (17, 40, 100, 300):
        G = build_graph(synthetic(n))
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            pos = article_layout(G)
            times.append(time.perf_counter() - t)
        print(f"{n:>7} {G.number_of_edges():>6} {statistics.median(times):>9.3f} "
              f"{overlaps(G, pos):>18}")


if __name__ == "__main__":
    main()
