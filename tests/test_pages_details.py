"""Actor details: a click on a node reaches Python through the v2 bridge component, the
selectbox follows it, and article text is shown escaped, never as markup."""
from __future__ import annotations

import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import (  # noqa: E402
    XSS, assert_ok, bridge_event, click_edge, click_node, click_row, fixture_extraction, go,
    htmls, new_app, reference_extraction, table,
)
from actorgraph.graph import build_graph  # noqa: E402
from actorgraph.model import Actor, Article, Evidence, Extraction, Relation  # noqa: E402
from components import state  # noqa: E402
from components.bridge import (  # noqa: E402
    EDGE_MESSAGE_TYPE, MESSAGE_TYPE, POSITIONS_MESSAGE_TYPE, _JS,
)
from components.details import MARK_CUE, evidence_html, link_html, links_of  # noqa: E402
from components.safe import find_spans, highlight, md_escape  # noqa: E402

W = state.widget_key


def _details_text(at) -> str:
    return "\n".join(htmls(at))


def test_pages_details_click_on_a_node_selects_the_actor():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    assert_ok(at)
    assert at.session_state[state.SELECTED] is None
    click_node(at, "sna")
    assert_ok(at)
    assert at.session_state[state.SELECTED] == "sna"
    assert at.selectbox(key=W(state.SELECTED)).value == "sna"
    text = _details_text(at)
    assert "Syrian National Army" in text
    assert "Allies (1)" in text and "Enemies (1)" in text
    # the evidence sentences, with both actors marked
    assert "<mark" in text and "fought" in text
    # the graph was not redrawn by the click (same HTML, so the browser keeps its layout)
    before = at.get("iframe")[0].proto.srcdoc
    click_node(at, "ypg")
    assert at.session_state[state.SELECTED] == "ypg"
    assert at.get("iframe")[0].proto.srcdoc == before


def test_pages_details_click_works_on_home_too_and_ignores_unknown_ids():
    at = new_app(fixture_extraction()).run()
    click_node(at, "turkey")
    assert_ok(at)
    assert at.session_state[state.SELECTED] == "turkey"
    assert "Turkey" in _details_text(at)
    click_node(at, "no-such-actor")  # a message not from our graph: ignored
    assert_ok(at)
    assert at.session_state[state.SELECTED] == "turkey"


def test_pages_details_selectbox_chooses_and_survives_page_changes():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    at.selectbox(key=W(state.SELECTED)).set_value("ypg").run()
    assert at.session_state[state.SELECTED] == "ypg"
    assert "Enemies (2)" in _details_text(at)
    go(at, "actors")
    assert at.selectbox(key=W(state.SELECTED)).value == "ypg"
    go(at, "explorer")
    assert at.selectbox(key=W(state.SELECTED)).value == "ypg"


def test_pages_details_selection_hidden_by_filters_is_said():
    at = new_app(fixture_extraction()).run()
    at.sidebar.toggle(key=W(state.F_HIDE_ISOLATED)).set_value(False).run()  # Iran is isolated
    go(at, "explorer")
    click_node(at, "iran")
    at.sidebar.multiselect(key=W(state.F_COUNTRIES)).set_value(["TUR"]).run()
    at.sidebar.toggle(key=W(state.F_ONLY_COUNTRIES)).set_value(True).run()
    assert_ok(at)
    assert any("hidden by the current filters" in c.value for c in at.caption)
    at.sidebar.toggle(key=W(state.F_ONLY_COUNTRIES)).set_value(False).run()
    at.sidebar.multiselect(key=W(state.F_COUNTRIES)).set_value([]).run()
    assert at.selectbox(key=W(state.SELECTED)).value == "iran"  # comes back


def test_pages_details_real_reference_article():  # real engine
    ex = reference_extraction()
    G = build_graph(ex)
    hub = max(G, key=G.degree)
    at = new_app(ex, input_id="test:reference").run()
    go(at, "explorer")
    click_node(at, hub)
    assert_ok(at)
    text = _details_text(at)
    assert html.escape(G.nodes[hub]["label"]) in text
    some_sentence = next(iter(G.edges(hub, data=True)))[2]["evidence"][0]
    words = [w for w in some_sentence.split() if w.isalpha() and len(w) > 4]
    assert words and words[0] in text


def test_pages_details_html_actor_name_is_escaped_everywhere():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_node(at, "xss")
    assert_ok(at)
    text = _details_text(at)
    assert html.escape(XSS) in text
    assert "<img" not in text
    # nowhere on any page does markdown or HTML carry the raw tag
    for page in ("home", "explorer", "actors", "relations", "analysis"):
        go(at, page)
        assert_ok(at)
        for el in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error,
                   *at.get("html"), *at.subheader, *at.title]:
            assert "<img" not in str(el.value), (page, el.value)
    # in tables and widget options it is plain text, shown literally
    go(at, "actors")
    assert XSS in set(table(at, "ag_actors_table")["Actor"])
    assert XSS in at.sidebar.selectbox(key=W(state.F_FOCUS)).options
    # and the graph page carries it only as escaped JSON data
    srcdoc = (go(at, "home").get("iframe")[0].proto.srcdoc)
    assert XSS not in srcdoc


