"""The word lists actor resolution reads, from ``kb/data/actor_words.json`` (reviewed like code:
``tests/test_actor_words.py`` checks it)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).parent / "kb" / "data" / "actor_words.json"


@dataclass(frozen=True)
class ActorWords:
    business_org_words: frozenset[str]  # companies, banks, airlines: parties only when sanctioned, supplying…
    bystander_role_words: frozenset[str]  # "a photojournalist", "director of news": one who reports, no party
    class_plural: dict[str, str]
    class_rank: dict[str, int]  # which generic class wins when a phrase holds several
    group_type: dict[str, str]  # generic class → actor type of a group phrase
    government_core: frozenset[str]  # nouns that are the government by themselves
    government_core_definite: frozenset[str]  # … when definite ("the troops")
    government_plural_excluded: frozenset[str]  # "other governments" are not the focus country's
    hedge_prefixes: frozenset[str]  # "so-called Islamic State": part of the name's mention
    indefinite_determiners: frozenset[str]
    military_nouns: frozenset[str]  # the state's military, not its civil government
    non_distinguishing_modifiers: frozenset[str]  # "the main groups" is no new party
    not_actor_orgs: re.Pattern  # NER organisations that are never parties
    opposing_prefixes: frozenset[str]  # "counter-ISIL", "anti-Houthi": against the named one
    org_type_words: tuple[tuple[str, str], ...]  # word in an unknown organisation's name → type
    organ_nouns: frozenset[str]  # a state's organs: "the Russian embassy", "the Department"
    own_determiners: frozenset[str]
    place_name_openers: frozenset[str]  # "Near Ar Raqqah, five strikes…": a place, not a person
    placing_prepositions: frozenset[str]  # "militias in Iraq"
    rank_words: frozenset[str]  # "Gen.", "Lt.": an officer of someone
    rebel_adjectives: frozenset[str]  # adjectives that are group nouns themselves
    stance_prefixes: frozenset[str]  # "anti-Houthi", "pro-government": whom a group is for or against
    spokes_nouns: frozenset[str]  # "officials", "diplomats": speak for someone, are no one
    subnational_words: frozenset[str]  # in the name of a region's government ("Regional")
    terrorist_descriptors: frozenset[str]  # "the terrorist group": the article's salient armed group


def read_actor_words(path: Path = WORDS_PATH) -> ActorWords:
    raw = json.loads(path.read_text(encoding="utf-8"))
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list) and k not in (
        "org_type_words", "not_actor_org_words")}
    pattern = re.compile(r"\b(" + "|".join(re.escape(w).replace("\\ ", " ") for w in raw["not_actor_org_words"])
                         + r")\b", re.I)
    return ActorWords(class_plural=raw["class_plural"], class_rank=raw["class_rank"],
                      group_type=raw["group_type"], not_actor_orgs=pattern,
                      org_type_words=tuple((w, t) for w, t in raw["org_type_words"]), **sets)


@cache
def load_actor_words() -> ActorWords:
    return read_actor_words()
