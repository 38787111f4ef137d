"""Stance verbs and their clause: "Iran backs the Houthis", "armed by Rwanda",
"sent troops to help the government fight the rebels"."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import AFFILIATION, ALLIANCE, HOSTILITY
from .cameo import stance_class
from .context import WEAK_DISCOUNT, Context, emit, frame
from .frames import live_verb
from .helpers import (SUBJECT_DEPS, agents, clause_objects, denote, fallback_subject, is_passive, objects,
                      patients, pobjs, subjects)
from .registry import construction


@dataclass
class Stance:
    """Who takes which stance towards whom in one verb's clause, and by which construction."""
    relation: str
    rule: str
    sources: list[str]
    targets: list[str]
    factor: float = 1.0
    foes: list[str] = field(default_factory=list)  # "backed X against Y"
    clause_targets: list[str] = field(default_factory=list)  # "help X fight Y"


def stance_relation(ctx: Context, verb: Token) -> str | None:
    """The stance a verb takes: from the project's lexicon first, then from the CAMEO dictionary."""
    low = lemma(verb)
    if low in ctx.lex.alliance_verbs or low in ctx.words.alliance_stance_verbs:
        return ALLIANCE
    if low in ctx.lex.hostility_verbs or low in ctx.words.hostility_stance_verbs:
        return HOSTILITY
    cls = dictionary_class(ctx, verb)
    return cls if cls in (ALLIANCE, HOSTILITY) else None


def dictionary_class(ctx: Context, verb: Token) -> str | None:
    """The class the CAMEO dictionary gives a verb the lexicon does not know (computed once)."""
    if not (verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB")):
        return None
    return frame(ctx, "cameo_class", verb, lambda _ctx, tok: stance_class(tok))


def _stance(ctx: Context, verb: Token) -> Stance | None:
    relation = stance_relation(ctx, verb)
    if relation is None or not live_verb(ctx, verb):
        return None
    low = lemma(verb)
    lex, words = ctx.lex, ctx.words
    factor = WEAK_DISCOUNT if low in lex.hostility_weak_verbs else 1.0
    former = any(c.lower_ in lex.former_markers for c in verb.children)
    if low in words.tie_verbs:
        relation = AFFILIATION if former else ALLIANCE
    if is_passive(ctx, verb):
        sources, targets = agents(ctx, verb), patients(ctx, verb)
        if low in words.tie_verbs or low in words.alliance_stance_verbs or not sources:
            with_ = pobjs(ctx, verb, words.tie_preps)
            if with_:
                sources, targets = patients(ctx, verb), with_
        rule = "passive_by_agent"
    else:
        sources = subjects(ctx, verb)
        targets = objects(ctx, verb)
        preps = set(words.hostile_preps if relation == HOSTILITY else words.alliance_preps)
        if relation == HOSTILITY and low in lex.with_hostility:
            preps |= {"with"}
        if relation == ALLIANCE and low in lex.with_alliance:
            preps |= {"with"}
        targets += [a for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                    for p in c.children if p.dep_ == "pobj" and lemma(p) not in lex.alliance_nouns
                    and lemma(p) not in words.side_nouns for a in denote(ctx, p)]
        if low in words.blame_verbs:  # "blamed the attack on Lashkar-e-Taiba"
            targets += [a for c in verb.children if c.dep_ == "dobj" for a in pobjs(ctx, c, {"on"})]
        rule = "hostile_verb" if relation == HOSTILITY else "alliance_verb"
    # "help the government fight the rebels": the helped is the subject of the clause
    clause_targets: list[str] = []
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") and relation == ALLIANCE:
            subj = [x for x in c.children if x.dep_ in SUBJECT_DEPS]
            if subj:
                targets += denote(ctx, subj[0])
                clause_targets.extend(clause_objects(ctx, c))
            elif targets:
                clause_targets.extend(clause_objects(ctx, c))
    if not sources and targets and rule != "passive_by_agent":
        sources = fallback_subject(ctx, verb, verb.sent, targets)
        rule = "word_order_fallback" if sources else rule
    foes: list[str] = []
    if relation == ALLIANCE:
        # "backed Congolese troops against the M23", "defending itself against the FDLR"
        foes = pobjs(ctx, verb, {"against"})
        if foes:
            targets = [t for t in targets if t not in foes]
    return Stance(relation, rule, sources, targets, factor, foes, clause_targets)


def stance(ctx: Context, verb: Token) -> Stance | None:
    return frame(ctx, "stance", verb, _stance)


def _emit_stance(ctx: Context, verb: Token, sent: Span, rule: str) -> None:
    st = stance(ctx, verb)
    if st is not None and st.rule == rule:
        emit(ctx, st.sources, st.targets, st.relation, rule, verb, sent, factor=st.factor)


@construction("alliance_verb", 0.75)
def alliance_verb(ctx: Context, verb: Token, sent: Span) -> None:
    """"Iran backs the Houthis", "Russia supplies the junta with drones"."""
    _emit_stance(ctx, verb, sent, "alliance_verb")


@construction("hostile_verb", 0.75)
def hostile_verb(ctx: Context, verb: Token, sent: Span) -> None:
    """"The RSF attacked El Fasher", "sanctioned Houthi leaders", "clashed with X"."""
    _emit_stance(ctx, verb, sent, "hostile_verb")


@construction("passive_by_agent", 0.8)
def passive_by_agent(ctx: Context, verb: Token, sent: Span) -> None:
    """"The Houthis are armed by Iran", "groups allied with the army"."""
    _emit_stance(ctx, verb, sent, "passive_by_agent")


@construction("word_order_fallback", 0.4)
def word_order_fallback(ctx: Context, verb: Token, sent: Span) -> None:
    """A stance verb without a parsed subject: the sentence's first named actor before it."""
    _emit_stance(ctx, verb, sent, "word_order_fallback")


@construction("purpose_clause", 0.6)
def purpose_clause(ctx: Context, verb: Token, sent: Span) -> None:
    """"sent troops to help Russia fight Ukraine", "backed the army against the M23": the helper
    and the helped face the same foe."""
    st = stance(ctx, verb)
    if st is None:
        return
    if st.foes:
        emit(ctx, st.sources + st.targets, st.foes, HOSTILITY, "purpose_clause", verb, sent)
    if st.clause_targets:  # "assisting the government to degrade and destroy ISIL": both fight it
        emit(ctx, st.sources + [t for t in st.targets if t not in st.clause_targets], st.clause_targets,
             HOSTILITY, "purpose_clause", verb, sent)
