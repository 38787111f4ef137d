"""Acting together and acts done to someone: "in cooperation with X", "together with X",
"jointly with X"; "the detention of X by Y", "Y's killing of X", "killed in a US operation"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY
from .context import Context, emit
from .frames import live_verb
from .helpers import (agents, denote, is_passive, negated, owners, patients, pobjs, predicate_objects, promote,
                      subjects)
from .registry import construction
from .stance import stance_relation


def _doers(ctx: Context, verb: Token) -> list[str]:
    """Who does ``verb``: its subject, or that of the clause it serves ("troops are there to
    eliminate IS")."""
    found = subjects(ctx, verb)
    if not found and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
        found = subjects(ctx, verb.head)
    return found


def _partnership(ctx: Context, prep: Token) -> Token | None:
    """The verb a "with X" of joint action hangs from, or None when the "with" is of another kind."""
    head = prep.head
    if lemma(head) in ctx.words.cooperation_nouns and head.dep_ == "pobj" and \
            head.head.lower_ in ctx.words.cooperation_preps:
        head = head.head.head  # "in cooperation with X" → the verb "in" hangs from
    elif not any(c.dep_ == "advmod" and c.lower_ in ctx.words.joint_adverbs for c in prep.children) and not (
            prep.i > 0 and ctx.doc[prep.i - 1].lower_ in ctx.words.joint_adverbs):
        return None
    return head if head.pos_ in ("VERB", "AUX") else None


@construction("in_cooperation_with", 0.7)
def in_cooperation_with(ctx: Context, prep: Token, sent: Span) -> None:
    """"eliminate IS in cooperation with Iraqi forces", "attacked X together with Somali troops",
    "struck the rebels in coordination with Chad": the partners act as allies, and share the
    fight against the clause's foe."""
    if prep.lower_ != "with" or prep.dep_ != "prep":
        return
    verb = _partnership(ctx, prep)
    if verb is None or not live_verb(ctx, verb):
        return
    partners = [a for p in prep.children if p.dep_ == "pobj" for a in denote(ctx, p)]
    doers = [a for a in _doers(ctx, verb) if a not in partners]
    if not partners or not doers:
        return
    emit(ctx, doers, partners, ALLIANCE, "in_cooperation_with", prep, sent, directed=False)
    if stance_relation(ctx, verb) == HOSTILITY:
        foes = [a for a in predicate_objects(ctx, verb) if a not in partners and a not in doers]
        # the doers' own fight is the verb's claim, unless only the clause it serves names them
        fighters = partners if subjects(ctx, verb) else partners + doers
        emit(ctx, fighters, foes, HOSTILITY, "in_cooperation_with", prep, sent)


@construction("act_of_by", 0.7, quad="material_conflict")
def act_of_by(ctx: Context, noun: Token, sent: Span) -> None:
    """"the detention of several Armenian soldiers by Azerbaijani forces", "the United States'
    killing of Qasem Soleimani": an act done to someone's people is hostility from the doer."""
    if lemma(noun) not in ctx.words.patient_act_nouns or noun.pos_ != "NOUN" or negated(ctx, noun):
        return
    patients = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]
    victims = [a for p in patients for a in denote(ctx, p)]
    # "by" on the act, or hung by the parser on its patient ("of X soldiers by Y forces")
    doers = pobjs(ctx, noun, {"by"}) or [a for p in patients for a in pobjs(ctx, p, {"by"})] or owners(ctx, noun)
    emit(ctx, [a for a in doers if a not in victims], victims, HOSTILITY, "act_of_by", noun, sent)


@construction("killed_in_operation", 0.7, quad="material_conflict")
def killed_in_operation(ctx: Context, verb: Token, sent: Span) -> None:
    """"Hamza bin Laden was killed in a US counter-terrorism operation", "two commanders died in
    an Israeli strike": the one whose operation it was did it."""
    low = lemma(verb)
    if not (low in ctx.words.operation_victim_verbs or stance_relation(ctx, verb) == HOSTILITY and
            is_passive(ctx, verb)) or not live_verb(ctx, verb) or agents(ctx, verb):
        return
    ops = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ctx.words.operation_preps
           for p in c.children if p.dep_ == "pobj" and lemma(p) in ctx.words.operation_nouns]
    doers = [a for p in ops for a in pobjs(ctx, p, {"by"}) or owners(ctx, p) or _inner_owner(ctx, p)]
    victims = patients(ctx, verb) if is_passive(ctx, verb) else subjects(ctx, verb)
    emit(ctx, [a for a in doers if a not in victims], victims, HOSTILITY, "killed_in_operation", verb, sent)


def _inner_owner(ctx: Context, noun: Token) -> list[str]:
    """"a US counter-terrorism operation": the actor named inside the modifiers of ``noun``."""
    for t in noun.subtree:
        if t.i >= noun.i:
            break
        if t.i in ctx.res.token_actor:
            return [ctx.res.token_actor[t.i]]
        if t.i in ctx.res.modifier_actor:
            return [promote(ctx, t)]
    return []
