"""The Analysis page's sections: blocs, structural balance, centrality, enemy-of-my-enemy pairs.

Everything is computed on the filtered graph (``actorgraph.analysis``); actor names reach the
page only as DataFrame cells and chart labels (plain text).
"""
from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from actorgraph.analysis import Analysis, summarize
from actorgraph.model import HOSTILITY
from components.exports import table_download
from components.labels import type_label
from components.view import View

TOP_CENTRAL = 15
MEASURES = {"degree_centrality": "Degree centrality", "betweenness": "Betweenness"}


def _label(G: nx.Graph, n: str) -> str:
    return str(G.nodes[n].get("label") or n)


def blocs_frame(G: nx.Graph, result: Analysis) -> pd.DataFrame:
    """One row per bloc: its members, and the other blocs it is hostile to."""
    member_of = {n: i for i, bloc in enumerate(result.blocs, 1) for n in bloc}
    rows = []
    for i, bloc in enumerate(result.blocs, 1):
        enemies: set[int] = set()
        for n in bloc:
            for m in G[n]:
                if G.edges[n, m].get("relation") == HOSTILITY and member_of.get(m, i) != i:
                    enemies.add(member_of[m])
        rows.append({
            "Bloc": i,
            "Size": len(bloc),
            "Members": ", ".join(sorted((_label(G, n) for n in bloc), key=str.casefold)),
            "Hostile to blocs": ", ".join(str(e) for e in sorted(enemies)),
        })
    return pd.DataFrame(rows, columns=["Bloc", "Size", "Members", "Hostile to blocs"])


def triads_frame(G: nx.Graph, result: Analysis) -> pd.DataFrame:
    rows = [{
        "Balanced": t.balanced,
        "Pattern": t.kind,
        "Reading": t.description,
        "Actors": " · ".join(_label(G, n) for n in t.nodes),
    } for t in result.triads]
    return pd.DataFrame(rows, columns=["Balanced", "Pattern", "Reading", "Actors"])


def centrality_frame(G: nx.Graph, result: Analysis) -> pd.DataFrame:
    rows = [{
        "Actor": _label(G, n),
        "Type": type_label(str(G.nodes[n].get("type") or "other")),
        "Degree centrality": round(c["degree_centrality"], 3),
        "Betweenness": round(c["betweenness"], 3),
        "Links": int(c["degree"]),
        "Allies": int(c["alliance_degree"]),
        "Enemies": int(c["hostility_degree"]),
    } for n, c in result.centrality.items()]
    return pd.DataFrame(rows, columns=["Actor", "Type", "Degree centrality", "Betweenness",
                                       "Links", "Allies", "Enemies"])


def enemy_frame(G: nx.Graph, result: Analysis) -> pd.DataFrame:
    """One row per pair of actors with a common enemy and no stated relation between them."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, b, enemy in result.enemy_of_enemy:
        pairs.setdefault((a, b), []).append(_label(G, enemy))
    rows = [{
        "Actor A": _label(G, a),
        "Actor B": _label(G, b),
        "Common enemies": ", ".join(es),
        "Number": len(es),
    } for (a, b), es in pairs.items()]
    df = pd.DataFrame(rows, columns=["Actor A", "Actor B", "Common enemies", "Number"])
    return df.sort_values(["Number", "Actor A"], ascending=[False, True], ignore_index=True)


def analysis_sections(view: View) -> None:
    G = view.graph
    result = summarize(G)
    bal = result.balance

    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Alliance blocs", len(result.blocs))
    c2.metric("Signed triads", bal.triads)
    c3.metric("Balanced", bal.balanced)
    c4.metric("Unbalanced", bal.unbalanced)

    st.subheader("Alliance blocs", anchor=False)
    st.caption("Groups of actors held together by alliances, with no hostility inside a group. "
               "Where allies of allies are hostile, the bloc is split along the links the text "
               "supports least.")
    if result.blocs:
        df = blocs_frame(G, result)
        st.dataframe(df, hide_index=True, width="stretch", key="ag_blocs_table",
                     column_config={"Members": st.column_config.TextColumn(width="large")})
        table_download(df, view, "blocs", key="ag_dl_blocs")
    else:
        st.caption("No two actors shown are allied.")

    st.subheader("Structural balance", anchor=False)
    st.caption("A triad is three actors linked pairwise by alliances or hostilities. It is "
               "balanced when it reads “the friend of my friend is my friend” or “the enemy of "
               "my enemy is my friend”; an unbalanced triad is a tension the article reports.")
    if bal.triads:
        ratio = f"{bal.ratio_balanced:.0%}" if bal.ratio_balanced is not None else "–"
        st.markdown(f"**{ratio}** of the {bal.triads} triads are balanced.")
        kinds = pd.DataFrame(
            [{"Pattern": k, "Triads": n} for k, n in sorted(bal.by_kind.items())],
            columns=["Pattern", "Triads"])
        st.bar_chart(kinds, x="Pattern", y="Triads", horizontal=True, sort="-Triads",
                     height=60 + 40 * len(kinds))
        tdf = triads_frame(G, result)
        left, right = st.columns(2)
        with left:
            st.markdown("**Balanced triads**")
            st.dataframe(tdf[tdf["Balanced"]].drop(columns="Balanced"), hide_index=True,
                         width="stretch", key="ag_triads_balanced")
        with right:
            st.markdown("**Unbalanced triads**")
            st.dataframe(tdf[~tdf["Balanced"]].drop(columns="Balanced"), hide_index=True,
                         width="stretch", key="ag_triads_unbalanced")
        table_download(tdf, view, "triads", key="ag_dl_triads")
    else:
        st.caption("No three actors shown are linked pairwise by alliances or hostilities.")

    st.subheader("Most central actors", anchor=False)
    cdf = centrality_frame(G, result)
    if G.number_of_edges():
        measure = st.segmented_control(
            "Measure", list(MEASURES.values()), default="Degree centrality",
            key="ag_centrality_measure",
            help="Degree centrality: the share of the other actors an actor is linked to. "
                 "Betweenness: how often an actor lies on the shortest path between two others "
                 "(a broker).",
        ) or "Degree centrality"
        top = cdf.sort_values([measure, "Actor"], ascending=[False, True]).head(TOP_CENTRAL)
        st.bar_chart(top, x="Actor", y=measure, horizontal=True, sort=f"-{measure}",
                     height=60 + 28 * len(top))
        table_download(cdf, view, "centrality", key="ag_dl_centrality")
    else:
        st.caption("No relations are shown, so no actor is central.")

    st.subheader("The enemy of my enemy", anchor=False)
    st.caption("Pairs of actors hostile to a common enemy that the article does not link: "
               "candidates for an alliance it does not state.")
    edf = enemy_frame(G, result)
    if len(edf):
        st.dataframe(edf, hide_index=True, width="stretch", key="ag_enemy_table")
        table_download(edf, view, "enemy-of-enemy", key="ag_dl_enemy")
    else:
        st.caption("No such pair among the actors shown.")
