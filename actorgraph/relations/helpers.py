"""Shared reading of the parse: who a noun phrase refers to, who does what in a clause,
whether it is negated. Pure functions over the parse and the document's ``Context``; the
constructions build on them.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from ..actors import is_headline, lemma
from ..phrases import stance_prefix
from .context import Context, frame

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
STATE_TYPES = ("state", "government")


def is_plural(label: str) -> bool:
    """A label that reads as plural ("militias", "Houthis") takes "they", not "it"."""
    last = label.split()[-1] if label.split() else ""
    return last.endswith("s") and last[:1].islower() or last.endswith("is") and last[0].isupper() and not last.isupper()


def denote(ctx: Context, tok: Token, depth: int = 0, places: bool = False, conj: bool = True) -> list[str]:
    """The actors the noun phrase headed by ``tok`` refers to (with its conjuncts)."""
    if depth > 4:
        return []
    out: list[str] = []
    res = ctx.res
    named = including(ctx, tok) if tok.tag_ == "NNS" and depth < 3 else []
    if named:  # "other terrorist groups such as X and Y": the ones named
        return named
    if tok.i in res.np_actors:
        out.extend(res.np_actors[tok.i])
    elif tok.i in res.token_actor:
        out.append(res.token_actor[tok.i])
    elif tok.lower_ in ctx.words.possessive_relatives:  # "ISSP, whose fighters have clashed with JNIM"
        verb = tok.head
        while verb.dep_ not in ("relcl", "acl") and verb.head is not verb:
            verb = verb.head
        if verb.dep_ in ("relcl", "acl"):
            out.extend(denote(ctx, verb.head, depth + 1, places))
    elif tok.lower_ in ctx.words.reflexive_pronouns:
        pass  # "defending itself": no second party
    elif tok.lower_ in ctx.words.first_person_pronouns and tok.pos_ == "PRON":
        out.extend(speaker(ctx, tok))
    elif tok.lower_ in ctx.words.person_pronouns and tok.pos_ == "PRON":
        ref = person_coref(ctx, tok)
        if ref:
            out.append(ref)
    elif tok.lower_ in ctx.lex.pronouns_singular | ctx.lex.pronouns_plural and tok.pos_ == "PRON":
        ref = coref(ctx, tok)
        if ref:
            out.append(ref)
    elif tok.lower_ in ctx.words.relative_pronouns and tok.head.dep_ in ("relcl", "acl"):
        ante = tok.head.head
        if ante.dep_ == "pobj" and ante.head.lower_ == "of" and lemma(ante.head.head) in ctx.lex.bloc_nouns:
            ante = ante.head.head  # "a coalition of rebel groups that includes X"
        if ante.dep_ == "appos" and ante.pos_ == "NOUN" and ante.head.i in ctx.res.token_actor:
            ante = ante.head  # "Bank Sputnik, a Russian bank that has assisted X": the bank named
        out.extend(denote(ctx, ante, depth + 1, places))
    elif tok.lower_ in ctx.words.comma_relatives and tok.i > 0 and ctx.doc[tok.i - 1].text == ",":
        # ", which …" misattached by the parser: its antecedent stands just before the comma
        for back in range(tok.i - 2, max(tok.sent.start, tok.i - 8) - 1, -1):
            aid = ctx.res.token_actor.get(back)
            if aid:
                out.append(aid)
                break
            if ctx.doc[back].pos_ == "VERB":
                break
    elif places and tok.i in res.place_actor:
        out.append(promote(ctx, tok))
    elif tok.tag_ == "NNS" and lemma(tok) in ctx.lex.reciprocal_heads and any(
            c.lower_ in ctx.words.pair_quantifiers for c in tok.children):
        out.extend(last_n(ctx, tok))  # "the two groups have fought each other"
    else:
        appos = [c for c in tok.children if c.dep_ in ("appos",)]
        for c in appos:
            out.extend(denote(ctx, c, depth + 1, places))
        if not out:
            out.extend(controllers(ctx, tok))
        if not out and tok.pos_ == "NOUN":
            # "ambushed its convoy", "struck Houthi positions": the owner is the target
            for c in tok.children:
                if c.dep_ == "poss":
                    out.extend(denote(ctx, c, depth + 1))
                elif stance_prefix(c):
                    continue  # "an anti-Houthi coalition" is not the Houthis (see relations.prefixes)
                elif c.dep_ in ("compound", "amod") and c.i in ctx.res.token_actor:
                    out.append(ctx.res.token_actor[c.i])
                elif c.dep_ in ("compound", "amod") and c.i in ctx.res.modifier_actor:
                    out.append(promote(ctx, c))
        if not out and tok.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "DET"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ctx.words.partitive_preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            out.extend(denote(ctx, p, depth + 1, places))
    if conj:
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                out.extend(denote(ctx, c, depth, places))  # a long list is one level, not one per member
    return list(dict.fromkeys(out))


def last_n(ctx: Context, tok: Token, n: int = 2) -> list[str]:
    """"the two groups", "both countries": the last two actors of that kind."""
    states = lemma(tok) in ctx.words.state_kind_nouns
    seen: list[str] = []
    order = ctx.res.order
    for tok_i, aid, _ in reversed(order[:bisect_left(order, (tok.i, "", ""))]):
        kind_ok = (ctx.res.actors[aid].type in STATE_TYPES) == states
        if tok_i < tok.i and aid not in seen and kind_ok:
            seen.append(aid)
        if len(seen) == n:
            return seen
    return []


def speaker(ctx: Context, tok: Token) -> list[str]:
    """"'We will keep striking…,' a US official said": the one who speaks, outside the quote;
    "We, the foreign ministers of X and Y, condemn…": the speaker named beside the pronoun; else,
    outside quotes, the issuer of the statement (`statement_speaker`)."""
    sent = tok.sent
    for v in sent:
        if lemma(v) in ctx.lex.speech_verbs and v.pos_ == "VERB":
            subj = [c for c in v.children if c.dep_ in SUBJECT_DEPS and c.i != tok.i
                    and not (c.left_edge.i <= tok.i <= c.right_edge.i)]
            for c in subj:
                found = denote(ctx, c, depth=2)
                if found:
                    return found
    named = [a for c in tok.children if c.dep_ == "appos" for a in members(ctx, c)]
    if named:
        return named
    if in_quote(tok):
        return []
    return frame(ctx, "statement_speaker", ctx.doc[0], lambda c, _t: statement_speaker(c))


def members(ctx: Context, tok: Token) -> list[str]:
    """A speaking body and its named members: "the G7 foreign ministers of X, Y and Z", "the
    Governments of X and Y" — each member is a party to what the body says."""
    out = denote(ctx, tok, depth=1)
    out += [ctx.res.token_actor[c.i] for c in tok.children  # "the G7 ministers": the body itself
            if c.dep_ in ("compound", "nmod") and c.i in ctx.res.token_actor]
    out += [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj" for a in denote(ctx, p, depth=1)]
    return list(dict.fromkeys(out))


def in_quote(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks opened earlier in its paragraph."""
    doc = tok.doc
    start = doc.text.rfind("\n", 0, tok.idx) + 1
    before = doc.text[start:tok.idx]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def statement_speaker(ctx: Context) -> list[str]:
    """The issuer of a statement: the subject (or the agent) of the main clause of its opening
    sentence, "The United States condemns…", "The following statement was released by the
    Governments of X, Y and Z" (each member of a named list is a party). Nothing when the
    opening sentence names no one ("We are following the accounts…")."""
    for sent in ctx.doc.sents:
        root = sent.root
        headline = is_headline(sent)
        if headline and root.pos_ not in ("VERB", "AUX") or not any(t.is_alpha for t in sent):
            continue
        for c in root.children:
            if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and c.lower_ in ctx.words.first_person_pronouns:
                return [a for x in c.children if x.dep_ == "appos" for a in members(ctx, x)]
        found = [a for c in root.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                 for a in members(ctx, c)]
        found = found or [a for c in root.children if c.dep_ == "agent"
                          for p in c.children if p.dep_ == "pobj" for a in members(ctx, p)]
        if found or not headline:
            return found
    return []


def controllers(ctx: Context, tok: Token) -> list[str]:
    """"rebel-controlled areas", "towns held by the group": an attack on them hits their holder."""
    out = []
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and ctx.lex.compound_participles.get(c.lower_) == "territory":
            for x in c.subtree:
                if x.i < c.i and x.i in ctx.res.token_actor:
                    out.append(ctx.res.token_actor[x.i])
        if c.dep_ == "acl" and ctx.lex.compound_participles.get(c.lower_) == "territory":
            out.extend(agents(ctx, c))
    return out


def promote(ctx: Context, tok: Token) -> str:
    """A place or modifier that a relation shows acting ("war in Ukraine", "US assistance")
    becomes a mention of its actor once a claim uses it."""
    actor_id = ctx.res.place_actor.get(tok.i) or ctx.res.modifier_actor[tok.i]
    ctx.pending.setdefault(actor_id, []).append(tok.i)
    return actor_id


def person_coref(ctx: Context, pron: Token) -> str | None:
    """"he", "her": the last person named within two sentences: a party of their own, or the
    state or body a named leader stands for ("Erdogan … He named the PKK terrorists")."""
    prev = ctx.doc[pron.sent.start - 1].sent.start if pron.sent.start > 0 else 0
    order = ctx.res.order
    recent = order[bisect_left(order, (prev, "", "")):bisect_left(order, (pron.i, "", ""))]
    for _tok_i, aid, cls in reversed(recent):
        if ctx.res.actors[aid].type == "person" or cls == "person":
            return aid
    return None


def coref(ctx: Context, pron: Token, exclude: set[str] = frozenset()) -> str | None:
    """The last named actor before ``pron`` that agrees with it, within two sentences;
    "Kigali says it is defending itself": first the subject of the clause that reports it."""
    plural = pron.lower_ in ctx.lex.pronouns_plural
    clause = pron.head
    subject_like = pron.dep_ in SUBJECT_DEPS
    if pron.dep_ == "poss" and pron.head.dep_ in SUBJECT_DEPS:  # "said its fighters had …"
        clause, subject_like = pron.head.head, True
    if subject_like and clause.dep_ == "ccomp" and clause.head.i < pron.i:
        speaker = [c for c in clause.head.children if c.dep_ in SUBJECT_DEPS and c.i < pron.i]
        if not speaker and clause.head.dep_ == "conj":
            speaker = [c for c in clause.head.head.children if c.dep_ in SUBJECT_DEPS]
        for c in speaker:
            found = [a for a in denote(ctx, c, depth=3) if a not in exclude
                     and ctx.plural.get(a, False) == plural]
            if found:
                return found[0]
    prev = ctx.doc[pron.sent.start - 1].sent.start if pron.sent.start > 0 else 0
    order = ctx.res.order
    recent = order[bisect_left(order, (prev, "", "")):bisect_left(order, (pron.i, "", ""))]
    # a pronoun in subject position looks first to the subject of its sentence
    for tok_i, aid, _cls in reversed(recent if subject_like else ()):
        if tok_i < pron.sent.start or aid in exclude:
            continue
        subj = next((t for t in ctx.doc[tok_i:pron.i] if t.dep_ in SUBJECT_DEPS
                     and (ctx.res.token_actor.get(t.i) == aid or aid in ctx.res.np_actors.get(t.i, ()))), None)
        if subj is not None and subj.head.i < pron.i and \
                ctx.res.plural_at.get(tok_i, ctx.plural.get(aid, False)) == plural:
            return aid
    for tok_i, aid, _cls in reversed(recent):
        number = ctx.res.plural_at.get(tok_i, ctx.plural.get(aid, False))
        if aid in exclude or number != plural:
            continue
        return aid
    return None

# --- clause structure -----------------------------------------------------------------


def subjects(ctx: Context, verb: Token, depth: int = 0) -> list[str]:
    if depth > 4:
        return []
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            found = denote(ctx, c) + companions(ctx, c)
            if found:
                return list(dict.fromkeys(found))
            if c.lower_ not in ctx.words.relative_pronouns:
                return []
    if verb.dep_ == "xcomp" and lemma(verb.head) in ctx.lex.object_control_verbs:
        # "prompting Bamako to cut ties", "urged the army to fight": the object acts
        controller = [c for c in verb.head.children if c.dep_ == "dobj"]
        if controller:
            return denote(ctx, controller[0])
        raised = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if raised:  # "forces have been reported to be fighting"
            return denote(ctx, raised[0])
    if verb.dep_ == "pcomp" and verb.head.lower_ in ctx.words.gerund_object_preps:
        # "accused the army of bombing markets", "thanked Russia for backing Damascus"
        controller = [c for c in verb.head.head.children if c.dep_ == "dobj"]
        if controller:
            return denote(ctx, controller[0])
    if verb.dep_ in ("xcomp", "advcl", "conj", "acomp") or verb.dep_ == "pcomp" or verb.pos_ == "ADJ":
        head = verb.head
        while head.dep_ == "prep" and head.head is not head:
            head = head.head
        if head is verb:
            return []
        return subjects(ctx, head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and not is_passive(ctx, verb):
        return denote(ctx, verb.head)
    return []


def governing_subjects(ctx: Context, verb: Token) -> list[str]:
    """The subject of the clause a subjectless gerund or infinitive serves: "the US is focused on
    … by imposing costs on Russia", "troops are there to eliminate IS"."""
    head = verb
    for _ in range(4):  # farther up, another clause's subject is as likely
        if head.dep_ not in ("pcomp", "xcomp", "advcl", "conj", "pobj", "prep") or head.head is head:
            return []
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            found = subjects(ctx, head) or [a for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS
                                            for a in denote(ctx, c)]
            if found:
                return found
    return []


def companions(ctx: Context, tok: Token) -> list[str]:
    """"The two groups, together with the Arakan Army, launched…": co-subjects."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "advmod") and c.lower_ in ctx.words.companion_words:
            for x in c.subtree:
                if x.dep_ == "pobj" and x.head.lower_ == "with":
                    out.extend(denote(ctx, x))
    return out


def is_passive(ctx: Context, verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
        return True
    # a bare participle after a noun: "groups supported by…" is passive, "militias crossed…" is not
    low = lemma(verb)
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and low not in ctx.words.adjectival_participles and (
        low in ctx.lex.alliance_verbs or low in ctx.lex.hostility_verbs)


def agents(ctx: Context, verb: Token) -> list[str]:
    out = []
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(denote(ctx, p))
    if not out:  # "armed and trained by Iran": the agent of the last conjunct serves all
        for c in verb.children:
            if c.dep_ == "conj" and c.tag_ == "VBN":
                out.extend(agents(ctx, c))
    return out


def patients(ctx: Context, verb: Token) -> list[str]:
    """Who undergoes a passive verb: its passive subject, or the noun it modifies."""
    for c in verb.children:
        if c.dep_ in PASSIVE_SUBJECT_DEPS:
            return denote(ctx, c)
    if verb.dep_ in ("acl", "amod", "relcl"):
        return denote(ctx, verb.head, conj=False)
    if verb.dep_ == "conj" and verb.head.tag_ in ("VBN", "JJ"):  # "are armed and trained by X"
        return patients(ctx, verb.head)
    if verb.dep_ == "acomp":  # "The Houthis are armed by Iran" read as an adjective
        return [a for c in verb.head.children if c.dep_ in SUBJECT_DEPS for a in denote(ctx, c)]
    return []


def pobjs(ctx: Context, head: Token, preps: set[str]) -> list[str]:
    out = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(denote(ctx, p))
    return out


def objects(ctx: Context, verb: Token) -> list[str]:
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "dative"):
            out.extend(denote(ctx, c))
    return out


def negated(ctx: Context, tok: Token) -> bool:
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
            if lemma(head) in ctx.lex.denial_verbs and lemma(head) not in ctx.words.particle_denials or (
                    lemma(head) in ctx.words.particle_denials and any(
                        c.lower_ in ctx.words.particle_denials[lemma(head)] for c in head.children)):
                return True
            if purpose and any(c.dep_ == "neg" for c in head.children):
                return True
        else:
            break
    return False

# --- emitting ---------------------------------------------------------------------------


def subjects_of_phrase(ctx: Context, noun: Token) -> list[str]:
    """Who a prepositional phrase's clause is about: "troops deployed under a pact with X"."""
    pred = predicate_of(ctx, noun)
    if pred is None or pred.pos_ not in ("VERB", "AUX"):
        return []
    found = subjects(ctx, pred)
    if not found:
        found = [a for c in pred.children if c.dep_ in PASSIVE_SUBJECT_DEPS for a in denote(ctx, c)]
    return found


def beneficiaries(ctx: Context, noun: Token, verb: Token) -> list[str]:
    out = []
    for c in list(noun.children) + list(verb.children):
        if c.dep_ in ("relcl", "ccomp") and c.head.i == noun.i or c.dep_ == "relcl":
            out.extend(a for x in c.children if x.dep_ in SUBJECT_DEPS for a in denote(ctx, x))
    return out


def helpers_in(ctx: Context, sent: Span) -> set[str]:
    """Subjects of alliance verbs in the sentence: the helpers, not the helped."""
    out: set[str] = set()
    for t in sent:
        if lemma(t) in ctx.lex.alliance_verbs and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in SUBJECT_DEPS:
                    out.update(denote(ctx, c))
                    if c.i not in ctx.res.token_actor and c.i not in ctx.res.np_actors:
                        # a phrase that names no one yet still helps: keep its nearest referent out
                        order = ctx.res.order
                        lo = bisect_left(order, (c.left_edge.i, "", ""))
                        out.update(aid for _t, aid, _c in order[lo:bisect_left(order, (c.i + 1, "", ""))])
    return out


def denote_excluding(ctx: Context, tok: Token, exclude: set[str]) -> list[str]:
    if tok.pos_ == "PRON" and tok.lower_ in ctx.lex.pronouns_singular | ctx.lex.pronouns_plural:
        ref = coref(ctx, tok, exclude)
        return [ref] if ref else []
    return [a for a in denote(ctx, tok) if a not in exclude]


def owners(ctx: Context, noun: Token) -> list[str]:
    """Who a noun belongs to: "Israel's war", "its war", "Russian support", "US assistance"."""
    out = []
    for c in noun.children:
        if c.dep_ == "poss":
            out.extend(denote(ctx, c))
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and not stance_prefix(c):
            found = denote(ctx, c)
            if not found and c.i in ctx.res.modifier_actor:
                found = [promote(ctx, c)]
                found += [promote(ctx, x) for x in c.children
                          if x.dep_ == "conj" and x.i in ctx.res.modifier_actor]
            out.extend(found)
    return list(dict.fromkeys(out))


def predicate_of(ctx: Context, tok: Token) -> Token | None:
    """The verb (or verb-like event noun) a prepositional phrase hangs from."""
    head = tok.head
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or lemma(head) in ctx.lex.hostility_nouns and any(
                c.dep_ == "dobj" for c in head.children):
            return head
        if head.head is head:
            return head if head.pos_ in ("VERB", "AUX") else None
        head = head.head
    return None


def predicate_objects(ctx: Context, pred: Token) -> list[str]:
    return objects(ctx, pred) + pobjs(ctx, pred, ctx.words.aim_preps) + [
        a for c in pred.children if c.dep_ == "dobj" for a in denote(ctx, c)]


def including(ctx: Context, noun: Token) -> list[str]:
    """"allies including X and Y", "partners such as X"."""
    out = []
    for c in noun.children:
        # "including X", "like X", "such as X" (the parser hangs "such" on the "as")
        if c.lower_ in ctx.words.including_words or c.dep_ == "prep" and any(
                x.lower_ in ctx.words.including_words for x in c.children if x.i < c.i):
            for x in c.subtree:
                if x.dep_ in ("pobj", "dobj") and x.head.i in (c.i,) or x.dep_ == "pobj" and x.head.head.i == c.i:
                    out.extend(denote(ctx, x))
    return list(dict.fromkeys(out))


def clause_objects(ctx: Context, clause: Token) -> list[str]:
    """Whom a hostile complement clause is aimed at ("… fight the rebels", "… degrade and
    destroy ISIL")."""
    out: list[str] = []
    for verb in [clause] + [c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        if lemma(verb) in ctx.lex.hostility_verbs:
            out += objects(ctx, verb) + pobjs(ctx, verb, ctx.words.aim_preps)
    return out


def fallback_subject(ctx: Context, cue: Token, sent: Span, targets: list[str]) -> list[str]:
    """Broken parse: the sentence's first named actor, when it is not the target."""
    if cue.dep_ in ("acl", "relcl", "amod"):
        return []
    for t in sent:
        if t.i >= cue.i:
            break
        aid = ctx.res.token_actor.get(t.i)
        if aid and aid not in targets:
            return [aid]
    return []


# The phenomena of reference and clause structure the construction table names (layer
# "reference"), and the helper that handles each.
PHENOMENA = {
    "coordinated_subjects": denote,  # conjuncts of a noun phrase
    "relative_clause": denote,  # relative pronouns and "whose"
    "reported_speech": speaker,  # "'We will…,' a US official said"
    "statement_speaker": statement_speaker,  # "We condemn…" in a statement the US issued
    "negation_denial": negated,  # "did not", "denies backing"
    "person_pronoun": person_coref,  # "he", "her": the last person named, or whom they stand for
}
