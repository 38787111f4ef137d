"""Event constructions of military reporting: "conducted strikes in support of Iraqi forces",
"efforts to defeat ISIL", "strikes coordinated with the government", "in coordination with X".

The word lists are data (``kb/data/event_words.json``). Who acts in such a clause is often
several heads away from the cue ("Coalition forces conducted 11 strikes coordinated with and in
support of the government"): `clause_agents` walks up to the first verb whose subject names
someone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from ..actor_words import load_actor_words
from ..actors import lemma
from ..model import ALLIANCE, HOSTILITY
from .context import PRONOUN_DISCOUNT, Context, emit, frame
from .frames import live_verb
from .helpers import (PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, agents, denote, is_passive, negated, objects, owners, pobjs,
                      promote, subjects)
from .registry import construction
from .stance import stance_relation

OPPOSING = load_actor_words().opposing_prefixes
EVENT_WORDS_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "event_words.json"
CLIMB = 12  # heads walked up from a cue to the verb whose subject acts


@dataclass(frozen=True)
class EventWords:
    aid_nouns: frozenset[str]
    commitment_words: frozenset[str]
    coordination_nouns: frozenset[str]
    coordination_verbs: frozenset[str]
    departure_verbs: frozenset[str]
    effort_nouns: frozenset[str]
    envoy_nouns: frozenset[str]
    expulsion_order_verbs: frozenset[str]
    pair_conflict_nouns: frozenset[str]
    recall_verbs: frozenset[str]
    reciprocal_verbs: frozenset[str]
    summon_verbs: frozenset[str]
    support_nouns: frozenset[str]


@cache
def load_event_words(path: Path = EVENT_WORDS_PATH) -> EventWords:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return EventWords(**{k: frozenset(v["words"]) for k, v in raw.items() if not k.startswith("_")})


def clause_agents(ctx: Context, tok: Token) -> list[str]:
    """Who acts in the clause ``tok`` sits in: the subject (or, passive, the agent) of the
    nearest verb above it that names one."""
    head = tok.head
    for _ in range(CLIMB):
        if _relative(ctx, head):  # "targets, which include X, in support of Y": the phrase attached low
            pass
        elif head.pos_ in ("VERB", "AUX"):
            found = agents(ctx, head) if is_passive(ctx, head) else subjects(ctx, head)
            if not found:  # "forces are leading…" parsed with the subject on the auxiliary
                found = [a for x in head.children if x.dep_ == "aux" for c in x.children
                         if c.dep_ in SUBJECT_DEPS for a in denote(ctx, c)]
            if not found and is_passive(ctx, head):
                found = [a for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS for a in denote(ctx, c)]
            if found:
                return found
            if negated(ctx, head) or any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in head.children):
                return []  # its subject is no one the article names: not the clause of another
            if head.dep_ == "pcomp":  # "designated X for providing support to Y": X's act
                return []
            if head.dep_ in ("acl", "relcl") and not _event_like(ctx, head.head):
                return []  # "individuals operating in collaboration with X" act, not the sentence's subject
        if head.head is head:
            break
        head = head.head
    return []


def _event_like(ctx: Context, noun: Token) -> bool:
    """"strikes", "operations", "efforts": a noun whose doer is the subject of its verb."""
    low = lemma(noun)
    return low in ctx.lex.hostility_nouns or low in ctx.lex.alliance_nouns or low in load_event_words().effort_nouns


def effort_owners(ctx: Context, noun: Token) -> list[str]:
    """Who makes an effort: "Iraq's efforts", "its campaign", "coalition operations", else the
    one who leads, continues or joins it ("leading efforts to…", "in the campaign to…")."""
    return owners(ctx, noun) or clause_agents(ctx, noun)


def _first_conjunct(verb: Token) -> Token:
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb


def _verb_targets(ctx: Context, verb: Token, relation: str = HOSTILITY) -> list[str]:
    """The object of a verb, or of its conjuncts ("to degrade and defeat ISIL"); for a hostile
    verb also whom it is aimed at ("against X"), for a helping one whom it is for."""
    preps = set(ctx.words.hostile_preps if relation == HOSTILITY else ctx.words.alliance_preps)
    found = objects(ctx, verb) + pobjs(ctx, verb, preps)
    if not found:
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                found += objects(ctx, c)
    return list(dict.fromkeys(found))


def _emit_effort(ctx: Context, sources: list[str], verb: Token, relation: str, sent: Span, factor: float = 1.0) -> None:
    """The effort's claims: "to defeat X" (hostility), "to support X against Y" (alliance, and both
    facing Y)."""
    targets = _verb_targets(ctx, verb, relation)
    emit(ctx, sources, targets, relation, "effort_to", verb, sent, factor=factor)
    if relation == ALLIANCE:
        foes = [f for f in pobjs(ctx, verb, {"against"}) if f not in targets and f not in sources]
        emit(ctx, sources + targets, foes, HOSTILITY, "effort_to", verb, sent, factor=factor)


@construction("effort_to", 0.65)
def effort_to(ctx: Context, verb: Token, sent: Span) -> None:
    """"Iraq's efforts to destroy ISIL", "leading the campaign to defeat Daesh", "in its
    determination to defeat al-Shabaab": the owner of the effort does what its infinitive says."""
    first = _first_conjunct(verb)
    noun = first.head
    if first.dep_ == "pcomp" and noun.lower_ == "to" and lemma(noun.head) in load_event_words().commitment_words:
        _committed_to(ctx, verb, noun.head, sent)
        return
    if first.dep_ != "acl" or lemma(noun) not in load_event_words().effort_nouns or noun.pos_ != "NOUN":
        return
    relation = stance_relation(ctx, verb)
    if relation not in (ALLIANCE, HOSTILITY) or not live_verb(ctx, verb) or negated(ctx, noun):
        return
    pron = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    _emit_effort(ctx, effort_owners(ctx, noun), verb, relation, sent, factor=PRONOUN_DISCOUNT if pron else 1.0)


