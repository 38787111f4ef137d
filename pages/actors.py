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


def render() -> None:
    st.title("Actors", anchor=False)
    view = get_view() or need_article(page(HOME))
    overview_metrics(view)
    df = actors_frame(view.graph)
    st.caption("Click a column header to sort, a row to see the actor's links below. Centrality "
               "is computed on the actors shown.")
    st.dataframe(
        df.drop(columns="id"), hide_index=True, width="stretch", key=ACTORS_TABLE,
        on_select=partial(select_row, ACTORS_TABLE, list(df["id"])),
        selection_mode="single-row",
        column_config={
            "Actor": st.column_config.TextColumn(width="medium"),
            "Mentions": st.column_config.NumberColumn(
                help="How often the article mentions the actor"),
            "Allies": st.column_config.NumberColumn(help="Number of alliance links"),
            "Enemies": st.column_config.NumberColumn(help="Number of hostility links"),
            "Degree centrality": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                                 format="%.2f"),
            "Betweenness": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                           format="%.2f"),
        },
    )
    table_download(df.drop(columns="id"), view, "actors", key="ag_dl_actors")
    st.divider()
    details_panel(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
