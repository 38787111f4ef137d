"""The actor graph as files: node-link JSON, GraphML, GEXF, CSV and standalone HTML.

Every export works on a cleaned copy of the graph (`clean_graph`): in every string (node ids,
keys, values, inside lists and dicts) the characters XML 1.0 forbids are removed (NUL and the
other C0 controls but tab and newline, lone surrogates, U+FFFE, U+FFFF), and line ends are
made ``\\n`` (XML parsers turn ``\\r`` into ``\\n`` anyway, so this keeps round trips exact).
Everything else, HTML-looking text, Arabic, emoji, is kept literally.

Formats
-------
``to_node_link_json``
    ``nx.node_link_data(G, edges="edges")`` with lists and dicts as they are; this is the
    contract read by ``eval/score.py``: nodes carry id, label, type, country, mentions; edges
    carry source, target, relation (and evidence, claims, from/to…).
``to_graphml`` / ``to_gexf``
    Lists and dicts (``mentions``, ``evidence``, ``claims``) are stored as JSON strings, so
    ``json.loads`` gives them back exactly; None is stored as ``""``; bools, ints and floats
    keep their types.
``nodes_csv`` / ``edges_csv``
    One row per node / edge; list cells are joined with `` | `` (claims are left out: use JSON
    for them). ``corrections`` lists the notes of the user's corrections of an actor or relation
    (``origin`` is ``user`` on relations they made or changed). Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``,
    ``-``, ``@``, tab or CR) get a leading ``'``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import networkx as nx

__all__ = [
    "clean_text", "clean_graph", "to_node_link_json", "to_graphml", "to_gexf", "nodes_csv",
    "edges_csv", "to_html", "neutralise_cell", "LIST_SEPARATOR", "NODE_COLUMNS", "EDGE_COLUMNS",
]

LIST_SEPARATOR = " | "
NODE_COLUMNS = ("id", "label", "type", "country", "country_name", "mention_count", "mentions",
                "kb_id", "source", "degree", "corrections")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "confidence",
                "conflicting", "weight", "directed", "from", "to", "evidence", "origin",
                "corrections")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(s: str) -> str:
    """``s`` without XML-invalid characters, with ``\\n`` line ends.

    >>> clean_text("Hez\\x00bollah\\r\\nsaid")
    'Hezbollah\\nsaid'
    """
    return _XML_INVALID.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def clean_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with every string cleaned by `clean_text`, node ids included.

    Two ids that become equal once cleaned are told apart by a suffix (``~2``…).
    """
    H = G.__class__()
    H.graph.update(_clean(dict(G.graph)))
    mapping: dict = {}
    taken: set = set()
    for n in G:
        new = _clean(n) if isinstance(n, str) else n
        if new in taken:
            i = 2
            while f"{new}~{i}" in taken:
                i += 1
            new = f"{new}~{i}"
        taken.add(new)
        mapping[n] = new
    for n, d in G.nodes(data=True):
        attrs = _clean(d)
        if "id" in attrs and attrs["id"] == _clean(n):
            attrs["id"] = mapping[n]
        H.add_node(mapping[n], **attrs)
    for u, v, d in G.edges(data=True):
        attrs = _clean(d)
        for key in ("from", "to"):
            end = d.get(key)
            if isinstance(end, str) and end in mapping:
                attrs[key] = mapping[end]
        H.add_edge(mapping[u], mapping[v], **attrs)
    return H


def to_node_link_json(G: nx.Graph) -> str:
    """Node-link JSON (``edges`` key), indent 1, non-ASCII kept as is.

    >>> G = nx.Graph(); G.add_node("iran", label="Iran"); G.add_node("isr", label="Israel")
    >>> G.add_edge("iran", "isr", relation="hostility")
    >>> json.loads(to_node_link_json(G))["edges"]
    [{'relation': 'hostility', 'source': 'iran', 'target': 'isr'}]
    """
    data = nx.node_link_data(clean_graph(G), edges="edges")
    return json.dumps(data, indent=1, ensure_ascii=False, default=str)


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(list(value) if isinstance(value, (tuple, set)) else value,
                          ensure_ascii=False, default=str)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _flat_graph(G: nx.Graph, *, drop_graph_keys: tuple[str, ...] = ()) -> nx.Graph:
    """Cleaned copy with attribute values GraphML/GEXF can hold (each key one type)."""
    H = clean_graph(G)
    for key in list(H.graph):
        if key in drop_graph_keys:
            del H.graph[key]
        else:
            H.graph[key] = _flat(H.graph[key])
    for _, d in H.nodes(data=True):
        for k in d:
            d[k] = _flat(d[k])
    for _, _, d in H.edges(data=True):
        for k in d:
            d[k] = _flat(d[k])
    _unify_types([d for _, d in H.nodes(data=True)])
    _unify_types([d for _, _, d in H.edges(data=True)])
    return H


def _unify_types(rows: list[dict]) -> None:
    """GraphML/GEXF declare one type per key: where a key mixes types, make it a string."""
    kinds: dict[str, set[type]] = {}
    for d in rows:
        for k, v in d.items():
            kinds.setdefault(k, set()).add(type(v))
    mixed = {k for k, ts in kinds.items() if len(ts) > 1 and ts != {int, float}}
    for d in rows:
        for k in mixed & d.keys():
            d[k] = json.dumps(d[k]) if isinstance(d[k], bool) else str(d[k])
        for k, ts in kinds.items():  # ints and floats together: floats
            if ts == {int, float} and k in d:
                d[k] = float(d[k])


def to_graphml(G: nx.Graph) -> bytes:
    """GraphML (UTF-8); lists and dicts as JSON strings, None as ``""``."""
    buf = io.BytesIO()
    nx.write_graphml(_flat_graph(G), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(G: nx.Graph) -> bytes:
    """GEXF 1.2 (UTF-8); lists and dicts as JSON strings, None as ``""``.

    Graph-level attributes are left out (GEXF has no place for them).
    """
    H = _flat_graph(G, drop_graph_keys=tuple(G.graph))
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8")
    return buf.getvalue()


def neutralise_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would take for a formula gets a leading ``'``.

    >>> neutralise_cell('=HYPERLINK("http://x")'), neutralise_cell("-1"), neutralise_cell(-1)
    ('\\'=HYPERLINK("http://x")', "'-1", -1)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return neutralise_cell(value)


def _write_csv(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([[_cell(v) for v in row] for row in rows])
    return buf.getvalue()


def nodes_csv(G: nx.Graph) -> str:
    """One row per actor: the columns of `NODE_COLUMNS` (``degree`` computed here)."""
    H = clean_graph(G)
    rows = []
    for n, d in H.nodes(data=True):
        row = {**d, "id": n, "degree": H.degree(n)}
        rows.append([row.get(c) for c in NODE_COLUMNS])
    return _write_csv(NODE_COLUMNS, rows)


def edges_csv(G: nx.Graph) -> str:
    """One row per relation: the columns of `EDGE_COLUMNS`; evidence sentences joined by `` | ``."""
    H = clean_graph(G)
    rows = []
    for u, v, d in H.edges(data=True):
        row = {**d, "source": u, "target": v,
               "source_label": H.nodes[u].get("label", u), "target_label": H.nodes[v].get("label", v)}
        rows.append([row.get(c) for c in EDGE_COLUMNS])
    return _write_csv(EDGE_COLUMNS, rows)


def to_html(G: nx.Graph, **kw: Any) -> str:
    """The standalone graph page of `actorgraph.render.render_html` (same keyword arguments)."""
    from actorgraph.render import render_html

    return render_html(clean_graph(G), **kw)
