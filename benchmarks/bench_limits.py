"""Time and memory of the engine on hostile sizes: a 100,000-character sentence with no
punctuation, and 10,000 paragraphs (cut to the engine's limit). Prints figures, asserts nothing."""
from __future__ import annotations

import resource
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
warnings.filterwarnings("ignore")

from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.ingest import read_text  # noqa: E402
from actorgraph.nlp import load_nlp  # noqa: E402
from actorgraph.pipeline import extract  # noqa: E402

CASES = {
    "100,000-character sentence, no punctuation": " ".join(
        "Iran backed Hezbollah while Russia fought Ukraine and the rebels attacked the army".split() * 1300
    )[:100_000],
    "10,000 paragraphs": "\n\n".join(
        f"The rebels attacked the army near town {i}. Iran backed the group." for i in range(10_000)),
}


def main() -> int:
    nlp = load_nlp()
    nlp("warm up")
    for name, text in CASES.items():
        started = time.perf_counter()
        article = read_text(text)
        t_ingest = time.perf_counter() - started
        doc_started = time.perf_counter()
        nlp(article.text)
        t_spacy = time.perf_counter() - doc_started
        started = time.perf_counter()
        ex = extract(article, nlp)
        G = build_graph(ex)
        t_all = time.perf_counter() - started
        print(f"{name}: {len(article.text):,} chars analysed; ingest {t_ingest:.2f} s, bare spaCy "
              f"{t_spacy:.2f} s, extract+graph {t_all:.2f} s; {len(ex.actors)} actors, "
              f"{G.number_of_edges()} edges; notices: {list(article.notices) or 'none'}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
