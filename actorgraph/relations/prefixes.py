"""Stance prefixes: "an anti-Houthi coalition", "pro-government militias", "pro-Russian
separatists": the group a phrase names is against or for the one after the prefix."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ALLIANCE, HOSTILITY
from ..phrases import stance_prefix
from .context import Context, emit
from .helpers import denote
from .registry import construction

RELATION = {"anti": HOSTILITY, "pro": ALLIANCE}


@construction("stance_prefix_modifier", 0.75)
def stance_prefix_modifier(ctx: Context, tok: Token, sent: Span) -> None:
    """"an anti-Houthi, pro-government coalition fighting the Houthis": the coalition is hostile
    to the Houthis and allied with the government."""
    kind = stance_prefix(tok)
    if not kind or tok.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
        return
    head = tok.head
    while head.dep_ in ("amod", "compound", "nmod") and head.head is not head and head.i > tok.i:
        head = head.head  # "anti - Houthi" hang on each other before the noun
    party = ctx.res.prefixed.get(tok.i)
    if party is None:
        return
    group = [a for a in denote(ctx, head) if a != party]
    emit(ctx, group, [party], RELATION[kind], "stance_prefix_modifier", tok, sent)
