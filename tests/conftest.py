"""Shared fixtures: the spaCy pipeline is loaded once for the whole session."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
REFERENCE = SAMPLES / "01_syria-iraqi-militias.txt"
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"  # the project's scorer, beside the repository


@pytest.fixture(scope="session")
def score():
    """../shared/eval/score.py as a module (its score_one and summary), or a skip saying why."""
    if not SCORE_PY.exists():
        pytest.skip(f"the evaluation script {SCORE_PY} is not there (it lives outside this repository)")
    spec = importlib.util.spec_from_file_location("actorgraph_eval_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp():
    from actorgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Text → Extraction with the real pipeline."""
    from actorgraph.model import Article
    from actorgraph.pipeline import extract

    def run(text: str):
        return extract(Article(text=text), nlp)

    return run


def actor_by_mention(extraction, mention: str):
    for a in extraction.actors:
        if mention in a.mentions or mention == a.label:
            return a
    return None
