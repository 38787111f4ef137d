"""Relation extraction: sentences → typed, evidenced claims between resolved actors.

Each construction is a small function registered once (`registry.construction`) in the module
of its family; its name is its id in the construction table, the ``rule`` of its claims and the
key of its confidence. The shared reading of the parse (who a phrase refers to, who does what,
negation) is in `helpers`; the word lists are data (``kb/data/lexicon.json``,
``kb/data/relation_words.json``). Every claim keeps its sentence, its cue and its construction.
"""
from __future__ import annotations

from ..actors import Resolution, is_headline
from ..lexicon import load_lexicon
# the families, in the order their constructions run on each token
from . import compound, prefixes, frames, stance, statements, coordination, ties, nouns, roles, events  # noqa: F401,E402
from .context import Claim, Context
from .evidence import to_relations
from .helpers import is_plural
from .registry import CONSTRUCTIONS, Construction
from .words import load_words

__all__ = ["Claim", "CONSTRUCTIONS", "Construction", "extract_claims", "to_relations"]


def extract_claims(res: Resolution) -> tuple[list[Claim], dict[int, str]]:
    """All claims of the document, and the place tokens that relations made actors."""
    ctx = Context(res=res, lex=load_lexicon(), words=load_words(),
                  plural={aid: is_plural(a.label) for aid, a in res.actors.items()})
    rules = [c.fn for c in CONSTRUCTIONS.values()]
    for sent in res.doc.sents:
        if is_headline(sent):
            continue
        for tok in sent:
            ctx.pending.clear()
            for rule in rules:
                rule(ctx, tok, sent)
    return ctx.claims, ctx.promoted
