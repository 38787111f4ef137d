"""The Corpus page's sidebar: a date range, then the filters the other pages have.

The filters have keys of their own (``corpus_store.F_*``): the corpus and the article on the other
pages are filtered separately. ``CorpusFilters`` is what they hold; `apply` keeps the part of a
corpus graph they select (with `graph.filter_graph`, as the other pages do).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx
import streamlit as st

from actorgraph.graph import countries_present, filter_graph
from actorgraph.model import RELATION_TYPES
from actorgraph.store import StoredArticle
from components import corpus_store as cs
from components import state
from components.labels import country_label, relation_label, type_label
from components.overview import country_rule_text

NO_FOCUS = ""
MAX_DEPTH = 3
DATE_SLIDER = state.widget_key(cs.F_DATES)


@dataclass(frozen=True)
class CorpusFilters:
    dates: tuple[dt.date, dt.date] | None = None  # None: every date
    undated: bool = True  # undated articles are kept (only while no date range is set)
    countries: tuple[str, ...] = ()
    only_countries: bool = False  # the countries' actors alone, not their direct partners
    relations: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    min_articles: int = 1
    hide_isolated: bool = True  # as on the article pages: actors without links clutter the graph
    focus: str | None = None
    depth: int = 1
    search: str = ""

    @classmethod
    def from_state(cls) -> CorpusFilters:
        ss = st.session_state
        return cls(
            dates=tuple(ss[cs.F_DATES]) if ss[cs.F_DATES] else None, undated=bool(ss[cs.F_UNDATED]),
            countries=tuple(ss[cs.F_COUNTRIES]), only_countries=bool(ss[cs.F_ONLY_COUNTRIES]),
            relations=tuple(ss[cs.F_RELATIONS]),
            types=tuple(ss[cs.F_TYPES]), min_articles=int(ss[cs.F_MIN_ARTICLES]),
            hide_isolated=bool(ss[cs.F_HIDE_ISOLATED]), focus=ss[cs.F_FOCUS],
            depth=int(ss[cs.F_DEPTH]), search=str(ss[cs.F_SEARCH] or ""),
        )

    def store_query(self) -> dict:
        """Arguments of ``corpus.corpus_graph`` for the date range."""
        if self.dates is None:
            return {"include_undated": self.undated}
        return {"since": self.dates[0], "until": self.dates[1], "include_undated": False}


def apply(G: nx.Graph, f: CorpusFilters) -> nx.Graph:
    """The part of the corpus graph ``G`` the filters keep (dates are applied when it is built).

    The country filter follows the article pages' rule (``components.view``): the chosen
    countries' actors and their direct partners (marked ``partner``), or with ``only_countries``
    their actors alone.
    """
    if f.min_articles > 1:
        G = G.copy()
        G.remove_edges_from([(u, v) for u, v, n in G.edges(data="articles")
                             if (n or 0) < f.min_articles])
    return filter_graph(G, countries=f.countries or None, partners=not f.only_countries,
                        relations=f.relations or None,
                        types=f.types or None, hide_isolated=f.hide_isolated, focus=f.focus,
                        depth=f.depth, search=f.search.strip() or None)


def date_range_filter(articles: list[StoredArticle]) -> None:
    """The date-range slider over the stored articles' dates (and whether undated ones count)."""
    ss = st.session_state
    days = sorted({a.date for a in articles if a.date})
    undated = sum(a.date is None for a in articles)
    if len(days) >= 2:
        lo, hi = days[0], days[-1]
        chosen = ss[cs.F_DATES]
        if chosen:
            chosen = (max(lo, min(chosen[0], hi)), min(hi, max(chosen[1], lo)))
            if chosen == (lo, hi):
                chosen = None
        ss[cs.F_DATES] = chosen
        ss[DATE_SLIDER] = chosen or (lo, hi)
        st.slider("Date range", lo, hi, key=DATE_SLIDER, on_change=_keep_dates, args=(lo, hi),
                  format="YYYY-MM-DD", help="Keep the articles dated in this range.")
    else:
        ss[cs.F_DATES] = None
        st.caption(f"All articles are dated {days[0].isoformat()}." if days else
                   "No article has a date yet: the date range appears once two dates are known.")
    if undated:
        st.toggle(f"Include undated articles ({undated})", key=state.seed(cs.F_UNDATED),
                  on_change=state.keep, args=(cs.F_UNDATED,),
                  disabled=ss[cs.F_DATES] is not None,
                  help="Articles without a date; a date range leaves them out.")


def _keep_dates(lo: dt.date, hi: dt.date) -> None:
    value = tuple(st.session_state[DATE_SLIDER])
    st.session_state[cs.F_DATES] = None if value == (lo, hi) else value


