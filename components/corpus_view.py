"""The Corpus page's parts: the merged graph, the articles table, a pair's history, downloads."""
from __future__ import annotations

from functools import partial

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from actorgraph import corpus_export, export
from actorgraph.corpus import article_graph, corpus_graph, pair_history
from actorgraph.render import render_html
from actorgraph.store import Store, StoredArticle
from components import corpus_store as cs
from components.corpus_filters import CorpusFilters
from components.graph_view import IFRAME_MARGIN, vis_js_url
from components.labels import relation_label

GRAPH_ALT = "Graph of the actors of the corpus and their relations"
ARTICLE_ALT = "Graph of the actors of one article of the corpus"
ARTICLES_TABLE = "ag_corpus_articles"


def _stamp(store: Store) -> tuple:
    """Changes whenever the store gets an article."""
    n = store.counts()
    return (store.where, n["articles"], n["claims"])


def get_corpus_graph(store: Store, filters: CorpusFilters) -> nx.Graph:
    """The corpus graph for the date range, built again only when the store or the range changes."""
    key = (_stamp(store), tuple(sorted(filters.store_query().items())))
    memo = st.session_state.get(cs.GRAPH_MEMO)
    if memo is not None and memo[0] == key:
        return memo[1]
    G = corpus_graph(store, **filters.store_query())
    st.session_state[cs.GRAPH_MEMO] = (key, G)
    return G


def drawing(G: nx.Graph) -> nx.Graph:
    """A copy to draw: edge width from the number of articles, evidence as "sentence (title, date)"."""
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["weight"] = int(d.get("articles") or 1)
        d["evidence"] = [f"{e['sentence']} ({e['article']['title'] or 'untitled'}, "
                         f"{e['article']['date'] or 'undated'})" for e in d.get("evidence") or ()]
    return H


def draw(G: nx.Graph, *, key: str, alt_text: str, height: int = 600, by_articles: bool = True) -> None:
    html = render_html(drawing(G) if by_articles else G, height_px=height, vis_js_url=vis_js_url())
    with st.container(key=key):
        st.iframe(html, height=height + IFRAME_MARGIN, alt=alt_text)


def corpus_graph_panel(G: nx.Graph) -> None:
    if G.number_of_nodes() == 0:
        st.info("No actor matches: widen the date range or loosen the filters in the sidebar.",
                icon=":material/filter_alt_off:")
        return
    draw(G, key="ag_corpus_graph", alt_text=GRAPH_ALT)
    st.caption("Green edges are alliances, red hostilities, grey dashed other links; the thicker an "
               "edge, the more articles support it. Hover over an edge for its sentences.")


def articles_frame(articles: list[StoredArticle], actors: list[dict], claims: list[dict]) -> pd.DataFrame:
    n_actors: dict[str, int] = {}
    for r in actors:
        n_actors[r["article_id"]] = n_actors.get(r["article_id"], 0) + 1
    pairs: dict[str, set] = {}
    for c in claims:
        if c["source_local"] != c["target_local"]:
            pairs.setdefault(c["article_id"], set()).add(frozenset((c["source_local"], c["target_local"])))
    return pd.DataFrame({
        "Title": [a.title or a.source for a in articles],
        "Date": [a.date.isoformat() if a.date else "undated" for a in articles],
        "Actors": [n_actors.get(a.id, 0) for a in articles],
        "Relations": [len(pairs.get(a.id, ())) for a in articles],
        "File": [a.source for a in articles],
    })


def _select_article(ids: list[str]) -> None:
    rows = st.session_state[ARTICLES_TABLE].selection.rows
    st.session_state[cs.ARTICLE] = ids[rows[0]] if rows else None