@construction("helped_in_effort", 0.6)
def helped_in_effort(ctx: Context, noun: Token, sent: Span) -> None:
    """"supported the Iraqi army in its efforts to defeat ISIL", "backs Ukraine in its fight
    against Russia": the one helped makes the effort."""
    words = load_event_words()
    if lemma(noun) not in words.effort_nouns or noun.pos_ != "NOUN" or noun.dep_ != "pobj" \
            or noun.head.lower_ != "in" or negated(ctx, noun):
        return
    verb = noun.head.head
    if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "PROPN"):  # "support [Iraqi forces in their campaign]"
        verb = verb.head
    if verb.pos_ != "VERB" or stance_relation(ctx, verb) != ALLIANCE or not live_verb(ctx, verb):
        return
    helped = objects(ctx, verb)
    foes = pobjs(ctx, noun, set(ctx.words.hostile_preps))
    # "in their campaign to defeat X", the infinitive read with the noun or, misattached, with the verb
    for c in list(noun.children) + [x for x in verb.children if x.dep_ == "advcl" and x.i == noun.i + 2]:
        if c.dep_ in ("acl", "advcl") and stance_relation(ctx, c) == HOSTILITY:
            foes += _verb_targets(ctx, c)
    emit(ctx, helped, [f for f in foes if f not in helped], HOSTILITY, "helped_in_effort", noun, sent)


def _committed_to(ctx: Context, verb: Token, word: Token, sent: Span) -> None:
    """"X, Y and Z are committed to defeating W": each of the committed does what follows."""
    relation = stance_relation(ctx, verb)
    if relation not in (ALLIANCE, HOSTILITY) or not live_verb(ctx, verb) or negated(ctx, word):
        return
    holder = word.head if word.dep_ in ("acomp", "amod") else word
    committed: list[str] = []
    for c in holder.children:
        if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
            committed += denote(ctx, c)
            # "The UK, the wider coalition and Iraq": a list the parser read as an apposition
            committed += [a for x in c.children if x.dep_ == "appos" and any(y.dep_ == "conj" for y in x.children)
                          for a in denote(ctx, x)]
    _emit_effort(ctx, list(dict.fromkeys(committed)), verb, relation, sent)


