"""Batch extraction and the corpus graph at scale, on a generated corpus.

    .venv/bin/python benchmarks/bench_batch.py [--articles 300] [--big 1000] [--workers 2]

Prints: articles per second serially and on a local Dask cluster of ``--workers`` processes (the
same ``--articles`` files, each run into a new SQLite store), their ratio (target >= 1.6 on two
cores), a second run over the stored files, the peak memory of each Dask worker, the time to
build the corpus graph from a store of ``--big`` articles (target <= 0.5 s) and to draw it as the
Corpus page does. The articles are generated from our own sentence templates with actor names
from the knowledge base, each with a dateline dated over two years.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actorgraph.batch import WarmUp, analyse, prepare, run_batch  # noqa: E402
from actorgraph.corpus import corpus_graph  # noqa: E402
from actorgraph.export import to_node_link_json  # noqa: E402
from actorgraph.kb import load_kb  # noqa: E402
from actorgraph.nlp import load_nlp  # noqa: E402
from actorgraph.render import render_html  # noqa: E402
from actorgraph.store import open_store  # noqa: E402

TARGET_RATIO = 1.6
TARGET_GRAPH_S = 0.5
CITIES = ("ADEN", "BAGHDAD", "BEIRUT", "DAMASCUS", "GOMA", "KHARTOUM", "KYIV", "TRIPOLI", "BAMAKO")
TITLES = ("{b} and {c} clash as {a} steps up support", "{a} vows to keep backing {b}",
          "Fighting between {b} and {c} spreads", "{d} calls for talks after {c} attack")
SENTENCES = (
    "{a} backed {b} in its fight against {c}.",
    "Fighters of {c} attacked positions held by {b} near the border on Tuesday.",
    "{b} accused {c} of shelling villages in the north.",
    "Officials said {a} would keep supplying weapons to {b}.",
    "{d} condemned the attack by {c} and called for a ceasefire.",
    "{a} and {d} held talks on the conflict in the capital.",
    "{c} said it had repelled an assault by {b} and its allies.",
    "Residents said the fighting had displaced thousands of families.",
    "{d} imposed sanctions on {c} over the killings.",
    "Aid groups warned that food supplies were running low.",
)


def _names() -> tuple[list[str], list[str]]:
    kb = load_kb()
    states = sorted(e.name for e in kb.entries.values() if e.type == "state" and not e.ambiguous)
    groups = sorted(e.name for e in kb.entries.values()
                    if e.type in ("armed_group", "militia", "rebel_coalition") and not e.ambiguous)
    return states, groups


def generate(folder: Path, n: int, seed: int = 0, start: int = 0) -> None:
    """``n`` articles of 6-9 sentences from the templates, dated by a dateline."""
    rng = random.Random(seed)
    states, groups = _names()
    states, groups = states[:40], groups[:60]  # recurring actors, as in a real stream of news
    day0 = dt.date(2023, 1, 1)
    for i in range(start, start + n):
        a, d = rng.sample(states, 2)
        b, c = rng.sample(groups, 2)
        names = {"a": a, "b": b, "c": c, "d": d}
        day = day0 + dt.timedelta(days=rng.randrange(730))
        body = " ".join(s.format(**names) for s in rng.sample(SENTENCES, rng.randint(6, 9)))
        text = (f"{rng.choice(TITLES).format(**names)}\n\n{rng.choice(CITIES)}, "
                f"{day.strftime('%B')} {day.day}, {day.year} - {body}\n")
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")


def _cluster(workers: int):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    client.register_plugin(WarmUp())
    return cluster, client


def _worker_peak_mib(client) -> list[float]:
    def peak() -> float:
        import resource as r

        return r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024

    return sorted(client.run(peak).values())


def _timed_analyse(paths: list[Path]) -> float:
    """Seconds one warm process takes to analyse ``paths`` (no store, no scheduler)."""
    load_nlp()
    items = [prepare(p) for p in paths]
    analyse(items[0])
    t0 = time.perf_counter()
    for it in items:
        analyse(it)
    return time.perf_counter() - t0


def _machine_ceiling(paths: list[Path], workers: int) -> float:
    """The speed-up this machine gives ``workers`` bare processes doing the same extraction work:
    the most any scheduler could reach here (shared caches and memory bandwidth cost each core)."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        alone = pool.map(_timed_analyse, [paths])[0]
    with ctx.Pool(workers) as pool:
        together = pool.map(_timed_analyse, [paths] * workers)
    return workers * alone / max(together)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--big", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        generate(corpus, args.articles)
        words = sum(len(p.read_text().split()) for p in corpus.iterdir())
        print(f"corpus: {args.articles} generated articles, {words:,} words; load average before: "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs")
        load_nlp()  # loaded before the clock starts, as each Dask worker's WarmUp does

        with open_store(str(tmp / "serial.db")) as store:
            serial = run_batch([corpus], store)
            again = run_batch([corpus], store)
            serial_json = to_node_link_json(corpus_graph(store))
        s_rate = serial.added / serial.seconds
        print(f"serial: {serial.added} articles in {serial.seconds:.1f} s = {s_rate:.1f} articles/s")
        print(f"second run (all stored): {again.skipped} skipped in {again.seconds:.2f} s "
              f"({again.seconds / serial.seconds:.1%} of the first)")

        t0 = time.perf_counter()
        cluster, client = _cluster(args.workers)
        startup = time.perf_counter() - t0
        try:
            with open_store(str(tmp / "dask.db")) as store:
                par = run_batch([corpus], store, client=client)
                same = to_node_link_json(corpus_graph(store)) == serial_json
            p_rate = par.added / par.seconds
            print(f"dask, {args.workers} workers: cluster up and warm in {startup:.1f} s; "
                  f"{par.added} articles in {par.seconds:.1f} s = {p_rate:.1f} articles/s")
            ratio = p_rate / s_rate
            print(f"ratio dask/serial: {ratio:.2f} (target >= {TARGET_RATIO}: "
                  f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}); "
                  f"same corpus graph as serial: {same}")
            sample = sorted(corpus.iterdir())[:60]
            print(f"machine ceiling: {args.workers} bare processes (no Dask, no store) run "
                  f"{_machine_ceiling(sample, args.workers):.2f}x one process on the same work")
            print("peak memory per worker (ru_maxrss): "
                  + ", ".join(f"{m:.0f} MiB" for m in _worker_peak_mib(client)))
            print(f"this process (serial run, client): "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

            more = max(0, args.big - args.articles)
            if more:
                big = tmp / "big"
                big.mkdir()
                generate(big, more, seed=1, start=args.articles)
                with open_store(str(tmp / "dask.db")) as store:
                    extra = run_batch([big], store, client=client)
                print(f"store grown to {args.articles + extra.added} articles "
                      f"({extra.added} more in {extra.seconds:.1f} s on Dask)")
        finally:
            client.close()
            cluster.close()

        with open_store(str(tmp / "dask.db")) as store:
            n = store.counts()
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                G = corpus_graph(store)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            print(f"corpus graph of {G.graph['articles']} articles ({n['claims']:,} claims): "
                  f"{G.number_of_nodes()} actors, {G.number_of_edges()} edges, built in "
                  f"{med:.3f} s median of 5 (target <= {TARGET_GRAPH_S} s: "
                  f"{'met' if med <= TARGET_GRAPH_S else 'NOT met'})")
            since = dt.date(2024, 1, 1)
            t0 = time.perf_counter()
            H = corpus_graph(store, since=since)
            print(f"  with --since {since}: {H.graph['articles']} articles in "
                  f"{time.perf_counter() - t0:.3f} s")
        from components.corpus_view import drawing  # the page's drawing copy (no Streamlit run needed)

        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            page = render_html(drawing(G), height_px=600)
            times.append(time.perf_counter() - t0)
        print(f"drawing it as the Corpus page does: {statistics.median(times):.3f} s median of 3, "
              f"{len(page) / 1e6:.1f} MB of HTML")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
