"""Group phrases: who a noun phrase built on a generic actor noun ("Iraqi militias", "the
government", "the rebels", "coalition forces") refers to.

The phrase is described once (``Phrase``); then the resolvers of ``PHRASE_RESOLVERS`` are tried
in order, each a small named function with one job. The first that returns True has settled
the phrase (it may have decided the phrase names no one). Their names are what a newcomer
looks for: ``tests/test_actors.py`` keeps the order written down.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Span, Token

from .actor_words import load_actor_words

if TYPE_CHECKING:  # the resolver state lives in actors.py
    from .actors import _Resolver

W = load_actor_words()


def lemma(token: Token) -> str:
    return token.lemma_.lower()


@dataclass
class Phrase:
    """One group phrase, with what every resolver reads about it."""

    r: "_Resolver"
    head: Token
    cls: str  # generic class: government | rebels | militia | group | forces | fighters
    cls_word: str  # the word that gives the class ("army" in "army units")
    mods: list[Token]
    extra: dict = field(default_factory=dict)

    @cached_property
    def mod_lemmas(self) -> set[str]:
        return {lemma(m) for m in self.mods} | {m.lower_ for m in self.mods}

    @cached_property
    def backers(self) -> set[int]:
        return self.r.backer_tokens(self.mods, self.head)

    @cached_property
    def span(self) -> Span:
        start = self.mods[0].i if self.mods else self.head.i
        while start < self.head.i and self.r.doc[start].dep_ in ("det", "punct", "predet"):
            start += 1
        return self.r.doc[start:self.head.i + 1]

    @cached_property
    def demonyms(self) -> list[Token]:
        r = self.r
        return [m for m in self.mods if m.i in r.demonym_at and r.demonym_at[m.i][1] == m.i
                and m.i not in r.token_actor and m.i not in self.backers and not stance_prefix(m)]

    @cached_property
    def names(self) -> list[str]:
        r = self.r
        return [a for m, a in ((m, r.token_actor.get(m.i)) for m in self.mods) if a and m.i not in self.backers
                and m.dep_ in ("compound", "nmod", "poss", "amod", "conj") and not stance_prefix(m)]

    @cached_property
    def government_mod(self) -> bool:
        return bool(self.mod_lemmas & self.r.lex.government_modifiers) or "pro" in self.mod_lemmas

    @cached_property
    def indefinite(self) -> bool:
        return any(c.dep_ == "det" and c.lower_ in W.indefinite_determiners for c in self.head.children)

    @cached_property
    def definite(self) -> bool:
        return any(c.dep_ in ("det", "poss") for c in self.head.children)

    @cached_property
    def distinguishing(self) -> list[Token]:
        """Modifiers that make the phrase a party of its own ("Kurdish-led", "Sunni")."""
        r, head = self.r, self.head
        if r.headline(head):  # "Militia Cross To Syria Help Fight Rebels": capitals name nothing
            return []
        return [m for m in self.mods if m.dep_ in ("amod", "compound", "nmod", "npadvmod")
                and m.i not in self.backers and m.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")
                and lemma(m) not in W.non_distinguishing_modifiers
                and lemma(m) not in r.lex.ideology_words  # "the jihadist groups": no new party
                and m.head.i not in self.backers]

    @cached_property
    def rest_span(self) -> Span:
        """The span the reference resolvers link: the head alone in a headline."""
        return self.r.doc[self.head.i:self.head.i + 1] if self.r.headline(self.head) else self.span

    @property
    def head_only(self) -> Span:
        return self.r.doc[self.head.i:self.head.i + 1]

    @property
    def bare_definite(self) -> bool:
        """"the coalition", "the group": definite, with nothing that tells it apart."""
        return self.definite and not self.distinguishing


PhraseResolver = Callable[[Phrase], bool]
PHRASE_RESOLVERS: list[tuple[str, PhraseResolver]] = []


def phrase_resolver(fn: PhraseResolver) -> PhraseResolver:
    """Register ``fn``; resolvers run in the order they are defined below."""
    PHRASE_RESOLVERS.append((fn.__name__, fn))
    return fn


def phrase_resolver_before(name: str) -> Callable[[PhraseResolver], PhraseResolver]:
    """Register a resolver of another module just before the resolver ``name``."""
    def register(fn: PhraseResolver) -> PhraseResolver:
        at = next(k for k, (n, _) in enumerate(PHRASE_RESOLVERS) if n == name)
        PHRASE_RESOLVERS.insert(at, (fn.__name__, fn))
        return fn
    return register


def resolve_phrase(r: "_Resolver", head: Token, cls: str) -> None:
    mods = r.modifiers(head)
    cls_word = lemma(head)
    # a more specific generic word among the modifiers ("militia groups", "government forces")
    for m in mods:
        mcls = r.noun_class_of(m)
        if mcls and W.class_rank[mcls] < W.class_rank[cls] and m.dep_ in ("compound", "amod", "npadvmod", "nmod"):
            cls, cls_word = mcls, lemma(m)
    p = Phrase(r, head, cls, cls_word, mods)
    for _name, fn in PHRASE_RESOLVERS:
        if fn(p):
            return


def stance_prefix(tok: Token) -> str:
    """"anti" or "pro" when ``tok`` is the X of "anti-X" / "pro-X", else ""."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text in ("-", "\u2010", "\u2011") and doc[tok.i - 2].lower_ in W.stance_prefixes:
        return doc[tok.i - 2].lower_
    return ""


