"""The current view: the article's graph and the part of it the sidebar filters keep.

``app.py`` computes it once per run (after drawing the filters) and stores it under
``state.VIEW``; pages read it with ``get_view()``, so graph, tables, counts and downloads all show
the same filtered graph.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import streamlit as st

from actorgraph.graph import build_graph, countries_present, filter_graph
from actorgraph.model import Extraction
from components import state
from components.corrections import applied_notes, corrected


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    only_countries: bool = False  # the countries' actors alone, not their direct partners
    relations: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    min_evidence: int = 1
    min_confidence: float = 0.0
    hide_isolated: bool = True
    focus: str | None = None
    depth: int = 1
    search: str = ""

    @classmethod
    def from_state(cls) -> Filters:
        ss = st.session_state
        return cls(
            countries=tuple(ss[state.F_COUNTRIES]),
            only_countries=bool(ss[state.F_ONLY_COUNTRIES]),
            min_confidence=float(ss[state.F_MIN_CONFIDENCE]),
            relations=tuple(ss[state.F_RELATIONS]),
            types=tuple(ss[state.F_TYPES]),
            min_evidence=int(ss[state.F_MIN_EVIDENCE]),
            hide_isolated=bool(ss[state.F_HIDE_ISOLATED]),
            focus=ss[state.F_FOCUS],
            depth=int(ss[state.F_DEPTH]),
            search=str(ss[state.F_SEARCH] or ""),
        )

    def kwargs(self) -> dict:
        """Arguments of ``filter_graph``; an empty choice means no filter."""
        return {
            "countries": self.countries or None,
            "partners": not self.only_countries,
            "min_confidence": self.min_confidence,
            "relations": self.relations or None,
            "types": self.types or None,
            "min_evidence": self.min_evidence,
            "hide_isolated": self.hide_isolated,
            "focus": self.focus,
            "depth": self.depth,
            "search": self.search.strip() or None,
        }

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self, country_names: dict[str, str] | None = None) -> str:
        """The filters in one line of plain text ("" when none is set), for files and captions."""
        names = country_names or {}
        parts = []
        if self.countries:
            which = ", ".join(names.get(c, c or "unknown country") for c in self.countries)
            parts.append(f"countries: {which}" + (" (their actors only)" if self.only_countries
                                                  else " (their actors and direct partners)"))
        if self.relations:
            parts.append("relations: " + ", ".join(r.replace("_", " ") for r in self.relations))
        if self.types:
            parts.append("actor types: " + ", ".join(t.replace("_", " ") for t in self.types))
        if self.min_evidence > 1:
            parts.append(f"at least {self.min_evidence} sentences per relation")
        if self.min_confidence > 0:
            parts.append(f"confidence at least {self.min_confidence:.2f}")
        if self.focus:
            parts.append(f"focus: {self.focus} (depth {self.depth})")
        if self.search.strip():
            parts.append(f"search: {self.search.strip()}")
        if not self.hide_isolated:
            parts.append("isolated actors shown")
        return "; ".join(parts)


@dataclass(frozen=True)
class View:
    extraction: Extraction
    input_id: str
    full: nx.Graph  # every actor and relation of the article
    graph: nx.Graph  # what the filters keep
    filters: Filters

    @property
    def key(self) -> tuple:
        """Identifies what is shown: the input and the filters."""
        return (self.input_id, self.filters)


def make_view(extraction: Extraction, input_id: str, filters: Filters,
              corrections: tuple[str, ...] = ()) -> View:
    full = build_graph(extraction)
    if corrections:  # the user's corrections, in words, for the files (graph.corrections)
        full.graph["corrections"] = list(corrections)
    graph = filter_graph(full, **filters.kwargs())
    # the files made from the view say which filters they reflect (standalone HTML's title)
    names = {code: name for code, name, _ in countries_present(full)}
    graph.graph["filters"] = filters.describe(names)
    return View(extraction, input_id, full, graph, filters)


def get_view() -> View | None:
    """The view app.py computed for this run (or computed now, for a page run on its own)."""
    view = st.session_state.get(state.VIEW)
    extraction = corrected(state.current())  # the user's corrections apply here, once
    if extraction is None:
        return None
    filters = Filters.from_state()
    if view is None or view.extraction is not extraction or view.filters != filters:
        view = make_view(extraction, st.session_state[state.INPUT_ID] or "", filters,
                         applied_notes(state.current()))
        st.session_state[state.VIEW] = view
    return view
