"""The user's corrections of one article's extraction, as plain data, and how they apply.

A user who knows better than the engine can change the label of a relation (alliance, hostility
or none), remove an actor, merge two actors into one, rename one, or give one an alias.
`Corrections` is the list of them for one article (keyed by the hash of its text, as in the
store); `apply(extraction, corrections)` returns a new `Extraction` with them applied in order
(the given one is never changed), so the graph, the filters, the tables, the analysis and every
export made from it see the same corrected article.

What the user did stays visible:

* a relation the user labelled is one claim of the pair with ``rule == "user"``, confidence 1,
  and as its sentence the note ``"Corrected by the user: …"``; the graph lets that claim decide
  the pair's label (`actorgraph.graph.aggregate_claims`) and marks the edge ``origin: "user"``;
* claims moved by a merge keep their article sentence and carry the merge's note
  (``Relation.correction``), so the merged edge is marked too;
* renamed, merged and aliased actors carry the notes in ``Actor.corrections``.

A correction that names an actor the article (no longer) has does nothing, and says so
(`applied` gives ``None`` as its note). Files: `to_json` / `from_json`, with a format name and a
version; a bad file raises `CorrectionsError` whose message says what is wrong.

Examples
--------
>>> from actorgraph.model import Actor, Article, Evidence, Extraction, Relation
>>> ev = Evidence("Iran backs Hezbollah.", 0, 0, 21, cue="backs")
>>> ex = Extraction(Article("Iran backs Hezbollah."),
...     actors=(Actor("iran", "Iran", "state", "IRN", ("Iran",)),
...             Actor("hezbollah", "Hezbollah", "armed_group", "LBN", ("Hezbollah",))),
...     relations=(Relation("iran", "hezbollah", "alliance", 0.8, ev),))
>>> fixed = apply(ex, Corrections("0" * 64, (relabel("iran", "hezbollah", "hostility"),)))
>>> [(r.relation, r.evidence.rule) for r in fixed.relations]
[('alliance', ''), ('hostility', 'user')]
>>> fixed.relations[-1].evidence.sentence
'Corrected by the user: the relation between Iran and Hezbollah set to hostility (was alliance)'
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from .errors import ActorGraphError
from .graph import USER_ORIGIN, USER_RULE, decide_relation
from .model import ALLIANCE, HOSTILITY, Actor, Evidence, Extraction, Mention, Relation

__all__ = [
    "Correction", "Corrections", "CorrectionsError", "apply", "applied", "carry_over", "combine",
    "relabel", "remove", "merge", "rename", "alias", "to_json", "from_json", "to_dict",
    "from_dict", "KINDS", "LABELS", "NONE", "USER_PREFIX", "USER_RULE", "USER_ORIGIN", "FORMAT",
    "VERSION",
]

FORMAT = "actorgraph-corrections"
VERSION = 1
USER_PREFIX = "Corrected by the user: "

RELABEL, REMOVE, MERGE, RENAME, ALIAS = "relabel", "remove", "merge", "rename", "alias"
KINDS: tuple[str, ...] = (RELABEL, REMOVE, MERGE, RENAME, ALIAS)
CARRIED_KINDS = (ALIAS, MERGE)  # what applies to the user's next articles too (with a store)
NONE = "none"  # relabel to "none": the article does not relate the pair
LABELS: tuple[str, ...] = (ALLIANCE, HOSTILITY, NONE)
MAX_NAME_CHARS = 200
MAX_ITEMS = 1000
MAX_FILE_BYTES = 1_000_000
_HASH = re.compile(r"[0-9a-f]{64}")


class CorrectionsError(ActorGraphError):
    """A corrections file or a correction that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``actor`` is the actor corrected (for a merge: the one merged away);
    ``other`` the pair's other actor (relabel) or the actor kept (merge); ``value`` the label
    (relabel), the new name (rename) or the alias (alias). ``carried_from`` names the article a
    carried-over correction was made on ("" for this article's own)."""

    kind: str
    actor: str
    other: str = ""
    value: str = ""
    carried_from: str = ""


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrections of one article (``article``: the sha256 of its text), in order."""

    article: str
    items: tuple[Correction, ...] = ()
    title: str = ""

    def added(self, c: Correction) -> Corrections:
        """With ``c`` last; an earlier correction it supersedes (the same pair relabelled, the
        same actor renamed, the same alias) goes."""
        check(c)
        keep = tuple(old for old in self.items if _key(old) != _key(c))
        if len(keep) >= MAX_ITEMS:
            raise CorrectionsError(f"An article can have at most {MAX_ITEMS} corrections.")
        return replace(self, items=(*keep, c))

    def without(self, index: int) -> Corrections:
        """Without the correction at ``index`` (undo it); out of range: unchanged."""
        if not 0 <= index < len(self.items):
            return self
        return replace(self, items=self.items[:index] + self.items[index + 1:])

    def __len__(self) -> int:
        return len(self.items)


def combine(mine: Corrections, loaded: Corrections) -> tuple[Corrections, int]:
    """``mine`` with the corrections of ``loaded`` (a file of the same article) it lacks added
    in their order, and how many were added; a file of another article is refused."""
    if loaded.article != mine.article:
        which = f" ({loaded.title})" if loaded.title else ""
        raise CorrectionsError(f"The file holds the corrections of another article{which}; "
                               "open that article first. Nothing was changed.")
    new, added = mine, 0
    for c in loaded.items:
        if c not in new.items:
            new, added = new.added(c), added + 1
    return new, added


def _key(c: Correction) -> tuple:
    if c.kind == RELABEL:
        return (RELABEL, frozenset((c.actor, c.other)))
    if c.kind == ALIAS:
        return (ALIAS, c.actor, _norm(c.value))
    if c.kind == MERGE:
        return (MERGE, c.actor)
    return (c.kind, c.actor)


# --- making corrections ---------------------------------------------------------------------------

def _clean_name(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise CorrectionsError(f"The {what} must be text.")
    text = unicodedata.normalize("NFC", "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in value))
    text = " ".join(text.split())
    if not text:
        raise CorrectionsError(f"The {what} is empty: type a name.")
    if len(text) > MAX_NAME_CHARS:
        raise CorrectionsError(f"The {what} is longer than {MAX_NAME_CHARS} characters.")
    return text


def relabel(a: str, b: str, label: str) -> Correction:
    """The relation between ``a`` and ``b`` is ``label`` (alliance, hostility or none)."""
    return check(Correction(RELABEL, a, b, label))


def remove(actor: str) -> Correction:
    """``actor`` is not an actor of the article (with its relations)."""
    return check(Correction(REMOVE, actor))


def merge(actor: str, into: str) -> Correction:
    """``actor`` and ``into`` are one actor: ``actor``'s names and relations join ``into``."""
    return check(Correction(MERGE, actor, into))


def rename(actor: str, name: str) -> Correction:
    return check(Correction(RENAME, actor, value=_clean_name(name, "new name")))


def alias(actor: str, name: str) -> Correction:
    """``name`` is another name of ``actor``; an actor the article calls ``name`` joins it."""
    return check(Correction(ALIAS, actor, value=_clean_name(name, "alias")))


def check(c: Correction) -> Correction:
    """``c`` when it is well formed; else `CorrectionsError` saying what is wrong."""
    if c.kind not in KINDS:
        raise CorrectionsError(f"Unknown kind of correction {c.kind!r}: expected one of "
                               f"{', '.join(KINDS)}.")
    if not isinstance(c.actor, str) or not c.actor:
        raise CorrectionsError(f"A {c.kind} correction needs the id of an actor (\"actor\").")
    if c.kind in (RELABEL, MERGE):
        if not isinstance(c.other, str) or not c.other:
            raise CorrectionsError(f"A {c.kind} correction needs a second actor (\"other\").")
        if c.other == c.actor:
            raise CorrectionsError(f"A {c.kind} correction needs two different actors.")
    if c.kind == RELABEL and c.value not in LABELS:
        raise CorrectionsError(f"A relation can be set to {', '.join(LABELS)}, not {c.value!r}.")
    if c.kind in (RENAME, ALIAS):
        _clean_name(c.value, "new name" if c.kind == RENAME else "alias")
    return c


# --- applying them --------------------------------------------------------------------------------

class _Work:
    """The article being corrected: its actors by id (first of a duplicate id wins, as in the
    graph) and its relations; each step replaces what it changes."""

    def __init__(self, extraction: Extraction):
        self.text = extraction.article.text
        self.actors: dict[str, Actor] = {}
        for a in extraction.actors:
            self.actors.setdefault(a.id, a)
        self.relations: list[Relation] = list(extraction.relations)

    def name(self, actor_id: str) -> str:
        return self.actors[actor_id].label

    def note(self, actor_id: str, note: str) -> None:
        a = self.actors[actor_id]
        self.actors[actor_id] = replace(a, corrections=(*a.corrections, note))


def _label_now(w: _Work, a: str, b: str) -> str:
    pair = {a, b}
    claims = [r for r in w.relations if {r.source, r.target} == pair and r.source != r.target]
    user = [r for r in claims if r.evidence.rule == USER_RULE]
    if user:
        return user[-1].relation
    if not claims:
        return NONE
    return decide_relation({"relation": r.relation, "confidence": r.confidence} for r in claims)


def _relabel(w: _Work, c: Correction) -> str | None:
    a, b = c.actor, c.other
    if a not in w.actors or b not in w.actors:
        return None
    was = _label_now(w, a, b)
    pair = {a, b}
    what = f"the relation between {w.name(a)} and {w.name(b)}"
    change = "confirmed as" if was == c.value else "set to"
    if c.value == NONE:
        note = f"{USER_PREFIX}{what} removed (was {_words(was)})"
        w.relations = [r for r in w.relations if {r.source, r.target} != pair]
        return note
    note = f"{USER_PREFIX}{what} {change} {_words(c.value)} (was {_words(was)})"
    w.relations = [r for r in w.relations
                   if not ({r.source, r.target} == pair and r.evidence.rule == USER_RULE)]
    w.relations.append(Relation(a, b, c.value, 1.0, Evidence(note, -1, 0, 0, rule=USER_RULE),
                                correction=note))
    return note


def _words(label: str) -> str:
    return "no relation" if label == NONE else label.replace("_", " ")


def _remove(w: _Work, c: Correction) -> str | None:
    if c.actor not in w.actors:
        return None
    name = w.name(c.actor)
    before = len(w.relations)
    w.relations = [r for r in w.relations if c.actor not in (r.source, r.target)]
    del w.actors[c.actor]
    n = before - len(w.relations)
    return f"{USER_PREFIX}{name} removed, with its {n} claim{'s' if n != 1 else ''}"


def _merge(w: _Work, c: Correction, note: str | None = None) -> str | None:
    gone_id, kept_id = c.actor, c.other
    if gone_id not in w.actors or kept_id not in w.actors or gone_id == kept_id:
        return None
    gone, kept = w.actors[gone_id], w.actors[kept_id]
    note = note or f"{USER_PREFIX}{gone.label} merged into {kept.label}"
    mentions = list(kept.mentions)
    mentions += [m for m in gone.mentions if m not in mentions]
    spans = tuple(sorted({*kept.spans, *gone.spans}, key=lambda m: (m.start, m.end)))
    w.actors[kept_id] = replace(kept, mentions=tuple(mentions), spans=spans,
                                corrections=(*kept.corrections, *gone.corrections, note))
    del w.actors[gone_id]
    moved: list[Relation] = []
    for r in w.relations:
        if gone_id not in (r.source, r.target):
            moved.append(r)
            continue
        src = kept_id if r.source == gone_id else r.source
        dst = kept_id if r.target == gone_id else r.target
        if src == dst:  # a claim between the two merged actors: now about one actor, dropped
            continue
        mark = r.correction if r.evidence.rule == USER_RULE else "; ".join(
            n for n in (r.correction, note) if n)
        moved.append(replace(r, source=src, target=dst, correction=mark))
    w.relations = moved
    return note


def _rename(w: _Work, c: Correction) -> str | None:
    if c.actor not in w.actors:
        return None
    old = w.name(c.actor)
    note = f"{USER_PREFIX}{old} renamed {c.value}"
    w.note(c.actor, note)
    w.actors[c.actor] = replace(w.actors[c.actor], label=c.value)
    return note


def _alias(w: _Work, c: Correction) -> str | None:
    if c.actor not in w.actors:
        return None
    a = w.actors[c.actor]
    note = f"{USER_PREFIX}{c.value} added as a name of {a.label}"
    # an actor the article calls by that very name is this one
    for other in [o for o in w.actors.values() if o.id != c.actor and _norm(o.label) == _norm(c.value)]:
        _merge(w, Correction(MERGE, other.id, c.actor),
               note=f"{USER_PREFIX}{other.label} merged into {a.label} (named {c.value} by the user)")
    a = w.actors[c.actor]
    mentions = a.mentions if any(_norm(m) == _norm(c.value) for m in a.mentions) else (
        *a.mentions, c.value)
    spans = a.spans
    if spans:  # actors without spans count their mentions; adding spans would undercount them
        spans = tuple(sorted({*spans, *_occurrences(w, c.value, spans)}, key=lambda m: m.start))
    w.actors[c.actor] = replace(a, mentions=mentions, spans=spans,
                                corrections=(*a.corrections, note))
    return note


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def _occurrences(w: _Work, name: str, own: Iterable[Mention]) -> list[Mention]:
    """Where ``name`` stands in the text as whole words (not inside a mention the actor has)."""
    taken = [(m.start, m.end) for m in own]
    # the sentence of an occurrence: the evidence sentence it lies in, else that of the
    # nearest mention of any actor before it (the extraction keeps no other sentence bounds)
    sentences = {(r.evidence.start, r.evidence.end, r.evidence.sentence_index)
                 for r in w.relations if r.evidence.end > r.evidence.start}
    marks = sorted((m.start, m.sentence) for a in w.actors.values() for m in a.spans)
    out = []
    for hit in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", w.text, flags=re.IGNORECASE):
        s, e = hit.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        inside = [i for start, end, i in sentences if start <= s < end]
        sentence = inside[0] if inside else max(
            (sent for start, sent in marks if start <= s), default=0)
        out.append(Mention(hit.group(0), s, e, sentence))
    return out


_APPLY: dict[str, Callable[[_Work, Correction], str | None]] = {
    RELABEL: _relabel, REMOVE: _remove, MERGE: _merge, RENAME: _rename, ALIAS: _alias,
}


def applied(extraction: Extraction,
            corrections: Corrections | Iterable[Correction]) -> tuple[Extraction, tuple[str | None, ...]]:
    """The corrected extraction and, per correction, its note (None: it did not apply, an actor
    it names is not in the article any more)."""
    items = corrections.items if isinstance(corrections, Corrections) else tuple(corrections)
    if not items:
        return extraction, ()
    w = _Work(extraction)
    notes = tuple(_APPLY[c.kind](w, c) for c in items)
    kept = tuple(w.actors.values())
    return replace(extraction, actors=kept, relations=tuple(w.relations)), notes


def apply(extraction: Extraction, corrections: Corrections | Iterable[Correction]) -> Extraction:
    """A new extraction with ``corrections`` applied in order; ``extraction`` is not changed."""
    return applied(extraction, corrections)[0]


def carry_over(extraction: Extraction, earlier: Iterable[Corrections]) -> tuple[Correction, ...]:
    """The aliases and merges of the user's other articles that name actors this one has, once
    each, marked with the article they come from."""
    ids = {a.id for a in extraction.actors}
    out: list[Correction] = []
    seen: set = set()
    for cs in earlier:
        for c in cs.items:
            if c.kind not in CARRIED_KINDS or c.actor not in ids:
                continue
            if c.kind == MERGE and c.other not in ids:
                continue
            key = _key(c)
            if key in seen:
                continue
            seen.add(key)
            out.append(replace(c, carried_from=c.carried_from or cs.title or cs.article[:12]))
    return tuple(out)


# --- files ------------------------------------------------------------------------------------------

def to_dict(corrections: Corrections) -> dict[str, Any]:
    items = []
    for c in corrections.items:
        d: dict[str, Any] = {"kind": c.kind, "actor": c.actor}
        if c.other:
            d["other"] = c.other
        if c.value:
            d["value"] = c.value
        if c.carried_from:
            d["carried_from"] = c.carried_from
        items.append(d)
    return {"format": FORMAT, "version": VERSION,
            "article": {"hash": corrections.article, "title": corrections.title},
            "corrections": items}


def to_json(corrections: Corrections) -> str:
    return json.dumps(to_dict(corrections), indent=1, ensure_ascii=False)


def from_dict(data: object) -> Corrections:
    """`Corrections` from the dict of `to_dict`; `CorrectionsError` says what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CorrectionsError(f"This is not an ActorGraph corrections file (it has no "
                               f"\"format\": \"{FORMAT}\"). Upload a file downloaded with "
                               "“Download corrections”.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorrectionsError("The corrections file has no valid \"version\" (a whole number).")
    if version > VERSION:
        raise CorrectionsError(f"The corrections file is of version {version}, newer than this "
                               f"ActorGraph reads ({VERSION}); upgrade ActorGraph to use it.")
    article = data.get("article")
    digest = article.get("hash") if isinstance(article, dict) else None
    if not isinstance(digest, str) or not _HASH.fullmatch(digest):
        raise CorrectionsError("The corrections file does not say which article it is for "
                               "(\"article\": {\"hash\": …} with the text's sha256).")
    title = article.get("title") or ""
    if not isinstance(title, str):
        raise CorrectionsError("The article's \"title\" in the corrections file must be text.")
    raw = data.get("corrections")
    if not isinstance(raw, list):
        raise CorrectionsError("The corrections file has no list of \"corrections\".")
    if len(raw) > MAX_ITEMS:
        raise CorrectionsError(f"The corrections file has {len(raw)} corrections; at most "
                               f"{MAX_ITEMS} are read.")
    items = []
    for i, d in enumerate(raw, 1):
        if not isinstance(d, dict):
            raise CorrectionsError(f"Correction {i} of the file is not an object.")
        fields = {k: d.get(k, "") for k in ("kind", "actor", "other", "value", "carried_from")}
        bad = [k for k, v in fields.items() if not isinstance(v, str)]
        if bad:
            raise CorrectionsError(f"Correction {i} of the file: \"{bad[0]}\" must be text.")
        try:
            c = check(Correction(**fields))
            if c.kind in (RENAME, ALIAS):
                c = replace(c, value=_clean_name(c.value, "name"))
        except CorrectionsError as exc:
            raise CorrectionsError(f"Correction {i} of the file: {exc}") from None
        items.append(c)
    return Corrections(digest, tuple(items), title[:MAX_NAME_CHARS])


def from_json(data: str | bytes) -> Corrections:
    """Read a corrections file; `CorrectionsError` (never another exception) when it is bad."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise CorrectionsError(f"The corrections file is larger than "
                                   f"{MAX_FILE_BYTES // 1000} kB; it cannot be one of ours.")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CorrectionsError("The corrections file is not UTF-8 text.") from None
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        raise CorrectionsError(f"The corrections file is not valid JSON ({exc.msg} at line "
                               f"{exc.lineno}, column {exc.colno}).") from None
    except RecursionError:
        raise CorrectionsError("The corrections file is nested too deeply to be ours.") from None
    return from_dict(parsed)
