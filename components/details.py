"""The details panel: one actor (its allies, enemies and other links) or one relation (its label,
direction, confidence, kind of event and every sentence behind it), whichever the user chose last
(``state.DETAILS_SHOWS``): a click on a node or an edge of the graph, a table row, a focus.

In every sentence the two actors' names and the words that carry the claim (its cue) are marked.
Everything from the article goes through ``safe.highlight``/``safe.esc`` into ``st.html``:
escaped text plus our own tags, never markdown.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import streamlit as st

from actorgraph.corrections import USER_PREFIX
from actorgraph.graph import node_label
from actorgraph.model import ALLIANCE, HOSTILITY
from actorgraph.render import EDGE_STYLES, WEAK_CONFIDENCE
from components import state
from components.corrections import actor_corrections, relation_corrections
from components.labels import country_label, relation_label, type_label
from components.safe import esc, highlight, md_escape
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


def actor_card_html(G: nx.Graph, node: str) -> str:
    d = G.nodes[node]
    country = country_label(str(d.get("country") or ""), str(d.get("country_name") or ""))
    mentions = [str(m) for m in d.get("mentions") or ()]
    others = [m for m in mentions if m != d.get("label")]
    parts = [
        f'<div style="font-size:1.25rem;font-weight:600">{esc(node_label(G, node))}</div>',
        f'<div style="opacity:.8">{esc(type_label(str(d.get("type") or "other")))} · '
        f'{esc(country)} · {int(d.get("mention_count") or len(mentions))} mention(s)</div>',
    ]
    if others:
        parts.append(f'<div style="opacity:.8">Also called: {esc(", ".join(others))}</div>')
    return '<div class="ag-actor-card">' + "".join(parts) + "</div>"


def _cameo_name(code: str) -> str:
    """The name of a CAMEO root ("19" → "fight"), "" when unknown."""
    if not code:
        return ""
    from actorgraph.relations.cameo import load_cameo  # the engine's own copy, loaded once

    return str(load_cameo().roots.get(code[:2], {}).get("name") or "")


def quad_text(quad: str, cameo: str = "") -> str:
    """A claim's kind of event in words: "material conflict (CAMEO 19: fight)"."""
    text = quad.replace("_", " ")
    if cameo:
        name = _cameo_name(cameo)
        text += f" (CAMEO {cameo}{': ' + name if name else ''})" if text else f"CAMEO {cameo}"
    return text


def _direction(G: nx.Graph, d: dict) -> str | None:
    if d.get("directed") and d.get("from") in G and d.get("to") in G:
        return f"{node_label(G, d['from'])} → {node_label(G, d['to'])}"
    return None


def evidence_html(G: nx.Graph, a: str, b: str, d: dict) -> str:
    """Every sentence of the edge ``a``–``b`` (attributes ``d``) as a list, with both actors'
    names and each claim's cue marked, and under it what each claim says."""
    terms = [(t, 0) for t in _terms(G, a)] + [(t, 1) for t in _terms(G, b)]
    claims = list(d.get("claims") or ())
    items = []
    for sentence in d.get("evidence") or ():
        sentence = str(sentence)
        if sentence.startswith(USER_PREFIX):  # the user's own correction, not the article's
            items.append(f'<li class="ag-user-note" style="margin-bottom:6px;list-style:none;'
                         f'margin-left:-1.2rem">✎ <i>{esc(sentence)}</i></li>')
            continue
        own = [c for c in claims if c.get("sentence") == sentence]
        fixed, cues = [], []
        for c in own:
            cue, at = str(c.get("cue") or ""), c.get("cue_start")
            if cue and isinstance(at, int) and at >= 0 and sentence[at:at + len(cue)] == cue:
                fixed.append((at, at + len(cue), 2))  # where the engine found it
            elif cue:
                cues.append((cue, 2))
        body = highlight(sentence, terms + cues, styles=(MARK_ACTOR, MARK_OTHER, MARK_CUE),
                         fixed=fixed)
        why = "; ".join(_claim_note(G, c) for c in own)
        note = f'<div style="font-size:.8rem;opacity:.7">{esc(why)}</div>' if why else ""
        items.append(f'<li style="margin-bottom:6px;overflow-wrap:anywhere">“{body}”{note}</li>')
    if not items:
        return "<div style='opacity:.7'>No sentence recorded.</div>"
    return "<ol style='margin:4px 0 4px 1.2rem;padding:0'>" + "".join(items) + "</ol>"


