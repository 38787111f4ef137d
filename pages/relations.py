"""Relations: every link shown, with its label, confidence, direction and evidence."""
from functools import partial

import streamlit as st

from components.details import relation_panel, select_pair
from components.exports import table_download
from components.layout import need_article
from components.overview import overview_metrics
from components.tables import EVIDENCE_SEPARATOR, relations_frame
from components.view import get_view
from pages import HOME, page

RELATIONS_TABLE = "ag_relations_table"
# Pixel widths that fit the main column of a 1280 px window beside the sidebar (about 780 px):
# the evidence comes last and is cut; a row's click shows every sentence in full below.
COLUMNS = {
    "Actor A": st.column_config.TextColumn(width=115, pinned=True),
    "Relation": st.column_config.TextColumn(width=80),
    "Actor B": st.column_config.TextColumn(width=115),
    "Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f",
                                                  width=75),
    "Sentences": st.column_config.NumberColumn(width=70, help="Evidence sentences"),
    "Direction": st.column_config.TextColumn(width=75),
    "Conflicting": st.column_config.CheckboxColumn(
        width=75, help="The text has both alliance and hostility claims for the pair"),
    "Cues": st.column_config.TextColumn(width=80, help="The words the relation was read from"),
    "Evidence": st.column_config.TextColumn(width=400),
}


def render() -> None:
    st.title("Relations", anchor=False)
    view = get_view() or need_article(page(HOME))
    overview_metrics(view)
    full = relations_frame(view.graph)
    df = full.drop(columns=["a_id", "b_id"])
    st.caption("One row per pair of actors; click a row to read every sentence in full below. "
               "“A → B” "
               "means the text says A backs, leads or attacks B. Sentences are separated by "
               f"“{EVIDENCE_SEPARATOR.strip()}”. Conflicting: the text has both alliance and "
               "hostility claims for the pair.")
    st.dataframe(
        df, hide_index=True, width="stretch", key=RELATIONS_TABLE,
        on_select=partial(select_pair, RELATIONS_TABLE, list(zip(full["a_id"], full["b_id"]))),
        selection_mode="single-row",
        column_config=COLUMNS,
    )
    table_download(df, view, "relations", key="ag_dl_relations")
    relation_panel(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
