"""Throughput, latency and memory of the extraction engine, measured in one process.

    .venv/bin/python benchmarks/bench_extract.py [--words 20000] [--repeat 3] [--runs 20]

1. Throughput on one long text (the reference article repeated to about ``--words`` words):
   words per second of bare spaCy (``nlp(text)``, the same pipeline the engine loads) and of
   the whole engine (``extract``: spaCy plus actor resolution and relation rules), and their
   ratio (target >= 0.80: the engine's own work costs at most a quarter of spaCy's).
2. Warm latency of the reference article, bytes to graph (``read_bytes`` -> ``extract`` ->
   ``build_graph``), median of ``--runs`` runs after one warm-up (target < 0.2 s).
   Cold start: model load plus the first extraction (which compiles the knowledge base's
   matchers), target < 3 s.
3. Memory: peak resident set of the process (``ru_maxrss``) and the tracemalloc peak of one
   warm reference run and of one long-text engine run.

Figures only; nothing here asserts. ``make bench`` runs every ``benchmarks/bench_*.py``.
"""
from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.ingest import read_bytes, read_text  # noqa: E402
from actorgraph.nlp import load_nlp  # noqa: E402
from actorgraph.pipeline import extract  # noqa: E402

REFERENCE = ROOT / "sample_articles" / "01_syria-iraqi-militias.txt"
RATIO_TARGET = 0.80
LATENCY_TARGET_S = 0.2
COLD_TARGET_S = 3.0


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def long_text(words: int) -> str:
    """The reference article repeated, paragraph after paragraph, to about ``words`` words."""
    text = REFERENCE.read_text(encoding="utf-8").strip()
    n = max(1, round(words / len(text.split())))
    return "\n\n".join([text] * n)


def timed(fn) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)  # KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=20_000, help="length of the throughput text")
    ap.add_argument("--repeat", type=int, default=3, help="throughput runs (best is kept)")
    ap.add_argument("--runs", type=int, default=20, help="latency runs (median is reported)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    print(f"model load ({nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}, "
          f"pipes {', '.join(nlp.pipe_names)}): {load_s:.2f} s")
    ref_bytes = REFERENCE.read_bytes()
    t0 = time.perf_counter()
    build_graph(extract(read_bytes(ref_bytes, REFERENCE.name), nlp))  # compiles the KB matchers
    first_s = time.perf_counter() - t0
    print(f"first extraction (knowledge-base matchers compiled once): {first_s:.2f} s")
    cold = load_s + first_s
    print(f"cold start (load + first extraction): {cold:.2f} s   "
          f"target < {COLD_TARGET_S:.0f} s: {verdict(cold < COLD_TARGET_S)}")
    print(f"rss after warm-up: {rss_mb():.0f} MB")

    # 1. throughput on one text, spaCy alone and the whole engine, interleaved
    article = read_text(long_text(args.words))
    text = article.text
    words = len(text.split())
    spacy_times, engine_times = [], []
    for _ in range(args.repeat):  # alternate, so that both see the same machine state
        spacy_times.append(timed(lambda: nlp(text)))
        engine_times.append(timed(lambda: extract(article, nlp)))
    spacy_s, engine_s = min(spacy_times), min(engine_times)
    spacy_wps, engine_wps = words / spacy_s, words / engine_s
    ratio = engine_wps / spacy_wps
    print(f"\nthroughput text: reference article x{round(words / len(REFERENCE.read_text().split()))}, "
          f"{words} words, {len(text)} characters (best of {args.repeat})")
    print(f"  bare spaCy nlp(text):      {spacy_s:7.2f} s  {spacy_wps:8.0f} words/s")
    print(f"  whole engine extract():    {engine_s:7.2f} s  {engine_wps:8.0f} words/s")
    print(f"  engine / spaCy throughput: {ratio:.2f}   target >= {RATIO_TARGET:.2f}: {verdict(ratio >= RATIO_TARGET)}")

    # 2. warm latency of the reference article, bytes to graph
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        G = build_graph(extract(read_bytes(ref_bytes, REFERENCE.name), nlp))
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print(f"\nreference article bytes -> graph ({len(ref_bytes)} bytes, {G.number_of_nodes()} actors, "
          f"{G.number_of_edges()} edges), {args.runs} warm runs:")
    print(f"  median {med:.3f} s  (min {min(times):.3f} s, max {max(times):.3f} s)   "
          f"target < {LATENCY_TARGET_S} s: {verdict(med < LATENCY_TARGET_S)}")

    # 3. memory
    gc.collect()
    tracemalloc.start()
    build_graph(extract(read_bytes(ref_bytes, REFERENCE.name), nlp))
    _, ref_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    extract(article, nlp)
    _, long_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("\nmemory:")
    print(f"  tracemalloc peak, one reference run (bytes -> graph): {ref_peak / 2**20:7.1f} MB")
    print(f"  tracemalloc peak, one {words}-word extract():        {long_peak / 2**20:7.1f} MB")
    print(f"  peak resident set (ru_maxrss) of this process:       {rss_mb():7.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
