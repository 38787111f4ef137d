"""Corrections in the dashboard: made from the details panel or a table's row, seen on every page
and in the downloads, undone from the sidebar, kept by the browser's token across sessions."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    XSS, assert_ok, click_node, click_row, fixture_extraction, go, htmls, metrics, new_app, table,
)
from actorgraph.model import Article  # noqa: E402
from components import state  # noqa: E402
from components.exports import _maker  # noqa: E402
from components.tables import relations_frame  # noqa: E402

W = state.widget_key


@pytest.fixture(autouse=True)
def kept_in_tmp(tmp_path, monkeypatch):
    """Corrections go to a folder of the test's own; no store is configured."""
    monkeypatch.setenv("ACTORGRAPH_CORRECTIONS_DIR", str(tmp_path / "corrections"))
    monkeypatch.delenv("ACTORGRAPH_DB", raising=False)
    return tmp_path / "corrections"


def _relabel_from_relations_page(at, a_label: str, b_label: str, label: str):
    go(at, "relations")
    frame = relations_frame(at.session_state[state.VIEW].graph)
    row = next(i for i, r in frame.iterrows() if {r["Actor A"], r["Actor B"]} == {a_label, b_label})
    click_row(at, "ag_relations_table", row)
    a, b = frame.loc[row, "a_id"], frame.loc[row, "b_id"]
    at.button_group(key=f"ag_corr_relabel:{a}|{b}").set_value(label)
    at.button(key=f"ag_corr_relabel_btn:{a}|{b}").click().run()
    assert_ok(at)
    return at


def _relation(at, a_label: str, b_label: str) -> str:
    df = table(at, "ag_relations_table")
    rows = df[((df["Actor A"] == a_label) & (df["Actor B"] == b_label))
              | ((df["Actor A"] == b_label) & (df["Actor B"] == a_label))]
    return "" if rows.empty else rows.iloc[0]["Relation"]


def _merge_from_details(at, node: str, into: str):
    go(at, "explorer")
    click_node(at, node)
    at.selectbox(key=f"ag_corr_merge:{node}").set_value(into)
    at.button(key=f"ag_corr_merge_btn:{node}").click().run()
    assert_ok(at)
    return at


def _captions(at) -> list[str]:
    """The sidebar's captions as the reader sees them (markdown escapes removed)."""
    return [c.value.replace("\\", "") for c in at.sidebar.caption]


def _undo_buttons(at):
    return [b for b in at.sidebar.button if str(b.key or "").startswith("ag_corr_undo:")]


def _analysis(at) -> str:
    """What the Analysis page shows, as text (its markdown and its tables)."""
    go(at, "analysis")
    assert_ok(at)
    return "\n".join([m.value for m in at.main.markdown]
                     + [d.value.to_csv() for d in at.main.dataframe])


def test_pages_corrections_a_relabel_is_seen_on_every_page_and_in_the_downloads():
    at = new_app(fixture_extraction()).run()
    before = metrics(at)
    analysis_before = _analysis(at)
    _relabel_from_relations_page(at, "Turkey", "YPG", "alliance")
    assert _relation(at, "Turkey", "YPG") == "Alliance"
    assert any("set to alliance (was hostility)" in e.value.replace("\\", "")
               for e in at.success)
    go(at, "home")
    after = metrics(at)
    assert after["Alliances"] == before["Alliances"] + 1
    assert after["Hostilities"] == before["Hostilities"] - 1
    go(at, "actors")
    actors = table(at, "ag_actors_table").set_index("Actor")
    assert "YPG" in actors.loc["Turkey", "Allies"]
    # Turkey, the SNA and the YPG: a balanced triad before, an unbalanced one after the flip
    assert _analysis(at) != analysis_before
    go(at, "explorer")
    click_node(at, "turkey")
    text = "\n".join(htmls(at))
    assert "ag-user-note" in text and "Corrected by the user: the relation between" in text
    # the downloads are made from the view every page shows
    G = at.session_state[state.VIEW].graph
    data = json.loads(_maker("to_node_link_json", G)())
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"turkey", "ypg"})
    assert edge["relation"] == "alliance" and edge["origin"] == "user"
    assert data["graph"]["corrections"] == [
        "Corrected by the user: the relation between Turkey and YPG set to alliance (was hostility)"]
    assert "Corrected by the user" in _maker("edges_csv", G)()
    assert b"Corrected by the user" in _maker("to_graphml", G)()
    assert "Corrected by the user" in _maker("to_html", G)()
    # the undo list in the sidebar names it
    assert len(_undo_buttons(at)) == 1
    assert any("set to alliance (was hostility)" in c for c in _captions(at))


