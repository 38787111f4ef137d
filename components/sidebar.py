"""The sidebar: what article is shown, and the filters that apply to every page.

Each filter widget edits a ``w:`` key seeded from its stored key in ``state`` (values that name
countries or actors absent from the article are dropped first), so filters survive page changes.
Before any article the filters are shown disabled: the user sees what will be there, and the
browser has loaded their code before the first upload, when the graph is waited for.
"""
from __future__ import annotations

import networkx as nx
import streamlit as st

from actorgraph.graph import countries_present
from actorgraph.model import RELATION_TYPES
from components import exports, state
from components.corrections import corrections_panel
from components.labels import country_label, relation_label, type_label
from components.overview import shown_caption
from components.safe import md_escape
from components.view import Filters, View, get_view

MAX_DEPTH = 3
NO_FOCUS = ""


def render_sidebar(home: st.Page) -> View | None:
    """Draw the sidebar and return the view of this run (None before any article); ``home`` is
    the ``st.Page`` where another article can be loaded."""
    if st.session_state.get(state.GO_HOME):
        st.session_state[state.GO_HOME] = False
        st.switch_page(home)  # ends this run; the next one draws Home, its inputs open
    with st.sidebar:
        extraction = state.current()
        if extraction is None:
            st.caption("Analyse an article on the Home page to filter its graph here.")
            st.subheader("Filters", anchor=False)
            _filters(nx.Graph(), disabled=True)
            return None
        full = get_view().full
        _article_box(extraction, full)
        st.subheader("Filters", anchor=False)
        _filters(full)
        view = get_view()
        st.caption(shown_caption(view) + " Filters apply to the graph, the tables, the "
                   "Analysis page, the counts and the downloads.")
        exports.sidebar_downloads(view)
        corrections_panel(view)
        return view


def _article_box(extraction, full: nx.Graph) -> None:
    article = extraction.article
    title = article.title or article.source or "Untitled article"
    with st.container(border=True, key="ag_article_box"):
        st.markdown(f"**{md_escape(title)}**")
        st.caption(f"Source: {md_escape(article.source)} · {full.number_of_nodes()} actors · "
                   f"{full.number_of_edges()} relations")
        st.button("Load another article", icon=":material/upload_file:", type="tertiary",
                  key="ag_load_another", on_click=_open_inputs)


def _open_inputs() -> None:
    st.session_state[state.INPUTS_OPEN] = True
    st.session_state[state.GO_HOME] = True


def _filters(G: nx.Graph, *, disabled: bool = False) -> None:
    """The filter widgets for the actors of ``G`` (all disabled when ``disabled``)."""
    ss = st.session_state

    # countries: codes of the countries in the article, shown with their number of actors
    present = countries_present(G)
    names = {code: f"{country_label(code, name)} ({n})" for code, name, n in present}
    codes = [code for code, _, _ in present]
    st.multiselect(
        "Country", codes, format_func=names.__getitem__, placeholder="All countries",
        key=state.seed(state.F_COUNTRIES, [c for c in ss[state.F_COUNTRIES] if c in names]),
        on_change=state.keep, args=(state.F_COUNTRIES,),
        help="Keep the actors of these countries and their direct partners (whom they back "
             "and fight, drawn faded); the switch below keeps their own actors only.",
        disabled=disabled,
    )
    st.toggle(
        "Only these countries' actors", key=state.seed(state.F_ONLY_COUNTRIES),
        on_change=state.keep, args=(state.F_ONLY_COUNTRIES,),
        help="Off: the chosen countries' actors and their direct partners. On: their actors "
             "alone, with the relations among them.",
        disabled=disabled or not ss[state.F_COUNTRIES],
    )

    rels = [r for r in RELATION_TYPES if any(d == r for _, _, d in G.edges(data="relation"))]
    rels += sorted({d for _, _, d in G.edges(data="relation")} - set(rels) - {None})
    st.multiselect(
        "Relation", rels, format_func=relation_label, placeholder="All relations",
        key=state.seed(state.F_RELATIONS, [r for r in ss[state.F_RELATIONS] if r in rels]),
        on_change=state.keep, args=(state.F_RELATIONS,), disabled=disabled,
    )

    types = sorted({t for _, t in G.nodes(data="type") if t}, key=type_label)
    st.multiselect(
        "Actor type", types, format_func=type_label, placeholder="All types",
        key=state.seed(state.F_TYPES, [t for t in ss[state.F_TYPES] if t in types]),
        on_change=state.keep, args=(state.F_TYPES,), disabled=disabled,
    )

    most = max([int(w or 1) for _, _, w in G.edges(data="weight")] or [1])
    top = max(most, 2)
    st.slider(
        "Minimum evidence (sentences per relation)", 1, top,
        key=state.seed(state.F_MIN_EVIDENCE, min(max(int(ss[state.F_MIN_EVIDENCE]), 1), top)),
        on_change=state.keep, args=(state.F_MIN_EVIDENCE,),
        help="Hide relations that fewer sentences support.", disabled=disabled,
    )

    st.slider(
        "Minimum confidence", 0.0, 1.0, step=0.05,
        key=state.seed(state.F_MIN_CONFIDENCE,
                       min(max(float(ss[state.F_MIN_CONFIDENCE]), 0.0), 1.0)),
        on_change=state.keep, args=(state.F_MIN_CONFIDENCE,),
        help="Hide relations the text supports only weakly (confidence below this value; weak "
             "claims are drawn thin and dashed).", disabled=disabled,
    )

    st.toggle(
        "Hide isolated actors", key=state.seed(state.F_HIDE_ISOLATED),
        on_change=state.keep, args=(state.F_HIDE_ISOLATED,),
        help="Hide actors left without any relation by the other filters.",
        disabled=disabled,
    )

    labels = {n: str(d.get("label") or n) for n, d in G.nodes(data=True)}
    ids = sorted(labels, key=lambda n: labels[n].casefold())
    focus = ss[state.F_FOCUS] if ss[state.F_FOCUS] in labels else None
    ss[state.F_FOCUS] = focus
    # "" stands for "no focus" in the widget: a None value would show as an empty choice
    ss[state.widget_key(state.F_FOCUS)] = focus if focus is not None else NO_FOCUS
    st.selectbox(
        "Focus on an actor", [NO_FOCUS, *ids],
        format_func=lambda n: "No focus (whole graph)" if n == NO_FOCUS else labels[n],
        key=state.widget_key(state.F_FOCUS), on_change=_keep_focus,
        help="Keep one actor and its neighbourhood.", disabled=disabled,
    )
    st.slider(
        "Neighbourhood depth (steps from the focus)", 1, MAX_DEPTH,
        key=state.seed(state.F_DEPTH, min(max(int(ss[state.F_DEPTH]), 1), MAX_DEPTH)),
        on_change=state.keep, args=(state.F_DEPTH,), disabled=disabled or focus is None,
    )

    st.text_input(
        "Find an actor", key=state.seed(state.F_SEARCH),
        on_change=state.keep, args=(state.F_SEARCH,),
        placeholder="Any of its names, e.g. Ankara",
        help="Keep the actors named so anywhere in the article (and their direct links).",
        disabled=disabled,
    )

    if not disabled and Filters.from_state().active:
        st.button("Reset filters", icon=":material/filter_alt_off:", on_click=state.reset_filters,
                  key="ag_reset_filters")


def _keep_focus() -> None:
    value = st.session_state[state.widget_key(state.F_FOCUS)]
    st.session_state[state.F_FOCUS] = None if value == NO_FOCUS else value
    if value != NO_FOCUS:  # the details panel shows the actor focused on
        state.show_actor(value)
