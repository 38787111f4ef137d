"""Generic agents: group phrases that name a party by a common noun, "the Government of
Iraq", "the armed forces of Ukraine", "coalition operations", "the coalition campaign".

These resolvers join the chain of ``phrases.PHRASE_RESOLVERS`` (before ``owners_of``, which
reads "of X" only when X is already an actor: a state named after "of" is still a place then).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .actor_words import load_actor_words
from .phrases import Phrase, lemma, np_label, phrase_resolver_before

W = load_actor_words()

if TYPE_CHECKING:
    from spacy.tokens import Token

STATE_ORGAN_CLASSES = ("government", "forces")


def _state_after_of(p: Phrase) -> "tuple[Token, str] | None":
    """The state named in the phrase's "of X" ("the Government of Iraq"): its last token and
    country. The base's match is read directly: inside a named entity it is no place of its own."""
    r = p.r
    for c in p.head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for x in c.children:
                if x.dep_ != "pobj":
                    continue
                for m in r.matches:
                    if m.start <= x.i < m.end and r._is_state_form(m) and m.kind in ("name", "acronym"):
                        return r.doc[m.end - 1], r.kb.entries[m.target].country
    return None


@phrase_resolver_before("owners_of")
def organ_of_state(p: Phrase) -> bool:
    """"the Government of Iraq", "the armed forces of Ukraine": that state's government or army,
    named by the whole phrase."""
    r = p.r
    if p.cls not in STATE_ORGAN_CLASSES or p.demonyms or p.names or p.indefinite:
        return False
    if lemma(p.head) in r.lex.person_titles:  # "the president of Iraq" is a person (titles)
        return False
    state = _state_after_of(p)
    if state is None:
        return False
    last, country = state
    actor = r.government_actor(country, lemma(p.head))
    r.link(r.doc[p.span.start:last.i + 1], actor, head=p.head)
    r.remember(p.head.i, actor, "government")
    return True


@phrase_resolver_before("not_an_actor_head")
def bloc_of_event(p: Phrase) -> bool:
    """"coalition operations against X", "the coalition campaign", "alliance air strikes": the
    bloc that acts (the last one named so, or a bloc of its own)."""
    r, head = p.r, p.head
    event = head.head
    while event.dep_ == "compound" and event.head.i > event.i:  # "coalition air strikes"
        event = event.head
    if not (head.dep_ == "compound" and lemma(head) in r.lex.bloc_nouns and p.cls == "group"
            and head.pos_ == "NOUN" and event.i > head.i and _is_event_noun(r, event)
            and not p.mods):
        return False
    named = r.last_named_with_head(head)
    actor = r.actors[named] if named else r.group_actor("group", "", head.text[0].upper() + head.text[1:],
                                                        key=lemma(head))
    r.link(p.head_only, actor, head=head)
    r.remember(head.i, actor, "group")
    return True


def _is_event_noun(r, tok: "Token") -> bool:
    """"operations", "strikes", "support", "efforts": what a bloc does."""
    from .relations.events import load_event_words  # the event words live with the event constructions

    low = lemma(tok)
    return tok.pos_ == "NOUN" and (low in r.lex.hostility_nouns or low in r.lex.alliance_nouns
                                   or low in load_event_words().effort_nouns)


def opposed_names(p: Phrase) -> list["Token"]:
    """The named modifiers of a phrase that carry "anti-" or "counter-" ("the counter-ISIL
    coalition", "anti-Houthi forces"): the phrase is against them, not them."""
    r, doc = p.r, p.r.doc
    out = []
    for m in p.mods:
        if m.i in r.token_actor and m.i >= 2 and doc[m.i - 1].text == "-" \
                and doc[m.i - 2].lower_ in W.opposing_prefixes:
            out.append(m)
    return out


@phrase_resolver_before("named_modifier")
def opposed_to_named(p: Phrase) -> bool:
    """"the counter-ISIL coalition", "anti-Houthi forces": a party of its own, against the
    one it is named after (see relations.events.against_named)."""
    r, head = p.r, p.head
    against = opposed_names(p)
    if not against:
        return False
    keep = {t.i: r.token_actor[t.i] for t in p.span if t.i in r.token_actor}
    actor = r.group_actor(p.cls, "", np_label(p.span, set()))
    r.link(p.span, actor, head=head)
    r.token_actor.update(keep)  # the name inside stays a mention of its own actor
    r.np_actors[head.i] = [actor.id]
    r.remember(head.i, actor, p.cls, plural=head.tag_ in ("NNS", "NNPS"))
    return True


@phrase_resolver_before("the_group_singular")
def terrorist_description(p: Phrase) -> bool:
    """"the terrorist group", "these terrorists", "this terrorist organisation": the armed
    group of the base most named so far in the article, wherever it was last named."""
    r, head = p.r, p.head
    words = {lemma(head)} | p.mod_lemmas
    if not (p.definite and not p.distinguishing and p.cls in ("group", "fighters")
            and words & W.terrorist_descriptors):
        return False
    ref = r.salient_armed(head)
    if ref is None:
        return False
    r.link(p.rest_span, r.actors[ref], head=head)
    r.remember(head.i, r.actors[ref], p.cls, plural=head.tag_ in ("NNS", "NNPS"))
    return True
