"""Concurrent sessions against ONE `streamlit run app.py` server: each uploads a different article
and must see only its own graph (target: 100 % success and p95 < 10 s with 10 sessions).

    .venv/bin/python benchmarks/load_sessions.py [--sessions 10] [--cold]

One worker process per session, each with its own Chromium (Debian's, via Playwright), all on
127.0.0.1. Session i uploads ``session-<i>.txt``: a shipped sample (``sample_articles/*.txt``, in
turn) plus a sentence naming an armed group of its own ("The Amber Brigade attacked …"). The
workers open Home, wait for each other, then upload at the same moment; the time to graph runs from
``set_input_files`` to vis-network's finished stabilisation in the graph frame. A session
succeeds when its graph holds its own brigade and no other session's, and the sidebar names its
own file. With ``--hostile``, session 0 uploads instead 200 KB of "(" (spaCy's tokenizer is
quadratic on such runs: it once took an hour) and succeeds when the page shows the notice that
the run was shortened; p95 is then over the other sessions. The model is loaded by one upload before (``--cold``: not). The server's memory is
read from /proc/<pid>/status (VmRSS polled, VmHWM its peak). Everything stops by itself: every
wait is bounded and the server's process group is killed at the end.
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.browser import (  # noqa: E402
    APP, JS_LABELS, Chromium, StreamlitServer, chromium_available, open_app, upload, wait_graph,
)

SAMPLES = sorted((ROOT / "sample_articles").glob("*.txt"))
CODES = ("Amber", "Basalt", "Cobalt", "Dune", "Ember", "Falcon", "Granite", "Harbor", "Indigo",
         "Juniper", "Kestrel", "Lantern", "Meridian", "Nimbus", "Onyx", "Pillar", "Quartz",
         "Raven", "Sable", "Tundra")
TARGET_P95_S = 10.0
GRAPH_TIMEOUT_S = 60.0
BARRIER_TIMEOUT_S = 120.0


def brigade(i: int) -> str:
    return f"{CODES[i % len(CODES)]} Brigade" + (f" {i // len(CODES) + 1}" if i >= len(CODES) else "")


def article(i: int) -> tuple[str, bytes]:
    base = SAMPLES[i % len(SAMPLES)].read_text(encoding="utf-8").rstrip()
    text = f"{base}\n\nThe {brigade(i)} attacked the Syrian army near the border on Sunday.\n"
    return f"session-{i:02d}.txt", text.encode("utf-8")


HOSTILE_NAME = "hostile-brackets.txt"
HOSTILE_DATA = b"(" * 200_000
HOSTILE_MESSAGE = "symbols in a row was shortened"


def hostile_session(page, out: dict) -> None:
    """The hostile upload: its message must appear within the graph timeout."""
    t0 = time.perf_counter()
    upload(page, name=HOSTILE_NAME, data=HOSTILE_DATA)
    page.get_by_text(HOSTILE_MESSAGE, exact=False).first.wait_for(timeout=GRAPH_TIMEOUT_S * 1000)
    out["seconds"] = time.perf_counter() - t0
    out["ok"] = True


def session(i: int, n: int, url: str, barrier, results, hostile: bool = False) -> None:
    """One user: open Home, wait for the others, upload, wait for the graph, check it."""
    from playwright.sync_api import sync_playwright

    out = {"session": i, "ok": False, "seconds": None, "error": None}
    try:
        name, data = article(i)
        with sync_playwright() as pw, Chromium(pw) as browser:
            page = browser.new_page()
            open_app(page, url)
            barrier.wait(timeout=BARRIER_TIMEOUT_S)
            if hostile and i == 0:
                hostile_session(page, out)
                results.put(out)
                return
            t0 = time.perf_counter()
            upload(page, name=name, data=data)
            frame = wait_graph(page, timeout=GRAPH_TIMEOUT_S, poll=0.05)
            out["seconds"] = time.perf_counter() - t0
            labels = frame.evaluate(JS_LABELS)
            others = [brigade(j) for j in range(n) if j != i and brigade(j) in labels]
            sidebar = page.locator("[data-testid=stSidebar]").inner_text()
            problems = []
            if brigade(i) not in labels:
                problems.append(f"its own {brigade(i)!r} is missing")
            if others:
                problems.append(f"other sessions' actors shown: {others}")
            if f"Source: {name}" not in sidebar:
                problems.append(f"the sidebar does not name {name}")
            out["ok"] = not problems
            out["error"] = "; ".join(problems) or None
            results.put(out)  # before Chromium closes: the parent's clock stops at the last one
            out = None
    except Exception as exc:  # reported, not raised: the parent counts it as a failure
        out = out or {"session": i, "ok": False, "seconds": None}
        out["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        out["trace"] = traceback.format_exc(limit=3)
        try:
            barrier.abort()  # do not keep the others waiting for this one
        except Exception:
            pass
    if out is not None:
        results.put(out)


def warm_up(url: str) -> float:
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    with sync_playwright() as pw, Chromium(pw) as browser:
        page = browser.new_page()
        open_app(page, url)
        upload(page, name="warm-up.txt", data=SAMPLES[0].read_bytes())
        wait_graph(page, timeout=120)
    return time.perf_counter() - t0


def _cpu_by_process(server_pid: int) -> dict[tuple[int, str], tuple[str, float]]:
    """{(pid, start time): (kind, CPU seconds used so far)} of the processes alive now."""
    hz = os.sysconf("SC_CLK_TCK")
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kind = ("server" if int(proc.name) == server_pid else "chromium" if b"chromium" in cmd
                else "playwright" if b"playwright" in cmd
                else "workers" if b"multiprocessing" in cmd else "other")
        found[(int(proc.name), fields[19])] = (kind, (int(fields[11]) + int(fields[12])) / hz)
    return found


def _machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p95 of 10 values is the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--cold", action="store_true", help="no warm-up: the sessions load the model")
    ap.add_argument("--hostile", action="store_true",
                    help="session 0 uploads 200 KB of '(' instead of an article")
    ap.add_argument("--app", type=Path, default=APP, help="the app to serve (default: app.py)")
    args = ap.parse_args()
    if not chromium_available():
        print("/usr/bin/chromium is missing (make browser)")
        return 1
    n = args.sessions
    ctx = mp.get_context("spawn")
    with StreamlitServer(app=args.app) as server:
        print(f"server pid {server.pid} on {server.url}; {n} sessions, one Chromium each; "
              f"{mp.cpu_count()} CPUs")
        if not args.cold:
            print(f"warm-up upload (loads the model): {warm_up(server.url):.2f} s")
        rss_start = server.rss_kib()[0]
        peak = [rss_start]
        stop = threading.Event()
        measuring = threading.Event()
        cpu_first: dict = {}  # process → CPU s when first seen while measuring
        cpu_last: dict = {}  # process → CPU s when last seen (a process may end before the end)

        def poll_memory() -> None:
            ticks = 0
            while not stop.is_set():
                peak[0] = max(peak[0], server.rss_kib()[0])
                if measuring.is_set() and ticks % 10 == 0:  # every 0.5 s: /proc scans cost CPU
                    for key, value in _cpu_by_process(server.pid).items():
                        cpu_first.setdefault(key, value)
                        cpu_last[key] = value
                ticks += 1
                stop.wait(0.05)

        poller = threading.Thread(target=poll_memory, daemon=True)
        poller.start()
        barrier = ctx.Barrier(n + 1)  # the sessions, and this process to start the clocks
        results = ctx.Queue()
        workers = [ctx.Process(target=session, args=(i, n, server.url, barrier, results, args.hostile))
                   for i in range(n)]
        for w in workers:
            w.start()
        try:
            barrier.wait(timeout=BARRIER_TIMEOUT_S)
        except Exception:  # threading.BrokenBarrierError: a session failed before uploading
            pass
        cpu_start, machine_start = server.cpu_seconds(), _machine_cpu()
        cpu_first.update(_cpu_by_process(server.pid))
        measuring.set()
        wall_start = time.monotonic()
        got = []
        deadline = time.monotonic() + BARRIER_TIMEOUT_S + GRAPH_TIMEOUT_S + 60
        while len(got) < n and time.monotonic() < deadline:
            try:
                got.append(results.get(timeout=1))
            except Exception:  # queue.Empty: keep waiting until the deadline
                if not any(w.is_alive() for w in workers) and results.empty():
                    break
        wall = time.monotonic() - wall_start
        server_cpu = server.cpu_seconds() - cpu_start
        busy, total = (b - a for a, b in zip(machine_start, _machine_cpu()))
        measuring.clear()
        kinds: dict[str, float] = {}
        for key, (_, used) in cpu_last.items():
            kind, first = cpu_first[key]  # its kind when first seen (an ending one loses its name)
            kinds[kind] = kinds.get(kind, 0.0) + used - first
        for w in workers:
            w.join(timeout=20)
            if w.is_alive():
                w.terminate()
                w.join(timeout=5)
        stop.set()
        poller.join(timeout=2)
        rss_end, hwm = server.rss_kib()

    ok = [r for r in got if r["ok"]]
    times = [r["seconds"] for r in ok if not (args.hostile and r["session"] == 0)]
    print(f"\nsuccess: {len(ok)}/{n} ({100 * len(ok) / n:.0f} %)")
    for r in sorted(got, key=lambda r: r["session"]):
        secs = f"{r['seconds']:.2f} s" if r["seconds"] is not None else "—"
        name = HOSTILE_NAME if args.hostile and r["session"] == 0 else article(r["session"])[0]
        print(f"  session {r['session']:2d} {name}: {secs:>8} "
              f"{'ok' if r['ok'] else 'FAILED: ' + str(r['error'])}")
        if not r["ok"] and r.get("trace"):
            print("    " + r["trace"].strip().replace("\n", "\n    "))
    missing = n - len(got)
    if missing:
        print(f"  {missing} session(s) never reported (killed at the deadline)")
    if times:
        p50, p95 = statistics.median(times), percentile(times, 95)
        print(f"time to graph: p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(times):.2f} s")
    else:
        p95 = float("inf")
    print(f"server memory: {rss_start / 1024:.0f} MiB before the sessions, peak (polled VmRSS) "
          f"{peak[0] / 1024:.0f} MiB, VmHWM {hwm / 1024:.0f} MiB, {rss_end / 1024:.0f} MiB after")
    print(f"CPU from the uploads to the last report ({wall:.1f} s): the machine was "
          f"{100 * busy / max(total, 1):.0f} % busy on {mp.cpu_count()} cores; CPU-s used: "
          + ", ".join(f"{k} {kinds.get(k, 0.0):.1f}" for k in
                      ("server", "chromium", "playwright", "workers", "other"))
          + f" (server: {server_cpu / n:.2f} per session)")
    met = len(ok) == n and p95 < TARGET_P95_S
    print(f"target 100 % success and p95 < {TARGET_P95_S:.0f} s: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
