"""Event nouns: "its war with Israel", "attacks on X", "with the help of Russia",
"talks between X and Y", "a defence pact with X", "the fighting between X and Y".

One reading of each event noun (`noun_event`) decides which shape the phrase has; each shape
is a construction that emits the claims of that shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY, TALKS
from .context import PRONOUN_DISCOUNT, Context, emit, frame
from .helpers import (SUBJECT_DEPS, beneficiaries, denote, denote_excluding, fallback_subject, helpers_in,
                      negated, owners, pobjs, predicate_of, predicate_objects, promote, speaker, subjects,
                      subjects_of_phrase)
from .registry import construction


@dataclass(frozen=True)
class Planned:
    rule: str
    sources: list[str]
    targets: list[str]
    relation: str
    directed: bool = True
    factor: float = 1.0


def _pairs(rule: str, parties: list[str], relation: str) -> list[Planned]:
    return [Planned(rule, [a], [b], relation, directed=False) for a, b in combinations(parties, 2)]


def is_event_noun(ctx: Context, tok: Token) -> bool:
    low = lemma(tok)
    nominal = tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG" and tok.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj")  # "Fighting between X and Y has stopped"
    lex = ctx.lex
    return nominal and (low in lex.hostility_nouns or low in lex.alliance_nouns or low in lex.talk_nouns)


def _noun_event(ctx: Context, noun: Token) -> list[Planned]:
    if not is_event_noun(ctx, noun) or negated(ctx, noun):
        return []
    low = lemma(noun)
    lex, words = ctx.lex, ctx.words
    sent = noun.sent
    if low in lex.talk_nouns:
        pairs = pobjs(ctx, noun, {"between", "with"})
        own = owners(ctx, noun)
        if len(pairs) > 1 and not own:
            return _pairs("talks_noun", pairs, TALKS)
        return [Planned("talks_noun", own, pairs, TALKS, directed=False)]
    relation = HOSTILITY if low in lex.hostility_nouns else ALLIANCE
    if low in lex.alliance_nouns_weak:
        # a defence pact binds allies; a peace deal or a ceasefire accord is talk between foes
        if not any(lemma(c) in lex.alliance_pact_modifiers for c in noun.children):
            return []
        partners = pobjs(ctx, noun, {"with", "between"})
        own = owners(ctx, noun) or subjects_of_phrase(ctx, noun)
        plan = [Planned("pact_noun", own, partners, ALLIANCE, directed=False)]
        if not own and len(partners) > 1:
            plan += _pairs("pact_noun", partners, ALLIANCE)
        return plan
    # "with the help of X", "with US assistance": X sides with the clause's subject
    if relation == ALLIANCE and noun.dep_ == "pobj" and noun.head.lower_ == "with":
        helpers = pobjs(ctx, noun, {"of", "from"}) + owners(ctx, noun)
        predicate = predicate_of(ctx, noun.head)
        if not helpers or predicate is None:
            return []
        helped = subjects(ctx, predicate) if predicate.pos_ in ("VERB", "AUX") else []
        if not helped:
            helped = fallback_subject(ctx, predicate, sent, helpers)
        plan = [Planned("with_the_help_of", helpers, helped, ALLIANCE)]
        if lemma(predicate) in lex.hostility_verbs or lemma(predicate) in lex.hostility_nouns:
            plan.append(Planned("helper_hostility", helpers, predicate_objects(ctx, predicate), HOSTILITY))
        return plan
    if noun.dep_ == "dobj" and lemma(noun.head) in words.blame_verbs:
        return []  # "blamed the attack on X": X made the attack, nobody attacked X
    own = owners(ctx, noun)
    preps = set(words.hostile_preps if relation == HOSTILITY else words.alliance_preps)
    if relation == HOSTILITY and low in lex.with_hostility:
        preps |= {"with"}
    targets = pobjs(ctx, noun, preps)
    if relation == ALLIANCE:
        own = own or pobjs(ctx, noun, {"from", "by"})
    else:
        own = own or pobjs(ctx, noun, {"by"})
    between = pobjs(ctx, noun, {"between"})
    if relation == HOSTILITY and len(between) > 1:
        return _pairs("fighting_between", between, HOSTILITY)
    # a hostile noun used as a verb by a broken parse ("combat ISIS militants")
    if relation == HOSTILITY and not targets:
        targets = [a for c in noun.children if c.dep_ == "dobj" for a in denote(ctx, c)]
    governor = noun.head
    # "launched waves of strikes on X": through prepositions and quantity nouns to the verb
    while (governor.dep_ == "prep" or lemma(governor) in lex.transparent_nouns) and governor.head is not governor:
        governor = governor.head
    light = noun.dep_ in ("dobj", "pobj", "ccomp") and lemma(governor) in lex.light_verbs \
        and governor.pos_ in ("VERB", "AUX")
    if light and not targets:
        targets = pobjs(ctx, governor, preps)
    if not own and light:
        own = subjects(ctx, governor)
        if relation == ALLIANCE and not targets:
            targets = pobjs(ctx, governor, set(words.alliance_preps)) + beneficiaries(ctx, noun, governor)
    if relation == ALLIANCE and not targets and noun.dep_ == "dobj" and noun.head.pos_ == "VERB" \
            and lemma(noun.head) not in lex.light_verbs:
        # "provide whatever support it needs": the one who needs it is helped
        needer = [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]
        if needer and noun.head.head.i != noun.head.i and lemma(noun.head.head) in lex.light_verbs:
            giver = subjects(ctx, noun.head.head)
            helped = denote_excluding(ctx, needer[0], set(giver) | helpers_in(ctx, sent))
            return [Planned("support_needed", giver, helped, ALLIANCE)]
    rule = "event_noun"
    if relation == HOSTILITY and targets and not own and not light and pobjs(ctx, noun, {"with", "against"}):
        # "locked in a border conflict with Cambodia", "at war with the government"
        rule = "conflict_noun_with"
        own = [a for a in subjects_of_phrase(ctx, noun) if a not in targets]
        if not own and noun.dep_ in SUBJECT_DEPS:
            # "Clashes with Hamas killed three soldiers, the Israeli military said"
            own = [a for a in speaker(ctx, noun) if a not in targets]
    if relation == HOSTILITY and own and not targets and lemma(governor) in lex.undergo_verbs:
        # "his fighters were responding to attacks by the army": the army attacks them
        targets = [a for a in subjects(ctx, governor) if a not in own]
    if own and targets:
        pron = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
        return [Planned(rule, own, targets, relation, factor=PRONOUN_DISCOUNT if pron else 1.0)]
    if relation == HOSTILITY and targets and not own and noun.dep_ in ("compound", "ROOT", "nsubj") \
            and any(c.dep_ == "dobj" for c in noun.children):
        return [Planned("noun_as_verb", fallback_subject(ctx, noun, sent, targets), targets, HOSTILITY)]
    # "Russia has focused on war in Ukraine": a war in a state, waged by someone named
    if relation == HOSTILITY and low in words.war_nouns and (own or light):
        places = []
        kids = list(noun.children) + (list(governor.children) if light and noun.dep_ == "pobj" else [])
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in words.war_place_preps:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in ctx.res.place_actor:
                        places.append(promote(ctx, p))
        return [Planned("war_in", own, places, HOSTILITY)]
    return []


def noun_event(ctx: Context, noun: Token) -> list[Planned]:
    return frame(ctx, "noun_event", noun, _noun_event)


def _emit_planned(ctx: Context, noun: Token, sent: Span, rule: str) -> None:
    for p in noun_event(ctx, noun):
        if p.rule == rule:
            emit(ctx, p.sources, p.targets, p.relation, rule, noun, sent, directed=p.directed, factor=p.factor)


@construction("talks_noun", 0.6)
def talks_noun(ctx: Context, noun: Token, sent: Span) -> None:
    """"talks between Kinshasa and the M23", "a ceasefire between the junta and the MNDAA"."""
    _emit_planned(ctx, noun, sent, "talks_noun")


@construction("pact_noun", 0.65)
def pact_noun(ctx: Context, noun: Token, sent: Span) -> None:
    """"a defence pact with Russia", "a military alliance between X and Y"."""
    _emit_planned(ctx, noun, sent, "pact_noun")


@construction("with_the_help_of", 0.75)
def with_the_help_of(ctx: Context, noun: Token, sent: Span) -> None:
    """"took the town with the help of Russian mercenaries", "with US assistance"."""
    _emit_planned(ctx, noun, sent, "with_the_help_of")


@construction("helper_hostility", 0.5)
def helper_hostility(ctx: Context, noun: Token, sent: Span) -> None:
    """"combats IS with US assistance": the helper shares the fight against its foe."""
    _emit_planned(ctx, noun, sent, "helper_hostility")


@construction("fighting_between", 0.65)
def fighting_between(ctx: Context, noun: Token, sent: Span) -> None:
    """"the fighting between the army and the RSF", "clashes between X and Y"."""
    _emit_planned(ctx, noun, sent, "fighting_between")


@construction("support_needed", 0.65)
def support_needed(ctx: Context, noun: Token, sent: Span) -> None:
    """"will provide whatever help Hezbollah needs": the one who needs it is helped."""
    _emit_planned(ctx, noun, sent, "support_needed")


@construction("event_noun", 0.65)
def event_noun(ctx: Context, noun: Token, sent: Span) -> None:
    """"Israel's war on Hamas", "attacks on US troops by the militias", "Russian support for X"."""
    _emit_planned(ctx, noun, sent, "event_noun")


@construction("conflict_noun_with", 0.65)
def conflict_noun_with(ctx: Context, noun: Token, sent: Span) -> None:
    """"locked in a border conflict with Cambodia", "at war with the government"."""
    _emit_planned(ctx, noun, sent, "conflict_noun_with")


@construction("noun_as_verb", 0.4)
def noun_as_verb(ctx: Context, noun: Token, sent: Span) -> None:
    """A hostile noun the parser took for a verb's object ("combat ISIS militants")."""
    _emit_planned(ctx, noun, sent, "noun_as_verb")


@construction("war_in", 0.45)
def war_in(ctx: Context, noun: Token, sent: Span) -> None:
    """"Russia's war in Ukraine": a war in a state is waged against it."""
    _emit_planned(ctx, noun, sent, "war_in")
