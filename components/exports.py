"""Download buttons: the filtered graph in every format, and the tables as CSV.

The files are made only when a button is clicked (``data`` is a callable, run by Streamlit on
click), from the filtered graph of the run that drew the button.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping

import networkx as nx
import pandas as pd
import streamlit as st

from actorgraph import export
from components import graph_layout, state
from components.view import View

CSV_MIME = "text/csv"
FORMATS: tuple[tuple[str, str, str, str], ...] = (
    # (label, suffix, mime, export function name)
    ("Node-link JSON", ".json", "application/json", "to_node_link_json"),
    ("GraphML", ".graphml", "application/xml", "to_graphml"),
    ("GEXF", ".gexf", "application/xml", "to_gexf"),
    ("Nodes (CSV)", "-nodes.csv", CSV_MIME, "nodes_csv"),
    ("Edges (CSV)", "-edges.csv", CSV_MIME, "edges_csv"),
    ("Standalone HTML", ".html", "text/html", "to_html"),
)


def file_stem(view: View) -> str:
    """``actorgraph-<article title slug>`` (plus ``-filtered`` when filters are on)."""
    article = view.extraction.article
    raw = article.title or article.source or "article"
    slug = re.sub(r"[^a-z0-9]+", "-", raw.casefold()).strip("-")[:48].strip("-") or "article"
    return f"actorgraph-{slug}" + ("-filtered" if view.filters.active else "")


def _maker(name: str, G: nx.Graph, *, color_by: str = "country", physics: bool = True,
           positions: Mapping[str, tuple[float, float]] | None = None) -> Callable[[], str | bytes]:
    fn = getattr(export, name)
    if name == "to_html":  # the picture the user sees: the same colours and places
        return lambda: fn(G, color_by=color_by, physics=physics, height_px=800,
                          positions=positions)
    return lambda: fn(G)


def graph_downloads(view: View, *, key: str) -> None:
    """One button per format, for the filtered graph."""
    G, stem = view.graph, file_stem(view)
    color_by = st.session_state.get(state.D_COLOR_BY, "country")
    physics = bool(st.session_state.get(state.D_PHYSICS, True))
    kept = graph_layout.positions(view)
    places = {n: kept[n] for n in G if n in kept}
    for label, suffix, mime, name in FORMATS:
        st.download_button(
            label, _maker(name, G, color_by=color_by, physics=physics, positions=places),
            file_name=stem + suffix,
            mime=mime,
            key=f"{key}:{name}", on_click="ignore", icon=":material/download:",
            width="stretch",
        )


def sidebar_downloads(view: View) -> None:
    # a popover, not an expander: the browser builds its six buttons only when it is opened
    with st.popover("Download the filtered graph", icon=":material/download:", width="stretch"):
        graph_downloads(view, key="ag_dl_sidebar")


def table_csv(df: pd.DataFrame) -> str:
    """A DataFrame as CSV, with text cells a spreadsheet would run as formulas neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(list(df.columns))
    for row in df.itertuples(index=False):
        w.writerow([export.neutralise_cell(v) for v in row])
    return buf.getvalue()


def table_download(df: pd.DataFrame, view: View, what: str, *, key: str) -> None:
    st.download_button(
        "Download this table (CSV)", lambda: table_csv(df),
        file_name=f"{file_stem(view)}-{what}.csv", mime=CSV_MIME, key=key,
        on_click="ignore", icon=":material/table:",
    )