def _support_parts(ctx: Context, noun: Token) -> tuple[list[str], list[str], list[str]] | None:
    """(supporters, supported, their foes) of "in (its) support of X (against Y)"."""
    if lemma(noun) not in load_event_words().support_nouns or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return None
    supported = pobjs(ctx, noun, {"of"})
    if not supported or negated(ctx, noun):
        return None
    holder = _first_conjunct(noun.head.head)  # "A, B and others in support of X": they support X
    by_holder = holder.pos_ in ("NOUN", "PROPN") and noun.head.dep_ == "prep" and not _event_like(ctx, holder) \
        and not _in_relative_clause(ctx, holder) and not _targeted(ctx, holder)
    supporters = owners(ctx, noun) or (denote(ctx, holder) if by_holder else []) or clause_agents(ctx, noun)
    foes = pobjs(ctx, noun, {"against"}) or clause_foes(ctx, noun)
    return supporters, supported, [f for f in foes if f not in supported and f not in supporters]


def _targeted(ctx: Context, noun: Token) -> bool:
    """"the fight against ISIL in support of X": the one fought is not who supports X."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ctx.words.hostile_preps or noun.dep_ == "dobj" \
        and stance_relation(ctx, noun.head) == HOSTILITY


def _relative(ctx: Context, verb: Token) -> bool:
    return verb.dep_ == "relcl" and any(
        c.dep_ in SUBJECT_DEPS and c.lower_ in ctx.words.relative_pronouns for c in verb.children)


def _in_relative_clause(ctx: Context, tok: Token) -> bool:
    """"targets, which include three units … in support of X": the units are what is hit."""
    head = tok.head
    for _ in range(CLIMB):
        if head.pos_ in ("VERB", "AUX"):
            return _relative(ctx, head)
        if head.head is head:
            return False
        head = head.head
    return False


def clause_foes(ctx: Context, tok: Token) -> list[str]:
    """Whom the clause ``tok`` sits in is aimed at: "strikes … in support of X … against ISIL
    targets" (wherever the parser attached "against")."""
    verb = tok.head
    for _ in range(CLIMB):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("acl", "relcl") or verb.head is verb:
            break
        verb = verb.head
    return list(dict.fromkeys(a for x in verb.subtree if x.dep_ == "pobj" and x.head.lower_ == "against"
                              and x.head.dep_ == "prep" for a in denote(ctx, x)))


@construction("in_support_of", 0.7)
def in_support_of(ctx: Context, noun: Token, sent: Span) -> None:
    """"conducted strikes in support of Iraqi forces", "remains steadfast in its support of the
    government": the clause's subject (or the noun's owner) backs X."""
    parts = _support_parts(ctx, noun)
    if parts is not None:
        emit(ctx, parts[0], parts[1], ALLIANCE, "in_support_of", noun, sent)


@construction("support_against", 0.6)
def support_against(ctx: Context, noun: Token, sent: Span) -> None:
    """"strikes in support of the government against ISIL targets": supporter and supported
    face the same foe."""
    parts = _support_parts(ctx, noun)
    if parts is not None:
        emit(ctx, parts[0] + parts[1], parts[2], HOSTILITY, "support_against", noun, sent)


