"""The Analysis page's sections: blocs, structural balance, centrality, enemy-of-my-enemy pairs.

Everything is computed on the filtered graph (``actorgraph.analysis.findings``). Each finding
says its confidence and the relations it rests on; a click on its row shows their sentences.
Findings that need a weak claim (confidence below ``WEAK_CONFIDENCE``, drawn thin and dashed)
are left out unless the user asks for them. Actor names reach the page as DataFrame cells and
chart labels (plain text) or escaped HTML (``components.safe.highlight``).
"""
from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from actorgraph.analysis import WEAK_CONFIDENCE, Finding, Findings, edge_confidence, findings
from actorgraph.graph import node_label
from actorgraph.model import HOSTILITY
from components import state
from components.exports import table_download
from components.labels import relation_label, type_label
from components.safe import esc, highlight, md_escape
from components.view import View

TOP_CENTRAL = 15
MEASURES = {"degree_centrality": "Degree centrality", "betweenness": "Betweenness"}
CONFIDENCE_HELP = ("How sure the text is of the finding: the confidence of the weakest relation "
                   "it cannot do without (0–1).")
_CUE = "background:#ffe08a;padding:0 .1em;border-radius:2px"
_NAME = "background:#dbe9f6;padding:0 .1em;border-radius:2px"


def _edge_text(G: nx.Graph, u: str, v: str) -> str:
    """"A – B (alliance, 0.85)": one relation a finding rests on, as plain text."""
    d = G.edges[u, v]
    return (f"{node_label(G, u)} – {node_label(G, v)} "
            f"({relation_label(str(d.get('relation') or '')).lower()}, {edge_confidence(d):.2f})")


def _rests_on(G: nx.Graph, f: Finding) -> str:
    return "; ".join(_edge_text(G, u, v) for u, v in f.edges)


def _confidence_column() -> st.column_config.Column:
    return st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0,
                                           format="%.2f", help=CONFIDENCE_HELP, width=90)


def _weak_column(found: Findings) -> dict:
    if not found.include_weak:
        return {}
    return {"Weak": st.column_config.CheckboxColumn(
        help=f"Rests on a claim of confidence below {found.threshold:.2f}", width=60)}


def blocs_frame(G: nx.Graph, found: Findings) -> pd.DataFrame:
    """One row per bloc: its members, confidence, the alliances holding it, the blocs it fights."""
    member_of = {n: i for i, bloc in enumerate(found.analysis.blocs, 1) for n in bloc}
    rows = []
    for i, (bloc, f) in enumerate(zip(found.analysis.blocs, found.blocs), 1):
        enemies: set[int] = set()
        for n in bloc:
            for m in G[n]:
                if G.edges[n, m].get("relation") == HOSTILITY and member_of.get(m, i) != i:
                    enemies.add(member_of[m])
        rows.append({
            "Bloc": i,
            "Members": ", ".join(sorted((node_label(G, n) for n in bloc), key=str.casefold)),
            "Confidence": round(f.confidence, 3),
            "Weak": f.is_weak(found.threshold),
            "Size": len(bloc),
            "Hostile to blocs": ", ".join(str(e) for e in sorted(enemies)),
            "Rests on": _rests_on(G, f),
        })
    return pd.DataFrame(rows, columns=["Bloc", "Members", "Confidence", "Weak", "Size",
                                       "Hostile to blocs", "Rests on"])


def triads_frame(G: nx.Graph, found: Findings) -> pd.DataFrame:
    rows = [{
        "Balanced": t.balanced,
        "Reading": t.description,
        "Confidence": round(f.confidence, 3),
        "Weak": f.is_weak(found.threshold),
        "Pattern": t.kind,
        "Rests on": _rests_on(G, f),
    } for t, f in zip(found.analysis.triads, found.triads)]
    return pd.DataFrame(rows, columns=["Balanced", "Reading", "Confidence", "Weak", "Pattern",
                                       "Rests on"])


def centrality_frame(G: nx.Graph, found: Findings) -> pd.DataFrame:
    """One row per actor with a link (indexed by its id): its centrality and what it rests on.
    An actor whose links are all weak ones left out has none here: it is not central."""
    rows, ids = [], []
    for n, c in found.analysis.centrality.items():
        f = found.central[n]
        if not c["degree"]:
            continue
        ids.append(n)
        rows.append({
            "Actor": node_label(G, n),
            "Degree centrality": round(c["degree_centrality"], 3),
            "Betweenness": round(c["betweenness"], 3),
            "Confidence": round(f.confidence, 3),
            "Weak": f.is_weak(found.threshold),
            "Links": int(c["degree"]),
            "Allies": int(c["alliance_degree"]),
            "Enemies": int(c["hostility_degree"]),
            "Type": type_label(str(G.nodes[n].get("type") or "other")),
            "Rests on": _rests_on(G, f),
        })
    return pd.DataFrame(rows, index=pd.Index(ids, dtype=object),
                        columns=["Actor", "Degree centrality", "Betweenness", "Confidence",
                                 "Weak", "Links", "Allies", "Enemies", "Type", "Rests on"])