# --- the resolvers, in order ----------------------------------------------------------------

@phrase_resolver
def coalition_as_modifier(p: Phrase) -> bool:
    """"Coalition military forces", "coalition aircraft": the coalition itself."""
    r = p.r
    blocs = [m for m in p.mods if lemma(m) in r.lex.bloc_nouns and r.noun_class_of(m) == "group"
             and m.i not in r.token_actor]
    if not (blocs and p.cls in ("forces", "government", "fighters") and not any(
            m.i in r.token_actor or m.i in r.demonym_at for m in p.mods)):
        return False
    word = blocs[-1]
    named = r.last_named_with_head(word)
    actor = r.actors[named] if named else r.group_actor("group", "", word.text[0].upper() + word.text[1:],
                                                        key=lemma(word))
    start = p.mods[0].i if p.mods[0].dep_ != "det" else p.mods[0].i + 1
    r.link(r.doc[start:p.head.i + 1], actor, head=p.head)
    r.remember(p.head.i, actor, "group")
    return True


@phrase_resolver
def not_an_actor_head(p: Phrase) -> bool:
    """"the border", "the capital": heads the lexicon says never name a party."""
    return lemma(p.head) in p.r.lex.non_actor_heads


@phrase_resolver
def apposition(p: Phrase) -> bool:
    """"the STC, a UAE-backed separatist group": an apposition describes the actor it follows."""
    r, head = p.r, p.head
    if head.dep_ != "appos":
        return False
    if head.head.i in r.token_actor:
        actor = r.actors[r.token_actor[head.head.i]]
    elif head.head.i in r.np_actors and len(r.np_actors[head.head.i]) == 1:
        actor = r.actors[r.np_actors[head.head.i][0]]
    else:
        return False
    # "the PMF, an Iranian-backed militia": the backer in the description is not the PMF
    span = p.span
    if p.backers:
        start = max(p.backers) + 1
        while start < head.i and (r.doc[start].text == "-" or r.doc[start].lower_ in r.lex.compound_participles):
            start += 1
        span = r.doc[max(start, p.span.start):head.i + 1]
    r.link(span, actor, head=head)
    return True


