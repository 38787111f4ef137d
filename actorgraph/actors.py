"""Actor recognition and resolution: a parsed article → the actors it names, and which
tokens refer to which actor.

Layers, in order of trust:
1. knowledge-base names, acronyms, metonyms and people (PhraseMatcher over the base's data);
2. group phrases built on generic actor nouns ("Iraqi militias", "the government",
   "Kurdish-led forces"), whose country comes from a demonym or from the article's focus;
3. organisations the statistical NER finds and the base lacks.
A country named only as a place ("crossed into Syria") is not an actor unless it acts.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .actor_words import load_actor_words
from .kb import KnowledgeBase, load_kb
from .lexicon import Lexicon, load_lexicon
from .model import INTERNATIONAL, Actor, Mention
from .phrases import lemma, np_label, resolve_phrase

W = load_actor_words()

NP_MODIFIER_DEPS = {"amod", "compound", "nmod", "npadvmod", "poss", "nummod", "quantmod", "det",
                    "predet", "advmod", "punct", "case"}
HEADLINE_SHARE = 0.6  # share of capitalised words above which a line reads as a headline
MARKUP_CHARS = set("<>/\"'`")


@dataclass
class ActorDraft:
    """An actor being assembled while the article is read."""

    id: str
    label: str
    type: str
    country: str
    kb_id: str | None = None
    source: str = "kb"
    spans: list[Mention] = field(default_factory=list)
    acting: bool = False  # named as a party, not only as a place
    synthetic: bool = False  # built from a group phrase: kept only when it takes part in a relation

    def add(self, span: Span | tuple[int, int, str], sent_index: int, acting: bool = True) -> None:
        if isinstance(span, Span):
            start, end, text = span.start_char, span.end_char, span.text
        else:
            start, end, text = span
        if not any(m.start == start and m.end == end for m in self.spans):
            self.spans.append(Mention(text=text, start=start, end=end, sentence=sent_index))
        self.acting = self.acting or acting


@dataclass
class Resolution:
    """What the recogniser learned about one document; the relation rules read it."""

    doc: Doc
    actors: dict[str, ActorDraft]
    token_actor: dict[int, str]  # token index → actor id, for tokens inside a mention
    np_actors: dict[int, list[str]]  # NP head token → the actors that NP denotes
    place_actor: dict[int, str]  # such a token → the actor it would be (relations may promote it)
    modifier_actor: dict[int, str]  # "US assistance", "Israeli strikes": a state as a modifier
    focus_country: str
    sent_index: dict[int, int]  # sentence start token → sentence number
    order: list[tuple[int, str, str]] = field(default_factory=list)  # (token, actor id, class)
    plural_at: dict[int, bool] = field(default_factory=dict)  # mention start/head → grammatically plural
    inner_backers: dict[int, str] = field(default_factory=dict)  # "Saudi" in "the Saudi-led coalition"
    prefixed: dict[int, str] = field(default_factory=dict)  # "Houthi" in "an anti-Houthi coalition" → its actor

    def sentence_of(self, token: Token) -> int:
        return self.sent_index[token.sent.start]


@dataclass(frozen=True)
class KBMatch:
    start: int
    end: int
    target: str
    kind: str  # name | acronym | demonym | metonym | person


class Recognizer:
    """Matchers compiled once per pipeline from the knowledge base."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, lexicon: Lexicon):
        self.kb = kb
        self.lex = lexicon
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.forms: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key → [(target, kind)]
        self.surface_has_upper: dict[str, bool] = {}
        self.state_forms: dict[str, str] = {}  # exact name or demonym of a state → its entry
        forms = list(kb.surface_forms())
        # "People’s" is "People's": typeset apostrophes match the base's straight ones
        texts = [f.text for f in forms] + [f.text.replace("'", "\u2019") for f in forms if "'" in f.text]
        forms += [f for f in forms if "'" in f.text]
        for f, text, doc in zip(forms, texts, nlp.tokenizer.pipe(texts)):
            key = f"{f.kind}:{f.target}:{text}"
            matcher = self.exact if f.case_sensitive else self.lower
            if key not in self.forms:
                matcher.add(key, [doc])
            self.forms[key].append((f.target, f.kind))
            self.surface_has_upper[key] = any(c.isupper() for c in f.text)
            if f.kind in ("name", "demonym", "acronym") and kb.entries.get(f.target) is not None \
                    and kb.entries[f.target].type == "state" and f.text not in kb.entries[f.target].ambiguous:
                self.state_forms.setdefault(f.text, f.target)

    def matches(self, doc: Doc) -> list[KBMatch]:
        found: list[KBMatch] = []
        strings = doc.vocab.strings
        for matcher, exact in ((self.lower, False), (self.exact, True)):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                text = doc[start:end].text
                if not exact and self.surface_has_upper[key] and text.islower():
                    continue  # "badr" in lower case is a word, not the group
                for target, kind in self.forms[key]:
                    found.append(KBMatch(start, end, target, kind))
        return _longest_first(found, self._priority)

    @staticmethod
    def _priority(m: KBMatch) -> int:
        return {"name": 0, "acronym": 1, "person": 2, "metonym": 3, "demonym": 4}[m.kind]