def test_pages_corrections_actor_controls_and_undo():
    at = new_app(fixture_extraction()).run()
    _merge_from_details(at, "sna", "turkey")
    assert at.session_state[state.SELECTED] == "turkey"  # the actor kept is shown
    G = at.session_state[state.VIEW].full
    assert "sna" not in G and "Syrian National Army" in G.nodes["turkey"]["mentions"]
    # rename and alias the kept actor
    at.text_input(key="ag_corr_rename:turkey").set_value("Türkiye")
    at.button(key="FormSubmitter:ag_corr_rename_form:turkey-Rename").click().run()
    at.text_input(key="ag_corr_alias:turkey").set_value("Ankara government")
    at.button(key="FormSubmitter:ag_corr_alias_form:turkey-Add alias").click().run()
    assert_ok(at)
    G = at.session_state[state.VIEW].full
    assert G.nodes["turkey"]["label"] == "Türkiye"
    assert "Ankara government" in G.nodes["turkey"]["mentions"]
    # remove another actor
    click_node(at, "ypg")
    at.button(key="ag_corr_remove:ypg").click().run()
    assert_ok(at)
    assert "ypg" not in at.session_state[state.VIEW].full
    assert at.session_state[state.SELECTED] is None
    assert len(_undo_buttons(at)) == 4
    # undo the merge (the first): the SNA comes back, the rest stays
    _undo_buttons(at)[0].click().run()
    assert_ok(at)
    G = at.session_state[state.VIEW].full
    assert "sna" in G and G.nodes["turkey"]["label"] == "Türkiye" and "ypg" not in G
    assert len(_undo_buttons(at)) == 3
    for _ in range(3):
        _undo_buttons(at)[0].click().run()
    assert_ok(at)
    assert set(at.session_state[state.VIEW].full) == {"turkey", "sna", "ypg", "xss", "iran"}


def test_pages_corrections_bad_input_gets_a_message():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_node(at, "sna")
    at.text_input(key="ag_corr_rename:sna").set_value("   ")
    at.button(key="FormSubmitter:ag_corr_rename_form:sna-Rename").click().run()
    assert_ok(at)
    assert any("empty" in e.value for e in at.error)
    at.button(key="ag_corr_merge_btn:sna").click().run()  # nothing chosen
    assert any("Choose the actor to merge into" in e.value for e in at.error)


def test_pages_corrections_survive_a_new_session_with_the_same_token_only(kept_in_tmp):
    at = new_app(fixture_extraction()).run()
    token = at.query_params[state.TOKEN_PARAM]
    token = token[0] if isinstance(token, list) else token
    assert len(token) >= 16
    _merge_from_details(at, "sna", "turkey")
    _relabel_from_relations_page(at, "Turkey", "YPG", "none")
    assert list(kept_in_tmp.glob(f"{token}/*.json"))
    # a reload: a new session, the same URL (token), the same article loaded again
    again = new_app(fixture_extraction())
    again.query_params[state.TOKEN_PARAM] = token
    again.run()
    assert_ok(again)
    G = again.session_state[state.VIEW].full
    assert not G.has_edge("turkey", "ypg") and "sna" not in G
    go(again, "relations")
    assert _relation(again, "Turkey", "YPG") == ""
    # another browser (another token, or none) sees the article as the engine made it
    other = new_app(fixture_extraction()).run()
    assert other.query_params[state.TOKEN_PARAM] != token
    assert "sna" in other.session_state[state.VIEW].full
    forged = new_app(fixture_extraction())
    forged.query_params[state.TOKEN_PARAM] = "../" + token
    forged.run()
    assert_ok(forged)
    assert "sna" in forged.session_state[state.VIEW].full


