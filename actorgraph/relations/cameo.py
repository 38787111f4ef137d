"""The CAMEO verb dictionary (``kb/data/cameo_verbs.json``, from PETRARCH2, MIT): which event a
verb (or an event noun of the same lemma) codes, its root, quad class and relation class.

``code_of`` finds a cue's CAMEO code: the code of its verb entry, refined by the phrase
patterns of its verb set ("fight * (FOR STATEHOOD)" is a demand, not a fight). ``stance_class``
says whether the engine takes a verb the lexicon does not know as alliance, hostility or talks.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from ..actors import lemma

CAMEO_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "cameo_verbs.json"
OBJECT_DEPS = ("dobj", "prt", "advmod", "dative", "attr")
DEFAULT_QUAD = {"alliance": "material_cooperation", "hostility": "material_conflict",
                "talks": "verbal_cooperation"}


@dataclass(frozen=True)
class Entry:
    verb_set: str
    code: str | None
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cameo:
    roots: dict[str, dict]
    codes: dict[str, dict]
    by_head: dict[str, tuple[Entry, ...]]
    patterns: dict[str, tuple[dict, ...]]
    noun_sets: dict[str, frozenset[str]]
    unspecified_used: frozenset[str]
    excluded: frozenset[str]

    def relation_of(self, code: str | None) -> str | None:
        """The project's relation class of a CAMEO code: a listed finer code, else its root's."""
        if not code:
            return None
        for k in (code[:4], code[:3]):
            if k in self.codes:
                return self.codes[k]["relation"]
        root = self.roots.get(code[:2])
        return root["relation"] if root else None

    def quad_of(self, code: str | None) -> str:
        root = self.roots.get(code[:2]) if code else None
        return root["quad"] if root else ""


@cache
def load_cameo(path: Path = CAMEO_PATH) -> Cameo:
    raw = json.loads(path.read_text(encoding="utf-8"))
    by_head: dict[str, list[Entry]] = {}
    patterns: dict[str, tuple[dict, ...]] = {}
    for name, vs in raw["verb_sets"].items():
        for v in vs["verbs"]:
            by_head.setdefault(v["head"], []).append(Entry(name, v["code"], tuple(v.get("after", ()))))
        # patterns with nothing after the verb constrain only what comes before it: not read
        patterns[name] = tuple(p for p in vs["patterns"] if p.get("preps") or p.get("object"))
    return Cameo(
        roots=raw["roots"], codes=raw["codes"],
        by_head={k: tuple(sorted(v, key=lambda e: -len(e.after))) for k, v in by_head.items()},
        patterns=patterns,
        noun_sets={k: frozenset(v) for k, v in raw["noun_sets"].items()},
        unspecified_used=frozenset(raw["engine"]["unspecified_used"]),
        excluded=frozenset(raw["engine"]["excluded"]))


def _word_matches(cameo: Cameo, word: str, tok: Token) -> bool:
    if word.startswith("&"):
        members = cameo.noun_sets.get(word.upper().rstrip("_"), frozenset())
        return tok.lower_ in members or lemma(tok) in members
    return word in (tok.lower_, lemma(tok))


def _phrase_head(words: list[str]) -> str | None:
    words = [w for w in words if w and w not in ("+", "$", "%", "^")]
    return words[-1] if words else None


def _pattern_matches(cameo: Cameo, pat: dict, verb: Token) -> int:
    """How many parts of ``pat`` the verb's clause fills (0: it does not match)."""
    score = 0
    head = _phrase_head(pat.get("object", []))
    if head is not None:
        if not any(c.dep_ in OBJECT_DEPS and _word_matches(cameo, head, c) for c in verb.children):
            return 0
        score += 1
    for prep in pat.get("preps", []):
        found = False
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == prep["prep"]:
                want = _phrase_head(prep["object"])
                if want is None or any(p.dep_ == "pobj" and _word_matches(cameo, want, p) for p in c.children):
                    found = True
                    break
        if not found:
            return 0
        score += 1 + bool(prep["object"])
    return score


def entry_of(tok: Token) -> Entry | None:
    """The dictionary entry of a cue: a multi-word verb whose other words are in its clause
    ("wage war", "fight back") before the plain verb."""
    cameo = load_cameo()
    entries = cameo.by_head.get(lemma(tok)) or cameo.by_head.get(tok.lower_)
    if not entries:
        return None
    kids = {c.lower_ for c in tok.children} | {c.lower_ for c in tok.doc[tok.i + 1:tok.i + 3]}
    for e in entries:
        if not e.after or all(w in kids for w in e.after):
            return e
    return None


def code_of(tok: Token) -> str | None:
    """The CAMEO code of a cue: its entry's, or that of the best-filled pattern of its set."""
    e = entry_of(tok)
    if e is None:
        return None
    cameo = load_cameo()
    best, best_score = e.code, 0
    if tok.pos_ in ("VERB", "AUX"):
        for pat in cameo.patterns.get(e.verb_set, ()):
            score = _pattern_matches(cameo, pat, tok)
            if score > best_score:
                best, best_score = pat["code"], score
    return best


def stance_class(tok: Token) -> str | None:
    """alliance / hostility / talks when the dictionary makes ``tok`` a verb of that class the
    engine reads (a specific code, or one of the unspecified codes used), else None."""
    cameo = load_cameo()
    if lemma(tok) in cameo.excluded:
        return None
    e = entry_of(tok)
    if e is None or not e.code:
        return None
    if e.code[2:3] == "0" and len(e.code) == 3 and e.code not in cameo.unspecified_used:
        return None
    code = code_of(tok)
    return cameo.relation_of(code)


def annotate(tok: Token | None, relation: str) -> tuple[str, str]:
    """(cameo root, quad) of a claim of ``relation`` whose cue is ``tok``: the root when the
    dictionary codes the cue as that class of relation, and the quad class of that root; else
    no root and the quad the relation implies."""
    if tok is not None:
        cameo = load_cameo()
        code = code_of(tok)
        if code and cameo.relation_of(code) == relation:
            return code[:2], cameo.quad_of(code)
    return "", DEFAULT_QUAD.get(relation, "")
