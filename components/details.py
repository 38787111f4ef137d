"""The details of one actor: its allies, enemies and other links, each with the sentences behind
it and the two actors' names (and the words that carry the claim) marked.

Everything from the article goes through ``safe.highlight``/``safe.esc`` into ``st.html``:
escaped text plus our own tags, never markdown.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import streamlit as st

from actorgraph.corrections import USER_PREFIX
from actorgraph.model import ALLIANCE, HOSTILITY
from components import state
from components.corrections import actor_corrections, relation_corrections
from components.labels import country_label, relation_label, type_label
from components.safe import esc, highlight
from components.view import View

MARK_ACTOR = "background:#cfe3ff;color:#10243e;padding:0 2px;border-radius:3px"
MARK_OTHER = "background:#ffe0b2;color:#3e2400;padding:0 2px;border-radius:3px"
MARK_CUE = ("background:transparent;color:inherit;text-decoration:underline;"
            "text-decoration-thickness:2px;font-weight:600")
EXPAND_UP_TO = 4  # links of an actor shown open
SECTIONS = (
    ("allies", "Allies", "#2e7d32"),
    ("enemies", "Enemies", "#c62828"),
    ("other", "Other links", "#757575"),
)


@dataclass(frozen=True)
class Link:
    other: str  # neighbour id
    data: dict  # edge attributes


def links_of(G: nx.Graph, node: str) -> dict[str, list[Link]]:
    """The node's edges split into allies, enemies and other links, most confident first."""
    out: dict[str, list[Link]] = {"allies": [], "enemies": [], "other": []}
    for _, other, d in G.edges(node, data=True):
        rel = d.get("relation")
        section = "allies" if rel == ALLIANCE else "enemies" if rel == HOSTILITY else "other"
        out[section].append(Link(other, d))
    for links in out.values():
        links.sort(key=lambda ln: (-float(ln.data.get("confidence") or 0),
                                   -int(ln.data.get("weight") or 0),
                                   str(G.nodes[ln.other].get("label", ln.other)).casefold()))
    return out


def _terms(G: nx.Graph, node: str) -> list[str]:
    d = G.nodes[node]
    return [str(d.get("label") or node), *(str(m) for m in d.get("mentions") or ())]