def test_pages_details_highlight_escapes_then_marks():
    out = highlight('Iran & "Hezbollah" <b>met</b>', ["hezbollah", ("Iran", 1)],
                    styles=("s0", "s1"))
    assert out == ('<mark style="s1">Iran</mark> &amp; &quot;<mark style="s0">Hezbollah</mark>'
                   '&quot; &lt;b&gt;met&lt;/b&gt;')
    assert highlight(XSS, [XSS]) == f"<mark>{html.escape(XSS)}</mark>"
    # word boundaries, longest first, no overlaps
    assert find_spans("Iranian Iran", ["Iran"]) == [(8, 12, 0)]
    assert find_spans("the US and USA", ["US", "USA"]) == [(4, 6, 0), (11, 14, 0)]


def test_pages_details_md_escape_shows_text_literally():
    assert md_escape("[x](javascript:alert(1)) **b** <i>") == (
        r"\[x\]\(javascript\:alert\(1\)\) \*\*b\*\* \<i\>")
    assert md_escape("a\nb") == "a b"


def test_pages_details_links_are_split_and_ordered():
    G = build_graph(fixture_extraction())
    links = links_of(G, "turkey")
    assert [ln.other for ln in links["allies"]] == ["sna"]
    assert [ln.other for ln in links["enemies"]] == ["ypg"]
    assert [ln.other for ln in links["other"]] == ["xss"]
    out = link_html(G, "turkey", links["allies"][0])
    assert "Turkey → Syrian National Army" in out  # the direction the text gives
    assert "backs" in out


def test_pages_details_bridge_js_listens_for_the_graph_messages():
    assert MESSAGE_TYPE == "actorgraph:select"
    for kind, event in ((MESSAGE_TYPE, "select"), (EDGE_MESSAGE_TYPE, "edge"),
                        (POSITIONS_MESSAGE_TYPE, "positions")):
        assert f'msg.type === "{kind}"' in _JS
        assert f'setTriggerValue("{event}"' in _JS
    assert "contentWindow === source" in _JS  # only frames embedded in the page
    assert "xy.every(Number.isFinite)" in _JS  # positions are checked before they are sent
    from actorgraph.render import render_html
    page = render_html(build_graph(fixture_extraction()))
    for kind in (MESSAGE_TYPE, EDGE_MESSAGE_TYPE, POSITIONS_MESSAGE_TYPE):
        assert kind in page
    assert "postMessage" in page


def test_pages_details_actors_table_row_shows_the_actor():
    at = new_app(fixture_extraction()).run()
    go(at, "actors")
    df = table(at, "ag_actors_table")
    row = list(df["Actor"]).index("YPG")
    click_row(at, "ag_actors_table", row)
    assert_ok(at)
    assert at.session_state[state.SELECTED] == "ypg"
    assert "Enemies (2)" in _details_text(at)


def test_pages_details_relations_table_row_shows_its_evidence():
    at = new_app(fixture_extraction()).run()
    go(at, "relations")
    assert not htmls(at)
    df = table(at, "ag_relations_table")
    row = next(i for i, (a, b) in enumerate(zip(df["Actor A"], df["Actor B"]))
               if {a, b} == {"Syrian National Army", "YPG"})
    click_row(at, "ag_relations_table", row)
    assert_ok(at)
    assert set(at.session_state[state.SELECTED_PAIR]) == {"sna", "ypg"}
    text = _details_text(at)
    assert 'class="ag-relation-card"' in text
    assert "fought" in text and "advanced" in text  # both sentences
    assert "2 sentences" in text


# --- edges are first-class: a click on an edge shows the relation ---------------------------------

def _relation_text(at) -> str:
    return "\n".join(h for h in htmls(at) if 'class="ag-relation-card"' in h)


def test_pages_details_click_on_an_edge_shows_the_relation():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_node(at, "ypg")
    before = at.get("iframe")[0].proto.srcdoc
    click_edge(at, "turkey", "sna")
    assert_ok(at)
    assert at.session_state[state.DETAILS_SHOWS] == "relation"
    assert at.session_state[state.SELECTED_PAIR] == ("turkey", "sna")
    card = _relation_text(at)
    assert "Turkey → Syrian National Army" in card  # the direction the text gives
    assert "Alliance" in card and "0.90" in card
    assert "Turkey acts on Syrian National Army" in card
    assert "material cooperation" in card or "not coded" in card  # its kind of event
    # the sentence, with both actors and the cue marked
    assert f'<mark style="{html.escape(MARK_CUE)}">backs</mark>' in card
    assert ">Turkey</mark>" in card and ">Syrian National Army</mark>" in card
    assert at.selectbox(key=W(state.SELECTED)).value is None  # the panel shows no actor now
    assert "Allies (" not in _details_text(at)
    assert at.get("iframe")[0].proto.srcdoc == before  # the graph was not redrawn
    # a button beside the relation, or a click on a node, shows an actor again
    at.button(key="ag_show_actor_1").click().run()
    assert at.session_state[state.DETAILS_SHOWS] == "actor"
    assert at.session_state[state.SELECTED] == "sna"
    assert "Allies (1)" in _details_text(at)


