"""Counts of what is shown: actors, relations, alliances, hostilities, countries."""
from __future__ import annotations

import streamlit as st

from components.tables import counts
from components.view import View

METRICS = (
    ("actors", "Actors"),
    ("relations", "Relations"),
    ("alliances", "Alliances"),
    ("hostilities", "Hostilities"),
    ("countries", "Countries"),
)


def overview_metrics(view: View) -> dict[str, int]:
    shown, total = counts(view.graph), counts(view.full)
    with st.container(key="ag_overview"):
        for col, (key, label) in zip(st.columns(len(METRICS)), METRICS):
            col.metric(label, shown[key],
                       help=None if shown[key] == total[key] else f"{total[key]} before filtering")
    if view.filters.active:
        st.caption(f"Filtered: {shown['actors']} of {total['actors']} actors and "
                   f"{shown['relations']} of {total['relations']} relations are shown.")
    return shown


def overview_caption(view: View) -> None:
    """The same counts in one line, for pages where the graph needs the room."""
    shown = counts(view.graph)
    st.caption(f"{shown['actors']} actors · {shown['relations']} relations · "
               f"{shown['alliances']} alliances · {shown['hostilities']} hostilities · "
               f"{shown['countries']} countries" + (" (filtered)" if view.filters.active else ""))