def _claim_note(G: nx.Graph, c: dict) -> str:
    parts = [relation_label(str(c.get("relation")))]
    if c.get("cue"):
        parts[0] += f" (cue: {c.get('cue')})"
    if c.get("directed") and c.get("source") in G and c.get("target") in G:
        parts.append(f"{node_label(G, c['source'])} → {node_label(G, c['target'])}")
    if c.get("quad") or c.get("cameo"):
        parts.append(quad_text(str(c.get("quad") or ""), str(c.get("cameo") or "")))
    if c.get("confidence") is not None:
        parts.append(f"{float(c['confidence']):.2f}")
    return " · ".join(parts)


def link_html(G: nx.Graph, node: str, link: Link, *, both_names: bool = False,
              expanded: bool = False) -> str:
    """One link as a ``<details>`` element: summary line, then each sentence, marked.

    The summary names the other actor (both actors when ``both_names``).
    """
    d, other = link.data, link.other
    rel = str(d.get("relation") or "")
    head = esc(node_label(G, other))
    if both_names:
        head = f"{esc(node_label(G, node))} — {head}"
    meta = [relation_label(rel)]
    if _direction(G, d):
        meta.append(_direction(G, d))
    if d.get("confidence") is not None:
        meta.append(f"confidence {float(d['confidence']):.2f}")
    n = int(d.get("weight") or len(d.get("evidence") or ()))
    meta.append(f"{n} sentence{'s' if n != 1 else ''}")
    return (f'<details class="ag-link" style="margin:2px 0 6px"{" open" if expanded else ""}>'
            f'<summary style="cursor:pointer"><b>{head}</b> '
            f'<span style="opacity:.75">· {esc(" · ".join(meta))}</span></summary>'
            f"{_conflict_html(d)}{evidence_html(G, node, other, d)}</details>")


def _conflict_html(d: dict) -> str:
    if not d.get("conflicting"):
        return ""
    return ('<div style="color:#b26a00;margin:2px 0 4px">⚠ Conflicting evidence: the text '
            'has both alliance and hostility claims for this pair.</div>')


def relation_card_html(G: nx.Graph, a: str, b: str) -> str:
    """The whole of one relation: who and whom, label, direction, confidence, kind of event
    (quad class, CAMEO code) and every sentence, marked."""
    d = G.edges[a, b]
    rel = str(d.get("relation") or "")
    colour = EDGE_STYLES.get(rel, ("#757575",))[0]
    direction = _direction(G, d)
    if direction:
        title = esc(direction)
        how = (f"Directed: {node_label(G, d['from'])} acts on {node_label(G, d['to'])} (the text says "
               "who backs, leads or attacks whom).")
    else:
        title = f"{esc(node_label(G, a))} — {esc(node_label(G, b))}"
        how = "Undirected: the text does not say who acts on whom."
    rows = [("Relation", f'<b style="color:{esc(colour)}">{esc(relation_label(rel))}</b>'),
            ("Direction", esc(how))]
    if d.get("confidence") is not None:
        conf = float(d["confidence"])
        weak = " (weak claim)" if conf < WEAK_CONFIDENCE else ""
        rows.append(("Confidence", esc(f"{conf:.2f}{weak}")))
    kind = quad_text(str(d.get("quad") or ""), str(d.get("cameo") or ""))
    rows.append(("Kind of event", esc(kind) if kind else "<span style='opacity:.7'>not coded</span>"))
    n = int(d.get("weight") or len(d.get("evidence") or ()))
    rows.append(("Evidence", esc(f"{n} sentence{'s' if n != 1 else ''}")))
    table = "".join(f'<tr><td style="opacity:.75;padding:1px 10px 1px 0;vertical-align:top">'
                    f'{esc(k)}</td><td style="padding:1px 0">{v}</td></tr>' for k, v in rows)
    return ('<div class="ag-relation-card">'
            f'<div style="font-size:1.15rem;font-weight:600">{title}</div>'
            f'<table style="border:0;margin:4px 0 6px;font-size:.92rem">{table}</table>'
            f"{_conflict_html(d)}"
            '<div style="font-weight:600;margin-top:4px">Sentences</div>'
            f'<div class="ag-evidence">{evidence_html(G, a, b, d)}</div></div>')


