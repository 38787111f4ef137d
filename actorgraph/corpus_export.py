"""The corpus graph as CSV: the single-article columns plus article counts and dates."""
from __future__ import annotations

import json

import networkx as nx

from . import export

__all__ = ["flat_for_csv", "nodes_csv", "edges_csv", "CORPUS_NODE_COLUMNS", "CORPUS_EDGE_COLUMNS"]

# the columns of the user's corrections stay out: the corpus is the stored articles as extracted
_USER = {"origin", "corrections"}
CORPUS_NODE_COLUMNS = tuple(c for c in export.NODE_COLUMNS if c not in _USER) + ("articles",)
CORPUS_EDGE_COLUMNS = tuple(c for c in export.EDGE_COLUMNS if c not in _USER) + (
    "articles", "first_seen", "last_seen", "history")


def _evidence_cell(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    art = item.get("article") or {}
    return f"{item.get('sentence', '')} [{art.get('title', '')}, {art.get('date') or 'undated'}]"


def flat_for_csv(G: nx.Graph) -> nx.Graph:
    """A copy whose evidence items are "sentence [title, date]" and history a JSON string."""
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["evidence"] = [_evidence_cell(e) for e in d.get("evidence") or ()]
        d["history"] = json.dumps(d.get("history") or [])
    return H


def nodes_csv(G: nx.Graph) -> str:
    H = export.clean_graph(G)
    rows = [[{**d, "id": n, "degree": H.degree(n)}.get(c) for c in CORPUS_NODE_COLUMNS]
            for n, d in H.nodes(data=True)]
    return export._write_csv(CORPUS_NODE_COLUMNS, rows)


def edges_csv(G: nx.Graph) -> str:
    H = export.clean_graph(flat_for_csv(G))
    rows = []
    for u, v, d in H.edges(data=True):
        row = {**d, "source": u, "target": v, "source_label": H.nodes[u].get("label", u),
               "target_label": H.nodes[v].get("label", v)}
        rows.append([row.get(c) for c in CORPUS_EDGE_COLUMNS])
    return export._write_csv(CORPUS_EDGE_COLUMNS, rows)