def enemy_frame(G: nx.Graph, found: Findings) -> pd.DataFrame:
    """One row per pair of actors with a common enemy and no relation the article states."""
    rows = [{
        "Actor A": node_label(G, f.actors[0]),
        "Actor B": node_label(G, f.actors[1]),
        "Common enemies": ", ".join(node_label(G, e) for e in f.actors[2:]),
        "Number": len(f.actors) - 2,
        "Confidence": round(f.confidence, 3),
        "Weak": f.is_weak(found.threshold),
        "Rests on": _rests_on(G, f),
    } for f in found.enemy_pairs]
    return pd.DataFrame(rows, columns=["Actor A", "Actor B", "Common enemies", "Number",
                                       "Confidence", "Weak", "Rests on"])


def evidence_html(G: nx.Graph, f: Finding) -> str:
    """The relations a finding rests on, each with its confidence and every sentence behind it
    (the cue and the two actors' names marked); article text is escaped."""
    parts = []
    for u, v in f.edges:
        d = G.edges[u, v]
        conf = edge_confidence(d)
        weak = " · weak claim" if conf < WEAK_CONFIDENCE else ""
        names = [(str(m), 1) for n in (u, v)
                 for m in [G.nodes[n].get("label") or n, *(G.nodes[n].get("mentions") or ())]]
        cues: dict[str, list[str]] = {}
        for c in d.get("claims") or ():
            cue = str(c.get("cue") or "")
            if cue:
                cues.setdefault(str(c.get("sentence") or ""), []).append(cue)
        items = "".join(
            f"<li>{highlight(s, [(c, 0) for c in cues.get(s, ())] + names, (_CUE, _NAME))}</li>"
            for s in (str(x) for x in d.get("evidence") or ())) or "<li>(no sentence)</li>"
        parts.append(
            f'<div class="ag-finding-edge"><b>{esc(node_label(G, u))}</b> – '
            f'{esc(relation_label(str(d.get("relation") or "")).lower())} – '
            f'<b>{esc(node_label(G, v))}</b> <span style="opacity:.7">· confidence {conf:.2f}{weak}'
            f'</span><ul style="margin:.2rem 0 .6rem">{items}</ul></div>')
    return f'<div class="ag-finding-evidence">{"".join(parts)}</div>'


def _shown(df: pd.DataFrame, found: Findings) -> pd.DataFrame:
    """The table as shown and downloaded: the Weak column only when weak findings are in."""
    return df if found.include_weak else df.drop(columns="Weak")


def _finding_table(G: nx.Graph, found: Findings, df: pd.DataFrame, items: list[Finding], *,
                   key: str, what: str, column_config: dict | None = None) -> None:
    """A table of findings; the row clicked shows the sentences its finding rests on."""
    shown = _shown(df, found)
    config = {"Confidence": _confidence_column(), **_weak_column(found),
              "Rests on": st.column_config.TextColumn(width="large"), **(column_config or {})}
    event = st.dataframe(shown, hide_index=True, width="stretch",
                         key=key, on_select="rerun", selection_mode="single-row",
                         column_config=config)
    rows = [r for r in (event.selection.rows if event else []) if 0 <= r < len(items)]
    if rows:
        f = items[rows[0]]
        with st.container(border=True, key=f"{key}_evidence"):
            st.markdown(f"**What {what} rests on** (confidence {f.confidence:.2f})")
            st.caption(md_escape("Actors: " + ", ".join(node_label(G, n) for n in f.actors)))
            st.html(evidence_html(G, f))
    else:
        st.caption(f"Click a row to read the sentences {what} rests on.")


def _weak_switch() -> bool:
    st.toggle(
        f"Include findings that rest on weak claims (confidence below {WEAK_CONFIDENCE:.2f})",
        key=state.seed(state.A_SHOW_WEAK), on_change=state.keep, args=(state.A_SHOW_WEAK,),
        help="Weak claims are the relations drawn thin and dashed: guesses the text supports "
             "only weakly. Off: the findings use only the other relations.")
    return bool(st.session_state[state.A_SHOW_WEAK])


def _weak_caption(found: Findings) -> None:
    n = found.weak_edges
    if not n:
        st.caption(f"Every relation shown has a confidence of {found.threshold:.2f} or more.")
    elif found.include_weak:
        st.caption(f"{n} relation{'s' if n != 1 else ''} of confidence below "
                   f"{found.threshold:.2f} {'are' if n != 1 else 'is'} included; findings that "
                   "need one are marked Weak.")
    else:
        st.caption(f"{n} weak relation{'s' if n != 1 else ''} (confidence below "
                   f"{found.threshold:.2f}) {'are' if n != 1 else 'is'} left out of these "
                   "findings: nothing below rests on a weak claim.")