def _longest_first(found: list[KBMatch], priority) -> list[KBMatch]:
    """Drop matches overlapped by longer ones; of equal spans keep every target (ambiguity)."""
    found.sort(key=lambda m: (-(m.end - m.start), priority(m), m.start))
    taken: set[int] = set()
    kept: list[KBMatch] = []
    spans_kept: dict[tuple[int, int], int] = {}
    for m in found:
        span = (m.start, m.end)
        if span in spans_kept:
            if priority(m) == spans_kept[span]:
                kept.append(m)
            continue
        if any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        spans_kept[span] = priority(m)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


@cache
def recognizer_for(nlp: Language) -> Recognizer:
    """Matchers for ``nlp``, compiled once per pipeline."""
    return Recognizer(nlp, load_kb(), load_lexicon())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "actor"


class _Resolver:
    """Reads one document; ``run`` returns the Resolution."""

    def __init__(self, doc: Doc, rec: Recognizer):
        self.doc = doc
        self.rec = rec
        self.kb = rec.kb
        self.lex = rec.lex
        self.actors: dict[str, ActorDraft] = {}
        self.token_actor: dict[int, str] = {}
        self.np_actors: dict[int, list[str]] = {}
        self.place_actor: dict[int, str] = {}
        self.modifier_actor: dict[int, str] = {}
        self.plural_at: dict[int, bool] = {}
        self.inner_backers: dict[int, str] = {}
        self.prefixed: dict[int, str] = {}
        self.definite_memo: dict[str, str] = {}  # generic head lemma → the actor "the <head>" named
        self.sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        self.order: list[tuple[int, str, str]] = []
        self.plural_memory: dict[str, list[tuple[int, str]]] = defaultdict(list)  # class → (token, actor)
        self.head_words: dict[str, list[tuple[int, str]]] = defaultdict(list)  # last word of a name → (token, actor)
        self.sent_starts = [s.start for s in doc.sents]
        self.positions: dict[str, list[int]] = defaultdict(list)  # actor → tokens where it is named
        self.headline_memo: dict[int, bool] = {}
        self.surnames: dict[str, str] = {}  # person surname → actor id

    # --- actors -------------------------------------------------------------------------
    def _sent(self, token: Token) -> int:
        return bisect_left(self.sent_starts, token.i + 1) - 1  # token.sent walks the whole sentence

    def entry_actor(self, entry_id: str) -> ActorDraft:
        if entry_id not in self.actors:
            e = self.kb.entries[entry_id]
            self.actors[entry_id] = ActorDraft(entry_id, e.name, e.type, e.country, kb_id=entry_id)
        return self.actors[entry_id]

    def government_actor(self, country: str, noun: str = "government") -> ActorDraft:
        """Who "the X government / army / president" is: a named government or military
        entry of X mentioned in the article, the focus country's government, or the state."""
        prefer = ("military", "government") if noun in W.military_nouns else ("government", "military")
        civil = country == self.focus and self.civil_war
        # in a civil war the army is the government's; elsewhere "Israel" is the state, not the IDF
        for kind in prefer if civil else prefer[:1]:
            for eid in self.mentioned_entries:
                e = self.kb.entries[eid]
                if e.country == country and e.type == kind and not subnational(e.name):
                    return self.entry_actor(eid)
        state = self.kb.state_of(country)
        if civil and state is not None:
            gid = f"{state.id}_government"
            if gid not in self.actors:
                demonym = state.demonyms[0] if state.demonyms else state.name
                self.actors[gid] = ActorDraft(gid, f"{demonym} government", "government", country,
                                              kb_id=state.id, source="phrase")
            return self.actors[gid]
        if state is None:
            raise KeyError(country)
        return self.entry_actor(state.id)

    def group_actor(self, cls: str, country: str, label: str, key: str | None = None) -> ActorDraft:
        gid = slug(key or label)
        if gid in self.kb.entries:
            gid += "_group"
        if gid not in self.actors:
            self.actors[gid] = ActorDraft(gid, label, W.group_type.get(cls, "armed_group"), country,
                                          source="phrase", synthetic=True)
        return self.actors[gid]

    def route(self, entry_id: str, noun: str = "government") -> ActorDraft:
        """A state entry acting through its government goes where government_actor says."""
        e = self.kb.entries[entry_id]
        if e.type == "state":
            return self.government_actor(e.country, noun)
        return self.entry_actor(entry_id)

    def remember(self, token_i: int, actor: ActorDraft, cls: str, plural: bool = False) -> None:
        insort(self.order, (token_i, actor.id, cls))  # kept sorted: look-ups bisect, never scan
        insort(self.positions[actor.id], token_i)
        if plural:
            insort(self.plural_memory[cls], (token_i, actor.id))

    def recall(self, cls: str, before: int) -> str | None:
        """The last actor named by a plural phrase of class ``cls`` before token ``before``."""
        seen = self.plural_memory.get(cls, [])
        k = bisect_left(seen, (before, ""))
        return seen[k - 1][1] if k else None

    def before(self, token_i: int, start: int = 0) -> list[tuple[int, str, str]]:
        """Actor mentions from token ``start`` up to (not including) ``token_i``, in order."""
        return self.order[bisect_left(self.order, (start, "", "")):bisect_left(self.order, (token_i, "", ""))]

    def link(self, span: Span, actor: ActorDraft, head: Token | None = None, acting: bool = True) -> None:
        actor.add(span, self._sent(span[0]), acting)
        names = [span.text] + ([actor.label] if len(actor.spans) == 1 else [])
        for name in names:  # "the Houthi movement" … "the movement"
            words = name.split()
            if len(words) > 1:
                insort(self.head_words[words[-1].lower()], (span.start, actor.id))
        h = head if head is not None else span.root
        for i in (span.start, h.i):
            self.plural_at[i] = h.tag_ in ("NNS", "NNPS")
        for t in span:
            self.token_actor[t.i] = actor.id
        h = head if head is not None else span.root
        ids = self.np_actors.setdefault(h.i, [])
        if actor.id not in ids:
            ids.append(actor.id)

    # --- the passes ---------------------------------------------------------------------
    # The resolution chain: named passes, run in this order by ``run``. Each reads what the
    # passes before it found; group phrases have their own ordered resolvers (phrases.py).
    PASSES = ("match_knowledge_base", "mark_datelines", "mark_named_tokens", "find_focus",
              "detect_civil_war", "place_knowledge_base_matches", "title_persons", "generic_phrases",
              "ner_orgs", "acronyms", "drop_covered_modifiers")

    def run(self) -> Resolution:
        for name in self.PASSES:
            getattr(self, name)()
        return Resolution(self.doc, self.actors, self.token_actor, self.np_actors,
                          self.place_actor, self.modifier_actor, self.focus, self.sent_index, self.order,
                          self.plural_at, self.inner_backers, self.prefixed)

    def match_knowledge_base(self) -> None:
        """The base's strings in the text, one entry per span (see disambiguate)."""
        self.matches = matches = self.disambiguate(self.rec.matches(self.doc))
        self.mentioned_entries = [m.target for m in matches if m.kind in ("name", "acronym")
                                  and self.kb.entries[m.target].acts_for is None]
        # a leader named for an army or government puts it on the page too ("Army chief al-Burhan")
        self.mentioned_entries += [self.kb.persons[m.target].represents for m in matches if m.kind == "person"
                                   and self.kb.entries[self.kb.persons[m.target].represents].type
                                   in ("military", "government")]
        # token → (country, first token of the demonym): "South African", "Congolese" after disambiguation
        self.demonym_at: dict[int, tuple[str, int]] = {
            i: (self.kb.entries[m.target].country, m.start)
            for m in matches if m.kind == "demonym" for i in range(m.start, m.end)}

    def mark_named_tokens(self) -> None:
        """Tokens inside the name or acronym of an entry that is not a state."""
        self.named_tokens = {i for m in self.matches if m.kind in ("name", "acronym") and not self._is_state_form(m)
                             for i in range(m.start, m.end)}

    def detect_civil_war(self) -> None:
        self.civil_war = self.has_civil_war()

    def place_knowledge_base_matches(self) -> None:
        """Each match becomes a mention of its actor, a place or a modifier (place_match)."""
        ner_absorbed = self.absorb_into_entities(self.matches)
        for m in self.matches:
            if id(m) not in ner_absorbed:
                self.place_match(m)

    def drop_covered_modifiers(self) -> None:
        """A modifier inside a mention is part of that mention, not a modifier of its own."""
        self.modifier_actor = {i: a for i, a in self.modifier_actor.items() if i not in self.token_actor}

    def mark_datelines(self) -> None:
        """"GOMA, Democratic Republic of Congo - …": a dateline names a place, never an actor."""
        matches = self.matches
        self.dateline: set[int] = set()
        for sent in self.doc.sents:
            toks = [t for t in sent if not t.is_space]
            dash = next((t for t in toks[:12] if t.text in ("-", "–", "—", "(")), None)
            if dash is None or not toks[0].text.isupper() or len(toks[0].text) < 3:
                continue
            for m in matches:
                if sent.start <= m.start and m.end <= dash.i:
                    self.dateline.update(range(m.start, m.end))

    def disambiguate(self, matches: list[KBMatch]) -> list[KBMatch]:
        """Of several entries sharing a surface form, keep the one whose conflicts or country
        the article's unambiguous matches share most."""
        by_span: dict[tuple[int, int], list[KBMatch]] = defaultdict(list)
        for m in matches:
            by_span[(m.start, m.end)].append(m)
        context: Counter[str] = Counter()
        for group in by_span.values():
            if len({g.target for g in group}) == 1:
                e = self._entry_of(group[0])
                if e is not None:
                    context.update(e.conflicts)
                    context[e.country] += 1
        kept = []
        for span in sorted(by_span):
            group = by_span[span]
            best = max(group, key=lambda m: self._context_score(m, context))
            entry = self._entry_of(best)
            if best.kind == "acronym" and span[1] - span[0] == 1 and entry is not None and entry.type != "state" \
                    and entry.country != "INT" and sum(context.values()) > 4 \
                    and self._context_score(best, context - self._own(entry)) == 0:
                continue  # a short acronym from a war the article never touches: another body's initials
            kept.append(best)
        return kept

    @staticmethod
    def _own(entry) -> Counter:
        return Counter({**{c: 1 for c in entry.conflicts}, entry.country: 1})

    def _entry_of(self, m: KBMatch):
        if m.kind == "person":
            p = self.kb.persons[m.target]
            return self.kb.entries.get(p.represents)
        return self.kb.entries.get(m.target)

    def _context_score(self, m: KBMatch, context: Counter) -> int:
        e = self._entry_of(m)
        if e is None:
            return 0
        return sum(context[c] for c in e.conflicts) + context[e.country]

    def find_focus(self) -> None:
        """The country the article is about: the most named, the first named on a tie."""
        self.focus = self._focus(self.matches)

    def _focus(self, matches: list[KBMatch]) -> str:
        counts: Counter[str] = Counter()
        for m in matches:
            e = self._entry_of(m)
            if e is not None and e.type == "state":
                counts[e.country] += 2
            elif e is not None and e.country and e.country != "INT":
                counts[e.country] += 1  # "the Arakan Army … the junta": a group tells where the war is
        if not counts:
            return ""
        best = max(counts.values())
        for m in matches:  # ties: first named
            e = self._entry_of(m)
            if e is not None and counts.get(e.country) == best:
                return e.country
        return counts.most_common(1)[0][0]

    def has_civil_war(self) -> bool:
        """Does the focus country's government face domestic rebels or speak as "the government"?"""
        if any(self.kb.entries[e].country == self.focus and self.kb.entries[e].type in (
                "armed_group", "militia", "rebel_coalition") for e in self.mentioned_entries):
            return True
        for t in self.doc:
            cls = self.lex.noun_class.get(lemma(t))
            named = t.i in self.named_tokens or any(c.i in self.named_tokens for c in t.children)
            if cls == "rebels" and not named:  # "ELN guerrillas" are the ELN's, not the focus country's rebels
                return True
            if lemma(t) in ("regime", "junta") and not any(
                    c.dep_ in ("amod", "compound") and c.i in self.demonym_at
                    for c in t.children):
                return True
        return False

    def absorb_into_entities(self, matches: list[KBMatch]) -> set[int]:
        """State names inside a larger NER entity: part of a group's name ("Hezbollah Lebanon")
        or of another organisation's ("the Washington Post"), not the state."""
        absorbed: set[int] = set()
        by_token = {i: m for m in matches for i in range(m.start, m.end)}
        for ent in self.doc.ents:
            if ent.label_ not in ("ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LOC"):
                continue
            inside = {id(m): m for i in range(ent.start, ent.end) if (m := by_token.get(i))}
            # "the Sudan People's Liberation Army": a group named after a place is not the
            # namesake group of another country inside its name (China's People's Liberation Army)
            for m in list(inside.values()):
                left = by_token.get(m.start - 1) if m.start > ent.start else None
                entry = self._entry_of(m)
                if left is not None and self._is_state_form(left) and entry is not None and \
                        not self._is_state_form(m) and m.kind in ("name", "acronym") and \
                        entry.country not in ("", INTERNATIONAL, self._entry_of(left).country):
                    absorbed.update((id(m), id(left)))
                    inside.pop(id(m), None)
                    inside.pop(id(left), None)
            if ent.label_ == "LOC":
                continue  # a place's name holds no group of its own beyond that
            # "the G7 Foreign Ministers of Canada", "the Governments of France": a plural head
            # before "of" lists members, it is not one name ("Islamic State of Iraq" is)
            states = [m for m in inside.values() if self._is_state_form(m) and not (
                m.start >= ent.start + 2 and self.doc[m.start - 1].lower_ == "of"
                and _plural_noun(self.doc[m.start - 2]))]
            if not states:
                continue
            if any(m.start == ent.start and m.end == ent.end for m in inside.values()):
                continue
            others = [m for m in inside.values() if not self._is_state_form(m)]
            if others:  # "Hezbollah Lebanon": the state name belongs to the group's mention
                for m in states:
                    absorbed.add(id(m))
                owner = others[0]
                # widen the group's match to the whole entity
                matches[matches.index(owner)] = KBMatch(ent.start, ent.end, owner.target, owner.kind)
                continue
            last = ent[-1]
            if self.lex.noun_class.get(lemma(last)) or ent.label_ == "PERSON" and len(ent) == 1:
                continue
            if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT") and len(ent) > 1:
                for m in states:
                    absorbed.add(id(m))
        return absorbed

    def _is_state_form(self, m: KBMatch) -> bool:
        e = self._entry_of(m)
        return m.kind != "person" and e is not None and e.type == "state"

    def place_match(self, m: KBMatch) -> None:
        span = self.doc[m.start:m.end]
        if m.kind == "person":
            person = self.kb.persons[m.target]
            span = self.extend_titles(span)
            actor = self.route(person.represents)
            self.link(span, actor)
            self.surnames[span[-1].text] = actor.id
            self.remember(span.start, actor, "person")
            return
        entry = self.kb.entries[m.target]
        if entry.acts_for is not None:  # "OFAC", "the Department of State": the state acts
            actor = self.route(entry.acts_for, "army" if entry.type == "military" else "government")
            self.link(span, actor)
            insort(self.head_words[span.root.lower_], (span.start, actor.id))  # … "the Department"
            self.remember(span.start, actor, "state")
            return
        if entry.type != "state":
            head = span.root
            # "ISIS militants", "M23 rebels": the generic noun after the name is part of it
            nxt = head.head if head.dep_ in ("compound", "nmod") and head.head.i == span.end else None
            generic_cls = None
            if nxt is not None and self.lex.noun_class.get(lemma(nxt)) and nxt.i == span.end:
                span = self.doc[span.start:nxt.i + 1]
                generic_cls = self.lex.noun_class[lemma(nxt)]
            span = hedged(span)
            actor = self.entry_actor(entry.id)
            self.link(span, actor)
            self.remember(span.start, actor, _class_of_type(entry.type))
            for t in span[:-2]:
                if self.doc[t.i + 1].text == "-" and self.lex.compound_participles.get(self.doc[t.i + 2].lower_):
                    state = self.rec.state_forms.get(t.text)
                    if state:
                        self.inner_backers[t.i] = self.route(state).id
            last = span[-1]
            generic_cls = generic_cls or self.lex.noun_class.get(lemma(last))
            if generic_cls and last.tag_ in ("NNS", "NNPS"):  # "M23 rebels" … "the rebels"
                self.remember(span.start, actor, generic_cls, plural=True)
            return
        if m.kind == "demonym":  # read with the noun it modifies (generic_phrases)
            self.modifier_actor[span.root.i] = self.route(entry.id).id
            return
        role = "place" if span.start in self.dateline else self.state_role(span)
        if m.kind == "metonym" and span.text in entry.ambiguous and role == "acting" \
                and span.root.dep_ not in ("nsubj", "nsubjpass", "poss"):
            role = "place"  # "Sanaa", "Washington": an actor only when it speaks or acts
        if role == "place":
            for t in span:
                self.place_actor[t.i] = self.entry_actor(entry.id).id
            return
        if role == "modifier":
            self.modifier_actor[span.root.i] = self.route(entry.id).id
            return
        actor = self.route(entry.id) if m.kind == "metonym" or entry.country == self.focus else self.entry_actor(entry.id)
        self.link(span, actor)
        self.remember(span.start, actor, "state")

    def state_role(self, span: Span) -> str:
        """place | modifier | acting, for a state's name or metonym."""
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        head = root.head
        if root.dep_ == "pobj" and lemma(head) in self.lex.locative_preps:
            gov = head.head
            if lemma(head) != "from" or lemma(gov) not in (self.lex.alliance_nouns | self.lex.hostility_nouns
                                                           | self.lex.alliance_verbs):
                return "place"
        if root.dep_ == "pobj" and lemma(head) == "to" and lemma(head.head) in self.lex.motion_verbs:
            return "place"
        if root.dep_ == "pobj" and lemma(head.head) in self.lex.non_actor_heads:
            return "place"  # "the border with Burundi", "the capital of Mali"
        if root.dep_ in ("compound", "nmod", "amod") and head.i > root.i:
            if lemma(head) in self.lex.non_actor_heads or lemma(head) in self.lex.hostility_nouns \
                    or head.pos_ in ("NOUN", "PROPN") and not self.lex.noun_class.get(lemma(head)):
                return "modifier"
        if root.dep_ == "poss" and (lemma(head) in self.lex.non_actor_heads or head.i in self.named_tokens):
            return "place"  # "Yemen's Houthi movement", "Syria's territory"
        if root.dep_ in ("dobj",) and lemma(head) in self.lex.motion_verbs:
            return "place"
        return "acting"

    def extend_titles(self, span: Span) -> Span:
        """"President Bashar al-Assad", "Iranian Foreign Minister Abbas Araqchi": the titles
        before a name belong to the mention."""
        start = span.start
        titles = self.lex.person_titles
        while start > span.sent.start:
            prev = self.doc[start - 1]
            two = f"{self.doc[start - 2].lower_} {prev.lower_}" if start - 2 >= span.sent.start else ""
            if two in titles:
                start -= 2
            elif prev.lower_ in titles or (prev.i in self.demonym_at and start < span.start):
                start -= 1
            else:
                break
        return self.doc[start:span.end]

    def title_persons(self) -> None:
        """A person the base lacks, named with a demonym or a group and a title, speaks for it:
        "Turkish Foreign Minister Hakan Fidan" → Turkey; afterwards "Fidan" too."""
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or any(t.i in self.token_actor for t in ent):
                continue
            span = self.extend_titles(ent)
            owner = None
            if span.start < ent.start:
                first = self.doc[span.start]
                country = self.demonym_at.get(first.i, ("", 0))[0]
                if country:
                    owner = self.government_actor(country, "government")
                elif span.start - 1 >= 0 and (span.start - 1) in self.token_actor:
                    owner = self.actors[self.token_actor[span.start - 1]]
            if owner is None and span.start > ent.sent.start and (span.start - 1) in self.token_actor:
                prev_actor = self.actors[self.token_actor[span.start - 1]]
                if span.start < ent.start:
                    owner = prev_actor
            if owner is None:
                owner_id = self.surnames.get(ent[-1].text)
                if owner_id is None:
                    continue
                owner = self.actors[owner_id]
                span = ent
            self.link(span, owner, head=ent.root)
            self.surnames[ent[-1].text] = owner.id
            self.remember(span.start, owner, "person")
        # bare surnames seen after their full name
        for t in self.doc:
            if t.i not in self.token_actor and t.pos_ == "PROPN" and t.text in self.surnames:
                owner = self.actors[self.surnames[t.text]]
                self.link(self.doc[t.i:t.i + 1], owner)
                self.remember(t.i, owner, "person")

    # --- group phrases -----------------------------------------------------------------------
    def noun_class_of(self, t: Token) -> str | None:
        if t.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        prev = self.doc[t.i - 1] if t.i > 0 else None
        if prev is not None and f"{prev.lower_} {t.lower_}" in self.lex.noun_class:
            return self.lex.noun_class[f"{prev.lower_} {t.lower_}"]
        low = t.lower_
        return (self.lex.noun_class.get(lemma(t)) or self.lex.noun_class.get(low)
                or (self.lex.noun_class.get(low[:-1]) if t.tag_ == "NNPS" and low.endswith("s") else None)
                or ("government" if lemma(t) in W.organ_nouns else None))

    def generic_phrases(self) -> None:
        for t in self.doc:
            if t.i in self.token_actor:
                continue
            cls = self.noun_class_of(t)
            if cls is None:
                continue
            # A generic noun modifying another generic noun is read with that head.
            if t.dep_ in ("compound", "amod") and t.head.i > t.i and self.noun_class_of(t.head) \
                    and t.head.i not in self.token_actor:
                continue
            if t.pos_ == "ADJ" and t.dep_ == "amod" and lemma(t) not in W.rebel_adjectives:
                continue
            self.generic(t, cls)

    def modifiers(self, head: Token) -> list[Token]:
        """Left modifiers of an NP head, with their own conjuncts and compounds."""
        out = []
        for c in head.lefts:
            if c.dep_ in NP_MODIFIER_DEPS:
                out.extend(x for x in c.subtree if x.i < head.i)
        out = sorted(set(out), key=lambda x: x.i)
        # "KYIV, March 3 - Ukrainian forces": nothing before a comma or a dash belongs to the phrase
        cut = max((k for k, x in enumerate(out) if x.text in (",", "-", "\u2013", "\u2014", ":", ";")
                   and x.dep_ == "punct" and (x.whitespace_ or x.text == ",")
                   and not _between_adjectives(out, k)), default=-1)
        return out[cut + 1:]

    def headline(self, token: Token) -> bool:
        n = self._sent(token)
        if n not in self.headline_memo:
            self.headline_memo[n] = is_headline(token.sent)
        return self.headline_memo[n]

    def backer_by_agent(self, head: Token) -> str:
        """The named backer of "groups supported by Turkey", for the group's label."""
        for c in head.children:
            if c.dep_ in ("acl", "amod") and self.lex.compound_participles.get(c.lower_) == "alliance":
                for agent in c.children:
                    if agent.dep_ == "agent":
                        for p in agent.children:
                            if p.dep_ == "pobj" and p.i in self.token_actor:
                                return self.actors[self.token_actor[p.i]].label
        return ""

    def backer_tokens(self, mods: list[Token], head: Token) -> set[int]:
        """Tokens of "Iran-backed", "US-led": they name a backer, not the group itself."""
        out: set[int] = set()
        for m in mods:
            if m.lower_ in self.lex.compound_participles and m.i != head.i:
                before = [x.i for x in m.subtree if x.i < m.i]
                if any(i in self.token_actor or i in self.demonym_at or i in self.modifier_actor for i in before):
                    out.add(m.i)
                    out.update(before)
        return out

    def generic(self, head: Token, cls: str) -> None:
        """Who the group phrase headed by ``head`` refers to: see phrases.PHRASE_RESOLVERS."""
        resolve_phrase(self, head, cls)

    ARMED = ("armed_group", "militia", "rebel_coalition")

    def located_in(self, head: Token) -> str:
        """"militias in Iraq", "In Ethiopia, government troops clashed…": the country a
        phrase, or the clause it is the subject of, is placed in."""
        holders = [head] + ([head.head] if head.dep_ in ("nsubj", "nsubjpass") else [])
        for holder in holders:
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in W.placing_prepositions:
                    for p in c.children:
                        if p.i in self.place_actor:
                            return self.actors[self.place_actor[p.i]].country
        # "In northeastern Nigeria, …, and the army said…": a sentence that opens on a place
        sent_start = self.sent_starts[self._sent(head)]
        opening = self.doc[sent_start:min(head.i, sent_start + 6)]
        if len(opening) and opening[0].lower_ in ("in", "inside"):
            for t in opening:
                if t.i in self.place_actor:
                    return self.actors[self.place_actor[t.i]].country
        return ""

    def last_armed(self, head: Token, sentences: int = 3) -> str | None:
        """"the group", "the militia": the armed actor most named so far among those of the last
        three sentences, never one that is the subject of the clause the phrase sits in."""
        start = self._window_start(head, sentences)
        verb = head
        while verb.dep_ not in ("ROOT", "ccomp", "relcl", "advcl", "conj") and verb.head is not verb:
            verb = verb.head
        own_subjects = {self.token_actor.get(x.i) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        for x in c.subtree}
        last: dict[str, int] = {}
        plural_last: dict[str, int] = {}
        for tok_i, aid, _c in self.before(head.i, start):
            if self.actors[aid].type in self.ARMED and aid not in own_subjects:
                last[aid] = tok_i
                if self.plural_at.get(tok_i):
                    plural_last[aid] = tok_i
        if not last:
            return None
        if head.tag_ in ("NNS", "NNPS") and plural_last:  # "the jihadists": the last plural party
            return max(plural_last, key=plural_last.get)
        # most named in the whole article so far, then most recent
        return max(last, key=lambda a: (bisect_left(self.positions[a], head.i), last[a]))

    def last_named_with_head(self, head: Token) -> str | None:
        best: tuple[int, str] | None = None
        for word in {lemma(head), head.lower_}:
            seen = self.head_words.get(word, [])
            k = bisect_left(seen, (head.i, ""))
            if k and (best is None or seen[k - 1][0] > best[0]):
                best = seen[k - 1]
        return best[1] if best else None

    def salient_armed(self, head: Token) -> str | None:
        """"The rebels" never named as such: the focus country's most-named armed group so far."""
        counts: Counter[str] = Counter(aid for _t, aid, _c in self.before(head.i)
                                       if self.actors[aid].type in self.ARMED and self.actors[aid].kb_id)
        return counts.most_common(1)[0][0] if counts else None

    def _named_with_conj(self, tok: Token) -> list[str]:
        out = [self.token_actor[tok.i]] if tok.i in self.token_actor else []
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self._named_with_conj(c))
        return out

    def _window_start(self, token: Token, sentences: int) -> int:
        k = bisect_left(self.sent_starts, token.i + 1)  # sentences starting at or before the token
        return self.sent_starts[k - sentences] if k >= sentences else 0

    def ner_orgs(self) -> None:
        """Organisations the base lacks, kept when their name says they are armed or political."""
        doc = self.doc
        surnames: dict[str, str] = {}  # "Anton Thulin" … "Thulin"
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP", "PERSON", "FAC", "PRODUCT") or any(
                    t.i in self.token_actor for t in ent):
                continue
            # "Iranian airline Mahan Air", "the bank Sputnik": the noun before says what it is
            described = {t.lower_ for t in doc[max(ent.start - 2, ent.sent.start):ent.start] if t.pos_ == "NOUN"}
            if ent.label_ in ("FAC", "PRODUCT") and not described & W.business_org_words:
                continue
            if ent.start >= 2 and doc[ent.start - 1].text == "(" and ent.end < len(doc) \
                    and doc[ent.end].text == ")" and (ent.start - 2) in self.token_actor:
                continue  # "… Front (PRF)": the acronym joins the name (see acronyms)
            while len(ent) > 1 and all(ch in MARKUP_CHARS for ch in ent[0].text):
                ent = ent[1:]  # '"><svg …> Brigade': stray markup is not part of a name
            text = ent.text.strip()
            if len(text) < 3 or W.not_actor_orgs.search(text) or not any(c.isupper() for c in text):
                continue
            words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
            typ = next((t for w, t in W.org_type_words if w in words), None)
            candidate = False  # a name kept only if a relation makes it a party
            if typ is None and ent.label_ != "NORP" and (words | described) & W.business_org_words:
                typ, candidate = "other", True  # "Bank Sputnik": a party when sanctioned or supplying
            elif typ is None and ent.label_ == "NORP":
                continue
            elif typ is None and ent.label_ == "PERSON":
                if len(ent) < 2 or self._placed(ent.root) or self._bystander(ent):
                    continue  # a lone surname may be anyone's; a full name introduces someone
                typ, candidate = "person", True
                ent = self._whole_name(ent)
                text = ent.text.strip()
                surnames.setdefault(ent[-1].text, slug(re.sub(r"^(the|The)\s+", "", text)))
            elif typ is None and not _acronym_like(text):
                continue  # a bare name the base lacks ("El Fasher") is more often a place than a party
            typ = typ or "other"
            label = re.sub(r"^(the|The)\s+", "", text)
            aid = slug(label)
            if aid in self.kb.entries:
                aid += "_org"
            if aid not in self.actors:
                self.actors[aid] = ActorDraft(aid, label, typ, self.focus if typ not in ("other", "person") else "",
                                              source="ner", synthetic=typ == "other" or candidate)
            span = ent if ent[0].lower_ != "the" else ent[1:]
            self.link(span, self.actors[aid])
            self.remember(ent.start, self.actors[aid], _class_of_type(typ))
        for t in doc:  # the surname alone, whatever the tagger made of it ("convicted Thulin")
            if t.pos_ == "PROPN" and t.text in surnames and t.i not in self.token_actor and \
                    self.actors[surnames[t.text]].spans[0].start < t.idx:
                self.link(doc[t.i:t.i + 1], self.actors[surnames[t.text]])
                self.remember(t.i, self.actors[surnames[t.text]], "person")


    def _placed(self, head: Token) -> bool:
        """Where a name the tagger took for a person's stands as a place: "recaptured Wad Madani",
        "fighting in Wad Madani"."""
        if head.dep_ == "pobj" and head.head.lower_ in W.placing_prepositions:
            return True
        return head.dep_ == "dobj" and lemma(head.head) in self.lex.capture_verbs

    def _whole_name(self, ent: Span) -> Span:
        """"Dmitry Aleksandrovich Pumpyanskiy" when the tagger saw only the last two names."""
        start = ent.start
        while start > ent.sent.start and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].is_title \
                and start - 1 not in self.token_actor and self.doc[start - 1].lower_.rstrip(".") not in (
                    self.lex.person_titles | W.rank_words):
            start -= 1
        return self.doc[start:ent.end]

    def _bystander(self, ent: Span) -> bool:
        """A person the text describes as one who reports or studies ("X, a photojournalist",
        "X, director of global news for AFP", "analyst X"), or as an official of someone it does
        not name ("Minister X", "Gen. X, commander of…"): a witness or a spokesperson, no party
        of their own (officials the base or a demonym places are `title_persons`')."""
        if not ent[0].text[:1].isupper() or ent[0].pos_ == "ADP" or ent[0].lower_ in W.place_name_openers:
            return True  # "Near Ar Raqqah": a place the tagger took for a name
        described = [t for c in ent.root.children if c.dep_ == "appos" for t in c.subtree][:12]
        described += list(self.doc[max(ent.start - 4, ent.sent.start):ent.start])
        if any(w in t.lower_ for t in described for w in W.bystander_role_words):
            return True
        offices = self.lex.person_titles | W.rank_words
        return any(t.lower_.rstrip(".") in offices for t in described)

    def acronyms(self) -> None:
        """"Hayat Tahrir al-Sham (HTS)": an acronym in brackets after a name joins that name,
        here and wherever it stands later."""
        known: dict[str, str] = {}
        doc = self.doc
        for t in doc:
            if t.text == "(" and t.i + 2 < len(doc) and doc[t.i + 2].text == ")" and t.i > 0:
                acr = doc[t.i + 1]
                owner = self.token_actor.get(t.i - 1)
                if owner and _acronym_like(acr.text) and acr.i not in self.token_actor:
                    known[acr.text] = owner
        if not known:
            return
        for t in doc:
            if t.text in known and (t.i not in self.token_actor or self.actors[self.token_actor[t.i]].source == "ner"
                                    and self.token_actor[t.i] != known[t.text]):
                actor = self.actors[known[t.text]]
                self.link(doc[t.i:t.i + 1], actor)
                self.remember(t.i, actor, _class_of_type(actor.type))


