"""The resolution chain is a written-down order of named resolvers; its word lists are data."""
from __future__ import annotations

import json

from actorgraph.actor_words import WORDS_PATH, load_actor_words
from actorgraph.actors import _Resolver
from actorgraph.phrases import PHRASE_RESOLVERS


def test_passes_are_methods_in_order():
    assert _Resolver.PASSES[0] == "match_knowledge_base"
    for name in _Resolver.PASSES:
        assert callable(getattr(_Resolver, name, None)), name
    assert len(set(_Resolver.PASSES)) == len(_Resolver.PASSES)


def test_phrase_resolvers_registered_once_in_order():
    names = [n for n, _ in PHRASE_RESOLVERS]
    assert len(names) == len(set(names))
    # descriptions that settle a phrase come before the references that look back
    assert names.index("apposition") < names.index("named_with_this_head") < names.index("the_militants")
    assert names[0] == "coalition_as_modifier" and names[-1] == "the_militants"
    for _n, fn in PHRASE_RESOLVERS:
        assert fn.__doc__, _n


def test_actor_words_file_is_sorted_and_loads():
    raw = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    for key, value in raw.items():
        if isinstance(value, list) and key != "org_type_words":
            assert value == sorted(value) and len(set(value)) == len(value), key
        if isinstance(value, dict):
            assert list(value) == sorted(value), key
    words = load_actor_words()
    assert set(words.class_rank) == set(words.class_plural) | {"government"}
    assert words.not_actor_orgs.search("the Syrian Observatory for Human Rights")


def test_organs_branches_and_communities_resolve(nlp):
    from actorgraph.ingest import read_text
    from actorgraph.pipeline import extract

    def actors(text):
        return {a.id: a.mentions for a in extract(read_text(text)).actors}

    got = actors("The Department of the Treasury's Office of Foreign Assets Control (OFAC) sanctioned Hezbollah. "
                 "The Department also designated Hamas.")
    assert "OFAC" in got["united_states"] and "Department" in got["united_states"]
    assert "islamic_state_sahel" in actors("Islamic State in the Greater Sahara (ISIS-GS) fighters attacked "
                                           "Niger's army. ISIS-GS later withdrew.")
    got = actors("ISIS-Mozambique fighters attacked the Mozambican army.")
    assert "islamic_state_mozambique" in got and "islamic_state" not in got
    got = actors("The Turkish Cypriot leader backed Turkey against Greece.")
    assert "trnc" in got and "cyprus" not in got
