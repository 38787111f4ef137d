"""Claims → model Relations with their evidence sentence (clipped around the cue when endless)."""
from __future__ import annotations

from ..actors import Resolution
from ..model import Evidence, Relation
from .context import Claim

MAX_EVIDENCE_CHARS = 1000  # longer "sentences" (no punctuation at all) are quoted around the cue


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
        cue_start = c.cue_char - start if start <= c.cue_char < end else -1
        ev = Evidence(sentence=text[start:end], sentence_index=res.sent_index[sent.start], start=start,
                      end=end, cue=c.cue, rule=c.rule, cue_start=cue_start)
        rel = Relation(source=c.source, target=c.target, relation=c.relation,
                       confidence=c.confidence, evidence=ev, directed=c.directed,
                       cameo=c.cameo, quad=c.quad)
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
