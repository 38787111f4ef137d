"""Word lists the recogniser and the relation rules read, from ``kb/data/lexicon.json``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).parent / "kb" / "data" / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    noun_class: dict[str, str]  # lemma → government | forces | rebels | militia | group | fighters
    government_modifiers: frozenset[str]
    person_titles: frozenset[str]
    non_actor_heads: frozenset[str]
    locative_preps: frozenset[str]
    motion_verbs: frozenset[str]
    alliance_verbs: frozenset[str]
    hostility_verbs: frozenset[str]
    hostility_weak_verbs: frozenset[str]
    alliance_nouns: frozenset[str]
    hostility_nouns: frozenset[str]
    light_verbs: frozenset[str]
    compound_participles: dict[str, str]
    with_hostility: frozenset[str]
    with_alliance: frozenset[str]
    alongside_words: frozenset[str]
    naming_verbs: frozenset[str]
    naming_words: frozenset[str]
    talk_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    membership_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    former_markers: frozenset[str]
    denial_verbs: frozenset[str]
    pronouns_singular: frozenset[str]
    pronouns_plural: frozenset[str]
    rupture_verbs: frozenset[str]
    tie_nouns: frozenset[str]
    undergo_verbs: frozenset[str]
    alliance_pact_modifiers: frozenset[str]
    alliance_nouns_weak: frozenset[str]
    formation_verbs: frozenset[str]
    bloc_nouns: frozenset[str]
    transparent_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    firing_verbs: frozenset[str]
    stance_verb_preps: dict[str, list[str]]
    speech_verbs: frozenset[str]
    supply_verbs: frozenset[str]
    supply_nouns: frozenset[str]
    origin_verbs: dict[str, list[str]]
    loss_verbs: frozenset[str]
    reciprocal_heads: frozenset[str]
    object_control_verbs: frozenset[str]
    ideology_words: frozenset[str]
    capture_verbs: frozenset[str]
    repel_verbs: dict[str, list[str]]
    identity_participles: frozenset[str]
    infliction_verbs: frozenset[str]
    harm_nouns: frozenset[str]


def read_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    raw = json.loads(path.read_text(encoding="utf-8"))
    noun_class = {w: cls for cls, words in raw["actor_nouns"].items() for w in words}
    kwargs = {}
    for name, ftype in Lexicon.__annotations__.items():
        if name == "noun_class":
            continue
        value = raw[name]
        kwargs[name] = dict(value) if ftype.startswith("dict") else frozenset(value)
    return Lexicon(noun_class=noun_class, **kwargs)


@cache
def load_lexicon() -> Lexicon:
    return read_lexicon()