def test_pages_corrections_a_damaged_kept_file_is_said_and_set_aside(kept_in_tmp):
    at = new_app(fixture_extraction()).run()
    token = at.query_params[state.TOKEN_PARAM]
    _merge_from_details(at, "sna", "turkey")
    (path,) = kept_in_tmp.glob(f"{token}/*.json")
    path.write_text("{damaged")
    again = new_app(fixture_extraction())
    again.query_params[state.TOKEN_PARAM] = token
    again.run()
    assert_ok(again)
    assert any("set aside" in e.value for e in again.sidebar.error)
    assert "sna" in again.session_state[state.VIEW].full
    assert path.with_suffix(".damaged.json").read_text() == "{damaged"


def test_pages_corrections_with_a_store_merges_and_aliases_apply_to_the_next_article(
        tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_DB", str(tmp_path / "corpus.db"))
    at = new_app(fixture_extraction()).run()
    token = at.query_params[state.TOKEN_PARAM]
    _merge_from_details(at, "sna", "turkey")
    _relabel_from_relations_page(at, "Turkey", "YPG", "alliance")  # not carried: one article's
    # the next article (other text, the same actors), in a new session of the same browser
    base = fixture_extraction()
    text = base.article.text + "\nLater, the Syrian National Army and Turkey met again."
    nxt = replace(base, article=replace(base.article, text=text, title="The next article"))
    later = new_app(nxt, input_id="test:next")
    later.query_params[state.TOKEN_PARAM] = token
    later.run()
    assert_ok(later)
    G = later.session_state[state.VIEW].full
    assert "sna" not in G and "Syrian National Army" in G.nodes["turkey"]["mentions"]
    assert G.edges["turkey", "ypg"]["relation"] == "hostility"
    assert any("from Fixture: Turkey and the YPG" in c for c in _captions(later))


def test_pages_corrections_names_the_user_types_are_text_never_markup():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_node(at, "sna")
    at.text_input(key="ag_corr_rename:sna").set_value(XSS)
    at.button(key="FormSubmitter:ag_corr_rename_form:sna-Rename").click().run()
    assert_ok(at)
    assert at.session_state[state.VIEW].full.nodes["sna"]["label"] == XSS
    for block in htmls(at):
        assert "<img" not in block
    assert any("&lt;img" in block for block in htmls(at))


def _token_of(at) -> str:
    token = at.query_params[state.TOKEN_PARAM]
    return token[0] if isinstance(token, list) else token


def test_pages_corrections_a_reload_brings_the_uploaded_article_back_with_them(kept_in_tmp):
    # real engine: an upload, a correction, then a new session with the same URL (a reload)
    text = ("Rebels fight the army\n\nThe Syrian National Army attacked the YPG near Afrin. "
            "Turkey backs the Syrian National Army.").encode()
    at = new_app().run()
    at.file_uploader(key="ag_upload").set_value(("mine.txt", text, "text/plain")).run()
    assert_ok(at)
    token = _token_of(at)
    first = at.session_state[state.VIEW].full
    assert first.number_of_nodes() >= 2
    node, into = sorted(first.nodes)[:2]
    _merge_from_details(at, node, into)
    assert node not in at.session_state[state.VIEW].full

    again = new_app()
    again.query_params[state.TOKEN_PARAM] = token
    again.run()
    assert_ok(again)
    assert again.session_state[state.EXTRACTION].article.source == "mine.txt"
    G = again.session_state[state.VIEW].full
    assert set(G.nodes) == set(first.nodes) - {node}  # the same text hash: its corrections apply
    other = new_app().run()  # another browser: nothing of this one
    assert other.session_state[state.EXTRACTION] is None


def test_pages_corrections_a_reload_brings_a_sample_back_by_name(kept_in_tmp):
    at = new_app().run()
    at.button(key="ag_try_reference").click().run()
    assert_ok(at)
    again = new_app()
    again.query_params[state.TOKEN_PARAM] = _token_of(at)
    again.run()
    assert_ok(again)
    assert again.session_state[state.INPUT_ID] == at.session_state[state.INPUT_ID]
    assert not any((kept_in_tmp / _token_of(at)).glob("*.txt"))