def _label(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def actor_card_html(G: nx.Graph, node: str) -> str:
    d = G.nodes[node]
    country = country_label(str(d.get("country") or ""), str(d.get("country_name") or ""))
    mentions = [str(m) for m in d.get("mentions") or ()]
    others = [m for m in mentions if m != d.get("label")]
    parts = [
        f'<div style="font-size:1.25rem;font-weight:600">{esc(_label(G, node))}</div>',
        f'<div style="opacity:.8">{esc(type_label(str(d.get("type") or "other")))} · '
        f'{esc(country)} · {int(d.get("mention_count") or len(mentions))} mention(s)</div>',
    ]
    if others:
        parts.append(f'<div style="opacity:.8">Also called: {esc(", ".join(others))}</div>')
    return '<div class="ag-actor-card">' + "".join(parts) + "</div>"


def link_html(G: nx.Graph, node: str, link: Link, *, both_names: bool = False,
              expanded: bool = False) -> str:
    """One link as a ``<details>`` element: summary line, then each sentence, marked.

    The summary names the other actor (both actors when ``both_names``).
    """
    d, other = link.data, link.other
    rel = str(d.get("relation") or "")
    head = esc(_label(G, other))
    if both_names:
        head = f"{esc(_label(G, node))} — {head}"
    meta = [relation_label(rel)]
    if d.get("directed") and d.get("from") in G and d.get("to") in G:
        meta.append(f"{_label(G, d['from'])} → {_label(G, d['to'])}")
    if d.get("confidence") is not None:
        meta.append(f"confidence {float(d['confidence']):.2f}")
    n = int(d.get("weight") or len(d.get("evidence") or ()))
    meta.append(f"{n} sentence{'s' if n != 1 else ''}")
    warn = ""
    if d.get("conflicting"):
        warn = ('<div style="color:#b26a00;margin:2px 0 4px">⚠ Conflicting evidence: the text '
                'has both alliance and hostility claims for this pair.</div>')
    terms = ([(t, 0) for t in _terms(G, node)] + [(t, 1) for t in _terms(G, other)])
    claims = list(d.get("claims") or ())
    items = []
    for sentence in d.get("evidence") or ():
        if str(sentence).startswith(USER_PREFIX):  # the user's own correction, not the article's
            items.append(f'<li class="ag-user-note" style="margin-bottom:6px;list-style:none;'
                         f'margin-left:-1.2rem">✎ <i>{esc(sentence)}</i></li>')
            continue
        own = [c for c in claims if c.get("sentence") == sentence]
        cues = [(str(c.get("cue")), 2) for c in own if c.get("cue")]
        body = highlight(str(sentence), terms + cues, styles=(MARK_ACTOR, MARK_OTHER, MARK_CUE))
        why = "; ".join(
            f"{relation_label(str(c.get('relation')))}"
            + (f" ({c.get('cue')})" if c.get("cue") else "")
            + (f" {float(c['confidence']):.2f}" if c.get("confidence") is not None else "")
            for c in own)
        note = f'<div style="font-size:.8rem;opacity:.7">{esc(why)}</div>' if why else ""
        items.append(f'<li style="margin-bottom:6px">“{body}”{note}</li>')
    evidence = ("<ol style='margin:4px 0 4px 1.2rem;padding:0'>" + "".join(items) + "</ol>"
                if items else "<div style='opacity:.7'>No sentence recorded.</div>")
    return (f'<details class="ag-link" style="margin:2px 0 6px"{" open" if expanded else ""}>'
            f'<summary style="cursor:pointer"><b>{head}</b> '
            f'<span style="opacity:.75">· {esc(" · ".join(meta))}</span></summary>'
            f"{warn}{evidence}</details>")


def section_html(G: nx.Graph, node: str, links: list[Link], title: str, colour: str,
                 *, expanded: bool = False) -> str:
    rows = "".join(link_html(G, node, ln, expanded=expanded) for ln in links)
    if not links:  # say so, rather than a bare heading
        rows = "<div style='opacity:.7;margin:2px 0 6px'>None among the actors shown.</div>"
    return (f'<div class="ag-section"><div style="font-weight:600;color:{esc(colour)};'
            f'margin-top:6px">{esc(title)} ({len(links)})</div>{rows}</div>')


def actor_picker(view: View) -> str | None:
    """Selectbox of the actors shown; it follows clicks on the graph (``state.SELECTED``)."""
    H = view.graph
    labels = {n: _label(H, n) for n in H}
    ids = sorted(labels, key=lambda n: labels[n].casefold())
    selected = st.session_state.get(state.SELECTED)
    wkey = state.widget_key(state.SELECTED)
    st.session_state[wkey] = selected if selected in labels else None
    st.selectbox(
        "Actor", ids, index=None, key=wkey, format_func=labels.__getitem__,
        placeholder="Choose an actor, or click one in the graph",
        on_change=_keep_selected,
    )
    return selected if selected in labels else None


def _keep_selected() -> None:
    value = st.session_state[state.widget_key(state.SELECTED)]
    if value is not None:  # clearing the box keeps the actor shown until another is chosen
        st.session_state[state.SELECTED] = value


def details_panel(view: View) -> None:
    """The actor picker and, for the chosen actor, its card and its links."""
    with st.container(key="ag_details"):
        st.subheader("Actor details", anchor=False)
        node = actor_picker(view)
        selected = st.session_state.get(state.SELECTED)
        if node is None:
            if selected is not None and selected in view.full:
                st.caption("The actor chosen before is hidden by the current filters.")
            else:
                st.caption("Click an actor in the graph, or choose one above, to see who it is "
                           "allied with or hostile to, and the sentences that say so.")
            return
        H = view.graph
        st.html(actor_card_html(H, node))
        actor_corrections(view, node)
        links = links_of(H, node)
        # few links: show their sentences at once; many: one line each, opened on click
        expanded = sum(map(len, links.values())) <= EXPAND_UP_TO
        for key, title, colour in SECTIONS:
            if links[key] or key != "other":
                st.html(section_html(H, node, links[key], title, colour, expanded=expanded))
        hidden = view.full.degree(node) - H.degree(node)
        if hidden > 0:
            more = f"{hidden} more link{'s are' if hidden != 1 else ' is'}"
            st.caption(f"{more} hidden by the filters.")


def select_row(table_key: str, ids: list[str]) -> None:
    """on_select callback of a table with one row per actor (``ids`` in row order)."""
    event = st.session_state.get(table_key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and 0 <= rows[0] < len(ids):
        st.session_state[state.SELECTED] = ids[rows[0]]


def select_pair(table_key: str, pairs: list[tuple[str, str]]) -> None:
    """on_select callback of a table with one row per relation (``pairs`` in row order)."""
    event = st.session_state.get(table_key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and 0 <= rows[0] < len(pairs):
        st.session_state[state.SELECTED_PAIR] = pairs[rows[0]]


def relation_panel(view: View) -> None:
    """The evidence of the relation chosen in the Relations table, marked like the details."""
    pair = st.session_state.get(state.SELECTED_PAIR)
    H = view.graph
    if not pair or not H.has_edge(*pair):
        st.caption("Click a row to read the sentences behind that relation, with the actors and "
                   "the words that carry the claim marked.")
        return
    a, b = pair
    with st.container(key="ag_relation_evidence"):
        st.html(link_html(H, a, Link(b, H.edges[a, b]), both_names=True, expanded=True))
    relation_corrections(view, a, b)
