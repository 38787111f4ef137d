"""Verb frames whose meaning lies in a particle, a preposition or the kind of object:
"sent weapons to X", "seized a town from X", "lost Lashio to X", "fired rockets at X"."""
from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY
from .context import Context, emit, frame
from .helpers import denote, negated, objects, owners, pobjs, subjects
from .registry import construction


def live_verb(ctx: Context, tok: Token) -> bool:
    """A verb that is not negated or denied: the only kind a verb construction reads."""
    def check(ctx: Context, tok: Token) -> bool:
        return (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")) and not negated(ctx, tok)
    return frame(ctx, "live_verb", tok, check)


@construction("supply_to", 0.75)
def supply_to(ctx: Context, verb: Token, sent: Span) -> None:
    """"shipped artillery shells to Moscow", "contributed soldiers to the task force"."""
    lex = ctx.lex
    if lemma(verb) not in lex.supply_verbs or not live_verb(ctx, verb):
        return
    goods = [c for c in verb.children if c.dep_ == "dobj" and (lemma(c) in lex.supply_nouns or any(
        lemma(x) in lex.supply_nouns for x in c.subtree if x.dep_ == "pobj"))]
    if goods:
        to = ctx.words.recipient_preps
        emit(ctx, subjects(ctx, verb), pobjs(ctx, verb, {"to"}) + pobjs(ctx, goods[0], to),
             ALLIANCE, "supply_to", verb, sent)


@construction("capture_from", 0.75)
def capture_from(ctx: Context, verb: Token, sent: Span) -> None:
    """"seized Mogok from the military", "regained control of X from Y"."""
    if lemma(verb) not in ctx.lex.capture_verbs or not live_verb(ctx, verb):
        return
    losers = pobjs(ctx, verb, {"from"}) + [
        a for c in verb.children if c.dep_ == "dobj" for x in c.subtree
        if x.dep_ == "prep" and x.lower_ == "from" and x.i - c.i < 12 for a in pobjs(ctx, x.head, {"from"})]
    emit(ctx, subjects(ctx, verb), losers, HOSTILITY, "capture_from", verb, sent)


@construction("inflict_losses", 0.75)
def inflict_losses(ctx: Context, verb: Token, sent: Span) -> None:
    """"inflicted heavy losses on X"."""
    lex = ctx.lex
    if lemma(verb) not in lex.infliction_verbs or not live_verb(ctx, verb):
        return
    if not any(c.dep_ == "dobj" and lemma(c) in lex.harm_nouns for c in verb.children):
        return
    on = ctx.words.impact_preps
    victims = pobjs(ctx, verb, on) + [a for c in verb.children if c.dep_ == "dobj" for a in pobjs(ctx, c, on)]
    emit(ctx, subjects(ctx, verb), victims, HOSTILITY, "inflict_losses", verb, sent)


@construction("push_back", 0.75)
def push_back(ctx: Context, verb: Token, sent: Span) -> None:
    """"pushed back IS", "drove out the jihadists": a verb whose particle makes it hostile."""
    low = lemma(verb)
    if low not in ctx.lex.repel_verbs or not live_verb(ctx, verb):
        return
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in ctx.lex.repel_verbs[low] for c in verb.children):
        emit(ctx, subjects(ctx, verb), objects(ctx, verb), HOSTILITY, "push_back", verb, sent)


@construction("lose_to", 0.75)
def lose_to(ctx: Context, verb: Token, sent: Span) -> None:
    """"the junta lost Lashio to the MNDAA"."""
    if lemma(verb) not in ctx.lex.loss_verbs or not live_verb(ctx, verb):
        return
    emit(ctx, subjects(ctx, verb), pobjs(ctx, verb, {"to"}), HOSTILITY, "lose_to", verb, sent)


@construction("on_the_side_of", 0.7)
def on_the_side_of(ctx: Context, verb: Token, sent: Span) -> None:
    """"fight on the army's side", "on the side of the government"."""
    if not live_verb(ctx, verb):
        return
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            for side in c.children:
                if side.dep_ == "pobj" and lemma(side) in ctx.words.side_nouns:
                    friends = owners(ctx, side) + pobjs(ctx, side, {"of"})
                    emit(ctx, subjects(ctx, verb), friends, ALLIANCE, "on_the_side_of", verb, sent, directed=False)


@construction("each_other", 0.75)
def each_other(ctx: Context, verb: Token, sent: Span) -> None:
    """"the two groups have fought each other": the subjects stand to one another."""
    low = lemma(verb)
    lex = ctx.lex
    if not (low in lex.hostility_verbs or low in lex.alliance_verbs) or not live_verb(ctx, verb):
        return
    if not any(c.dep_ == "dobj" and c.lower_ in ctx.words.reciprocal_pronouns and any(
            x.lower_ in ctx.words.reciprocal_quantifiers for x in c.children) for c in verb.children):
        return
    rel = HOSTILITY if low in lex.hostility_verbs else ALLIANCE
    for a, b in combinations(subjects(ctx, verb), 2):
        emit(ctx, [a], [b], rel, "each_other", verb, sent, directed=False)


@construction("stand_behind", 0.75)
def stand_behind(ctx: Context, verb: Token, sent: Span) -> None:
    """"Egypt stands behind the Sudanese army", "sided with the junta"."""
    low = lemma(verb)
    if low not in ctx.lex.stance_verb_preps or not live_verb(ctx, verb):
        return
    allies = pobjs(ctx, verb, set(ctx.lex.stance_verb_preps[low]))
    emit(ctx, subjects(ctx, verb), allies, ALLIANCE, "stand_behind", verb, sent)


@construction("fire_at", 0.75)
def fire_at(ctx: Context, verb: Token, sent: Span) -> None:
    """"fired rockets at Israel", "launched drones at a US base"."""
    lex = ctx.lex
    if lemma(verb) not in lex.firing_verbs or not live_verb(ctx, verb):
        return
    weapons = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in lex.weapon_nouns]
    if not weapons:
        return
    targets = []
    for c in list(verb.children) + list(weapons[0].children):
        if c.dep_ == "prep" and c.lower_ in ctx.words.aim_at_preps:
            targets += [a for p in c.children if p.dep_ == "pobj" for a in denote(ctx, p, places=True)]
    emit(ctx, subjects(ctx, verb), targets, HOSTILITY, "fire_at", verb, sent)


@construction("receive_from", 0.7)
def receive_from(ctx: Context, verb: Token, sent: Span) -> None:
    """"received paramilitary training from RIM", "obtained weapons from Iran": the giver backs
    the receiver."""
    lex = ctx.lex
    if lemma(verb) not in ctx.words.receipt_verbs or not live_verb(ctx, verb):
        return
    goods = [c for c in verb.children if c.dep_ == "dobj" and (lemma(c) in lex.supply_nouns or
                                                              lemma(c) in lex.alliance_nouns)]
    if not goods:
        return
    givers = [a for head in (verb, goods[0]) for c in head.children if c.dep_ == "prep" and c.lower_ == "from"
              for p in c.children if p.dep_ == "pobj" for a in denote(ctx, p, places=True)]
    receivers = [a for a in subjects(ctx, verb) if a not in givers]
    emit(ctx, givers, receivers, ALLIANCE, "receive_from", verb, sent)