@phrase_resolver
def stance_prefixed(p: Phrase) -> bool:
    """"an anti-Houthi, pro-government coalition", "pro-Russian separatists": a party of its own,
    named by whom it is for or against (the relation is `stance_prefix_modifier`'s);
    "pro-government forces" stay the government's own (`focus_government`)."""
    r, head = p.r, p.head
    left = [t for t in head.subtree if t.i < head.i]
    prefixed = [m for m in left if stance_prefix(m)]
    if p.names or not prefixed:
        return False
    if p.cls in ("government", "forces") and all(
            stance_prefix(m) == "pro" and lemma(m) in r.lex.government_modifiers for m in prefixed):
        return False
    for m in prefixed:  # whom it is for or against, before the phrase's own link covers the name
        if m.i in r.token_actor:
            r.prefixed[m.i] = aid = r.token_actor[m.i]
            # "Houthi" in "anti-Houthi coalition" names whom it fights, it is no mention of them
            r.actors[aid].spans[:] = [x for x in r.actors[aid].spans if not x.start <= m.idx < x.end]
        elif m.i in r.demonym_at:
            r.prefixed[m.i] = r.government_actor(r.demonym_at[m.i][0]).id
        elif lemma(m) in r.lex.government_modifiers and r.focus:
            r.prefixed[m.i] = r.government_actor(r.focus).id
    start = min(m.i for m in prefixed) - 2  # from the "anti" of the first prefix
    span = r.doc[min(start, p.span.start):head.i + 1]
    actor = r.group_actor(p.cls, r.focus, np_label(span, p.backers))
    r.link(span, actor, head=head)
    r.remember(head.i, actor, p.cls, plural=head.tag_ in ("NNS", "NNPS"))
    return True


@phrase_resolver
def indefinite_description(p: Phrase) -> bool:
    """"designate the militia a terrorist organisation": a description, not a party."""
    return p.indefinite and p.cls in ("group", "forces", "fighters") and not p.demonyms and not p.names


@phrase_resolver
def possessed(p: Phrase) -> bool:
    """"its fighters", "Hamas's forces": the owner is the party (see relations)."""
    return any(c.dep_ == "poss" for c in p.head.children) and p.cls in ("group", "fighters", "forces") \
        and not p.demonyms and not p.names


@phrase_resolver
def owners_of(p: Phrase) -> bool:
    """"the foreign ministers of Turkey and Iran", "Russian fighters of the Africa Corps"."""
    r, head = p.r, p.head
    owners = [a for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
              for x in c.children if x.dep_ == "pobj" for a in r._named_with_conj(x)]
    if owners and (not p.demonyms or all(r.actors[a].type != "state" for a in owners)):
        r.np_actors[head.i] = list(dict.fromkeys(owners))
        return True
    return False


@phrase_resolver
def named_modifier(p: Phrase) -> bool:
    """"ISIS militants", "Assad government", "Badr and Nujabaa groups": named already."""
    r, head = p.r, p.head
    if not p.names or p.demonyms:
        return False
    sent = r._sent(head)
    for aid in dict.fromkeys(p.names):
        actor = r.actors[aid]
        if p.cls in ("government", "forces") and actor.kb_id and actor.type == "state":
            actor = r.route(actor.kb_id, lemma(head))
        r.np_actors.setdefault(head.i, [])
        if actor.id not in r.np_actors[head.i]:
            r.np_actors[head.i].append(actor.id)
        if len(p.names) == 1:
            actor.add(p.span, sent)
            for t in p.span:
                r.token_actor.setdefault(t.i, actor.id)
        r.remember(head.i, actor, p.cls)
    return True


@phrase_resolver
def demonym_modifier(p: Phrase) -> bool:
    """"Iraqi militias", "Turkish forces", "the Sudanese government": the demonym's country."""
    r, head, cls = p.r, p.head, p.cls
    if not p.demonyms:
        return False
    for d in p.demonyms:
        country = r.demonym_at[d.i][0]
        d_end = max(i for i, (_, first) in r.demonym_at.items() if first == d.i)
        d_span = r.doc[d.i:d_end + 1]
        if cls in ("government",) or cls == "forces" and not (
                p.mod_lemmas - {d.lower_, lemma(d), "and", ",", "the"} - r.lex.government_modifiers):
            actor = r.government_actor(country, lemma(head))
            piece = p.span if len(p.demonyms) == 1 else d_span
            r.link(piece, actor, head=head)
            r.remember(head.i, actor, "government")
        elif cls == "government" or p.government_mod:
            actor = r.government_actor(country, lemma(head))
            r.link(d_span, actor, head=head)
            r.remember(head.i, actor, "government")
        else:
            label = f"{d_span.text} {W.class_plural.get(cls, head.lower_)}"
            actor = r.group_actor(cls, country, label)
            r.link(p.span if len(p.demonyms) == 1 else d_span, actor, head=head)
            r.remember(head.i, actor, cls, plural=True)
    return True