def _coordination(ctx: Context, tok: Token) -> tuple[list[str], list[str], list[str]] | None:
    """(actors, partners, their foes) of "in coordination with X", "strikes coordinated with X"."""
    words = load_event_words()
    low = lemma(tok)
    if low in words.coordination_nouns and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
        partners = pobjs(ctx, tok, {"with"})
        actors = clause_agents(ctx, tok)
    elif low in words.coordination_verbs and tok.pos_ == "VERB" and live_verb(ctx, tok):
        partners = pobjs(ctx, tok, {"with"})
        actors = clause_agents(ctx, tok) if tok.dep_ in ("acl", "advcl") else subjects(ctx, tok)
    else:
        return None
    # "did not act in coordination with X": the negation is on the clause's verb
    if negated(ctx, tok) or (tok.dep_ == "pobj" and negated(ctx, tok.head.head)):
        return None
    # "in coordination with local partisans against the Russian navy": the foe, even of unnamed partners
    return actors, partners, [f for f in clause_foes(ctx, tok) if f not in actors + partners]


def coordination(ctx: Context, tok: Token):
    return frame(ctx, "coordination", tok, _coordination)


@construction("in_coordination_with", 0.65)
def in_coordination_with(ctx: Context, tok: Token, sent: Span) -> None:
    """"strikes coordinated with the Iraqi army", "in coordination with the SDF", "in
    partnership with Kenya": the clause's subject acts together with X."""
    parts = coordination(ctx, tok)
    if parts is not None:
        emit(ctx, parts[0], parts[1], ALLIANCE, "in_coordination_with", tok, sent, directed=False)


@construction("coordinated_against", 0.6)
def coordinated_against(ctx: Context, tok: Token, sent: Span) -> None:
    """"raids coordinated with the Nigerian army against Boko Haram": both face the foe."""
    parts = coordination(ctx, tok)
    if parts is not None:
        emit(ctx, parts[0] + parts[1], parts[2], HOSTILITY, "coordinated_against", tok, sent)


@construction("against_named", 0.7)
def against_named(ctx: Context, tok: Token, sent: Span) -> None:
    """"the counter-ISIL coalition", "anti-Houthi forces": the party is against the one named."""
    doc = ctx.doc
    named = ctx.res.token_actor.get(tok.i)
    if not named or tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 2].lower_ not in OPPOSING:
        return
    if tok.i + 1 < len(doc) and ctx.res.token_actor.get(tok.i + 1) == named:
        return  # a longer name: read from its last token
    head = tok
    while head.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.head is not head:
        head = head.head
    emit(ctx, [a for a in ctx.res.np_actors.get(head.i, ()) if a != named], [named], HOSTILITY,
         "against_named", tok, sent)


@construction("ordered_to_leave", 0.7)
def ordered_to_leave(ctx: Context, verb: Token, sent: Span) -> None:
    """"Mali ordered the French ambassador to leave", "gave Russian diplomats 72 hours to leave the
    country": an expulsion of the state's people."""
    words = load_event_words()
    if lemma(verb) not in words.expulsion_order_verbs or verb.pos_ != "VERB" or not live_verb(ctx, verb):
        return
    if not any(x.dep_ in ("xcomp", "relcl", "acl", "advcl") and lemma(x) in words.departure_verbs
               and not negated(ctx, x) for x in verb.subtree if x.i > verb.i):
        return
    emit(ctx, subjects(ctx, verb), [a for c in verb.children if c.dep_ in ("dobj", "dative") for a in denote(ctx, c)],
         HOSTILITY, "ordered_to_leave", verb, sent)


@construction("aid_to_place", 0.7)
def aid_to_place(ctx: Context, verb: Token, sent: Span) -> None:
    """"Japan sent humanitarian aid to Ukraine", "delivered weapons to Armenia": a state named
    only as the destination receives it (a named party is read by ``supply_to``)."""
    lex = ctx.lex
    if lemma(verb) not in lex.supply_verbs or not live_verb(ctx, verb):
        return
    goods = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in load_event_words().aid_nouns]
    if not goods:
        return
    places = [p for c in list(verb.children) + list(goods[0].children) if c.dep_ == "prep" and c.lower_ == "to"
              for p in c.children if p.dep_ == "pobj" and p.i in ctx.res.place_actor
              and p.i not in ctx.res.token_actor]
    if places:
        emit(ctx, subjects(ctx, verb), [promote(ctx, p) for p in places], ALLIANCE, "aid_to_place", verb, sent)


