"""Graph explorer: a bigger graph beside the details of the chosen actor."""
import streamlit as st

from components.details import details_panel
from components.graph_view import graph_panel
from components.inputs import notices
from components.layout import need_article
from components.overview import overview_caption
from components.view import get_view
from pages import HOME, page


def render() -> None:
    st.title("Graph explorer", anchor=False)
    view = get_view() or need_article(page(HOME))
    notices(view.extraction, view.full.graph.get("notices", ()))
    overview_caption(view)
    graph_col, details_col = st.columns([7, 3], gap="small")  # the widest graph of any page
    with graph_col:
        graph_panel(view, compact=True)
    with details_col:
        details_panel(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