def hedged(span: Span) -> Span:
    """"so-called Islamic State", "the self-styled Islamic State": the hedge is part of the mention."""
    doc, start = span.doc, span.start
    if start >= 3 and doc[start - 2].text in ("-", "\u2010") and \
            f"{doc[start - 3].lower_}-{doc[start - 1].lower_}" in W.hedge_prefixes:
        return doc[start - 3:span.end]
    if start >= 1 and doc[start - 1].lower_ in W.hedge_prefixes:  # one token: "so-called"
        return doc[start - 1:span.end]
    return span


def _between_adjectives(mods: list[Token], k: int) -> bool:
    """"local, legitimate ground forces": a comma between two adjectives of the phrase joins them."""
    return 0 < k < len(mods) - 1 and mods[k].text == "," and mods[k - 1].pos_ == "ADJ" and mods[k + 1].pos_ == "ADJ" \
        and mods[k - 1].dep_ == "amod" and mods[k + 1].dep_ == "amod"


def subnational(name: str) -> bool:
    """"Kurdistan Regional Government": a region's government, never "the Iraqi government"."""
    return any(w.lower() in W.subnational_words for w in name.split())


def is_headline(sent: Span) -> bool:
    """A title-case line without a closing full stop: its parse is not worth reading."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens or tokens[-1].text in (".", "!", "?", '"', "'", "\u201d", "\u2019", ")"):
        return False
    words = [t for t in tokens if t.is_alpha and len(t) > 3]
    if len(words) < 3:
        return False
    return sum(1 for t in words if t.text[0].isupper()) / len(words) >= HEADLINE_SHARE


def _plural_noun(t: Token) -> bool:
    """A plural noun, also where a title-case line makes the tagger call it a name ("Ministers")."""
    return t.tag_ in ("NNS", "NNPS") or t.tag_ == "NNP" and t.lower_.endswith("s") and not t.lower_.endswith("ss")


def _acronym_like(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9\-]{1,7}", text))


def _class_of_type(typ: str) -> str:
    return {"militia": "militia", "rebel_coalition": "rebels", "armed_group": "group",
            "party": "party", "igo": "igo", "state": "state", "government": "government",
            "military": "government"}.get(typ, "other")


def resolve(doc: Doc, nlp: Language) -> Resolution:
    """Find every actor the parsed ``doc`` names and which tokens refer to which."""
    return _Resolver(doc, recognizer_for(nlp)).run()


def finalize(res: Resolution, involved: set[str]) -> list[Actor]:
    """Actors worth a node: named parties, and group phrases or places that take part in a relation."""
    out = []
    for draft in res.actors.values():
        if draft.id not in involved:
            if draft.synthetic or not draft.spans:
                continue
            if draft.type == "state" and not draft.acting:
                continue
            if draft.source == "phrase" and draft.type == "government" and not draft.acting:
                continue
        spans = sorted(draft.spans, key=lambda m: m.start)
        mentions = tuple(dict.fromkeys(m.text for m in spans))
        label = draft.label
        typ = draft.type
        out.append(Actor(id=draft.id, label=label, type=typ, country=draft.country,
                         mentions=mentions, spans=tuple(spans), kb_id=draft.kb_id, source=draft.source))
    out.sort(key=lambda a: (a.spans[0].start if a.spans else 0))
    return out
