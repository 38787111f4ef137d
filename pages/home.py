"""Home: get an article in, see its counts and its graph."""
import streamlit as st

from components.details import details_panel
from components.graph_view import graph_panel
from components.inputs import input_panel, notices
from components.overview import overview_metrics
from components.view import get_view


def render() -> None:
    st.title("ActorGraph", anchor=False)
    view = get_view()
    if view is None:
        st.markdown("Upload a news article and see **who is allied with whom and who fights "
                    "whom**: the states, governments, armed groups, militias, parties and "
                    "international bodies in it, joined by **green** alliance and **red** "
                    "hostility links, each traceable to the sentences behind it.")
    else:
        st.caption("Who is allied with whom, and who fights whom, in the article: **green** links "
                   "are alliances, **red** hostilities. Click an actor to see the sentences "
                   "behind them.")

    input_panel()
    if view is None:
        st.info("No article yet. Press **Try the reference article** to see a full graph at "
                "once.", icon=":material/arrow_upward:")
        st.stop()

    notices(view.extraction, view.full.graph.get("notices", ()))
    overview_metrics(view)
    # details beside the graph; the Graph explorer gives the graph more room
    graph_col, details_col = st.columns([3, 2], gap="medium")
    with graph_col:
        graph_panel(view, compact=True)  # display settings in a popover: built when opened
    with details_col:
        details_panel(view)


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
