"""Downloads: every format of the filtered graph, and the tables as CSV."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import assert_ok, fixture_extraction, go, new_app  # noqa: E402
from actorgraph.graph import build_graph, filter_graph  # noqa: E402
from components.exports import FORMATS, _maker, file_stem, table_csv  # noqa: E402
from components.view import Filters, make_view  # noqa: E402

def _f(G, **kw):
    """``filter_graph`` with the dashboard's defaults: isolated actors hidden, a country's
    direct partners kept."""
    kw.setdefault("hide_isolated", True)
    kw.setdefault("partners", True)
    return filter_graph(G, **kw)



def _view(**filters):
    return make_view(fixture_extraction(), "test", Filters(**filters))


def test_pages_exports_sidebar_offers_every_format_on_every_page():
    at = new_app(fixture_extraction()).run()
    labels = [label for label, *_ in FORMATS]
    assert labels == ["Node-link JSON", "GraphML", "GEXF", "Nodes (CSV)", "Edges (CSV)",
                      "Standalone HTML"]
    for page in ("home", "explorer", "actors", "relations", "analysis"):
        go(at, page)
        assert_ok(at)
        shown = [b.label for b in at.sidebar.get("download_button")
                 if b.label != "Download corrections (JSON)"]  # the corrections panel's own
        assert shown == labels, page
    go(at, "actors")
    assert [b.label for b in at.main.get("download_button")] == ["Download this table (CSV)"]
    go(at, "relations")
    assert [b.label for b in at.main.get("download_button")] == ["Download this table (CSV)"]


def test_pages_exports_country_filter_keeps_partners_in_the_files():
    view = _view(countries=("TUR",))
    H = view.graph
    assert {"turkey", "sna"} < set(H)
    partners = {n for n, p in H.nodes(data="partner") if p}
    assert partners and all(H.nodes[n]["country"] != "TUR" for n in partners)
    assert all(any(H.nodes[m]["country"] == "TUR" for m in H[n]) for n in partners)
    data = json.loads(_maker("to_node_link_json", H)())
    assert {n["id"] for n in data["nodes"]} == set(H)


def test_pages_exports_files_hold_the_filtered_graph():
    # the switch "only these countries' actors": Turkey's own actors
    view = _view(countries=("TUR",), only_countries=True)
    H = view.graph
    assert set(H) == {"turkey", "sna"} and H.number_of_edges() == 1
    files = {name: _maker(name, H)() for _, _, _, name in FORMATS}
    data = json.loads(files["to_node_link_json"])
    assert {n["id"] for n in data["nodes"]} == {"turkey", "sna"}
    assert set(nx.read_graphml(io.BytesIO(files["to_graphml"]))) == {"turkey", "sna"}
    assert set(nx.read_gexf(io.BytesIO(files["to_gexf"]))) == {"turkey", "sna"}
    nodes = list(csv.DictReader(io.StringIO(files["nodes_csv"])))
    assert {r["id"] for r in nodes} == {"turkey", "sna"}
    edges = list(csv.DictReader(io.StringIO(files["edges_csv"])))
    assert len(edges) == 1 and edges[0]["relation"] == "alliance"
    page = files["to_html"]
    assert page.startswith("<!DOCTYPE html>") and "Syrian National Army" in page
    assert '"id": "ypg"' not in page and '"id": "sna"' in page


def test_pages_exports_file_names_say_what_they_hold():
    assert file_stem(_view()) == "actorgraph-fixture-turkey-and-the-ypg"
    assert file_stem(_view(relations=("alliance",))).endswith("-filtered")


def test_pages_exports_table_csv_neutralises_formulas():
    df = pd.DataFrame({"Actor": ["=HYPERLINK(\"http://x\")", "Iran"], "Mentions": [1, 2]})
    rows = list(csv.reader(io.StringIO(table_csv(df))))
    assert rows == [["Actor", "Mentions"], ["'=HYPERLINK(\"http://x\")", "1"], ["Iran", "2"]]


def test_pages_exports_views_agree_with_filter_graph():
    G = build_graph(fixture_extraction())
    view = _view(relations=("hostility",), hide_isolated=True)
    H = _f(G, relations=["hostility"], hide_isolated=True)
    assert set(view.graph) == set(H) and set(view.graph.edges) == set(H.edges)


def test_pages_exports_standalone_html_keeps_the_places_of_the_picture():
    H = _view().graph
    places = {n: (10.0 * i, -5.0 * i) for i, n in enumerate(sorted(H))}
    page = _maker("to_html", H, physics=False, positions=places)()
    for n, (x, y) in places.items():
        assert f'"id": "{n}"' in page
        assert f'"x": {round(x, 1)}' in page and f'"y": {round(y, 1)}' in page