def analysis_sections(view: View) -> None:
    include_weak = _weak_switch()
    found = findings(view.graph, view.full, include_weak=include_weak)
    _weak_caption(found)
    G, result = found.graph, found.analysis
    bal = result.balance

    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Alliance blocs", len(result.blocs))
    c2.metric("Signed triads", bal.triads)
    c3.metric("Balanced", bal.balanced)
    c4.metric("Unbalanced", bal.unbalanced)

    st.subheader("Alliance blocs", anchor=False)
    st.caption("Groups of actors held together by alliances, with no hostility inside a group. "
               "Where allies of allies are hostile, the bloc is split along the links the text "
               "supports least. A bloc's confidence is that of the weakest alliance holding a "
               "member in.")
    if result.blocs:
        df = blocs_frame(G, found)
        _finding_table(G, found, df, found.blocs, key="ag_blocs_table", what="this bloc",
                       column_config={"Members": st.column_config.TextColumn(width=330),
                                      "Bloc": st.column_config.NumberColumn(width=50),
                                      "Size": st.column_config.NumberColumn(width=50)})
        table_download(_shown(df, found), view, "blocs", key="ag_dl_blocs")
    else:
        st.caption("No two actors shown are allied" + ("." if include_weak or not
                   found.weak_edges else " by a claim of confidence "
                   f"{found.threshold:.2f} or more."))

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
        tdf = triads_frame(G, found)
        _finding_table(G, found, tdf, found.triads, key="ag_triads_table", what="this triad",
                       column_config={"Balanced": st.column_config.CheckboxColumn(width=70),
                                      "Reading": st.column_config.TextColumn(width="large")})
        table_download(_shown(tdf, found), view, "triads", key="ag_dl_triads")
    else:
        st.caption("No three actors shown are linked pairwise by alliances or hostilities.")

    st.subheader("Most central actors", anchor=False)
    cdf = centrality_frame(G, found)
    if G.number_of_edges():
        measure = st.segmented_control(
            "Measure", list(MEASURES.values()), default="Degree centrality",
            key="ag_centrality_measure",
            help="Degree centrality: the share of the other actors an actor is linked to. "
                 "Betweenness: how often an actor lies on the shortest path between two others "
                 "(a broker).",
        ) or "Degree centrality"
        order = cdf.sort_values([measure, "Actor"], ascending=[False, True])
        top = order.head(TOP_CENTRAL)
        st.bar_chart(top, x="Actor", y=measure, horizontal=True, sort=f"-{measure}",
                     height=60 + 28 * len(top))
        st.caption("A central actor's confidence is that of its strongest link: it rests on "
                   "weak claims only when all its links are weak.")
        items = [found.central[n] for n in top.index]
        _finding_table(G, found, top.reset_index(drop=True), items, key="ag_central_table",
                       what="this actor's place",
                       column_config={"Actor": st.column_config.TextColumn(width="medium"),
                                      "Degree centrality": st.column_config.NumberColumn(
                                          "Degree", format="%.2f", width=60),
                                      "Betweenness": st.column_config.NumberColumn(
                                          "Between.", format="%.2f", width=65),
                                      "Links": st.column_config.NumberColumn(width=45),
                                      "Allies": st.column_config.NumberColumn(width=45),
                                      "Enemies": st.column_config.NumberColumn(width=60),
                                      "Type": st.column_config.TextColumn(width=90)})
        table_download(_shown(cdf, found).reset_index(drop=True), view, "centrality",
                       key="ag_dl_centrality")
    else:
        st.caption("No relations are shown, so no actor is central.")

    st.subheader("The enemy of my enemy", anchor=False)
    st.caption("Pairs of actors hostile to a common enemy that the article does not link at all "
               "(checked against the whole article, whatever the filters): candidates for an "
               "alliance it does not state. A pair's confidence is that of its best-attested "
               "common enemy.")
    edf = enemy_frame(G, found)
    if len(edf):
        order = edf.sort_values(["Number", "Confidence", "Actor A"],
                                ascending=[False, False, True])
        items = [found.enemy_pairs[i] for i in order.index]
        _finding_table(G, found, order.reset_index(drop=True), items, key="ag_enemy_table",
                       what="this pair",
                       column_config={
                           "Actor A": st.column_config.TextColumn(width=150),
                           "Actor B": st.column_config.TextColumn(width=150),
                           "Common enemies": st.column_config.TextColumn(width=170),
                           "Number": st.column_config.NumberColumn(width=70)})
        table_download(_shown(order, found), view, "enemy-of-enemy", key="ag_dl_enemy")
    else:
        st.caption("No such pair among the actors shown.")

