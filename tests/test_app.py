"""The dashboard's first screen: settings, getting an article in, errors, notices.

These tests drive ``app.py`` with Streamlit's AppTest. Those marked "real engine" run the spaCy
pipeline (loaded once per process); the others start from a hand-built extraction.
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    APP, REFERENCE, ROOT, assert_ok, fixture_extraction, go, metrics, new_app,
)
from actorgraph.errors import ActorGraphError  # noqa: E402
from actorgraph.graph import build_graph, filter_graph  # noqa: E402
from actorgraph.ingest import MAX_FILE_BYTES, MAX_TEXT_CHARS, read_bytes  # noqa: E402
from components import state  # noqa: E402
from components.inputs import limits_text, list_samples, sample_title  # noqa: E402
from components.safe import md_escape  # noqa: E402

BROKEN_PDF = b"%PDF-1.7 this is not really a pdf"


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_app_config_matches_engine_limits_and_is_private():
    cfg = _config()
    assert cfg["server"]["maxUploadSize"] == MAX_FILE_BYTES // (1024 * 1024)
    assert cfg["server"]["headless"] is True
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["toolbarMode"] == "minimal"
    assert cfg["theme"]["base"] in ("light", "dark")


def test_app_limits_text_states_both_limits():
    text = limits_text()
    assert f"{MAX_FILE_BYTES // (1024 * 1024)} MB" in text
    assert f"{MAX_TEXT_CHARS:,}" in text


def test_app_first_screen_offers_every_way_in():
    at = new_app().run()
    assert_ok(at)
    assert at.button(key="ag_try_reference").label == "Try the reference article"
    assert not at.button(key="ag_try_reference").disabled
    assert at.file_uploader(key="ag_upload")
    assert at.text_area(key="ag_paste")
    assert sample_title(REFERENCE) in at.selectbox(key="ag_sample").options
    assert any("MB" in c.value for c in at.caption)  # the size limit is said
    assert not metrics(at)  # nothing analysed yet
    assert at.info  # and the page says what to do


def test_app_before_any_article_filters_are_shown_disabled_and_inputs_open():
    at = new_app().run()
    assert_ok(at)
    widgets = [*at.sidebar.multiselect, *at.sidebar.slider, *at.sidebar.toggle,
               *at.sidebar.selectbox, *at.sidebar.text_input]
    assert len(widgets) == 10 and all(w.disabled for w in widgets)
    assert [e.label for e in at.expander] == ["Analyse an article"]
    assert at.expander[0].proto.expanded


def test_app_inputs_fold_on_each_new_article_and_reopen_from_the_sidebar():
    at = new_app().run()
    at.text_area(key="ag_paste").input(
        "Iran backs Hezbollah against Israel. Hezbollah fought Israel near the border.")
    at.button(key="FormSubmitter:ag_paste_form-Analyse text").click().run()
    assert_ok(at)
    assert metrics(at) and not at.expander[0].proto.expanded  # folded: the graph sits higher
    assert not any(w.disabled for w in at.sidebar.multiselect)
    go(at, "explorer")
    go(at, "home")
    assert not at.expander[0].proto.expanded  # still folded after a page change
    go(at, "actors")
    at.sidebar.button(key="ag_load_another").click().run()
    assert_ok(at)
    assert at.file_uploader(key="ag_upload")  # back on Home
    assert at.expander[0].proto.expanded  # with the inputs open


def test_app_reference_button_draws_the_graph():  # real engine
    at = new_app().run()
    at.button(key="ag_try_reference").click().run()
    assert_ok(at)
    m = metrics(at)
    assert m["Actors"] >= 5 and m["Relations"] >= 5
    assert m["Alliances"] >= 1 and m["Hostilities"] >= 1
    assert at.session_state[state.INPUT_ID] == f"sample:{REFERENCE.name}"
    assert len(at.get("iframe")) == 1  # the graph
    assert any(e.proto.component_name == "actorgraph.graph_bridge"
               for e in at.get("bidi_component"))
    assert [m.label for m in at.sidebar.multiselect] == ["Country", "Relation", "Actor type"]


def test_app_upload_draws_the_graph():  # real engine
    at = new_app().run()
    at.file_uploader(key="ag_upload").set_value(
        ("my-article.txt", REFERENCE.read_bytes(), "text/plain")).run()
    assert_ok(at)
    assert not at.error
    m = metrics(at)
    assert m["Actors"] >= 5 and m["Relations"] >= 5
    assert at.session_state[state.INPUT_ID].startswith("upload:")
    assert at.session_state[state.EXTRACTION].article.source == "my-article.txt"


def test_app_paste_draws_the_graph():  # real engine
    at = new_app().run()
    at.text_area(key="ag_paste").set_value(REFERENCE.read_text(encoding="utf-8"))
    at.button(key="FormSubmitter:ag_paste_form-Analyse text").click().run()
    assert_ok(at)
    assert metrics(at)["Actors"] >= 5
    assert at.session_state[state.INPUT_ID].startswith("paste:")


def test_app_sample_picker_loads_another_sample():  # real engine
    at = new_app().run()
    samples = at.selectbox(key="ag_sample").options
    assert len(samples) >= 2
    at.selectbox(key="ag_sample").set_value(
        next(p for p in list_samples() if p.name != REFERENCE.name))
    at.button(key="ag_load_sample").click().run()
    assert_ok(at)
    assert at.session_state[state.INPUT_ID].startswith("sample:")
    assert at.session_state[state.INPUT_ID] != f"sample:{REFERENCE.name}"
    assert metrics(at)["Actors"] >= 2


def test_app_bad_file_shows_the_error_and_keeps_the_graph():  # real engine
    at = new_app().run()
    at.button(key="ag_try_reference").click().run()
    before = metrics(at)
    shown = at.session_state[state.EXTRACTION]
    srcdoc = at.get("iframe")[0].proto.srcdoc
    at.file_uploader(key="ag_upload").set_value(
        ("broken.pdf", BROKEN_PDF, "application/pdf")).run()
    assert_ok(at)
    with pytest.raises(ActorGraphError) as exc:  # what the engine says about this file
        read_bytes(BROKEN_PDF, "broken.pdf")
    assert len(at.error) == 1, "the engine's message is shown"
    assert at.error[0].value.startswith(md_escape(str(exc.value)))
    assert "previous result is still shown" in at.error[0].value
    # the previous graph stays, exactly
    assert metrics(at) == before
    assert at.session_state[state.EXTRACTION] is shown
    assert at.get("iframe")[0].proto.srcdoc == srcdoc
    # the failed upload is not retried on every rerun, and the message stays until a good input
    at.run()
    assert len(at.error) == 1 and metrics(at) == before
    at.button(key="ag_try_reference").click().run()
    assert not at.error


def test_app_empty_text_file_shows_the_engine_message():
    at = new_app(fixture_extraction()).run()
    at.file_uploader(key="ag_upload").set_value(("empty.txt", b"   \n", "text/plain")).run()
    assert_ok(at)
    assert at.error
    assert metrics(at)["Actors"] == 4  # the fixture's five, its isolated actor hidden


def test_app_error_before_any_article_leaves_the_first_screen():
    at = new_app().run()
    at.file_uploader(key="ag_upload").set_value(
        ("report.pdf", b"%PDF-1.4 truncated", "application/pdf")).run()
    assert_ok(at)
    assert at.error
    assert not metrics(at)
    assert at.session_state[state.EXTRACTION] is None


def test_app_pasted_html_is_shown_as_text():  # real engine
    at = new_app().run()
    at.text_area(key="ag_paste").set_value(
        "Iran backs Hezbollah <img src=x onerror=alert(1)> against Israel.\n\n"
        "Hezbollah fought Israel near the border, and Iran armed Hezbollah.")
    at.button(key="FormSubmitter:ag_paste_form-Analyse text").click().run()
    assert_ok(at)
    for page in ("home", "explorer", "actors", "relations", "analysis"):
        go(at, page)
        for el in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error,
                   *at.main.get("html")]:
            assert "<img" not in str(el.value), (page, el.value)


def test_app_shows_article_and_extraction_notices():
    at = new_app(fixture_extraction()).run()
    assert_ok(at)
    assert any("test notice" in w.value for w in at.warning)
    assert any("extraction notice" in i.value for i in at.info)


def test_app_overview_counts_match_the_graph():
    ex = fixture_extraction()
    G = filter_graph(build_graph(ex), hide_isolated=True)  # isolated actors hidden by default
    at = new_app(ex).run()
    m = metrics(at)
    rels = [d for _, _, d in G.edges(data="relation")]
    assert m == {
        "Actors": G.number_of_nodes(), "Relations": G.number_of_edges(),
        "Alliances": rels.count("alliance"), "Hostilities": rels.count("hostility"),
        "Countries": 2,
    }


def test_app_new_article_resets_article_filters_but_not_preferences():  # real engine
    at = new_app(fixture_extraction()).run()
    at.sidebar.multiselect(key=state.widget_key(state.F_COUNTRIES)).set_value(["TUR"])
    at.sidebar.multiselect(key=state.widget_key(state.F_RELATIONS)).set_value(["hostility"])
    at.run()
    at.session_state[state.SELECTED] = "turkey"
    assert at.session_state[state.F_COUNTRIES] == ["TUR"]
    at.button(key="ag_try_reference").click().run()
    assert_ok(at)
    assert at.session_state[state.F_COUNTRIES] == []  # names countries of the old article
    assert at.session_state[state.SELECTED] is None
    assert at.session_state[state.F_RELATIONS] == ["hostility"]  # a preference: kept
    assert at.sidebar.multiselect(key=state.widget_key(state.F_RELATIONS)).value == ["hostility"]


def test_app_runs_every_page_without_an_article():
    at = new_app().run()
    for page in ("explorer", "actors", "relations", "analysis", "home"):
        go(at, page)
        assert_ok(at)
        assert at.info, page


def test_app_main_script_is_the_router():
    text = APP.read_text(encoding="utf-8")
    assert "st.navigation" in text and "navigation_pages()" in text
    assert "cache_data" not in text and "cache_resource" not in text


def test_app_pages_folder_holds_only_pages_that_hand_over_to_the_router():
    """Streamlit's legacy mode (a pages/ folder, first run of a process, every AppTest run) runs
    any pages/*.py as a script for the URL of its name: each must be a page of the router that
    hands over to app.py (see pages/__init__.py)."""
    import ast

    import pages

    files = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")
    assert files == sorted(pages.PAGES)
    for name in files:
        tree = ast.parse((ROOT / "pages" / f"{name}.py").read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == "render" for n in tree.body), name
        guard = tree.body[-1]
        assert isinstance(guard, ast.If) and "__main__" in ast.unparse(guard.test), name
        assert "run_app()" in ast.unparse(guard), name
    assert not (ROOT / "app_pages").exists()


def test_app_every_page_draws_the_sidebar_after_the_legacy_handover():
    at = new_app(fixture_extraction()).run()
    for page in ("actors", "relations", "analysis", "explorer", "home"):
        go(at, page)
        assert_ok(at)
        assert [m.label for m in at.sidebar.multiselect] == ["Country", "Relation", "Actor type"]
        assert len(at.title) == 1, page  # the page ran once


def test_app_upload_is_not_redone_after_another_input():  # real engine
    other = next(p for p in list_samples() if p.name != REFERENCE.name)
    at = new_app().run()
    at.file_uploader(key="ag_upload").set_value((other.name, other.read_bytes(), "text/plain"))
    at.run()
    assert at.session_state[state.INPUT_ID].startswith("upload:")
    # the uploader still holds the file; the reference article must win and stay
    at.button(key="ag_try_reference").click().run()
    assert at.session_state[state.INPUT_ID] == f"sample:{REFERENCE.name}"
    at.run()
    assert at.session_state[state.INPUT_ID] == f"sample:{REFERENCE.name}"
    assert_ok(at)