def graph_filters(G: nx.Graph, *, disabled: bool = False) -> None:
    """Country, relation, type, minimum articles, isolated, focus and search, for the actors of G."""
    ss = st.session_state
    present = countries_present(G)
    names = {code: f"{country_label(code, name)} ({n})" for code, name, n in present}
    st.multiselect(
        "Country", list(names), format_func=names.__getitem__, placeholder="All countries",
        key=state.seed(cs.F_COUNTRIES, [c for c in ss[cs.F_COUNTRIES] if c in names]),
        on_change=state.keep, args=(cs.F_COUNTRIES,), disabled=disabled,
        help="Keep the actors of these countries and their direct partners (whom they back "
             "and fight, drawn faded); the switch below keeps their own actors only.")
    st.toggle(
        "Only these countries' actors", key=state.seed(cs.F_ONLY_COUNTRIES),
        on_change=state.keep, args=(cs.F_ONLY_COUNTRIES,),
        disabled=disabled or not ss[cs.F_COUNTRIES],
        help="Off: the chosen countries' actors and their direct partners. On: their actors "
             "alone, with the relations among them.")
    found = {d for _, _, d in G.edges(data="relation") if d}
    rels = [r for r in RELATION_TYPES if r in found] + sorted(found - set(RELATION_TYPES))
    st.multiselect(
        "Relation", rels, format_func=relation_label, placeholder="All relations",
        key=state.seed(cs.F_RELATIONS, [r for r in ss[cs.F_RELATIONS] if r in rels]),
        on_change=state.keep, args=(cs.F_RELATIONS,), disabled=disabled)
    types = sorted({t for _, t in G.nodes(data="type") if t}, key=type_label)
    st.multiselect(
        "Actor type", types, format_func=type_label, placeholder="All types",
        key=state.seed(cs.F_TYPES, [t for t in ss[cs.F_TYPES] if t in types]),
        on_change=state.keep, args=(cs.F_TYPES,), disabled=disabled)
    top = max([int(n or 1) for _, _, n in G.edges(data="articles")] + [2])
    st.slider(
        "Minimum articles per relation", 1, top,
        key=state.seed(cs.F_MIN_ARTICLES, min(max(int(ss[cs.F_MIN_ARTICLES]), 1), top)),
        on_change=state.keep, args=(cs.F_MIN_ARTICLES,), disabled=disabled,
        help="Hide relations that fewer articles support.")
    st.toggle("Hide isolated actors", key=state.seed(cs.F_HIDE_ISOLATED), on_change=state.keep,
              args=(cs.F_HIDE_ISOLATED,), disabled=disabled)
    labels = {n: str(d.get("label") or n) for n, d in G.nodes(data=True)}
    focus = ss[cs.F_FOCUS] if ss[cs.F_FOCUS] in labels else None
    ss[cs.F_FOCUS] = focus
    ss[state.widget_key(cs.F_FOCUS)] = focus if focus is not None else NO_FOCUS
    st.selectbox(
        "Focus on an actor", [NO_FOCUS, *sorted(labels, key=lambda n: labels[n].casefold())],
        format_func=lambda n: "No focus (whole graph)" if n == NO_FOCUS else labels[n],
        key=state.widget_key(cs.F_FOCUS), on_change=_keep_focus, disabled=disabled)
    st.slider("Neighbourhood depth (steps from the focus)", 1, MAX_DEPTH,
              key=state.seed(cs.F_DEPTH, min(max(int(ss[cs.F_DEPTH]), 1), MAX_DEPTH)),
              on_change=state.keep, args=(cs.F_DEPTH,), disabled=disabled or focus is None)
    st.text_input("Find an actor", key=state.seed(cs.F_SEARCH), on_change=state.keep,
                  args=(cs.F_SEARCH,), placeholder="Any of its names, e.g. Ankara",
                  disabled=disabled)


def shown_caption(full: nx.Graph, G: nx.Graph, f: CorpusFilters, articles: int) -> str:
    """What is shown, in words: counts, and which rule the country filter follows."""
    text = (f"Showing {G.number_of_nodes()} of {full.number_of_nodes()} actors and "
            f"{G.number_of_edges()} of {full.number_of_edges()} relations from "
            f"{full.graph.get('articles', 0)} of {articles} articles.")
    return text + country_rule_text(full, G, f.countries, f.only_countries)


def _keep_focus() -> None:
    value = st.session_state[state.widget_key(cs.F_FOCUS)]
    st.session_state[cs.F_FOCUS] = None if value == NO_FOCUS else value
