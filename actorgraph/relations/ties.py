"""Ties between parties that are neither backing nor fighting: talks, membership, descent,
rupture and founding ("met with", "includes", "split from", "cut ties with", "formed")."""
from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import AFFILIATION, ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS
from .context import Context, emit
from .frames import live_verb
from .helpers import denote, including, objects, owners, pobjs, subjects
from .registry import construction
from .stance import dictionary_class, stance_relation


@construction("talks_verb", 0.6)
def talks_verb(ctx: Context, verb: Token, sent: Span) -> None:
    """"Kinshasa met with the M23", "Russia and Ukraine negotiated"."""
    if lemma(verb) not in ctx.lex.talk_verbs and dictionary_class(ctx, verb) != TALKS:
        return
    if stance_relation(ctx, verb) or not live_verb(ctx, verb):
        return
    parts = subjects(ctx, verb)
    others = objects(ctx, verb) + pobjs(ctx, verb, {"with"})
    if others:
        emit(ctx, parts, others, TALKS, "talks_verb", verb, sent, directed=False)
    elif len(parts) > 1:
        for a, b in combinations(parts, 2):
            emit(ctx, [a], [b], TALKS, "talks_verb", verb, sent, directed=False)


@construction("membership", 0.7)
def membership(ctx: Context, verb: Token, sent: Span) -> None:
    """"The alliance includes the Arakan Army and the TNLA"."""
    low = lemma(verb)
    if low not in ctx.lex.membership_verbs or low in ctx.lex.talk_verbs or stance_relation(ctx, verb) \
            or not live_verb(ctx, verb):
        return
    emit(ctx, objects(ctx, verb), subjects(ctx, verb), MEMBERSHIP, "membership", verb, sent)


@construction("split_from", 0.7)
def split_from(ctx: Context, verb: Token, sent: Span) -> None:
    """"grew out of the Janjaweed", "split from Boko Haram": a former affiliation."""
    low = lemma(verb)
    if low not in ctx.lex.origin_verbs or not live_verb(ctx, verb):
        return
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if not particles & set(ctx.lex.origin_verbs[low]):
        return
    heads = (verb.i, *[c.i for c in verb.children])
    sources = [a for x in verb.subtree if x.dep_ == "pobj" and x.head.lower_ in ctx.words.origin_preps
               and x.head.head.i in heads for a in denote(ctx, x)]
    emit(ctx, subjects(ctx, verb), sources, AFFILIATION, "split_from", verb, sent)


@construction("cut_ties", 0.75)
def cut_ties(ctx: Context, verb: Token, sent: Span) -> None:
    """"Kinshasa broke off relations with Kigali", "the Nusra Front cut its ties with al-Qaeda"."""
    if lemma(verb) not in ctx.lex.rupture_verbs or not live_verb(ctx, verb):
        return
    ties = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in ctx.lex.tie_nouns]
    if not ties:
        return
    others = pobjs(ctx, ties[0], {"with"}) + pobjs(ctx, verb, {"with"})
    for s_ in subjects(ctx, verb):
        kind = ctx.res.actors[s_].type
        # states break off relations in anger; a group cutting its ties leaves a parent
        rel = HOSTILITY if kind in ctx.words.state_like_types else AFFILIATION
        emit(ctx, [s_], others, rel, "cut_ties", verb, sent)


@construction("form_bloc", 0.7)
def form_bloc(ctx: Context, verb: Token, sent: Span) -> None:
    """"Mali, Burkina Faso and Niger formed the Alliance of Sahel States": the founders
    are allies and members of what they formed."""
    if lemma(verb) not in ctx.lex.formation_verbs or not live_verb(ctx, verb):
        return
    founders = subjects(ctx, verb)
    blocs = [c for c in verb.children if c.dep_ == "dobj"]
    if len(founders) < 2 or not blocs:
        return
    named = denote(ctx, blocs[0])
    if not named and lemma(blocs[0]) not in ctx.lex.bloc_nouns:
        return
    for a, b in combinations(founders, 2):
        emit(ctx, [a], [b], ALLIANCE, "form_bloc", verb, sent, directed=False)
    emit(ctx, founders, named, MEMBERSHIP, "form_bloc", verb, sent)


@construction("allies_named", 0.7)
def allies_named(ctx: Context, noun: Token, sent: Span) -> None:
    """"encouraging allies such as Germany to restrict…", "rallied partners including Japan": the
    allies a subject names are its allies."""
    if lemma(noun) not in ctx.words.ally_role_nouns or noun.dep_ != "dobj" or not live_verb(ctx, noun.head):
        return
    if owners(ctx, noun):
        return  # "Iran's allies such as X" is `appositive`'s
    named = including(ctx, noun)
    emit(ctx, [a for a in subjects(ctx, noun.head) if a not in named], named, ALLIANCE, "allies_named", noun, sent,
         directed=False)
