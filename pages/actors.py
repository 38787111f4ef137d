"""Actors: every actor shown, sortable, with its allies, enemies and centrality."""
from functools import partial

import streamlit as st

from components.details import details_panel, select_row
from components.exports import table_download
from components.layout import need_article
from components.overview import overview_metrics
from components.tables import actors_frame
from components.view import get_view
from pages import HOME, page

ACTORS_TABLE = "ag_actors_table"
# Pixel widths that fit the main column of a 1280 px window beside the sidebar (about 780 px):
# every column shown is on screen; long cells are cut, and a row's click shows the actor's links
# with their sentences in full below. The CSV has the count of links and the other names too.
SHOWN = ["Actor", "Allies", "Enemies", "Other links", "Type", "Country", "Mentions",
         "Degree centrality", "Betweenness"]
COLUMNS = {
    "Actor": st.column_config.TextColumn(width=120, pinned=True),
    "Allies": st.column_config.TextColumn(width=120, help="The actors it is allied with"),
    "Enemies": st.column_config.TextColumn(width=120, help="The actors it is hostile to"),
    "Other links": st.column_config.TextColumn(
        width=80, help="Other relations: membership, former affiliation, talks"),
    "Type": st.column_config.TextColumn(width=80),
    "Country": st.column_config.TextColumn(width=75),
    "Mentions": st.column_config.NumberColumn(
        width=65, help="How often the article mentions the actor"),
    "Degree centrality": st.column_config.NumberColumn(
        "Degree", format="%.2f", width=55,
        help="Degree centrality: the share of the other actors shown it is linked to"),
    "Betweenness": st.column_config.NumberColumn(
        "Between.", format="%.2f", width=60,
        help="Betweenness centrality: how often it lies on the shortest path between two "
             "others shown (a broker)"),
}


def render() -> None:
    st.title("Actors", anchor=False)
    view = get_view() or need_article(page(HOME))
    overview_metrics(view)
    df = actors_frame(view.graph)
    st.caption("Click a column header to sort, a row to see the actor's links and the sentences "
               "behind them below. Centrality is computed on the actors shown.")
    st.dataframe(
        df.drop(columns="id"), hide_index=True, width="stretch", key=ACTORS_TABLE,
        on_select=partial(select_row, ACTORS_TABLE, list(df["id"])),
        selection_mode="single-row", column_config=COLUMNS, column_order=SHOWN,
    )
    table_download(df.drop(columns="id"), view, "actors", key="ag_dl_actors")
    st.divider()
    details_panel(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
