"""Relation extraction: sentences → typed, evidenced claims between resolved actors.

One function per construction, each over the dependency parse and the lexicons in
``kb/data/lexicon.json``; a word-order fallback, with low confidence, where the parse of a
sentence is broken. Every claim keeps its sentence, its cue and the rule that made it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Span, Token

from .actors import Resolution, is_headline, lemma
from .lexicon import Lexicon, load_lexicon
from .model import AFFILIATION, ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS, Evidence, Relation

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}

# Confidence of each construction: how often it is right when it fires.
CONF = {
    "compound": 0.85, "passive": 0.8, "svo": 0.75, "with_help": 0.75, "appositive": 0.75,
    "purpose": 0.6, "nominal": 0.65, "naming": 0.7, "membership": 0.7, "talks": 0.6,
    "war_in": 0.45, "fallback": 0.4, "alongside": 0.7, "helper_hostility": 0.5,
}
PRONOUN_DISCOUNT = 0.85
MAX_EVIDENCE_CHARS = 1000  # longer "sentences" (no punctuation at all) are quoted around the cue
WEAK_DISCOUNT = 0.6


@dataclass(frozen=True)
class Claim:
    source: str
    target: str
    relation: str
    confidence: float
    directed: bool
    sentence: Span
    cue: str
    rule: str
    cue_char: int = -1  # offset of the cue in the text, to clip evidence from endless sentences


class _Extractor:
    def __init__(self, res: Resolution, lex: Lexicon):
        self.res = res
        self.doc = res.doc
        self.lex = lex
        self.claims: list[Claim] = []
        self.promoted: dict[int, str] = {}  # place tokens a relation made into actors
        self.pending: dict[str, list[int]] = {}  # promotions waiting for a claim to use them
        self.plural: dict[str, bool] = {aid: _is_plural(a.label) for aid, a in res.actors.items()}

    # --- who a token refers to ------------------------------------------------------------
    def denote(self, tok: Token, depth: int = 0, places: bool = False, conj: bool = True) -> list[str]:
        """The actors the noun phrase headed by ``tok`` refers to (with its conjuncts)."""
        if depth > 4:
            return []
        out: list[str] = []
        res = self.res
        if tok.i in res.np_actors:
            out.extend(res.np_actors[tok.i])
        elif tok.i in res.token_actor:
            out.append(res.token_actor[tok.i])
        elif tok.lower_ == "whose":  # "ISSP, whose fighters have clashed with JNIM"
            verb = tok.head
            while verb.dep_ not in ("relcl", "acl") and verb.head is not verb:
                verb = verb.head
            if verb.dep_ in ("relcl", "acl"):
                out.extend(self.denote(verb.head, depth + 1, places))
        elif tok.lower_ in ("itself", "themselves"):
            pass  # "defending itself": no second party
        elif tok.lower_ in ("we", "our", "us", "i", "my") and tok.pos_ == "PRON":
            out.extend(self.speaker(tok))
        elif tok.lower_ in self.lex.pronouns_singular | self.lex.pronouns_plural and tok.pos_ == "PRON":
            ref = self.coref(tok)
            if ref:
                out.append(ref)
        elif tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl"):
            ante = tok.head.head
            if ante.dep_ == "pobj" and ante.head.lower_ == "of" and lemma(ante.head.head) in self.lex.bloc_nouns:
                ante = ante.head.head  # "a coalition of rebel groups that includes X"
            out.extend(self.denote(ante, depth + 1, places))
        elif tok.lower_ in ("who", "which") and tok.i > 0 and self.doc[tok.i - 1].text == ",":
            # ", which …" misattached by the parser: its antecedent stands just before the comma
            for back in range(tok.i - 2, max(tok.sent.start, tok.i - 8) - 1, -1):
                aid = self.res.token_actor.get(back)
                if aid:
                    out.append(aid)
                    break
                if self.doc[back].pos_ == "VERB":
                    break
        elif places and tok.i in res.place_actor:
            out.append(self.promote(tok))
        elif tok.tag_ == "NNS" and lemma(tok) in self.lex.reciprocal_heads and any(
                c.lower_ in ("two", "both") for c in tok.children):
            out.extend(self.last_n(tok))  # "the two groups have fought each other"
        else:
            appos = [c for c in tok.children if c.dep_ in ("appos",)]
            for c in appos:
                out.extend(self.denote(c, depth + 1, places))
            if not out:
                out.extend(self.controllers(tok))
            if not out and tok.pos_ == "NOUN":
                # "ambushed its convoy", "struck Houthi positions": the owner is the target
                for c in tok.children:
                    if c.dep_ == "poss":
                        out.extend(self.denote(c, depth + 1))
                    elif c.dep_ in ("compound", "amod") and c.i in self.res.token_actor:
                        out.append(self.res.token_actor[c.i])
                    elif c.dep_ in ("compound", "amod") and c.i in self.res.modifier_actor:
                        out.append(self.promote(c))
            if not out and tok.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "DET"):
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "from", "among"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.denote(p, depth + 1, places))
        if conj:
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                    out.extend(self.denote(c, depth + 1, places))
        return list(dict.fromkeys(out))

    def last_n(self, tok: Token, n: int = 2) -> list[str]:
        """"the two groups", "both countries": the last two actors of that kind."""
        states = lemma(tok) in ("country", "state")
        seen: list[str] = []
        order = self.res.order
        for tok_i, aid, _ in reversed(order[:bisect_left(order, (tok.i, "", ""))]):
            kind_ok = (self.res.actors[aid].type in ("state", "government")) == states
            if tok_i < tok.i and aid not in seen and kind_ok:
                seen.append(aid)
            if len(seen) == n:
                return seen
        return []

    def speaker(self, tok: Token) -> list[str]:
        """"'We will keep striking…,' a US official said": the one who speaks, outside the quote."""
        sent = tok.sent
        for v in sent:
            if lemma(v) in self.lex.speech_verbs and v.pos_ == "VERB":
                subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS and c.i != tok.i
                        and not (c.left_edge.i <= tok.i <= c.right_edge.i)]
                for c in subj:
                    found = self.denote(c, depth=2)
                    if found:
                        return found
        return []

    def controllers(self, tok: Token) -> list[str]:
        """"rebel-controlled areas", "towns held by the group": an attack on them hits their holder."""
        out = []
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and self.lex.compound_participles.get(c.lower_) == "territory":
                for x in c.subtree:
                    if x.i < c.i and x.i in self.res.token_actor:
                        out.append(self.res.token_actor[x.i])
            if c.dep_ == "acl" and self.lex.compound_participles.get(c.lower_) == "territory":
                out.extend(self.agents(c))
        return out

    def promote(self, tok: Token) -> str:
        """A place or modifier that a relation shows acting ("war in Ukraine", "US assistance")
        becomes a mention of its actor once a claim uses it."""
        actor_id = self.res.place_actor.get(tok.i) or self.res.modifier_actor[tok.i]
        self.pending.setdefault(actor_id, []).append(tok.i)
        return actor_id

    def coref(self, pron: Token, exclude: set[str] = frozenset()) -> str | None:
        """The last named actor before ``pron`` that agrees with it, within two sentences;
        "Kigali says it is defending itself": first the subject of the clause that reports it."""
        plural = pron.lower_ in self.lex.pronouns_plural
        clause = pron.head
        subject_like = pron.dep_ in SUBJECT_DEPS
        if pron.dep_ == "poss" and pron.head.dep_ in SUBJECT_DEPS:  # "said its fighters had …"
            clause, subject_like = pron.head.head, True
        if subject_like and clause.dep_ == "ccomp" and clause.head.i < pron.i:
            speaker = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.i < pron.i]
            if not speaker and clause.head.dep_ == "conj":
                speaker = [c for c in clause.head.head.children if c.dep_ in SUBJECT_DEPS]
            for c in speaker:
                found = [a for a in self.denote(c, depth=3) if a not in exclude
                         and self.plural.get(a, False) == plural]
                if found:
                    return found[0]
        prev = self.doc[pron.sent.start - 1].sent.start if pron.sent.start > 0 else 0
        order = self.res.order
        recent = order[bisect_left(order, (prev, "", "")):bisect_left(order, (pron.i, "", ""))]
        # a pronoun in subject position looks first to the subject of its sentence
        for tok_i, aid, _cls in reversed(recent if subject_like else ()):
            if tok_i < pron.sent.start or aid in exclude:
                continue
            subj = next((t for t in self.doc[tok_i:pron.i] if t.dep_ in SUBJECT_DEPS
                         and (self.res.token_actor.get(t.i) == aid or aid in self.res.np_actors.get(t.i, ()))), None)
            if subj is not None and subj.head.i < pron.i and \
                    self.res.plural_at.get(tok_i, self.plural.get(aid, False)) == plural:
                return aid
        for tok_i, aid, _cls in reversed(recent):
            number = self.res.plural_at.get(tok_i, self.plural.get(aid, False))
            if aid in exclude or number != plural:
                continue
            return aid
        return None

    # --- clause structure -----------------------------------------------------------------
    def subjects(self, verb: Token, depth: int = 0) -> list[str]:
        if depth > 4:
            return []
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS:
                found = self.denote(c) + self.companions(c)
                if found:
                    return list(dict.fromkeys(found))
                if c.lower_ not in RELATIVE_PRONOUNS:
                    return []
        if verb.dep_ == "xcomp" and lemma(verb.head) in self.lex.object_control_verbs:
            # "prompting Bamako to cut ties", "urged the army to fight": the object acts
            controller = [c for c in verb.head.children if c.dep_ == "dobj"]
            if controller:
                return self.denote(controller[0])
            raised = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            if raised:  # "forces have been reported to be fighting"
                return self.denote(raised[0])
        if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for"):
            # "accused the army of bombing markets", "thanked Russia for backing Damascus"
            controller = [c for c in verb.head.head.children if c.dep_ == "dobj"]
            if controller:
                return self.denote(controller[0])
        if verb.dep_ in ("xcomp", "advcl", "conj", "acomp") or verb.dep_ == "pcomp" or verb.pos_ == "ADJ":
            head = verb.head
            while head.dep_ == "prep" and head.head is not head:
                head = head.head
            if head is verb:
                return []
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and not self.is_passive(verb):
            return self.denote(verb.head)
        return []

    def companions(self, tok: Token) -> list[str]:
        """"The two groups, together with the Arakan Army, launched…": co-subjects."""
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "advmod") and c.lower_ in ("together", "along", "with"):
                for x in c.subtree:
                    if x.dep_ == "pobj" and x.head.lower_ == "with":
                        out.extend(self.denote(x))
        return out

    def is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
            return True
        # a bare participle after a noun: "groups supported by…" is passive, "militias crossed…" is not
        low = lemma(verb)
        return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and low not in ("ally",) and (
            low in self.lex.alliance_verbs or low in self.lex.hostility_verbs)

    def agents(self, verb: Token) -> list[str]:
        out = []
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.denote(p))
        if not out:  # "armed and trained by Iran": the agent of the last conjunct serves all
            for c in verb.children:
                if c.dep_ == "conj" and c.tag_ == "VBN":
                    out.extend(self.agents(c))
        return out

    def patients(self, verb: Token) -> list[str]:
        """Who undergoes a passive verb: its passive subject, or the noun it modifies."""
        for c in verb.children:
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                return self.denote(c)
        if verb.dep_ in ("acl", "amod", "relcl"):
            return self.denote(verb.head, conj=False)
        if verb.dep_ == "conj" and verb.head.tag_ in ("VBN", "JJ"):  # "are armed and trained by X"
            return self.patients(verb.head)
        if verb.dep_ == "acomp":  # "The Houthis are armed by Iran" read as an adjective
            return [a for c in verb.head.children if c.dep_ in SUBJECT_DEPS for a in self.denote(c)]
        return []

    def pobjs(self, head: Token, preps: set[str]) -> list[str]:
        out = []
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.denote(p))
        return out

    def objects(self, verb: Token) -> list[str]:
        out = []
        for c in verb.children:
            if c.dep_ in ("dobj", "dative"):
                out.extend(self.denote(c))
        return out

    def negated(self, tok: Token) -> bool:
        """"did not attack", "denies backing", "would not send troops to fight",
        "rejected accusations that it supports"."""
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        head = tok
        for _ in range(4):
            if head.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "advcl", "acl", "prep") \
                    and head.head is not head:
                purpose = head.dep_ in ("xcomp", "advcl")
                head = head.head
                if lemma(head) in self.lex.denial_verbs and lemma(head) != "rule" or (
                        lemma(head) == "rule" and any(c.lower_ == "out" for c in head.children)):
                    return True
                if purpose and any(c.dep_ == "neg" for c in head.children):
                    return True
            else:
                break
        return False

    # --- emitting ---------------------------------------------------------------------------
    def emit(self, sources, targets, relation, rule, cue: Token | str, sent: Span,
             directed: bool = True, factor: float = 1.0) -> None:
        conf = CONF[rule] * factor
        cue_text = cue if isinstance(cue, str) else cue.text
        cue_char = -1 if isinstance(cue, str) else cue.idx
        for s in sources:
            for t in targets:
                if s and t and s != t:
                    self.claims.append(Claim(s, t, relation, round(conf, 3), directed, sent, cue_text, rule,
                                             cue_char))
                    for aid in (s, t):
                        for tok_i in self.pending.pop(aid, ()):
                            self.promoted[tok_i] = aid

    # --- the rules --------------------------------------------------------------------------
    def run(self) -> list[Claim]:
        for sent in self.doc.sents:
            if is_headline(sent):
                continue
            for tok in sent:
                self.pending.clear()
                self.rule_compound(tok, sent)
                low = lemma(tok)
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                    self.rule_verb(tok, sent)
                nominal = tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG" and tok.dep_ in (
                    "nsubj", "nsubjpass", "dobj", "pobj")  # "Fighting between X and Y has stopped"
                if nominal and (low in self.lex.hostility_nouns or low in self.lex.alliance_nouns
                                or low in self.lex.talk_nouns):
                    self.rule_noun(tok, sent)
                if tok.dep_ in ("appos", "attr", "pobj") and (low in self.lex.alliance_nouns or low in self.lex.hostility_nouns
                                                               or low in self.lex.membership_nouns):
                    self.rule_role_noun(tok, sent)
                if tok.lower_ in self.lex.alongside_words and tok.dep_ == "prep":
                    self.rule_alongside(tok, sent)
        return self.claims

    def rule_compound(self, tok: Token, sent: Span) -> None:
        """"Iran-backed militias", "US-led coalition", "pro-Iran militias"."""
        kind = self.lex.compound_participles.get(tok.lower_)
        if kind is None or kind == "territory" or tok.i < 2 or self.doc[tok.i - 1].text not in ("-", "–"):
            return
        if kind not in (ALLIANCE, "former_affiliation"):
            return  # "Turkish-made drones", "Qatar-mediated talks": a supplier or a mediator
        backer_tok = self.doc[tok.i - 2]
        backers = self.denote(backer_tok) or ([self.res.token_actor[backer_tok.i]]
                                               if backer_tok.i in self.res.token_actor else [])
        if backer_tok.i in self.res.inner_backers:  # "the Saudi-led coalition" is one name
            backers = [self.res.inner_backers[backer_tok.i]]
            self.pending.setdefault(backers[0], []).append(backer_tok.i)
        if not backers and backer_tok.i in self.res.modifier_actor:
            backers = [self.promote(backer_tok)]
        if not backers:
            return
        head = tok.head if tok.dep_ in ("amod", "compound", "acl") else None
        targets = self.denote(head) if head is not None else []
        if not targets:
            # the noun it modifies names nobody: the next actor within the phrase
            for t in self.doc[tok.i + 1: min(sent.end, tok.i + 8)]:
                if t.i in self.res.token_actor:
                    targets = [self.res.token_actor[t.i]]
                    break
                if t.pos_ == "VERB" or t.text in (";", ".", "("):
                    break
        relation = ALLIANCE if kind == ALLIANCE else AFFILIATION if kind == "former_affiliation" else None
        if relation == AFFILIATION:
            relation = ALLIANCE  # "al-Qaeda-linked": a present tie
        if relation:
            self.emit(backers, targets, relation, "compound", tok, sent)

    def rule_verb(self, verb: Token, sent: Span) -> None:
        low = lemma(verb)
        lex = self.lex
        if self.negated(verb):
            return
        if low in lex.supply_verbs:
            goods = [c for c in verb.children if c.dep_ == "dobj" and (lemma(c) in lex.supply_nouns or any(
                lemma(x) in lex.supply_nouns for x in c.subtree if x.dep_ == "pobj"))]
            if goods:  # "shipped artillery shells to Moscow", "sent weapons to the RSF"
                self.emit(self.subjects(verb), self.pobjs(verb, {"to"}) + self.pobjs(goods[0], {"to", "for"}),
                          ALLIANCE, "svo", verb, sent)
        if low in lex.origin_verbs:  # "grew out of the Janjaweed", "split from Boko Haram"
            particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
            if particles & set(lex.origin_verbs[low]):
                sources = [a for x in verb.subtree if x.dep_ == "pobj" and x.head.lower_ in ("from", "of")
                           and x.head.head.i in (verb.i, *[c.i for c in verb.children]) for a in self.denote(x)]
                self.emit(self.subjects(verb), sources, AFFILIATION, "membership", verb, sent)
        if low in lex.capture_verbs:  # "seized Mogok from the military", "regained control of X from Y"
            losers = self.pobjs(verb, {"from"}) + [
                a for c in verb.children if c.dep_ == "dobj" for x in c.subtree
                if x.dep_ == "prep" and x.lower_ == "from" and x.i - c.i < 12 for a in self.pobjs(x.head, {"from"})]
            self.emit(self.subjects(verb), losers, HOSTILITY, "svo", verb, sent)
        if low in lex.infliction_verbs and any(c.dep_ == "dobj" and lemma(c) in lex.harm_nouns
                                               for c in verb.children):
            victims = self.pobjs(verb, {"on", "upon"}) + [a for c in verb.children if c.dep_ == "dobj"
                                                         for a in self.pobjs(c, {"on", "upon"})]
            self.emit(self.subjects(verb), victims, HOSTILITY, "svo", verb, sent)  # "inflicted losses on X"
        if low in lex.repel_verbs and any(c.dep_ in ("prt", "advmod") and c.lower_ in lex.repel_verbs[low]
                                          for c in verb.children):
            self.emit(self.subjects(verb), self.objects(verb), HOSTILITY, "svo", verb, sent)  # "pushed back IS"
        if low in lex.loss_verbs:  # "the junta lost Lashio to the MNDAA"
            self.emit(self.subjects(verb), self.pobjs(verb, {"to"}), HOSTILITY, "svo", verb, sent)
        for c in verb.children:  # "fight on the army's side", "on the side of the government"
            if c.dep_ == "prep" and c.lower_ == "on":
                for side in c.children:
                    if side.dep_ == "pobj" and lemma(side) == "side":
                        friends = self.owners(side) + self.pobjs(side, {"of"})
                        self.emit(self.subjects(verb), friends, ALLIANCE, "alongside", verb, sent, directed=False)
        if any(c.dep_ == "dobj" and c.lower_ == "other" and any(x.lower_ in ("each", "one") for x in c.children)
               for c in verb.children) and (low in lex.hostility_verbs or low in lex.alliance_verbs):
            parties = self.subjects(verb)  # "the two groups have fought each other"
            rel = HOSTILITY if low in lex.hostility_verbs else ALLIANCE
            for a, b in combinations(parties, 2):
                self.emit([a], [b], rel, "svo", verb, sent, directed=False)
        if low in lex.stance_verb_preps:
            # "Egypt stands behind the Sudanese army", "sided with the junta"
            allies = self.pobjs(verb, set(lex.stance_verb_preps[low]))
            self.emit(self.subjects(verb), allies, ALLIANCE, "svo", verb, sent)
        if low in lex.firing_verbs:
            weapons = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in lex.weapon_nouns]
            if weapons:  # "fired rockets at Israel", "launched drones at a US base"
                targets = []
                for c in list(verb.children) + list(weapons[0].children):
                    if c.dep_ == "prep" and c.lower_ in ("at", "on", "into", "toward", "towards", "against"):
                        targets += [a for p in c.children if p.dep_ == "pobj" for a in self.denote(p, places=True)]
                self.emit(self.subjects(verb), targets, HOSTILITY, "svo", verb, sent)
        if low in lex.alliance_verbs or low in ("allied", "ally", "align", "affiliate", "link"):
            self.verb_stance(verb, sent, ALLIANCE)
        elif low in lex.hostility_verbs or low in ("retake", "recapture", "seize"):
            self.verb_stance(verb, sent, HOSTILITY)
        elif low in lex.talk_verbs:
            self.verb_talks(verb, sent)
        elif low in lex.membership_verbs:
            self.verb_membership(verb, sent)
        if low in lex.naming_verbs:
            self.verb_naming(verb, sent)
        if low in lex.rupture_verbs:
            self.verb_rupture(verb, sent)
        if low in lex.formation_verbs:
            self.verb_formation(verb, sent)

    def verb_formation(self, verb: Token, sent: Span) -> None:
        """"Mali, Burkina Faso and Niger formed the Alliance of Sahel States": the founders
        are allies and members of what they formed."""
        founders = self.subjects(verb)
        blocs = [c for c in verb.children if c.dep_ == "dobj"]
        if len(founders) < 2 or not blocs:
            return
        bloc = blocs[0]
        named = self.denote(bloc)
        if not named and lemma(bloc) not in self.lex.bloc_nouns:
            return
        for a, b in combinations(founders, 2):
            self.emit([a], [b], ALLIANCE, "membership", verb, sent, directed=False)
        self.emit(founders, named, MEMBERSHIP, "membership", verb, sent)

    def verb_rupture(self, verb: Token, sent: Span) -> None:
        """"Kinshasa broke off relations with Kigali", "cut ties with X"."""
        ties = [c for c in verb.children if c.dep_ == "dobj" and lemma(c) in self.lex.tie_nouns]
        if not ties:
            return
        others = self.pobjs(ties[0], {"with"}) + self.pobjs(verb, {"with"})
        subjects = self.subjects(verb)
        for s_ in subjects:
            kind = self.res.actors[s_].type
            # states break off relations in anger; a group cutting its ties leaves a parent
            rel = HOSTILITY if kind in ("state", "government", "military", "igo") else AFFILIATION
            self.emit([s_], others, rel, "svo", verb, sent)

    def verb_stance(self, verb: Token, sent: Span, relation: str) -> None:
        low = lemma(verb)
        factor = WEAK_DISCOUNT if low in self.lex.hostility_weak_verbs else 1.0
        former = any(c.lower_ in self.lex.former_markers for c in verb.children)
        if low in ("affiliate", "link"):
            relation = AFFILIATION if former else ALLIANCE
        if self.is_passive(verb):
            sources, targets = self.agents(verb), self.patients(verb)
            if low in ("ally", "allied", "align", "affiliate", "link") or not sources:
                with_ = self.pobjs(verb, {"with", "to"})
                if with_:
                    sources, targets = self.patients(verb), with_
            rule = "passive"
        else:
            sources = self.subjects(verb)
            targets = self.objects(verb)
            preps = {"against", "on", "upon"} if relation == HOSTILITY else {"to", "for"}
            if relation == HOSTILITY and low in self.lex.with_hostility:
                preps = preps | {"with"}
            if relation == ALLIANCE and low in self.lex.with_alliance:
                preps = preps | {"with"}
            targets += [a for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                        for p in c.children if p.dep_ == "pobj" and lemma(p) not in self.lex.alliance_nouns
                        and lemma(p) != "side" for a in self.denote(p)]
            if low == "blame":  # "blamed the attack on Lashkar-e-Taiba"
                targets += [a for c in verb.children if c.dep_ == "dobj" for a in self.pobjs(c, {"on"})]
            rule = "svo"
        # "help the government fight the rebels": the helped is the subject of the clause
        clause_targets: list[str] = []
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and relation == ALLIANCE:
                subj = [x for x in c.children if x.dep_ in SUBJECT_DEPS]
                if subj:
                    helped = self.denote(subj[0])
                    targets += helped
                    clause_targets.extend(self.clause_objects(c))
                elif targets:
                    clause_targets.extend(self.clause_objects(c))
        if not sources and targets and rule != "passive":
            sources = self.fallback_subject(verb, sent, targets)
            rule = "fallback" if sources else rule
        if relation == ALLIANCE:
            # "backed Congolese troops against the M23", "defending itself against the FDLR"
            foes = self.pobjs(verb, {"against"})
            if foes:
                targets = [t for t in targets if t not in foes]
                self.emit(sources + targets, foes, HOSTILITY, "purpose", verb, sent)
        if relation == ALLIANCE and low in ("affiliate", "link") and former:
            relation = AFFILIATION
        self.emit(sources, targets, relation, rule, verb, sent, factor=factor)
        if clause_targets:
            self.emit(sources, clause_targets, HOSTILITY, "purpose", verb, sent)

    def clause_objects(self, clause: Token) -> list[str]:
        """Whom a hostile complement clause is aimed at ("… fight the rebels")."""
        if lemma(clause) in self.lex.hostility_verbs:
            return self.objects(clause) + self.pobjs(clause, {"against", "on"})
        return []

    def fallback_subject(self, cue: Token, sent: Span, targets: list[str]) -> list[str]:
        """Broken parse: the sentence's first named actor, when it is not the target."""
        if cue.dep_ in ("acl", "relcl", "amod"):
            return []
        for t in sent:
            if t.i >= cue.i:
                break
            aid = self.res.token_actor.get(t.i)
            if aid and aid not in targets:
                return [aid]
        return []

    def verb_talks(self, verb: Token, sent: Span) -> None:
        parts = self.subjects(verb)
        others = self.objects(verb) + self.pobjs(verb, {"with"})
        if others:
            self.emit(parts, others, TALKS, "talks", verb, sent, directed=False)
        elif len(parts) > 1:
            for a, b in combinations(parts, 2):
                self.emit([a], [b], TALKS, "talks", verb, sent, directed=False)

    def verb_membership(self, verb: Token, sent: Span) -> None:
        wholes = self.subjects(verb)
        members = self.objects(verb)
        self.emit(members, wholes, MEMBERSHIP, "membership", verb, sent)

    def verb_naming(self, verb: Token, sent: Span) -> None:
        """"X calls Y terrorists", "the forces Ankara calls terrorists"."""
        words = [t for t in verb.subtree if lemma(t) in self.lex.naming_words and t.i > verb.i]
        if not words:
            return
        subj_tok = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        sources = self.subjects(verb)
        targets = [a for c in verb.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp") and c not in words
                   for a in self.denote(c)]
        for c in verb.children:  # "considers Hezbollah a terrorist group": a small clause
            if c.dep_ in ("ccomp", "xcomp", "oprd") and not targets:
                targets = [a for x in c.children if x.dep_ in SUBJECT_DEPS for a in self.denote(x)]
        if subj_tok is not None:
            appos = [c for c in subj_tok.children if c.dep_ == "appos" and c.i == subj_tok.i + 1]
            if appos and not targets:  # reduced relative misread as apposition
                sources = self.denote(appos[0])
                targets = [a for a in self.denote(subj_tok) if a not in sources]
        if verb.dep_ == "relcl" and not targets:
            targets = self.denote(verb.head)
        if not targets:  # "labels the FLA rebels terrorists" parsed as one noun phrase
            targets = [a for w in words for c in w.children if c.dep_ in ("compound", "nmod")
                       for a in self.denote(c)]
        self.emit(sources, targets, HOSTILITY, "naming", verb, sent)

    def rule_noun(self, noun: Token, sent: Span) -> None:
        """Event nouns: "its war with Israel", "with the help of Russia", "attack on X"."""
        low = lemma(noun)
        lex = self.lex
        if self.negated(noun):
            return
        if low in lex.talk_nouns:
            pairs = self.pobjs(noun, {"between", "with"})
            owners = self.owners(noun)
            if len(pairs) > 1 and not owners:
                for a, b in combinations(pairs, 2):
                    self.emit([a], [b], TALKS, "talks", noun, sent, directed=False)
            else:
                self.emit(owners, pairs, TALKS, "talks", noun, sent, directed=False)
            return
        relation = HOSTILITY if low in lex.hostility_nouns else ALLIANCE
        if low in lex.alliance_nouns_weak:
            # a defence pact binds allies; a peace deal or a ceasefire accord is talk between foes
            if not any(lemma(c) in lex.alliance_pact_modifiers for c in noun.children):
                return
            partners = self.pobjs(noun, {"with", "between"})
            owners = self.owners(noun) or self.subjects_of_phrase(noun)
            self.emit(owners, partners, ALLIANCE, "nominal", noun, sent, directed=False)
            if not owners and len(partners) > 1:
                for a, b in combinations(partners, 2):
                    self.emit([a], [b], ALLIANCE, "nominal", noun, sent, directed=False)
            return
        # "with the help of X", "with US assistance": X sides with the clause's subject
        if relation == ALLIANCE and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            helpers = self.pobjs(noun, {"of", "from"}) + self.owners(noun)
            predicate = self.predicate_of(noun.head)
            if helpers and predicate is not None:
                helped = self.subjects(predicate) if predicate.pos_ in ("VERB", "AUX") else []
                if not helped:
                    helped = self.fallback_subject(predicate, sent, helpers)
                self.emit(helpers, helped, ALLIANCE, "with_help", noun, sent)
                if lemma(predicate) in lex.hostility_verbs or lemma(predicate) in lex.hostility_nouns:
                    foes = self.predicate_objects(predicate)
                    self.emit(helpers, foes, HOSTILITY, "helper_hostility", noun, sent)
            return
        if noun.dep_ == "dobj" and lemma(noun.head) == "blame":
            return  # "blamed the attack on X": X made the attack, nobody attacked X
        owners = self.owners(noun)
        preps = {"against", "on", "upon"} if relation == HOSTILITY else {"to", "for"}
        if relation == HOSTILITY and low in lex.with_hostility:
            preps |= {"with"}
        targets = self.pobjs(noun, preps)
        if relation == ALLIANCE:
            if not owners:
                owners = self.pobjs(noun, {"from", "by"})
            owners = owners or []
        else:
            owners = owners or self.pobjs(noun, {"by"})
        between = self.pobjs(noun, {"between"})
        if relation == HOSTILITY and len(between) > 1:
            for a, b in combinations(between, 2):
                self.emit([a], [b], HOSTILITY, "nominal", noun, sent, directed=False)
            return
        # a hostile noun used as a verb by a broken parse ("combat ISIS militants")
        if relation == HOSTILITY and not targets:
            targets = [a for c in noun.children if c.dep_ == "dobj" for a in self.denote(c)]
        governor = noun.head
        # "launched waves of strikes on X": through prepositions and quantity nouns to the verb
        while (governor.dep_ == "prep" or lemma(governor) in lex.transparent_nouns) and governor.head is not governor:
            governor = governor.head
        light = noun.dep_ in ("dobj", "pobj", "ccomp") and lemma(governor) in lex.light_verbs and governor.pos_ in ("VERB", "AUX")
        if light and not targets:
            targets = self.pobjs(governor, preps)
        if not owners and light:
            owners = self.subjects(governor)
            if relation == ALLIANCE and not targets:
                targets = self.pobjs(governor, {"to", "for"}) + self.beneficiaries(noun, governor)
        if relation == ALLIANCE and not targets and noun.dep_ == "dobj" and noun.head.pos_ == "VERB" \
                and lemma(noun.head) not in lex.light_verbs:
            # "provide whatever support it needs": the one who needs it is helped
            needer = [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]
            if needer and noun.head.head.i != noun.head.i and lemma(noun.head.head) in lex.light_verbs:
                giver = self.subjects(noun.head.head)
                helped = self.denote_excluding(needer[0], set(giver) | self.helpers_in(sent))
                self.emit(giver, helped, ALLIANCE, "nominal", noun, sent)
                return
        if relation == HOSTILITY and targets and not owners and not light and self.pobjs(noun, {"with", "against"}):
            # "locked in a border conflict with Cambodia", "at war with the government"
            owners = [a for a in self.subjects_of_phrase(noun) if a not in targets]
            if not owners and noun.dep_ in SUBJECT_DEPS:
                # "Clashes with Hamas killed three soldiers, the Israeli military said"
                owners = [a for a in self.speaker(noun) if a not in targets]
        if relation == HOSTILITY and owners and not targets and lemma(governor) in lex.undergo_verbs:
            # "his fighters were responding to attacks by the army": the army attacks them
            targets = [a for a in self.subjects(governor) if a not in owners]
        if owners and targets:
            self.emit(owners, targets, relation, "nominal", noun, sent, factor=PRONOUN_DISCOUNT
                      if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children) else 1.0)
            return
        if relation == HOSTILITY and targets and not owners and noun.dep_ in ("compound", "ROOT", "nsubj") \
                and any(c.dep_ == "dobj" for c in noun.children):
            self.emit(self.fallback_subject(noun, sent, targets), targets, HOSTILITY, "fallback", noun, sent)
            return
        # "Russia has focused on war in Ukraine": a war in a state, waged by someone named
        if relation == HOSTILITY and low in ("war", "invasion", "offensive", "campaign", "occupation") \
                and (owners or light):
            places = []
            preps = list(noun.children) + (list(governor.children) if light and noun.dep_ == "pobj" else [])
            for c in preps:
                if c.dep_ == "prep" and c.lower_ in ("in", "on", "against"):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in self.res.place_actor:
                            places.append(self.promote(p))
            self.emit(owners, places, HOSTILITY, "war_in", noun, sent)

    def subjects_of_phrase(self, noun: Token) -> list[str]:
        """Who a prepositional phrase's clause is about: "troops deployed under a pact with X"."""
        pred = self.predicate_of(noun)
        if pred is None or pred.pos_ not in ("VERB", "AUX"):
            return []
        found = self.subjects(pred)
        if not found:
            found = [a for c in pred.children if c.dep_ in PASSIVE_SUBJECT_DEPS for a in self.denote(c)]
        return found

    def beneficiaries(self, noun: Token, verb: Token) -> list[str]:
        out = []
        for c in list(noun.children) + list(verb.children):
            if c.dep_ in ("relcl", "ccomp") and c.head.i == noun.i or c.dep_ == "relcl":
                out.extend(a for x in c.children if x.dep_ in SUBJECT_DEPS for a in self.denote(x))
        return out

    def helpers_in(self, sent: Span) -> set[str]:
        """Subjects of alliance verbs in the sentence: the helpers, not the helped."""
        out: set[str] = set()
        for t in sent:
            if lemma(t) in self.lex.alliance_verbs and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in SUBJECT_DEPS:
                        out.update(self.denote(c))
                        if c.i not in self.res.token_actor and c.i not in self.res.np_actors:
                            # a phrase that names no one yet still helps: keep its nearest referent out
                            order = self.res.order
                            lo = bisect_left(order, (c.left_edge.i, "", ""))
                            out.update(aid for _t, aid, _c in order[lo:bisect_left(order, (c.i + 1, "", ""))])
        return out

    def denote_excluding(self, tok: Token, exclude: set[str]) -> list[str]:
        if tok.pos_ == "PRON" and tok.lower_ in self.lex.pronouns_singular | self.lex.pronouns_plural:
            ref = self.coref(tok, exclude)
            return [ref] if ref else []
        return [a for a in self.denote(tok) if a not in exclude]

    def owners(self, noun: Token) -> list[str]:
        """Who a noun belongs to: "Israel's war", "its war", "Russian support", "US assistance"."""
        out = []
        for c in noun.children:
            if c.dep_ == "poss":
                out.extend(self.denote(c))
            elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
                found = self.denote(c)
                if not found and c.i in self.res.modifier_actor:
                    found = [self.promote(c)]
                    found += [self.promote(x) for x in c.children
                              if x.dep_ == "conj" and x.i in self.res.modifier_actor]
                out.extend(found)
        return list(dict.fromkeys(out))

    def predicate_of(self, tok: Token) -> Token | None:
        """The verb (or verb-like event noun) a prepositional phrase hangs from."""
        head = tok.head
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX") or lemma(head) in self.lex.hostility_nouns and any(
                    c.dep_ == "dobj" for c in head.children):
                return head
            if head.head is head:
                return head if head.pos_ in ("VERB", "AUX") else None
            head = head.head
        return None

    def predicate_objects(self, pred: Token) -> list[str]:
        return self.objects(pred) + self.pobjs(pred, {"against", "on"}) + [
            a for c in pred.children if c.dep_ == "dobj" for a in self.denote(c)]

    def rule_role_noun(self, noun: Token, sent: Span) -> None:
        """"Hezbollah, Iran's main ally", "X is an ally of Y", "X, a proxy of Y"."""
        low = lemma(noun)
        if low in self.lex.membership_nouns and noun.dep_ == "appos":  # "JNIM, al-Qaeda's affiliate"
            self.emit(self.denote(noun.head), self.owners(noun) + self.pobjs(noun, {"of"}), MEMBERSHIP,
                      "appositive", noun, sent)
            return
        relation = ALLIANCE if low in ("ally", "partner", "proxy", "backer", "patron", "sponsor", "supplier",
                                       "provider", "financier", "protector") else \
            HOSTILITY if low in ("enemy", "foe", "rival", "adversary", "nemesis") else None
        if relation is None:
            return
        others = self.owners(noun) + self.pobjs(noun, {"of", "to"})
        if noun.dep_ == "appos":
            this = self.denote(noun.head)
        elif noun.dep_ == "pobj":  # "set up an administration with allies including X"
            pred = self.predicate_of(noun)
            this = self.subjects(pred) if pred is not None and pred.pos_ in ("VERB", "AUX") else []
            others = others + self.including(noun)
        else:
            this = self.subjects(noun.head)
        givers = ("backer", "patron", "sponsor", "supplier", "provider", "financier", "protector")
        if low in givers[3:]:  # "a major supplier of fighter jets to the military"
            self.emit(this, self.pobjs(noun, {"to", "for"}), relation, "appositive", noun, sent)
            return
        self.emit(others if low in givers else this, this if low in givers else others,
                  relation, "appositive", noun, sent)

    def including(self, noun: Token) -> list[str]:
        """"allies including X and Y", "partners such as X"."""
        out = []
        for c in noun.children:
            if c.lower_ in ("including", "like") or c.lower_ == "such":
                for x in c.subtree:
                    if x.dep_ in ("pobj", "dobj") and x.head.i in (c.i,) or x.dep_ == "pobj" and x.head.head.i == c.i:
                        out.extend(self.denote(x))
        return list(dict.fromkeys(out))

    def rule_alongside(self, prep: Token, sent: Span) -> None:
        """"fought alongside the army": allies of the clause's subject."""
        pobj = [p for p in prep.children if p.dep_ == "pobj"]
        allies = [a for p in pobj for a in self.denote(p)]
        pred = prep.head
        if pred.pos_ not in ("VERB", "AUX") or self.negated(pred):
            return
        subjects = self.subjects(pred)
        self.emit(subjects, allies, ALLIANCE, "alongside", prep, sent, directed=False)
        # "fought alongside the FARDC against the M23": both sides face the same foe
        foes = self.pobjs(pred, {"against"}) + [a for p in pobj for a in self.pobjs(p, {"against"})]
        if lemma(pred) in self.lex.hostility_verbs:  # "fighting IS alongside Iraqi forces"
            foes += self.objects(pred)
        if lemma(pred) in self.lex.hostility_verbs or foes:
            self.emit(subjects + allies, [f for f in foes if f not in subjects + allies], HOSTILITY,
                      "purpose", prep, sent)


