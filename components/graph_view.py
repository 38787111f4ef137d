"""The graph: display controls, the pyvis drawing in ``st.iframe``, and the click bridge.

The drawing is memoised per session on what it shows (input, filters, colour, height, physics,
layout round): a rerun that changes none of them sends the very same HTML, so the browser keeps
the frame and its view (a click on a node or an edge, or a drag, does not redraw the graph).
Every actor is drawn at its place in the article's layout (``graph_layout``), so a filter change
removes actors without moving the others; "Re-lay out" makes a fresh layout.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from actorgraph.render import graph_country_colors, render_html
from components import graph_layout, state
from components.bridge import graph_click_bridge
from components.view import View

HEIGHTS = (450, 550, 650, 750, 900, 1100)
COLOR_BY = {"country": "Country", "type": "Actor type"}
IFRAME_MARGIN = 8 + 72  # the frame is this much taller than the drawing: the legend strip below it
# vis-network as a file of the app's server (server.enableStaticServing serves static/ at
# app/static/). The graph is a srcdoc frame, so a relative URL resolves against the page's own.
STATIC_VIS_JS = Path(__file__).resolve().parent.parent / "static" / "vis-network.min.js"
VIS_JS_URL = "app/static/vis-network.min.js"


def colour_explanation() -> str:
    """What the colours mean (the legend inside the graph shows the swatches)."""
    return ("**Green** edges are alliances (support, backing, fighting on the same side), **red** "
            "edges hostilities (fighting, attacks, sanctions); grey dashed edges are other links "
            "(membership, former affiliation, talks). An arrow shows who backs or attacks whom "
            "when the text says so; thicker edges have more supporting sentences. Node colour "
            "shows the country or the actor type (you choose); node shape always shows the type.")


def display_controls(compact: bool = False) -> tuple[str, int, bool]:
    """Colour, height and physics, kept in ``state`` across pages (in a popover if compact)."""
    if compact:
        with st.popover("Display", icon=":material/tune:"):
            box = st.container()
            return _controls((box, box, box))
    return _controls(st.columns([2, 2, 1.3], vertical_alignment="bottom"))


def _controls(cols) -> tuple[str, int, bool]:
    c1, c2, c3 = cols
    with c1:
        st.segmented_control(
            "Colour actors by", list(COLOR_BY), format_func=COLOR_BY.__getitem__,
            key=state.seed(state.D_COLOR_BY), on_change=_keep_required, args=(state.D_COLOR_BY,),
        )
    with c2:
        height = int(st.session_state[state.D_HEIGHT])
        if height not in HEIGHTS:
            height = min(HEIGHTS, key=lambda h: abs(h - height))
        st.select_slider(
            "Graph height (px)", HEIGHTS, key=state.seed(state.D_HEIGHT, height),
            on_change=state.keep, args=(state.D_HEIGHT,),
        )
    with c3:
        st.toggle(
            "Physics", key=state.seed(state.D_PHYSICS), on_change=state.keep,
            args=(state.D_PHYSICS,),
            help="On: the physics moves the actors, and dragging one pulls its neighbours "
                 "along. Off: every actor stays where it is drawn, whatever the filters, and "
                 "where you drop it.",
        )
    return (st.session_state[state.D_COLOR_BY], int(st.session_state[state.D_HEIGHT]),
            bool(st.session_state[state.D_PHYSICS]))


def _keep_required(key: str) -> None:
    """Like ``state.keep``, but a segmented control clicked twice (deselected) keeps its value."""
    if st.session_state[state.widget_key(key)] is not None:
        state.keep(key)


def vis_js_url() -> str | None:
    """Where the graph frame loads vis-network from; None (inline it) when the server does not
    serve ``static/``."""
    if st.get_option("server.enableStaticServing") and STATIC_VIS_JS.is_file():
        return VIS_JS_URL
    return None


def graph_html(view: View, color_by: str, height: int, physics: bool) -> str:
    # the positions are not in the key: a drag reported by the bridge must not redraw the graph
    memo_key = (view.key, color_by, height, physics, graph_layout.layout_round())
    memo = st.session_state.get(state.HTML_MEMO)
    if memo is not None and memo[0] == memo_key and memo[1] is view.extraction:
        return memo[2]
    html = render_html(view.graph, color_by=color_by, height_px=height, physics=physics,
                       highlight=view.filters.focus, vis_js_url=vis_js_url(),
                       colors=graph_country_colors(view.full),  # colours kept across filters
                       positions=graph_layout.positions(view))  # and places
    st.session_state[state.HTML_MEMO] = (memo_key, view.extraction, html)
    return html


def graph_panel(view: View, *, compact: bool = False) -> None:
    """Controls, the drawing (full width of its column) and the click bridge."""
    with st.container(horizontal=True, vertical_alignment="bottom", key="ag_graph_controls"):
        color_by, height, physics = display_controls(compact)
        st.button("Re-lay out", icon=":material/shuffle:", key="ag_relayout",
                  on_click=graph_layout.relayout, args=(view,),
                  disabled=view.graph.number_of_nodes() < 2,
                  help="Place the actors shown afresh. Otherwise every actor keeps its place "
                       "while filters change, and where you drag it.")
    H = view.graph
    if H.number_of_nodes() == 0:
        if view.full.number_of_nodes() == 0:
            st.info("No actors were found in this article.", icon=":material/search_off:")
        else:
            st.info("No actor matches the current filters. Loosen them in the sidebar, or press "
                    "“Reset filters”.", icon=":material/filter_alt_off:")
        return
    with st.container(key="ag_graph"):
        st.iframe(graph_html(view, color_by, height, physics), height=height + IFRAME_MARGIN,
                  alt="Graph of the actors of the article and their relations")
        graph_click_bridge()
    st.caption(colour_explanation())

