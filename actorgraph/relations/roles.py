"""Role nouns and side-taking prepositions: "Hezbollah, Iran's main ally", "X, a proxy of Y",
"JNIM, al-Qaeda's affiliate", "fought alongside the army (against the M23)"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY, MEMBERSHIP
from .context import Context, emit
from .helpers import denote, including, negated, objects, owners, pobjs, predicate_of, subjects
from .registry import construction


@construction("appositive", 0.75)
def appositive(ctx: Context, noun: Token, sent: Span) -> None:
    """"Hezbollah, Iran's main ally", "X is an ally of Y", "X, a proxy of Y", "JNIM, al-Qaeda's affiliate"."""
    low = lemma(noun)
    lex, words = ctx.lex, ctx.words
    if noun.dep_ not in ("appos", "attr", "pobj") or not (
            low in lex.alliance_nouns or low in lex.hostility_nouns or low in lex.membership_nouns):
        return
    if low in lex.membership_nouns and noun.dep_ == "appos":
        emit(ctx, denote(ctx, noun.head), owners(ctx, noun) + pobjs(ctx, noun, {"of"}), MEMBERSHIP,
             "appositive", noun, sent)
        return
    givers, suppliers = words.giver_role_nouns, words.supplier_role_nouns
    relation = ALLIANCE if low in words.ally_role_nouns or low in givers or low in suppliers else \
        HOSTILITY if low in words.enemy_role_nouns else None
    if relation is None:
        return
    others = owners(ctx, noun) + pobjs(ctx, noun, {"of", "to"})
    if noun.dep_ == "appos":
        this = denote(ctx, noun.head)
    elif noun.dep_ == "pobj":  # "set up an administration with allies including X"
        pred = predicate_of(ctx, noun)
        this = subjects(ctx, pred) if pred is not None and pred.pos_ in ("VERB", "AUX") else []
        others = others + including(ctx, noun)
    else:
        this = subjects(ctx, noun.head)
    if low in suppliers:  # "a major supplier of fighter jets to the military"
        emit(ctx, this, pobjs(ctx, noun, set(words.alliance_preps)), relation, "appositive", noun, sent)
        return
    emit(ctx, others if low in givers else this, this if low in givers else others,
         relation, "appositive", noun, sent)


def _alongside(ctx: Context, prep: Token) -> tuple[list[str], list[str], list[str]] | None:
    if prep.lower_ not in ctx.lex.alongside_words or prep.dep_ != "prep":
        return None
    pobj = [p for p in prep.children if p.dep_ == "pobj"]
    allies = [a for p in pobj for a in denote(ctx, p)]
    pred = prep.head
    if pred.pos_ not in ("VERB", "AUX") or negated(ctx, pred):
        return None
    subj = subjects(ctx, pred)
    foes = pobjs(ctx, pred, {"against"}) + [a for p in pobj for a in pobjs(ctx, p, {"against"})]
    if lemma(pred) in ctx.lex.hostility_verbs:  # "fighting IS alongside Iraqi forces"
        foes += objects(ctx, pred)
    elif not foes:
        foes = None
    return subj, allies, foes


@construction("alongside", 0.7)
def alongside(ctx: Context, prep: Token, sent: Span) -> None:
    """"fought alongside the army": allies of the clause's subject."""
    parts = _alongside(ctx, prep)
    if parts is not None:
        emit(ctx, parts[0], parts[1], ALLIANCE, "alongside", prep, sent, directed=False)


@construction("alongside_against", 0.6)
def alongside_against(ctx: Context, prep: Token, sent: Span) -> None:
    """"fought alongside the FARDC against the M23": both sides face the same foe."""
    parts = _alongside(ctx, prep)
    if parts is not None and parts[2] is not None:
        subj, allies, foes = parts
        emit(ctx, subj + allies, [f for f in foes if f not in subj + allies], HOSTILITY,
             "alongside_against", prep, sent)
