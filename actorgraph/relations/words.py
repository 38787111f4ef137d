"""The small word lists the relation constructions read, from ``kb/data/relation_words.json``
(the larger vocabularies shared with actor recognition are in ``lexicon.json``)."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "relation_words.json"


@dataclass(frozen=True)
class Words:
    adjectival_participles: frozenset[str]
    allegiance_nouns: frozenset[str]
    allegiance_verbs: frozenset[str]
    aim_at_preps: frozenset[str]
    aim_preps: frozenset[str]
    alliance_preps: frozenset[str]
    alliance_stance_verbs: frozenset[str]
    ally_role_nouns: frozenset[str]
    blame_verbs: frozenset[str]
    comma_relatives: frozenset[str]
    companion_words: frozenset[str]
    condemnation_verbs: frozenset[str]
    cooperation_nouns: frozenset[str]
    cooperation_preps: frozenset[str]
    designation_list_marks: frozenset[str]
    designation_verbs: frozenset[str]
    enemy_role_nouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    gerund_object_preps: frozenset[str]
    giver_role_nouns: frozenset[str]
    hostile_preps: frozenset[str]
    hostility_stance_verbs: frozenset[str]
    hyphens: frozenset[str]
    impact_preps: frozenset[str]
    including_words: frozenset[str]
    joint_adverbs: frozenset[str]
    operation_nouns: frozenset[str]
    operation_preps: frozenset[str]
    operation_victim_verbs: frozenset[str]
    origin_preps: frozenset[str]
    pair_quantifiers: frozenset[str]
    partitive_preps: frozenset[str]
    particle_denials: dict[str, list[str]]
    patient_act_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    phrase_breaks: frozenset[str]
    possessive_relatives: frozenset[str]
    recipient_preps: frozenset[str]
    receipt_verbs: frozenset[str]
    reciprocal_pronouns: frozenset[str]
    reciprocal_quantifiers: frozenset[str]
    reflexive_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    responsibility_nouns: frozenset[str]
    restriction_lifting_verbs: frozenset[str]
    restriction_nouns: frozenset[str]
    responsibility_verbs: frozenset[str]
    side_nouns: frozenset[str]
    state_kind_nouns: frozenset[str]
    state_like_types: frozenset[str]
    supplier_role_nouns: frozenset[str]
    tie_preps: frozenset[str]
    tie_verbs: frozenset[str]
    war_nouns: frozenset[str]
    war_place_preps: frozenset[str]


def read_words(path: Path = WORDS_PATH) -> Words:
    raw = json.loads(path.read_text(encoding="utf-8"))
    kwargs = {}
    for f in fields(Words):
        value = raw[f.name]["words"]
        kwargs[f.name] = dict(value) if isinstance(value, dict) else frozenset(value)
    return Words(**kwargs)


@cache
def load_words() -> Words:
    return read_words()
