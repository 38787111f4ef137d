"""Statements that take a side in words: naming a group terrorist, designating it."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY
from .context import Context, emit
from .frames import live_verb
from .helpers import (PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, agents, denote, governing_subjects, owners, pobjs,
                      promote, subjects)
from .registry import construction


@construction("naming_terrorist", 0.7, quad="verbal_conflict")
def naming_terrorist(ctx: Context, verb: Token, sent: Span) -> None:
    """"X calls Y terrorists", "designated the Houthis a terrorist organisation"."""
    if lemma(verb) not in ctx.lex.naming_verbs or not live_verb(ctx, verb):
        return
    words = [t for t in verb.subtree if lemma(t) in ctx.lex.naming_words and t.i > verb.i]
    if not words:
        return
    subj_tok = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    sources = subjects(ctx, verb)
    targets = [a for c in verb.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp") and c not in words
               for a in denote(ctx, c)]
    for c in verb.children:  # "considers Hezbollah a terrorist group": a small clause
        if c.dep_ in ("ccomp", "xcomp", "oprd") and not targets:
            targets = [a for x in c.children if x.dep_ in SUBJECT_DEPS for a in denote(ctx, x)]
    if subj_tok is not None:
        appos = [c for c in subj_tok.children if c.dep_ == "appos" and c.i == subj_tok.i + 1]
        if appos and not targets:  # reduced relative misread as apposition
            sources = denote(ctx, appos[0])
            targets = [a for a in denote(ctx, subj_tok) if a not in sources]
    if verb.dep_ == "relcl" and not targets:
        targets = denote(ctx, verb.head)
    if not targets:  # "labels the FLA rebels terrorists" parsed as one noun phrase
        targets = [a for w in words for c in w.children if c.dep_ in ("compound", "nmod")
                   for a in denote(ctx, c)]
    emit(ctx, sources, targets, HOSTILITY, "naming_terrorist", verb, sent)


@construction("designation", 0.75, quad="verbal_conflict")
def designation(ctx: Context, verb: Token, sent: Span) -> None:
    """"the United States is designating X", "designating for sanctions X", "designating three
    oligarchs: A and B", "X, which was designated by the Department of State as an SDGT", "the
    PKK is banned in Turkey": a listing or a ban is aimed at the listed, whatever the list
    (terrorist lists are `naming_terrorist`)."""
    if lemma(verb) not in ctx.words.designation_verbs or not live_verb(ctx, verb):
        return
    if any(lemma(t) in ctx.lex.naming_words for t in verb.subtree if t.i > verb.i):
        return
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive:
        sources, targets = agents(ctx, verb), denote(ctx, passive[0])
        if not sources:  # "the PKK is banned in Turkey": the state it is banned in
            sources = [promote(ctx, p) for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                       for p in c.children if p.dep_ == "pobj" and p.i in ctx.res.place_actor]
    else:
        sources, targets = subjects(ctx, verb), []
        for c in verb.children:
            if c.dep_ == "dobj":
                targets += denote(ctx, c)
                if not targets:  # "three oligarchs: A and B": the names after the colon
                    targets += _listed_after(ctx, c, sent)
            elif c.dep_ == "prep" and c.lower_ == "for":  # "designating for sanctions X" misparsed
                targets += [a for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"
                            for a in denote(ctx, p)]
    emit(ctx, sources, targets, HOSTILITY, "designation", verb, sent)


def _listed_after(ctx: Context, obj: Token, sent: Span) -> list[str]:
    marks = [t.i for t in ctx.doc[obj.i + 1:min(obj.right_edge.i + 2, sent.end)]
             if t.text in ctx.words.designation_list_marks]
    if not marks:
        return []
    out: list[str] = []
    for t in ctx.doc[marks[0] + 1:sent.end]:
        aid = ctx.res.token_actor.get(t.i)
        if aid and aid not in out:
            out.append(aid)
    return out


@construction("claim_responsibility", 0.7)
def claim_responsibility(ctx: Context, verb: Token, sent: Span) -> None:
    """"X claimed responsibility for the attack on Y", "X claimed the attack on Y"."""
    if lemma(verb) not in ctx.words.responsibility_verbs or not live_verb(ctx, verb):
        return
    events = []
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        if lemma(c) in ctx.words.responsibility_nouns:
            events += [p for x in c.children if x.dep_ == "prep" and x.lower_ == "for"
                       for p in x.children if p.dep_ == "pobj"]
        elif lemma(c) in ctx.lex.hostility_nouns:
            events.append(c)
    hostile = set(ctx.words.hostile_preps)
    targets = [a for e in events if lemma(e) in ctx.lex.hostility_nouns
               for a in pobjs(ctx, e, hostile) + owners(ctx, e)]
    emit(ctx, subjects(ctx, verb), targets, HOSTILITY, "claim_responsibility", verb, sent)


@construction("pledge_allegiance", 0.7)
def pledge_allegiance(ctx: Context, verb: Token, sent: Span) -> None:
    """"Boko Haram pledged allegiance to the Islamic State", "swore loyalty to X"."""
    if lemma(verb) not in ctx.words.allegiance_verbs or not live_verb(ctx, verb):
        return
    pledges = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in ctx.words.allegiance_nouns]
    if not pledges:
        return
    to = pobjs(ctx, verb, {"to"}) + pobjs(ctx, pledges[0], {"to"})
    emit(ctx, subjects(ctx, verb), to, ALLIANCE, "pledge_allegiance", verb, sent)


@construction("restrictions_on", 0.7, quad="material_conflict")
def restrictions_on(ctx: Context, noun: Token, sent: Span) -> None:
    """"imposed visa restrictions on Ethiopian and Eritrean officials", "announcing a travel ban
    on X's leaders", "by imposing severe costs on Russia": a penalty on an actor, or on the persons
    who stand for it, is aimed at that actor."""
    if lemma(noun) not in ctx.words.restriction_nouns or noun.pos_ != "NOUN":
        return
    if noun.dep_ not in ("dobj", "nsubjpass") or not live_verb(ctx, noun.head) or \
            lemma(noun.head) in ctx.words.restriction_lifting_verbs:
        return
    verb, aims = noun.head, {"on", "against"}
    if noun.dep_ == "dobj":
        targets, sources = pobjs(ctx, noun, aims), subjects(ctx, verb) or governing_subjects(ctx, verb)
        if not targets:  # "imposing severe costs on Russia": "on" hung on the verb
            targets = pobjs(ctx, verb, aims)
    else:  # "visa restrictions were imposed on X officials by Y"
        targets, sources = pobjs(ctx, noun, aims) + pobjs(ctx, verb, aims), agents(ctx, verb)
    emit(ctx, sources, targets, HOSTILITY, "restrictions_on", noun, sent)


@construction("condemn_act_by", 0.7, quad="verbal_conflict")
def condemn_act_by(ctx: Context, verb: Token, sent: Span) -> None:
    """"strongly condemn the executions by the military junta", "denounced the attacks by X on
    Y": condemning an act is hostility towards the one who did it."""
    if lemma(verb) not in ctx.words.condemnation_verbs or not live_verb(ctx, verb):
        return
    acts = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    acts += [x for c in acts for x in c.conjuncts if x.pos_ == "NOUN"]
    targets = [a for c in acts for a in pobjs(ctx, c, {"by"})]
    if acts and not any(c.dep_ == "agent" for c in verb.children):  # "by X" misattached to the verb
        targets += pobjs(ctx, verb, {"by"})
    emit(ctx, subjects(ctx, verb), targets, HOSTILITY, "condemn_act_by", verb, sent)