@phrase_resolver
def organ_named_before(p: Phrase) -> bool:
    """"the Department", "the Embassy": the organ named before (whose state it is)."""
    if not (p.bare_definite and lemma(p.head) in W.organ_nouns and not p.demonyms and not p.names):
        return False
    return _link_last_named(p)


@phrase_resolver
def focus_government(p: Phrase) -> bool:
    """"the government", "the army", "the junta in Ouagadougou": a government, the focus
    country's unless the phrase is placed elsewhere."""
    r, head = p.r, p.head
    if not (p.cls == "government" or p.government_mod):
        return False
    located = r.located_in(head)
    if located:  # "the junta in Ouagadougou"
        actor = r.government_actor(located, lemma(head))
        r.link(p.span, actor, head=head)
        r.remember(head.i, actor, "government")
        return True
    if not r.focus:
        return True
    # a bare title or a count of soldiers says nothing of whose they are
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in W.own_determiners for c in head.children)
    if p.indefinite:
        return True  # "set up a rival administration": not the focus country's government
    if lemma(head) in r.lex.person_titles or lemma(head) in W.spokes_nouns:
        return True
    if head.pos_ == "PROPN" and any(m.pos_ == "PROPN" and m.i not in r.token_actor and m.i not in r.demonym_at
                                    for m in p.mods):
        return False  # "the Sudan People's Liberation Army": a name of its own, no state's army
    core = W.government_core
    if head.tag_ == "NNS" and lemma(head) in W.government_plural_excluded:
        return True  # "other governments": not the one of the focus country
    if not p.government_mod and lemma(head) not in core and p.cls_word not in core and not (
            definite and lemma(head) in core | W.government_core_definite):
        return True
    actor = r.government_actor(r.focus, lemma(head))
    start = p.span.start
    r.link(r.doc[start if start < head.i else head.i:head.i + 1], actor, head=head)
    r.remember(head.i, actor, "government")
    return True


@phrase_resolver
def named_with_this_head(p: Phrase) -> bool:
    """"the coalition", "the movement", "the council": the last actor whose name ends so."""
    if not (p.bare_definite and p.head.tag_ in ("NN", "NNP", "JJ")):
        return False
    return _link_last_named(p)


def _link_last_named(p: Phrase) -> bool:
    """Link the phrase's head to the last actor whose name ends in the same word, if any."""
    named = p.r.last_named_with_head(p.head)
    if named is None:
        return False
    p.r.link(p.head_only, p.r.actors[named], head=p.head)
    return True


@phrase_resolver
def same_description(p: Phrase) -> bool:
    """"the paramilitary" … "the paramilitary": the same description, the same party."""
    r, head = p.r, p.head
    if not (p.bare_definite and lemma(head) in r.definite_memo):
        return False
    r.link(p.head_only, r.actors[r.definite_memo[lemma(head)]], head=head)
    return True


@phrase_resolver
def unnamed_bloc(p: Phrase) -> bool:
    """"the coalition" with no coalition named before: a party of its own."""
    r, head = p.r, p.head
    if not (p.bare_definite and lemma(head) in r.lex.bloc_nouns and p.cls == "group"):
        return False
    actor = r.group_actor(p.cls, "", head.text[0].upper() + head.text[1:])
    r.definite_memo[lemma(head)] = actor.id
    r.link(p.head_only, actor, head=head)
    r.remember(head.i, actor, p.cls)
    return True


@phrase_resolver
def the_group_singular(p: Phrase) -> bool:
    """"the group", "the militia" (singular): the armed actor most named nearby."""
    r, head = p.r, p.head
    if not (p.bare_definite and head.tag_ in ("NN", "NNP", "JJ") and p.cls in ("militia", "group", "fighters")):
        return False
    ref = r.last_armed(head)
    if ref is not None:
        r.definite_memo[lemma(head)] = ref
        r.link(p.head_only, r.actors[ref], head=head)
    return True


