"""Plain data that flows through the engine: Article → Actor/Relation → Extraction.

Everything here is a frozen dataclass of built-in types, so results pickle cheaply
(for ``st.cache_data``) and never carry spaCy objects into the UI.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ACTOR_TYPES: tuple[str, ...] = (
    "state", "government", "military", "armed_group", "militia",
    "rebel_coalition", "party", "igo", "person", "other",
)
ALLIANCE = "alliance"
HOSTILITY = "hostility"
# Links the text states that are neither a stance of support nor of enmity.
MEMBERSHIP = "membership"          # "the rebels include X", "X, part of Y"
AFFILIATION = "former_affiliation"  # "previously affiliated with al-Qaeda"
TALKS = "talks"                    # "the foreign ministers of X and Y met"
RELATION_TYPES: tuple[str, ...] = (ALLIANCE, HOSTILITY, MEMBERSHIP, AFFILIATION, TALKS)
# CAMEO's quad classes: is a claim words or deeds, cooperation or conflict.
QUAD_CLASSES: tuple[str, ...] = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                 "material_conflict")
SIGNED = (ALLIANCE, HOSTILITY)
INTERNATIONAL = "INT"  # country code of transnational groups and international bodies
# A relation whose confidence is below this is a weak claim: drawn thin and dashed, and left out
# of the Analysis page's findings unless asked for.
WEAK_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Article:
    """An article as plain text; ``text`` is what is analysed (headline, blank line, body)."""

    text: str
    title: str = ""
    source: str = "pasted text"
    kind: str = "text"  # txt | md | html | pdf | docx | text
    notices: tuple[str, ...] = ()  # things the user should know (truncated, not English…)

    @property
    def body(self) -> str:
        if self.title and self.text.startswith(self.title):
            return self.text[len(self.title):].lstrip("\n")
        return self.text


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in ``Article.text`` that refers to an actor."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    label: str
    type: str
    country: str  # ISO 3166-1 alpha-3, "INT", or "" when unknown
    mentions: tuple[str, ...]  # distinct surface strings, in order of first appearance
    spans: tuple[Mention, ...] = ()
    kb_id: str | None = None  # knowledge-base entry, None for actors found by NER or phrases
    source: str = "kb"  # kb | ner | phrase
    corrections: tuple[str, ...] = ()  # notes of the user's corrections that changed it


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence behind one claim, and what in it carries the claim."""

    sentence: str
    sentence_index: int
    start: int  # offsets of the sentence in Article.text
    end: int
    cue: str = ""  # the words that carry it ("backed", "fight", "with the help of")
    rule: str = ""  # name of the construction that matched
    cue_start: int = -1  # offset of ``cue`` in ``sentence`` (-1: not known, find it by its text)


@dataclass(frozen=True, slots=True)
class Relation:
    """One claim, from one sentence: ``source`` stands in ``relation`` to ``target``.

    When ``directed`` the text gives a direction: source backs/leads/attacks target.
    The graph aggregates all claims of a pair into one edge.
    """

    source: str
    target: str
    relation: str
    confidence: float
    evidence: Evidence
    directed: bool = False
    cameo: str = ""  # CAMEO root code (two digits) when the cue came from the CAMEO dictionary
    quad: str = ""  # verbal_cooperation | material_cooperation | verbal_conflict | material_conflict | ""
    # the note of the user's correction that made or changed this claim; "" for the text's own
    # (see actorgraph/corrections.py)
    correction: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    notices: tuple[str, ...] = field(default=())

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)