def articles_panel(store: Store, articles: list[StoredArticle]) -> None:
    """Every article in the date range; a click on a row shows that article's own graph."""
    ids = [a.id for a in articles]
    df = articles_frame(articles, store.article_actors(ids), store.claims(ids))
    st.caption("Click a row to see that article's own graph below.")
    st.dataframe(df, hide_index=True, width="stretch", key=ARTICLES_TABLE,
                 on_select=partial(_select_article, ids), selection_mode="single-row")
    chosen = st.session_state.get(cs.ARTICLE)
    if chosen in ids:
        a = articles[ids.index(chosen)]
        with st.container(border=True, key="ag_corpus_article"):
            st.subheader(a.title or a.source, anchor=False)
            st.caption(f"{a.date.isoformat() if a.date else 'Undated'} · {a.source}")
            H = article_graph(store, chosen)
            if H.number_of_nodes():
                draw(H, key="ag_corpus_article_graph", alt_text=ARTICLE_ALT, height=450,
                     by_articles=False)
            else:
                st.info("No actors were found in this article.")


def _pair_label(G: nx.Graph, pair: tuple[str, str]) -> str:
    u, v = pair
    d = G.edges[u, v]
    n = d.get("articles", 0)
    return (f"{G.nodes[u].get('label', u)} — {G.nodes[v].get('label', v)} "
            f"({relation_label(d.get('relation', ''))}, {n} article{'s' if n != 1 else ''})")


def history_panel(G: nx.Graph) -> None:
    """For a chosen pair: alliance and hostility claims per month, and the sentences behind them."""
    # signed pairs first (their history is the chart), then by how many articles support them
    pairs = sorted(G.edges, key=lambda e: (G.edges[e].get("relation") not in ("alliance", "hostility"),
                                           -int(G.edges[e].get("articles") or 0),
                                           _pair_label(G, e).casefold()))
    if not pairs:
        st.caption("No relation in the current view.")
        return
    chosen = st.session_state.get(cs.PAIR)
    index = pairs.index(chosen) if chosen in pairs else 0
    pair = st.selectbox("Pair of actors", pairs, index=index, format_func=partial(_pair_label, G),
                        key="ag_corpus_pair")
    st.session_state[cs.PAIR] = pair
    rows = pair_history(G, *pair)
    if not rows:
        st.info("This pair's articles are undated: there is no history to draw.")
        return
    df = pd.DataFrame(rows)
    months = sorted(df["month"].unique())
    counts = pd.DataFrame([{"month": m, "relation": r,
                            "claims": int(((df["month"] == m) & (df["relation"] == r)).sum())}
                           for m in months for r in ("alliance", "hostility")])
    chart = alt.Chart(counts).mark_line(point=True).encode(
        x=alt.X("month:T", title="Month"), y=alt.Y("claims:Q", title="Claims"),
        color=alt.Color("relation:N", title="Relation",
                        scale=alt.Scale(domain=["alliance", "hostility"], range=["#2e7d32", "#c62828"])),
        tooltip=["month", "relation", "claims"])
    with st.container(key="ag_corpus_history"):
        st.altair_chart(chart, width="stretch")
    st.caption("The sentences behind each point:")
    st.dataframe(df[["month", "date", "relation", "sentence", "title"]].rename(columns={
        "month": "Month", "date": "Date", "relation": "Relation", "sentence": "Sentence",
        "title": "Article"}), hide_index=True, width="stretch",
        column_config={"Sentence": st.column_config.TextColumn(width="large")})


FORMATS = (
    ("Node-link JSON", ".json", "application/json", lambda G: export.to_node_link_json(G)),
    ("GraphML", ".graphml", "application/xml", lambda G: export.to_graphml(G)),
    ("GEXF", ".gexf", "application/xml", lambda G: export.to_gexf(G)),
    ("Nodes (CSV)", "-nodes.csv", "text/csv", lambda G: corpus_export.nodes_csv(G)),
    ("Edges (CSV)", "-edges.csv", "text/csv", lambda G: corpus_export.edges_csv(G)),
    ("HTML picture", ".html", "text/html", lambda G: export.to_html(drawing(G), height_px=800)),
)


def corpus_downloads(G: nx.Graph) -> None:
    with st.popover("Download the filtered corpus graph", icon=":material/download:", width="stretch"):
        for label, suffix, mime, make in FORMATS:
            st.download_button(label, partial(make, G), file_name="actorgraph-corpus" + suffix,
                               mime=mime, key=f"ag_dl_corpus:{suffix}", on_click="ignore",
                               icon=":material/download:", width="stretch",
                               disabled=G.number_of_nodes() == 0)