@construction("set_off_participle", 0.7)
def set_off_participle(ctx: Context, verb: Token, sent: Span) -> None:
    """"Iraqi troops, Kurdish fighters and Shia militias, backed by US air strikes, launched…": a
    participle set off by commas is said of every member of the list before it."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.i == 0 or ctx.doc[verb.i - 1].text != "," \
            or not live_verb(ctx, verb):
        return
    relation = stance_relation(ctx, verb)
    members = denote(ctx, verb.head)  # with its conjuncts, which passive_by_agent leaves out
    if relation in (ALLIANCE, HOSTILITY) and len(members) > 1:
        emit(ctx, agents(ctx, verb), members, relation, "set_off_participle", verb, sent)


def _counted_noun(ctx: Context, obj: Token) -> Token:
    """The noun an object stands for: "waves of strikes" → strikes, through the lexicon's
    transparent nouns (as `nouns.event_noun` climbs them from the noun to its verb)."""
    while lemma(obj) in ctx.lex.transparent_nouns:
        inner = [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"]
        if not inner:
            break
        obj = inner[0]
    return obj


@construction("joint_assault", 0.55)
def joint_assault(ctx: Context, verb: Token, sent: Span) -> None:
    """"Iraqi troops, Kurdish fighters and Shia militias launched an offensive on Mosul", "Chad and
    Niger attacked Boko Haram": those who attack together fight alongside each other."""
    lex = ctx.lex
    if verb.pos_ != "VERB" or lemma(verb) in lex.with_hostility or lemma(verb) in load_event_words().reciprocal_verbs \
            or not live_verb(ctx, verb):
        return
    hostile_act = stance_relation(ctx, verb) == HOSTILITY and lemma(verb) not in lex.hostility_weak_verbs
    event = lemma(verb) in lex.light_verbs and any(
        lemma(n) in lex.hostility_nouns and lemma(n) not in lex.with_hostility
        for n in (_counted_noun(ctx, c) for c in verb.children if c.dep_ == "dobj"))
    if not (hostile_act or event):
        return
    if any(c.lower_ in ctx.words.reciprocal_pronouns for c in verb.subtree):
        return  # "fought each other"
    parties = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    allies = list(dict.fromkeys(a for c in parties for a in denote(ctx, c)))
    targets = set(_verb_targets(ctx, verb))
    if hostile_act and not event and not targets - set(allies):
        return  # "India and Pakistan fought": maybe each other
    allies = [a for a in allies if a not in targets]
    for k, a in enumerate(allies):
        for b in allies[k + 1:]:
            emit(ctx, [a], [b], ALLIANCE, "joint_assault", verb, sent, directed=False)


def _named_before(ctx: Context, end: int) -> tuple[str, int] | None:
    """The actor named by the tokens ending at ``end`` (a mention, a place or a modifier) and
    the index of its first token."""
    res = ctx.res
    for table in (res.token_actor, res.place_actor, res.modifier_actor):
        aid = table.get(end)
        if aid:
            start = end
            while start - 1 >= 0 and table.get(start - 1) == aid:
                start -= 1
            return aid, start
    return None


def _party(ctx: Context, i: int, aid: str) -> str:
    if i in ctx.res.token_actor:
        return aid
    return promote(ctx, ctx.doc[i])


