"""Every page opens without an exception and shows what it is for, on the real reference
article and on a hand-built one."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    PAGES, assert_ok, fixture_extraction, go, metrics, new_app, reference_extraction, table,
)
from actorgraph.graph import build_graph, filter_graph  # noqa: E402


@pytest.fixture(scope="module", params=["reference", "fixture"])
def ex(request):
    return reference_extraction() if request.param == "reference" else fixture_extraction()


@pytest.mark.parametrize("page", list(PAGES))
def test_pages_open_without_exception(ex, page):
    at = new_app(ex).run()
    go(at, page)
    assert_ok(at)
    assert at.title, page
    # the sidebar with the filters is on every page
    assert [m.label for m in at.sidebar.multiselect] == ["Country", "Relation", "Actor type"]
    assert len([b for b in at.sidebar.get("download_button")
                if b.key != "ag_corr_download"]) == 6  # the graph's formats


def test_pages_open_home_and_explorer_draw_the_graph(ex):
    G = filter_graph(build_graph(ex), hide_isolated=True)  # isolated actors hidden by default
    at = new_app(ex).run()
    for page in ("home", "explorer"):
        go(at, page)
        if page == "home":
            assert metrics(at)["Actors"] == G.number_of_nodes()
        frames = at.get("iframe")
        assert len(frames) == 1
        page_html = frames[0].proto.srcdoc
        assert "vis.Network" in page_html or "vis-network" in page_html
        # works offline: nothing is loaded from the network (URLs in licence comments are fine)
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", page_html, re.I)
        assert at.segmented_control(key="w:ag:d:color_by").value == "country"


def test_pages_open_display_controls_change_the_drawing_and_persist():
    at = new_app(fixture_extraction()).run()
    first = at.get("iframe")[0].proto.srcdoc
    at.segmented_control(key="w:ag:d:color_by").set_value("type").run()
    by_type = at.get("iframe")[0].proto.srcdoc
    assert by_type != first
    at.select_slider(key="w:ag:d:height").set_value(900).run()
    assert "900px" in at.get("iframe")[0].proto.srcdoc
    assert "agKeepPhysics = false" in at.get("iframe")[0].proto.srcdoc  # settles, then stops
    at.toggle(key="w:ag:d:physics").set_value(True).run()
    assert "agKeepPhysics = true" in at.get("iframe")[0].proto.srcdoc
    go(at, "explorer")
    assert at.segmented_control(key="w:ag:d:color_by").value == "type"
    assert at.select_slider(key="w:ag:d:height").value == 900
    assert at.toggle(key="w:ag:d:physics").value is True


def test_pages_open_actors_table_columns_and_sorting(ex):
    G = filter_graph(build_graph(ex), hide_isolated=True)  # isolated actors hidden by default
    at = new_app(ex).run()
    go(at, "actors")
    df = table(at, "ag_actors_table")
    assert {"Actor", "Type", "Country", "Mentions", "Allies", "Enemies",
            "Degree centrality", "Betweenness"} <= set(df.columns)
    assert len(df) == G.number_of_nodes()
    assert list(df["Degree centrality"]) == sorted(df["Degree centrality"], reverse=True)


def test_pages_open_relations_table_has_evidence(ex):
    G = filter_graph(build_graph(ex), hide_isolated=True)  # isolated actors hidden by default
    at = new_app(ex).run()
    go(at, "relations")
    df = table(at, "ag_relations_table")
    assert {"Actor A", "Relation", "Actor B", "Direction", "Confidence",
            "Evidence"} <= set(df.columns)
    assert len(df) == G.number_of_edges()
    assert all(df["Evidence"].str.len() > 0)


def test_pages_open_analysis_sections():
    at = new_app(fixture_extraction()).run()
    go(at, "analysis")
    assert_ok(at)
    heads = [h.value for h in at.main.subheader]
    assert heads == ["Alliance blocs", "Structural balance", "Most central actors",
                     "The enemy of my enemy"]
    assert at.main.get("vega_lite_chart")  # centrality and triads drawn as bar charts
    blocs = table(at, "ag_blocs_table")
    assert "Syrian National Army, Turkey" in set(blocs["Members"])
    labels = {m.label for m in at.metric}
    assert {"Alliance blocs", "Signed triads", "Balanced", "Unbalanced"} <= labels


def test_pages_open_analysis_on_reference_article():  # real engine
    at = new_app(reference_extraction()).run()
    go(at, "analysis")
    assert_ok(at)
    assert len(at.main.get("vega_lite_chart")) >= 1
    at.segmented_control(key="ag_centrality_measure").set_value("Betweenness").run()
    assert_ok(at)
