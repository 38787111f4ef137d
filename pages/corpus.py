"""Corpus: many articles in one graph over time, from the store (uploads add to it)."""
import streamlit as st

from components import corpus_store as cs
from components.corpus_filters import (CorpusFilters, apply, date_range_filter, graph_filters,
                                      shown_caption)
from components.corpus_upload import corpus_uploader
from components.corpus_view import (articles_panel, corpus_downloads, corpus_graph_panel,
                                    get_corpus_graph, history_panel)
from components.safe import md_escape


def render() -> None:
    cs.init_corpus_state()
    st.title("Corpus", anchor=False)
    store = cs.get_store()
    if st.session_state.get(cs.STORE_NOTE):
        st.warning(md_escape(st.session_state[cs.STORE_NOTE]), icon=":material/warning:")
    st.caption(f"Store: {md_escape(store.where)}. Articles are merged into one graph; actors "
               "are the same across articles by knowledge-base entry, else by name and country.")
    corpus_uploader(store)
    every = store.articles()
    with st.sidebar:
        st.subheader("Corpus filters", anchor=False)
        date_range_filter(every)
    filters = CorpusFilters.from_state()
    full = get_corpus_graph(store, filters)
    with st.sidebar:
        graph_filters(full, disabled=not every)
        chosen = CorpusFilters.from_state()
        G = apply(full, chosen)
        st.caption(md_escape(shown_caption(full, G, chosen, len(every))))
        corpus_downloads(G)
    if not every:
        st.info("No article in the store yet: upload some above, or run "
                "`python -m actorgraph batch FOLDER --db DB` and start the app with "
                f"{cs.ENV_VAR}=DB.", icon=":material/info:")
        return
    # narrower than the explorer's 7:3, which keeps the widest graph of any page
    graph_col, side_col = st.columns([2, 1], gap="small")
    with side_col, st.container(key="ag_corpus_overview"):
        st.metric("Articles", full.graph.get("articles", 0))
        st.metric("Actors", G.number_of_nodes())
        st.metric("Relations", G.number_of_edges())
    with graph_col:
        corpus_graph_panel(G)
    st.subheader("Articles", anchor=False)
    shown = [a for a in every if _in_range(a, filters)]
    articles_panel(store, shown)
    st.subheader("History of a pair", anchor=False)
    history_panel(G)


def _in_range(article, f: CorpusFilters) -> bool:
    if f.dates is None:
        return article.date is not None or f.undated
    return article.date is not None and f.dates[0] <= article.date <= f.dates[1]


if __name__ == "__main__":  # run as a script by Streamlit's legacy pages/ mode: see pages/__init__
    from pages import run_app

    run_app()