@construction("pair_war", 0.7)
def pair_war(ctx: Context, noun: Token, sent: Span) -> None:
    """"the Iran–Iraq War", "the Israel-Hamas war", "the Russia-Ukraine conflict": the two named
    in the compound fight each other."""
    if lemma(noun) not in load_event_words().pair_conflict_nouns or noun.pos_ not in ("NOUN", "PROPN") \
            or noun.i < 3 or negated(ctx, noun):
        return
    end = noun.i - 1
    if _named_before(ctx, end) is None and ctx.doc[end].dep_ == "compound" and ctx.doc[end].pos_ == "NOUN":
        end -= 1  # "the Ethiopia-Eritrea border war"
    second = _named_before(ctx, end)
    if second is None or ctx.doc[second[1] - 1].text not in ctx.words.hyphens | {"\u2014", "/"}:
        return
    first = _named_before(ctx, second[1] - 2)
    if first is None or first[0] == second[0]:
        return
    a, b = _party(ctx, first[1], first[0]), _party(ctx, second[1], second[0])
    emit(ctx, [a], [b], HOSTILITY, "pair_war", noun, sent, directed=False)


@construction("under_attack", 0.7)
def under_attack(ctx: Context, noun: Token, sent: Span) -> None:
    """"Russian troops came under attack from Ukrainian drones", "the base was under fire from the
    militias": the one named after "from" attacks the subject."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "under" or lemma(noun) not in ctx.lex.hostility_nouns \
            or negated(ctx, noun):
        return
    verb = noun.head.head
    attackers = pobjs(ctx, noun, {"from", "by"}) or pobjs(ctx, verb, {"from"})  # "came under fire from X"
    if not attackers or verb.pos_ not in ("VERB", "AUX"):
        return
    attacked = subjects(ctx, verb) or [a for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS for a in denote(ctx, c)]
    emit(ctx, attackers, [a for a in attacked if a not in attackers], HOSTILITY, "under_attack", noun, sent)


@construction("envoy_protest", 0.65, quad="verbal_conflict")
def envoy_protest(ctx: Context, verb: Token, sent: Span) -> None:
    """"Venezuela recalled its ambassador from Colombia", "Poland summoned the Russian
    ambassador": a diplomatic protest against that state."""
    words = load_event_words()
    low = lemma(verb)
    if low not in words.recall_verbs | words.summon_verbs or verb.pos_ != "VERB" or not live_verb(ctx, verb):
        return
    envoys = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in words.envoy_nouns]
    if not envoys:
        return
    if low in words.recall_verbs:
        targets = pobjs(ctx, verb, {"from"}) + pobjs(ctx, envoys[0], {"from"})
        targets += [promote(ctx, p) for c in list(verb.children) + list(envoys[0].children)
                    if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
                    if p.dep_ == "pobj" and p.i in ctx.res.place_actor and p.i not in ctx.res.token_actor]
    else:
        targets = denote(ctx, envoys[0])
    sources = subjects(ctx, verb)
    emit(ctx, sources, [t for t in targets if t not in sources], HOSTILITY, "envoy_protest", verb, sent)


@construction("aided_by_support", 0.7)
def aided_by_support(ctx: Context, verb: Token, sent: Span) -> None:
    """"…, aided by strong support from Turkey", "backed by air support from the coalition": the
    one the support comes from helps whoever the participle is said of."""
    if verb.tag_ != "VBN" or stance_relation(ctx, verb) != ALLIANCE or not live_verb(ctx, verb):
        return
    helpers = [a for c in verb.children if c.dep_ == "agent" for p in c.children
               if p.dep_ == "pobj" and lemma(p) in ctx.lex.alliance_nouns
               for a in pobjs(ctx, p, {"from", "of"}) + owners(ctx, p)]
    if not helpers:
        return
    if verb.dep_ == "advcl":  # "X liberated the town, aided by …": said of the clause's subject
        helped = subjects(ctx, verb.head)
    else:
        helped = [a for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS for a in denote(ctx, c)] or (
            denote(ctx, verb.head) if verb.dep_ in ("acl", "amod") else [])
    emit(ctx, helpers, [h for h in helped if h not in helpers], ALLIANCE, "aided_by_support", verb, sent)
