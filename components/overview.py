"""Counts of what is shown: actors, relations, alliances, hostilities, countries."""
from __future__ import annotations

import networkx as nx
import streamlit as st

from actorgraph.graph import countries_present
from components.labels import country_label
from components.safe import esc
from components.tables import counts
from components.view import View

METRICS = (
    ("actors", "Actors"),
    ("relations", "Relations"),
    ("alliances", "Alliances"),
    ("hostilities", "Hostilities"),
    ("countries", "Countries"),
)


_ROW = "display:flex;flex-wrap:wrap;gap:.5rem 2.5rem;margin:.25rem 0 .5rem"
_LABEL = "font-size:.875rem;opacity:.8"
_VALUE = "font-size:2rem;line-height:1.2"
_TOTAL = "font-size:.875rem;opacity:.6;margin-left:.3rem"


def metrics_html(shown: dict[str, int], total: dict[str, int]) -> str:
    """The counts as one row of label-over-number blocks (with "of N" when filtered).

    One HTML element rather than five ``st.metric`` in columns: the browser draws it far
    faster, which counts when many sessions share a machine (benchmarks/load_sessions.py).
    """
    cells = []
    for key, label in METRICS:
        of = (f'<span style="{_TOTAL}">of {int(total[key])}</span>'
              if shown[key] != total[key] else "")
        cells.append(f'<div class="ag-metric" data-label="{esc(label)}" '
                     f'data-value="{int(shown[key])}"><div style="{_LABEL}">{esc(label)}</div>'
                     f'<div style="{_VALUE}">{int(shown[key])}{of}</div></div>')
    return f'<div class="ag-metrics" style="{_ROW}">{"".join(cells)}</div>'


def overview_metrics(view: View) -> dict[str, int]:
    shown, total = counts(view.graph), counts(view.full)
    with st.container(key="ag_overview"):
        st.html(metrics_html(shown, total))
    if view.filters.active:
        st.caption(shown_caption(view))
    return shown


def overview_caption(view: View) -> None:
    """The same counts in one line, for pages where the graph needs the room."""
    shown = counts(view.graph)
    st.caption(f"{shown['actors']} actors · {shown['relations']} relations · "
               f"{shown['alliances']} alliances · {shown['hostilities']} hostilities · "
               f"{shown['countries']} countries" + (" (filtered)" if view.filters.active else ""))


def shown_caption(view: View) -> str:
    """What is shown, in words: counts, and which rule the country filter follows."""
    H, full = view.graph, view.full
    text = (f"Showing {H.number_of_nodes()} of {full.number_of_nodes()} actors and "
            f"{H.number_of_edges()} of {full.number_of_edges()} relations.")
    f = view.filters
    return text + country_rule_text(full, H, f.countries, f.only_countries)


def country_rule_text(full: nx.Graph, shown: nx.Graph, countries, only: bool) -> str:
    """" Country filter: the N actors of X and M direct partners (drawn faded)." or ""."""
    if not countries:
        return ""
    names = {c: country_label(c, n) for c, n, _ in countries_present(full)}
    which = ", ".join(names.get(c, c) for c in countries)
    partners = sum(1 for _, p in shown.nodes(data="partner") if p)
    own = shown.number_of_nodes() - partners
    if only:
        return f" Country filter: the {own} actors of {which} only."
    return (f" Country filter: the {own} actors of {which} and {partners} direct "
            f"partner{'s' if partners != 1 else ''} (drawn faded).")
