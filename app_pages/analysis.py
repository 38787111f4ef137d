"""Analysis: alliance blocs, structural balance, central actors, enemy-of-my-enemy pairs."""
import streamlit as st

from components.analysis_view import analysis_sections
from components.layout import need_article
from components.view import get_view

st.title("Analysis", anchor=False)
view = get_view() or need_article()
if view.filters.active:
    st.caption("Computed on the actors and relations the filters keep.")
analysis_sections(view)