def test_pages_details_edge_on_home_undirected_and_unknown_edges():
    at = new_app(fixture_extraction()).run()
    click_edge(at, "ypg", "sna")  # Home has the same panel
    assert_ok(at)
    card = _relation_text(at)
    assert "Syrian National Army — YPG" in card or "YPG — Syrian National Army" in card
    assert "Undirected" in card and "2 sentences" in card
    assert "fought" in card and "advanced" in card  # every sentence
    click_edge(at, "iran", "sna")  # no such relation: ignored
    click_edge(at, "turkey", "<img>")
    assert_ok(at)
    assert at.session_state[state.SELECTED_PAIR] == ("ypg", "sna")
    # a relation hidden by the filters is said so
    at.sidebar.multiselect(key=W(state.F_RELATIONS)).set_value(["alliance"]).run()
    assert any("relation chosen before is hidden" in c.value for c in at.caption)


def test_pages_details_edge_with_html_names_is_escaped():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_edge(at, "xss", "turkey")
    assert_ok(at)
    card = _relation_text(at)
    assert html.escape(XSS) in card and "<img" not in card
    assert "Talks" in card
    # the buttons to either actor carry the name as text, not markup
    labels = [b.label for b in at.button if b.key and b.key.startswith("ag_show_actor_")]
    assert len(labels) == 2 and all("<img" not in lab or "\\<img" in lab for lab in labels)


def test_pages_details_setting_a_focus_shows_that_actor():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    click_edge(at, "turkey", "sna")
    at.sidebar.selectbox(key=W(state.F_FOCUS)).set_value("ypg").run()
    assert_ok(at)
    assert at.session_state[state.SELECTED] == "ypg"
    assert at.session_state[state.DETAILS_SHOWS] == "actor"
    assert at.selectbox(key=W(state.SELECTED)).value == "ypg"
    assert "Enemies (2)" in _details_text(at)


def test_pages_details_cue_marked_where_the_engine_found_it():
    s = "Rebels fought on, and Iran fought the rebels."
    at = s.rindex("fought")
    ex = Extraction(Article(s), (Actor("iran", "Iran", "state", "IRN", ("Iran",)),
                                 Actor("reb", "rebels", "rebel_coalition", "SYR", ("rebels",))),
                    (Relation("iran", "reb", "hostility", 0.8,
                              Evidence(s, 0, 0, len(s), cue="fought", rule="t", cue_start=at),
                              directed=True, cameo="19", quad="material_conflict"),))
    G = build_graph(ex)
    out = evidence_html(G, "iran", "reb", G.edges["iran", "reb"])
    cue = f'<mark style="{html.escape(MARK_CUE)}">fought</mark>'
    assert out.count(cue) == 1 and out.index(cue) > out.index("on, and")  # the second one
    assert "CAMEO 19: fight" in out and "material conflict" in out


def test_pages_details_dragged_actors_keep_their_place_without_a_redraw():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    before = at.get("iframe")[0].proto.srcdoc
    layout = at.session_state[state.LAYOUT]
    assert set(layout["pos"]) == {"turkey", "sna", "ypg", "xss", "iran"}  # the whole article
    bridge_event(at, "positions", {"sna": [1234.5, -678.9], "nobody": [1, 2]})
    assert_ok(at)
    assert at.session_state[state.LAYOUT]["pos"]["sna"] == (1234.5, -678.9)
    assert "nobody" not in at.session_state[state.LAYOUT]["pos"]
    assert at.get("iframe")[0].proto.srcdoc == before  # the drag did not redraw the graph
    # the next drawing (a filter change) has the actor where it was dropped, others unchanged
    at.sidebar.multiselect(key=W(state.F_RELATIONS)).set_value(["hostility"]).run()
    srcdoc = at.get("iframe")[0].proto.srcdoc
    assert srcdoc != before and '"x": 1234.5, "y": -678.9' in srcdoc
    x, y = layout["pos"]["ypg"]
    assert f'"x": {round(x, 1)}, "y": {round(y, 1)}' in srcdoc


def test_pages_details_relayout_button_draws_a_fresh_layout():
    at = new_app(fixture_extraction()).run()
    go(at, "explorer")
    before = at.get("iframe")[0].proto.srcdoc
    old = dict(at.session_state[state.LAYOUT]["pos"])
    at.button(key="ag_relayout").click().run()
    assert_ok(at)
    assert at.session_state[state.LAYOUT]["round"] == 1
    assert at.session_state[state.LAYOUT]["pos"] != old
    assert at.get("iframe")[0].proto.srcdoc != before
