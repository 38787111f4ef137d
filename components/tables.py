"""The actor and relation tables of a (filtered) graph, as DataFrames.

Cells hold article text as plain strings; ``st.dataframe`` shows them as text, never as markup.
"""
from __future__ import annotations

import networkx as nx
import pandas as pd

from actorgraph.analysis import centrality
from actorgraph.graph import node_label
from actorgraph.model import ALLIANCE, HOSTILITY, INTERNATIONAL
from components.labels import country_label, relation_label, type_label

# Whom an actor backs and fights come right after its name; long text (evidence, other names)
# goes last, where a cut cell pushes no column off screen (the full text is shown on a click).
ACTOR_COLUMNS = ["Actor", "Allies", "Enemies", "Other links", "Type", "Country", "Mentions",
                 "Links", "Degree centrality", "Betweenness", "Also called", "id"]
RELATION_COLUMNS = ["Actor A", "Relation", "Actor B", "Confidence", "Sentences", "Direction",
                    "Conflicting", "Cues", "Evidence", "a_id", "b_id"]
EVIDENCE_SEPARATOR = " ‖ "


def actors_frame(G: nx.Graph) -> pd.DataFrame:
    cent = centrality(G) if G.number_of_nodes() else {}
    rows = []
    for n, d in G.nodes(data=True):
        allies = sorted((node_label(G, m) for m in G[n] if G.edges[n, m].get("relation") == ALLIANCE),
                        key=str.casefold)
        enemies = sorted((node_label(G, m) for m in G[n] if G.edges[n, m].get("relation") == HOSTILITY),
                         key=str.casefold)
        others = sorted((f"{node_label(G, m)} ({relation_label(str(r or '')).lower()})"
                         for m in G[n] for r in [G.edges[n, m].get("relation")]
                         if r not in (ALLIANCE, HOSTILITY)), key=str.casefold)
        mentions = [str(m) for m in d.get("mentions") or ()]
        c = cent.get(n, {})
        rows.append({
            "Actor": node_label(G, n),
            "Allies": ", ".join(allies),
            "Enemies": ", ".join(enemies),
            "Other links": ", ".join(others),
            "Type": type_label(str(d.get("type") or "other")),
            "Country": country_label(str(d.get("country") or ""), str(d.get("country_name") or "")),
            "Mentions": int(d.get("mention_count") or len(mentions)),
            "Links": G.degree(n),
            "Degree centrality": round(float(c.get("degree_centrality", 0.0)), 3),
            "Betweenness": round(float(c.get("betweenness", 0.0)), 3),
            "Also called": ", ".join(m for m in mentions if m != d.get("label")),
            "id": n,
        })
    df = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    return df.sort_values(["Degree centrality", "Mentions", "Actor"],
                          ascending=[False, False, True], ignore_index=True)


def relations_frame(G: nx.Graph) -> pd.DataFrame:
    rows = []
    for u, v, d in G.edges(data=True):
        directed = bool(d.get("directed")) and d.get("from") in G and d.get("to") in G
        a, b = (d["from"], d["to"]) if directed else (u, v)
        evidence = [str(s) for s in d.get("evidence") or ()]
        cues = []
        for c in d.get("claims") or ():
            cue = str(c.get("cue") or "")
            if cue and cue not in cues:
                cues.append(cue)
        rows.append({
            "Actor A": node_label(G, a),
            "Relation": relation_label(str(d.get("relation") or "")),
            "Actor B": node_label(G, b),
            "Direction": "A → B" if directed else "undirected",
            "Confidence": round(float(d.get("confidence") or 0.0), 3),
            "Sentences": int(d.get("weight") or len(evidence)),
            "Conflicting": bool(d.get("conflicting")),
            "Evidence": EVIDENCE_SEPARATOR.join(evidence),
            "Cues": ", ".join(cues),
            "a_id": a,
            "b_id": b,
        })
    df = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    return df.sort_values(["Relation", "Confidence", "Actor A"], ascending=[True, False, True],
                          ignore_index=True)


def counts(G: nx.Graph) -> dict[str, int]:
    rels = [d for _, _, d in G.edges(data="relation")]
    return {
        "actors": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "alliances": rels.count(ALLIANCE),
        "hostilities": rels.count(HOSTILITY),
        "countries": len({c for _, c in G.nodes(data="country") if c and c != INTERNATIONAL}),
    }