@phrase_resolver
def rebels_or_militias(p: Phrase) -> bool:
    """"the rebels", "Sunni militias": the same side named so before, or a new side."""
    r, head, cls = p.r, p.head, p.cls
    if cls not in ("rebels", "militia"):
        return False
    # lower-case adjectives ("regional", "mainstream") do not make a new rebel side
    naming = [m for m in p.distinguishing if not (m.pos_ == "ADJ" and m.text.islower())
              and r.noun_class_of(m) is None]
    earlier = r.recall(cls, head.i)
    if not earlier and not naming and cls == "rebels" and p.definite:
        earlier = r.salient_armed(head)
    if earlier and not naming:
        actor = r.actors[earlier]
    else:
        country = r.located_in(head) or r.focus
        backer_countries = {r.actors[r.token_actor[i]].country for i in p.backers if i in r.token_actor}
        if country in backer_countries:
            country = ""  # "Iran-allied militias": not Iran's own
        state = r.kb.state_of(country) if country else None
        if p.distinguishing or p.backers or state is None:
            label = np_label(r.doc[min([p.rest_span.start, *p.backers]):head.i + 1], set())
        else:
            demonym = state.demonyms[0] if state.demonyms else state.name
            label = f"{demonym} {W.class_plural[cls]}".strip()
        actor = r.group_actor(cls, country, label)
    r.link(p.head_only if head.dep_ in ("npadvmod", "amod") else p.rest_span, actor, head=head)
    r.remember(head.i, actor, cls, plural=True)
    return True


@phrase_resolver
def loyal_to(p: Phrase) -> bool:
    """"forces loyal to Haftar", "armed groups allied to the GNU": that side's own."""
    r, head = p.r, p.head
    if p.cls not in ("group", "forces", "fighters") or p.distinguishing:
        return False
    sides = [a for c in head.children if c.dep_ in ("amod", "acl") and c.lower_ in r.lex.identity_participles
             for x in c.children if x.dep_ == "prep" and x.lower_ in ("to", "with")
             for o in x.children if o.dep_ == "pobj" for a in r._named_with_conj(o)]
    if not sides:
        return False
    r.np_actors[head.i] = list(dict.fromkeys(sides))
    return True


@phrase_resolver
def distinct_group(p: Phrase) -> bool:
    """"mainstream groups supported by Turkey", "Kurdish-led forces": a party of their own."""
    r, head = p.r, p.head
    if not p.distinguishing:
        return False
    label = np_label(p.rest_span, p.backers)
    backer = r.backer_by_agent(head)
    if backer:  # "mainstream groups supported by Turkey" → "Turkey-backed mainstream groups"
        label = f"{backer}-backed {label[0].lower() + label[1:] if label[:1].isupper() and not label.isupper() else label}"
    actor = r.group_actor(p.cls, r.focus, label)
    r.link(p.rest_span, actor, head=head)
    r.remember(head.i, actor, p.cls, plural=head.tag_ in ("NNS", "NNPS"))
    return True


@phrase_resolver
def the_militants(p: Phrase) -> bool:
    """"the militants", "the fighters": the last armed actor nearby."""
    r, head = p.r, p.head
    if not (p.definite and p.cls in ("group", "fighters", "militia")):
        return False
    ref = r.last_armed(head)
    if ref is not None:
        r.link(p.head_only, r.actors[ref], head=head)
    return True


def np_label(span: Span, backers: set[int]) -> str:
    words = [t for t in span if t.i not in backers and not (t.i - 1 in backers and t.text == "-")
             and not (t.lower_ in ("backed", "supported", "led") and t.i - 2 in backers)]
    text = "".join(t.text_with_ws for t in words).strip()
    return text[0].upper() + text[1:] if text and text[0].islower() and text.split()[0].lower() not in (
        "al",) else text


from . import generic_agents  # noqa: E402,F401  (its resolvers join the chain above)
