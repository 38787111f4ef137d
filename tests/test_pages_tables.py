"""The Actors and Relations tables (AppTest): allies and enemies by name right after the actor,
every column on screen at 1280 px, isolated actors hidden until the switch shows them, the full
evidence of a row on a click."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import assert_ok, click_row, fixture_extraction, go, new_app, table  # noqa: E402
from components import state  # noqa: E402

# The main column beside the sidebar in a 1280 px window (measured in Chromium with
# tools/screenshots.py: 786 px from the first column to the table's right edge).
MAIN_COLUMN_PX = 780


def _shown_columns(at, key: str) -> list[tuple[str, int]]:
    """(column, configured width in px) of the columns the table draws, in order."""
    proto = at.dataframe(key=key).proto
    config = json.loads(proto.columns)
    order = list(proto.column_order) or list(table(at, key).columns)
    return [(c, config.get(c, {}).get("width")) for c in order]


@pytest.fixture
def actors():
    return go(new_app(fixture_extraction()).run(), "actors")


def test_pages_tables_allies_and_enemies_by_name_after_the_actor(actors):
    assert_ok(actors)
    df = table(actors, "ag_actors_table")
    assert [c for c, _ in _shown_columns(actors, "ag_actors_table")][:3] == [
        "Actor", "Allies", "Enemies"]
    by = df.set_index("Actor")
    assert by.loc["YPG", "Enemies"] == "Syrian National Army, Turkey"
    assert by.loc["YPG", "Allies"] == ""
    assert by.loc["Turkey", "Allies"] == "Syrian National Army"
    assert "(talks)" in by.loc["Turkey", "Other links"]


@pytest.mark.parametrize("page, key", [("actors", "ag_actors_table"),
                                       ("relations", "ag_relations_table")])
def test_pages_tables_every_column_fits_at_1280_px(page, key):
    at = go(new_app(fixture_extraction()).run(), page)
    columns = _shown_columns(at, key)
    assert all(isinstance(w, int) for _, w in columns), columns
    last = columns[-1][0]
    # every column but the last (long text, cut) is wholly on screen, and the last one starts there
    assert sum(w for _, w in columns[:-1]) < MAIN_COLUMN_PX - 60, columns
    if page == "relations":
        assert last == "Evidence"  # the long text comes last: it pushes no column off screen
    else:
        assert sum(w for _, w in columns) <= MAIN_COLUMN_PX, columns


def test_pages_tables_isolated_actors_hidden_until_the_switch(actors):
    assert "Iran" not in set(table(actors, "ag_actors_table")["Actor"])  # no relation at all
    switch = actors.sidebar.toggle(key=state.widget_key(state.F_HIDE_ISOLATED))
    assert switch.value is True
    switch.set_value(False).run()
    assert_ok(actors)
    assert "Iran" in set(table(actors, "ag_actors_table")["Actor"])
    go(actors, "relations")
    assert actors.sidebar.toggle(key=state.widget_key(state.F_HIDE_ISOLATED)).value is False


def test_pages_tables_actor_row_shows_its_links_with_the_sentences(actors):
    df = table(actors, "ag_actors_table")
    click_row(actors, "ag_actors_table", list(df["Actor"]).index("YPG"))
    assert_ok(actors)
    text = re.sub(r"<[^>]+>", "", "\n".join(h.value for h in actors.main.get("html")))
    assert "Enemies (2)" in text
    for sentence in ("The Syrian National Army fought the YPG near Manbij.",
                     "Turkish drones struck YPG positions, and the Syrian National Army advanced."):
        assert sentence in text  # in full, however narrow the table's cell


def test_pages_tables_relation_row_shows_every_sentence_in_full():
    at = go(new_app(fixture_extraction()).run(), "relations")
    df = table(at, "ag_relations_table")
    row = next(i for i, (a, b) in enumerate(zip(df["Actor A"], df["Actor B"]))
               if {a, b} == {"Turkey", "YPG"})
    click_row(at, "ag_relations_table", row)
    assert_ok(at)
    text = re.sub(r"<[^>]+>", "", "\n".join(h.value for h in at.main.get("html")))
    for sentence in ("Turkey backs the Syrian National Army against the YPG.",
                     "Turkish drones struck YPG positions, and the Syrian National Army advanced."):
        assert sentence in text