def section_html(G: nx.Graph, node: str, links: list[Link], title: str, colour: str,
                 *, expanded: bool = False) -> str:
    rows = "".join(link_html(G, node, ln, expanded=expanded) for ln in links)
    if not links:  # say so, rather than a bare heading
        rows = "<div style='opacity:.7;margin:2px 0 6px'>None among the actors shown.</div>"
    return (f'<div class="ag-section"><div style="font-weight:600;color:{esc(colour)};'
            f'margin-top:6px">{esc(title)} ({len(links)})</div>{rows}</div>')


def actor_picker(view: View) -> str | None:
    """Selectbox of the actors shown; it follows clicks on the graph (``state.SELECTED``) and is
    empty while the panel shows a relation."""
    H = view.graph
    labels = {n: node_label(H, n) for n in H}
    ids = sorted(labels, key=lambda n: labels[n].casefold())
    selected = st.session_state.get(state.SELECTED)
    if st.session_state.get(state.DETAILS_SHOWS) == "relation":
        selected = None
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
        state.show_actor(value)


def details_panel(view: View) -> None:
    """The actor picker and, below it, the chosen actor (card and links) or the chosen relation."""
    with st.container(key="ag_details"):
        st.subheader("Details", anchor=False)
        node = actor_picker(view)
        if st.session_state.get(state.DETAILS_SHOWS) == "relation" and _relation_details(view):
            return
        selected = st.session_state.get(state.SELECTED)
        if node is None:
            if selected is not None and selected in view.full:
                st.caption("The actor chosen before is hidden by the current filters.")
            else:
                st.caption("Click an actor or a link in the graph, or choose an actor above, to "
                           "see who it is allied with or hostile to, and the sentences that say "
                           "so.")
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


def _relation_details(view: View) -> bool:
    """The relation ``state.SELECTED_PAIR`` with buttons to either actor; False (nothing drawn
    but a caption) when the filters hide it or the article no longer has it."""
    pair = st.session_state.get(state.SELECTED_PAIR)
    H = view.graph
    if not pair or not H.has_edge(*pair):
        if pair and view.full.has_edge(*pair):
            st.caption("The relation chosen before is hidden by the current filters.")
        else:
            st.caption("The relation chosen before is not in this article.")
        return True
    a, b = pair
    with st.container(key="ag_relation_details"):
        st.html(relation_card_html(H, a, b))
        cols = st.columns(2)
        for i, (col, node) in enumerate(zip(cols, (a, b))):
            col.button(md_escape(node_label(H, node)), key=f"ag_show_actor_{i}",
                       icon=":material/person_search:", width="stretch",
                       on_click=state.show_actor, args=(node,),
                       help="Show this actor's allies, enemies and other links")
    relation_corrections(view, a, b)
    return True


def select_row(table_key: str, ids: list[str]) -> None:
    """on_select callback of a table with one row per actor (``ids`` in row order)."""
    event = st.session_state.get(table_key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and 0 <= rows[0] < len(ids):
        state.show_actor(ids[rows[0]])


def select_pair(table_key: str, pairs: list[tuple[str, str]]) -> None:
    """on_select callback of a table with one row per relation (``pairs`` in row order)."""
    event = st.session_state.get(table_key)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if rows and 0 <= rows[0] < len(pairs):
        state.show_relation(*pairs[rows[0]])


def relation_panel(view: View) -> None:
    """The relation chosen in the Relations table, as the details panel shows it."""
    pair = st.session_state.get(state.SELECTED_PAIR)
    H = view.graph
    if not pair or not H.has_edge(*pair):
        st.caption("Click a row to read the sentences behind that relation, with the actors and "
                   "the words that carry the claim marked.")
        return
    with st.container(key="ag_relation_evidence"):
        st.html(relation_card_html(H, *pair))
    relation_corrections(view, *pair)