def _is_plural(label: str) -> bool:
    last = label.split()[-1] if label.split() else ""
    return last.endswith("s") and last[:1].islower() or last.endswith("is") and last[0].isupper() and not last.isupper()


def extract_claims(res: Resolution) -> tuple[list[Claim], dict[int, str]]:
    """All claims of the document, and the place tokens that relations made actors."""
    ex = _Extractor(res, load_lexicon())
    return ex.run(), ex.promoted


def to_relations(claims: list[Claim], res: Resolution) -> list[Relation]:
    """Claims → model Relations with their evidence; one per (pair, label, sentence)."""
    seen: dict[tuple, Relation] = {}
    text = res.doc.text
    spans: dict[int, tuple[int, int]] = {}  # sentence start token → stripped character span
    for c in claims:
        sent = c.sentence
        if sent.start not in spans:
            raw = sent.text
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            spans[sent.start] = (start, start + len(raw.strip()))
        start, end = spans[sent.start]
        if end - start > MAX_EVIDENCE_CHARS and c.cue_char >= 0:
            start, end = _window(text, start, end, c.cue_char)
        key = (frozenset((c.source, c.target)), c.relation, sent.start)
        ev = Evidence(sentence=text[start:end], sentence_index=res.sent_index[sent.start], start=start,
                      end=end, cue=c.cue, rule=c.rule)
        rel = Relation(source=c.source, target=c.target, relation=c.relation,
                       confidence=c.confidence, evidence=ev, directed=c.directed)
        if key not in seen or seen[key].confidence < rel.confidence:
            seen[key] = rel
    return list(seen.values())


def _window(text: str, start: int, end: int, cue: int) -> tuple[int, int]:
    """The words around the cue of a sentence too long to show whole."""
    half = MAX_EVIDENCE_CHARS // 2
    lo, hi = max(start, cue - half), min(end, cue + half)
    if lo > start:  # begin on a word
        space = text.find(" ", lo, cue)
        lo = space + 1 if space >= 0 else lo
    if hi < end:  # and end on one
        space = text.rfind(" ", cue, hi)
        hi = space if space > cue else hi
    return lo, hi
