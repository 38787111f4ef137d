"""The Analysis page (AppTest): each finding with its confidence and the sentences it rests on;
findings that need a weak claim left out until asked for; "enemy of my enemy" pairs checked
against the whole article."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    _ev, assert_ok, click_row, go, new_app, reference_extraction, table,
)
from actorgraph.analysis import WEAK_CONFIDENCE, findings  # noqa: E402
from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import ALLIANCE, HOSTILITY, Actor, Article, Extraction, Relation  # noqa: E402
from components import state  # noqa: E402

WEAK_TOGGLE = state.widget_key(state.A_SHOW_WEAK)
SENTENCES = [
    "The UAE backs the Southern Transitional Council.",  # 0 strong alliance
    "Saudi Arabia bombed Houthi positions.",  # 1 strong hostility
    "The UAE also struck the Houthis.",  # 2 strong hostility
    "Some say the Houthis may be close to Iran.",  # 3 weak alliance: a bloc of weak links only
    "Saudi Arabia and the UAE reportedly coordinate.",  # 4 weak alliance: relates the pair
    "Israel struck the Houthis.",  # 5 strong hostility
]


def yemen() -> Extraction:
    """Strong claims, and weak ones (confidence below WEAK_CONFIDENCE) the findings must not use."""
    s = SENTENCES
    actors = (
        Actor("uae", "United Arab Emirates", "state", "ARE", ("UAE",)),
        Actor("stc", "Southern Transitional Council", "armed_group", "YEM",
              ("Southern Transitional Council",)),
        Actor("saudi", "Saudi Arabia", "state", "SAU", ("Saudi Arabia",)),
        Actor("houthis", "Houthis", "armed_group", "YEM", ("Houthis", "Houthi")),
        Actor("iran", "Iran", "state", "IRN", ("Iran",)),
        Actor("israel", "Israel", "state", "ISR", ("Israel",)),
    )
    relations = (
        Relation("uae", "stc", ALLIANCE, 0.85, _ev(s[0], 0, "backs"), directed=True),
        Relation("saudi", "houthis", HOSTILITY, 0.9, _ev(s[1], 1, "bombed")),
        Relation("uae", "houthis", HOSTILITY, 0.8, _ev(s[2], 2, "struck")),
        Relation("houthis", "iran", ALLIANCE, 0.4, _ev(s[3], 3, "close to")),
        Relation("saudi", "uae", ALLIANCE, 0.3, _ev(s[4], 4, "coordinate")),
        Relation("israel", "houthis", HOSTILITY, 0.75, _ev(s[5], 5, "struck")),
    )
    return Extraction(Article("\n".join(s), title="Yemen (test)", source="yemen.txt"),
                      actors, relations)


@pytest.fixture
def at():
    app = new_app(yemen(), "test:yemen").run()
    return go(app, "analysis")


def _members(at) -> set[str]:
    return set(table(at, "ag_blocs_table")["Members"])


def _pairs(at) -> set[frozenset[str]]:
    try:
        df = table(at, "ag_enemy_table")
    except (KeyError, AssertionError):
        return set()
    return {frozenset((a, b)) for a, b in zip(df["Actor A"], df["Actor B"])}


def _html(at) -> str:
    return "\n".join(h.value for h in at.main.get("html"))


def test_pages_analysis_findings_state_their_confidence(at):
    assert_ok(at)
    assert at.toggle(key=WEAK_TOGGLE).value is False
    blocs = table(at, "ag_blocs_table")
    assert list(blocs["Members"]) == ["Southern Transitional Council, United Arab Emirates"]
    assert list(blocs["Confidence"]) == [0.85]
    assert "United Arab Emirates – Southern Transitional Council (alliance, 0.85)" in set(
        blocs["Rests on"])
    assert "Weak" not in blocs.columns  # nothing shown rests on a weak claim
    central = table(at, "ag_central_table")
    assert {"Confidence", "Rests on"} <= set(central.columns)
    assert "Iran" not in set(central["Actor"])  # its only link is a weak claim
    assert any("2 weak relations" in c.value and "left out" in c.value for c in at.caption)


def test_pages_analysis_weak_findings_hidden_until_asked_for(at):
    # a bloc of weak links only (the Houthis and Iran) is not a finding by default
    assert not any("Iran" in m for m in _members(at))
    at.toggle(key=WEAK_TOGGLE).set_value(True).run()
    assert_ok(at)
    blocs = table(at, "ag_blocs_table")
    weak = blocs[blocs["Members"] == "Houthis, Iran"]
    assert len(weak) == 1 and bool(weak["Weak"].iloc[0])
    assert float(weak["Confidence"].iloc[0]) < WEAK_CONFIDENCE
    # the weak alliance of Saudi Arabia and the UAE now joins them in a bloc: weak as well
    assert list(blocs["Weak"]) == list(blocs["Confidence"] < WEAK_CONFIDENCE)
    assert "Iran" in set(table(at, "ag_central_table")["Actor"])
    # the choice stays while the user looks at another page
    go(at, "actors")
    go(at, "analysis")
    assert at.toggle(key=WEAK_TOGGLE).value is True
    assert "Houthis, Iran" in _members(at)


def test_pages_analysis_row_click_shows_the_sentences(at):
    assert "Click a row to read the sentences this bloc rests on." in [c.value for c in at.caption]
    click_row(at, "ag_blocs_table", 0)
    assert_ok(at)
    text = _html(at)
    assert "backs" in text and "Southern Transitional Council" in text
    assert "confidence 0.85" in text
    assert "Houthi" not in text  # only this bloc's evidence

    click_row(at, "ag_enemy_table", 0)
    assert_ok(at)
    pair = table(at, "ag_enemy_table").iloc[0]
    evidence = at.main.get("html")[-1].value  # the pair's, below the last table
    assert pair["Actor B"] == "Israel"
    assert "Israel</mark>" in evidence and "struck</mark>" in evidence
    assert pair["Actor A"] in evidence and "hostility" in evidence


def test_pages_analysis_enemy_of_enemy_checks_the_whole_article(at):
    # Saudi Arabia and the UAE fight the Houthis; a weak claim says they coordinate: the article
    # relates them, so they are no candidate pair, even when the filters drop that claim
    pairs = _pairs(at)
    assert frozenset(("Saudi Arabia", "Israel")) in pairs
    assert frozenset(("Saudi Arabia", "United Arab Emirates")) not in pairs
    at.toggle(key=WEAK_TOGGLE).set_value(True).run()
    assert frozenset(("Saudi Arabia", "United Arab Emirates")) not in _pairs(at)
    at.sidebar.slider(key=state.widget_key(state.F_MIN_CONFIDENCE)).set_value(0.5).run()
    assert_ok(at)
    assert frozenset(("Saudi Arabia", "United Arab Emirates")) not in _pairs(at)
    assert frozenset(("Saudi Arabia", "Israel")) in _pairs(at)


def test_pages_analysis_country_filter_keeps_partners_for_the_findings(at):
    at.sidebar.multiselect(key=state.widget_key(state.F_COUNTRIES)).set_value(["ARE"]).run()
    assert_ok(at)
    # the UAE's own actor and its direct partners: the STC bloc is still there
    assert list(table(at, "ag_blocs_table")["Members"]) == [
        "Southern Transitional Council, United Arab Emirates"]


def test_pages_analysis_reference_article_default_findings_are_all_strong():  # real engine
    ex = reference_extraction()
    G = build_graph(ex)
    found = findings(G, G)
    assert all(not f.is_weak() for f in found.blocs + found.triads + found.enemy_pairs)
    at = go(new_app(ex).run(), "analysis")
    assert_ok(at)
    blocs = table(at, "ag_blocs_table")
    assert (blocs["Confidence"] >= WEAK_CONFIDENCE).all()
    at.toggle(key=WEAK_TOGGLE).set_value(True).run()
    assert_ok(at)
