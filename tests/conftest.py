"""Shared fixtures: the spaCy pipeline is loaded once for the whole session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
REFERENCE = SAMPLES / "01_syria-iraqi-militias.txt"


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
