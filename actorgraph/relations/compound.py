"""Compound modifiers: "Iran-backed militias", "US-led coalition", "al-Qaeda-linked groups"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import AFFILIATION, ALLIANCE
from .context import Context, emit
from .helpers import denote, promote
from .registry import construction


@construction("compound_modifier", 0.85)
def compound_modifier(ctx: Context, tok: Token, sent: Span) -> None:
    """"Iran-backed militias": the backer sides with the noun it modifies."""
    kind = ctx.lex.compound_participles.get(tok.lower_)
    if kind is None or tok.i < 2 or ctx.doc[tok.i - 1].text not in ctx.words.hyphens:
        return
    if kind not in (ALLIANCE, AFFILIATION):
        return  # "Turkish-made drones", "Qatar-mediated talks": a supplier or a mediator
    res = ctx.res
    backer_tok = ctx.doc[tok.i - 2]
    backers = denote(ctx, backer_tok) or ([res.token_actor[backer_tok.i]] if backer_tok.i in res.token_actor else [])
    if backer_tok.i in res.inner_backers:  # "the Saudi-led coalition" is one name
        backers = [res.inner_backers[backer_tok.i]]
        ctx.pending.setdefault(backers[0], []).append(backer_tok.i)
    if not backers and backer_tok.i in res.modifier_actor:
        backers = [promote(ctx, backer_tok)]
    if not backers:
        return
    head = tok.head if tok.dep_ in ("amod", "compound", "acl") else None
    targets = denote(ctx, head) if head is not None else []
    if not targets:
        # the noun it modifies names nobody: the next actor within the phrase
        for t in ctx.doc[tok.i + 1: min(sent.end, tok.i + 8)]:
            if t.i in res.token_actor:
                targets = [res.token_actor[t.i]]
                break
            if t.pos_ == "VERB" or t.text in ctx.words.phrase_breaks:
                break
    # "al-Qaeda-linked" is a present tie, so an affiliation compound is an alliance too
    emit(ctx, backers, targets, ALLIANCE, "compound_modifier", tok, sent)
