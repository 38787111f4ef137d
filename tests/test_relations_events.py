"""The event constructions (actorgraph/relations/events.py) read their word lists from data;
the construction table (tests/data/constructions.jsonl) holds their cases."""
from __future__ import annotations

import json
from dataclasses import fields

from actorgraph.relations import CONSTRUCTIONS
from actorgraph.relations.events import EVENT_WORDS_PATH, EventWords, load_event_words


def test_event_words_file_sorted_and_explained():
    raw = json.loads(EVENT_WORDS_PATH.read_text(encoding="utf-8"))
    keys = [k for k in raw if not k.startswith("_")]
    assert keys == sorted(keys)
    assert set(keys) == {f.name for f in fields(EventWords)}
    for k in keys:
        assert raw[k]["why"].strip(), k
        assert raw[k]["words"] == sorted(set(raw[k]["words"])), k
    assert load_event_words().effort_nouns


def test_event_constructions_registered_in_their_family():
    events = {n for n, c in CONSTRUCTIONS.items() if c.family == "events"}
    assert {"effort_to", "in_support_of", "support_against", "in_coordination_with", "coordinated_against",
            "helped_in_effort", "against_named", "ordered_to_leave", "aid_to_place", "set_off_participle",
            "joint_assault", "pair_war", "under_attack", "envoy_protest", "aided_by_support"} <= events


def test_event_claims_in_context(analyse):
    ex = analyse("The Government of Iraq and the UK are committed to defeating ISIL. "
                 "American jets conducted strikes coordinated with and in support of the Government of Iraq "
                 "against ISIL targets near Mosul.")
    rel = {(r.source, r.target): r.relation for r in ex.relations}
    assert rel.get(("iraq", "islamic_state")) == "hostility" or rel.get(("islamic_state", "iraq")) == "hostility"
    assert "alliance" in {rel.get(("united_states", "iraq")), rel.get(("iraq", "united_states"))}
    iraq = next(a for a in ex.actors if a.id == "iraq")
    assert "Government of Iraq" in iraq.mentions
