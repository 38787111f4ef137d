"""Peak RSS and time of one extraction on the hostile inputs of issue 8, each in a fresh
process (ru_maxrss is a high-water mark, so one process per input). Target: peak RSS <= 600 MB
on any input up to the limits. Prints figures, asserts nothing.

    python benchmarks/bench_hostile_memory.py [CASE ...]
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "200 KB of '('": "b'(' * 200_000",
    "200 KB of '([{\"'": "b'([{\"' * 50_000",
    "200 KB of 'a '": "b'a ' * 100_000",
    "200 KB of '<a '": "b'<a ' * 66_666",
    "9.9 MB of prose": "(b'The army said rebels attacked the town on Monday, officials said.\\n\\n' * 160_000)[:10_380_000]",
    "1.4 MB of invented brigades": "' '.join(f'The {i} Brigade attacked the Zeta{i} Brigade.' for i in range(40_000)).encode()[:1_400_000]",
    "200,000 characters of real-looking prose": "(b'Iran backed Hezbollah in Lebanon while Russia fought Ukraine near Kursk. ' * 3000)[:200_000]",
}

CHILD = r"""
import json, resource, sys, time, warnings
warnings.filterwarnings("ignore")
sys.path.insert(0, sys.argv[1])
from actorgraph.nlp import load_nlp
from actorgraph.ingest import read_bytes
from actorgraph.pipeline import extract
from actorgraph.graph import build_graph
nlp = load_nlp(); nlp("warm up.")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = eval(sys.argv[2])
t = time.perf_counter()
G = build_graph(extract(read_bytes(data, "input.txt"), nlp))
print(json.dumps({"seconds": time.perf_counter() - t, "base_mb": base, "actors": len(G),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(argv: list[str]) -> int:
    names = [n for n in CASES if not argv or any(a in n for a in argv)]
    print(f"{'input':42} {'seconds':>8} {'actors':>7} {'model MB':>9} {'peak RSS MB':>12}")
    for name in names:
        proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), CASES[name]],
                              capture_output=True, text=True, check=False)
        if proc.returncode:
            print(f"{name:42} failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name:42} {r['seconds']:8.1f} {r['actors']:7d} {r['base_mb']:9.0f} {r['peak_mb']:12.0f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
