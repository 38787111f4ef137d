"""Article → Extraction: parse, recognise actors, extract relations."""
from __future__ import annotations

from spacy.language import Language

from . import actors as actors_mod
from .model import Article, Extraction
from .nlp import load_nlp, parse
from .relations import extract_claims, to_relations


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Find the actors of ``article`` and the relations between them."""
    nlp = nlp or load_nlp()
    doc = parse(nlp, article.text)
    res = actors_mod.resolve(doc, nlp)
    claims, promoted = extract_claims(res)
    for tok_i, actor_id in promoted.items():
        span = doc[tok_i:tok_i + 1]
        res.actors[actor_id].add(span, res.sent_index[span.sent.start], acting=True)
    relations = to_relations(claims, res)
    involved = {r.source for r in relations} | {r.target for r in relations}
    actors = actors_mod.finalize(res, involved)
    kept = {a.id for a in actors}
    relations = [r for r in relations if r.source in kept and r.target in kept]
    return Extraction(article=article, actors=tuple(actors), relations=tuple(relations),
                      notices=article.notices)


def extract_text(text: str, nlp: Language | None = None, source: str = "pasted text") -> Extraction:
    from .ingest import read_text

    return extract(read_text(text, source=source), nlp)


def extract_bytes(data: bytes, filename: str = "", nlp: Language | None = None) -> Extraction:
    from .ingest import read_bytes

    return extract(read_bytes(data, filename), nlp)
