"""Analysis: alliance blocs, structural balance, central actors, enemy-of-my-enemy pairs."""
import streamlit as st

from components.analysis_view import analysis_sections
from components.layout import need_article
from components.view import get_view
from pages import HOME, page


def render() -> None:
    st.title("Analysis", anchor=False)
    view = get_view() or need_article(page(HOME))
    if view.filters.active:
        st.caption("Computed on the actors and relations the filters keep.")
    analysis_sections(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
