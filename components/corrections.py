"""The user's corrections in the app: the controls, the undo list, files, and where they are kept.

* ``corrected(extraction)`` is the one place they apply: ``components/view.py`` builds every
  page's View from it, so the graph, tables, Analysis page and downloads all show the corrected
  article. The cached extraction is never changed (``actorgraph.corrections.apply`` returns a
  new one); the result is memoised per session on (extraction, corrections).
* Each browser has a random token in its URL (``?ag=…``, set by ``ensure_token`` on every run):
  its corrections are kept under that token and the article's text hash, in the app's store
  when one is configured (``ACTORGRAPH_DB``; there the aliases and merges also apply to the
  browser's next articles), else as JSON files under ``ACTORGRAPH_CORRECTIONS_DIR``. A reload
  keeps the URL, so the same article comes back with its corrections; another browser has
  another token and never sees them.
* Controls: ``actor_corrections`` (details panel: rename, alias, merge, relabel a link,
  remove) and ``relation_corrections`` (a relation's evidence panel); ``corrections_panel``
  (sidebar): the list, each with Undo, and download/upload as JSON.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import networkx as nx
import streamlit as st

from actorgraph import corrections as cx
from actorgraph.correction_store import (CorrectionStore, DbCorrectionStore, FileCorrectionStore,
                                         new_token, valid_token)
from actorgraph.corrections import Correction, Corrections, CorrectionsError
from actorgraph.errors import ActorGraphError
from actorgraph.graph import node_label
from actorgraph.model import ALLIANCE, HOSTILITY, Extraction
from actorgraph.store import text_hash
from components import state
from components.labels import relation_label
from components.safe import md_escape

if TYPE_CHECKING:
    from components.view import View

log = logging.getLogger(__name__)

LABEL_CHOICES = {ALLIANCE: "Alliance", HOSTILITY: "Hostility", cx.NONE: "No relation"}
ACTOR_BOX = "ag_correct_actor"  # container keys (CSS class st-key-…, for the browser tests)
RELATION_BOX = "ag_correct_relation"
PANEL_BOX = "ag_corrections"
W_UPLOAD = "ag_corr_upload"


# --- token and store ---------------------------------------------------------------------------

def ensure_token() -> str:
    """This browser's token, kept in the session and mirrored in the URL (``?ag=…``).

    A new session (a reload) takes the URL's token when it is well formed, else makes one. Page
    changes may drop the query parameter; it is put back on the next run.
    """
    ss = st.session_state
    token = ss.get(state.C_TOKEN)
    if not valid_token(token):
        asked = st.query_params.get(state.TOKEN_PARAM)
        token = asked if valid_token(asked) else new_token()
        ss[state.C_TOKEN] = token
    if st.query_params.get(state.TOKEN_PARAM) != token:
        st.query_params[state.TOKEN_PARAM] = token
    said = ss.get(state.C_MESSAGE)
    if said is not None:  # a message is for the run right after it was said, not for later ones
        if said[3] >= 1:
            del ss[state.C_MESSAGE]
        else:
            ss[state.C_MESSAGE] = (*said[:3], said[3] + 1)
    return token


def _store() -> CorrectionStore:
    store = st.session_state.get(state.C_STORE)
    if store is None:
        from components import corpus_store

        store = FileCorrectionStore()
        if corpus_store.configured_db():
            db = corpus_store.get_store()
            if not corpus_store.is_session_store(db):  # the configured one did open
                store = DbCorrectionStore(db)
        st.session_state[state.C_STORE] = store
    return store


def _token() -> str:
    token = st.session_state.get(state.C_TOKEN)
    return token if valid_token(token) else ensure_token()


# --- the corrections of the current article ----------------------------------------------------

def article_hash(extraction: Extraction) -> str:
    memo = st.session_state.get(state.C_HASH_MEMO)
    if memo is not None and memo[0] is extraction:
        return memo[1]
    digest = text_hash(extraction.article.text)
    st.session_state[state.C_HASH_MEMO] = (extraction, digest)
    return digest


def current(extraction: Extraction) -> Corrections:
    """The corrections of ``extraction``'s article: this session's, else the kept ones, else
    (with a store) the aliases and merges of the browser's other articles that fit it."""
    digest = article_hash(extraction)
    lists = st.session_state.setdefault(state.C_LISTS, {})
    if digest in lists:
        return lists[digest]
    title = extraction.article.title or extraction.article.source
    store, token = _store(), _token()
    found: Corrections | None = None
    try:
        found = store.load(token, digest)
    except CorrectionsError as exc:
        _say("error", str(exc))
    except ActorGraphError as exc:
        _say("error", f"The kept corrections could not be read: {exc}")
    except Exception as exc:  # a bug: say so, go on without them, log the trace
        log.exception("reading the corrections of %s failed", digest[:12])
        _say("error", f"The kept corrections could not be read because of an internal error "
                      f"({type(exc).__name__}).")
    if found is None:
        carried = ()
        if store.carries_over:
            try:
                carried = cx.carry_over(extraction, store.all(token))
            except Exception as exc:  # carrying over is a help, never a reason to fail
                log.warning("carrying corrections over failed: %s", exc)
        found = Corrections(digest, carried, title)
    lists[digest] = found
    return found


def corrected(extraction: Extraction | None) -> Extraction | None:
    """``extraction`` with the user's corrections applied (the very object when there are none)."""
    if extraction is None:
        return None
    cs = current(extraction)
    memo = st.session_state.get(state.C_MEMO)
    if memo is not None and memo[0] is extraction and memo[1] == cs:
        return memo[2]
    out, notes = cx.applied(extraction, cs)
    st.session_state[state.C_MEMO] = (extraction, cs, out, notes)
    return out


def notes(extraction: Extraction) -> tuple[str | None, ...]:
    """Per correction of the article, its note (None: it did not apply)."""
    corrected(extraction)
    return st.session_state[state.C_MEMO][3]


def applied_notes(extraction: Extraction | None) -> tuple[str, ...]:
    """The notes of the corrections that applied, in order (for the files)."""
    return () if extraction is None else tuple(n for n in notes(extraction) if n)


def _commit(new: Corrections, message: str, box: str = PANEL_BOX) -> bool:
    """Make ``new`` the article's corrections, keep them, and say so."""
    st.session_state.setdefault(state.C_LISTS, {})[new.article] = new
    try:
        _store().save(_token(), new)
    except ActorGraphError as exc:
        _say("error", f"{message}, but {exc}", box)
        return True
    except Exception as exc:  # a bug: the correction holds in this session; say it is not kept
        log.exception("saving corrections failed")
        _say("error", f"{message}, but it could not be kept because of an internal error "
                      f"({type(exc).__name__}); download the corrections to keep them.", box)
        return True
    _say("success", message, box)
    return True


def _say(kind: str, text: str, box: str = PANEL_BOX) -> None:
    """Say ``text`` once, beside the controls used (``box``: the key of their container)."""
    st.session_state[state.C_MESSAGE] = (kind, text, box, 0)  # its age: see ensure_token


def _add(make, message: str, box: str = ACTOR_BOX) -> bool:
    """Add the correction ``make()`` builds to the current article's list."""
    extraction = state.current()
    if extraction is None:
        return False
    try:
        c: Correction = make()
        new = current(extraction).added(c)
    except CorrectionsError as exc:
        _say("error", str(exc), box)
        return False
    st.session_state.setdefault(state.C_LISTS, {})[new.article] = new
    note = notes(extraction)[-1]  # what it did, in words ("SNA merged into …")
    if note is None:
        message = f"{message}: nothing changed (an actor it names is not in this article)"
    else:
        message = note[len(cx.USER_PREFIX):]
        message = message[:1].upper() + message[1:]
    return _commit(new, message, box)


# --- callbacks (run before the script, so the whole run shows the corrected article) ----------

def _on_rename(node: str, key: str) -> None:
    _add(lambda: cx.rename(node, st.session_state.get(key) or ""), "Renamed")


def _on_alias(node: str, key: str) -> None:
    value = st.session_state.get(key) or ""
    if _add(lambda: cx.alias(node, value), f"Added the alias {' '.join(value.split())!r}"):
        st.session_state[key] = ""


def _on_merge(node: str, key: str) -> None:
    into = st.session_state.get(key)
    if not into:
        _say("error", "Choose the actor to merge into first.", ACTOR_BOX)
        return
    if _add(lambda: cx.merge(node, into), "Merged"):
        st.session_state[state.SELECTED] = into
        if st.session_state.get(state.F_FOCUS) == node:
            st.session_state[state.F_FOCUS] = into


def _on_remove(node: str) -> None:
    if _add(lambda: cx.remove(node), "Removed the actor"):
        st.session_state[state.SELECTED] = None


def _on_relabel(a: str, b: str, key: str, box: str = RELATION_BOX) -> None:
    label = st.session_state.get(key)
    if label not in cx.LABELS:
        _say("error", "Choose alliance, hostility or no relation first.", box)
        return
    _add(lambda: cx.relabel(a, b, label), f"Relation set to {LABEL_CHOICES[label].lower()}", box)


def _on_relabel_link(a: str, other_key: str, label_key: str) -> None:
    b = st.session_state.get(other_key)
    if not b:
        _say("error", "Choose the other actor of the relation first.", ACTOR_BOX)
        return
    _on_relabel(a, b, label_key, ACTOR_BOX)


def _on_undo(index: int, item: Correction) -> None:
    extraction = state.current()
    if extraction is None:
        return
    cs = current(extraction)
    if index < len(cs.items) and cs.items[index] == item:
        note = notes(extraction)[index]
        _commit(cs.without(index), "Undone: " + (note[len(cx.USER_PREFIX):] if note
                                                 else _describe(item)))


def _on_upload() -> None:
    uploaded = st.session_state.get(W_UPLOAD)
    extraction = state.current()
    if uploaded is None or extraction is None:
        return
    if st.session_state.get(state.C_UPLOAD_SEEN) == uploaded.file_id:
        return
    st.session_state[state.C_UPLOAD_SEEN] = uploaded.file_id
    try:
        loaded = cx.from_json(uploaded.getvalue())
    except CorrectionsError as exc:
        _say("error", f"{uploaded.name}: {exc}")
        return
    try:
        new, added = cx.combine(current(extraction), loaded)
    except CorrectionsError as exc:
        _say("error", f"{uploaded.name}: {exc}")
        return
    _commit(new, f"Read {len(loaded.items)} correction(s) from {uploaded.name}: {added} new")


# --- controls ------------------------------------------------------------------------------------


def actor_corrections(view: View, node: str) -> None:
    """Rename, alias, merge, relabel one of its links, remove: for the actor shown."""
    G = view.full
    if node not in G:
        return
    name = node_label(G, node)
    with st.container(key=ACTOR_BOX):
        for note in G.nodes[node].get("corrections") or ():
            st.caption("✎ " + md_escape(note))
        with st.expander("Correct this actor", icon=":material/edit:"):
            _message(ACTOR_BOX)
            with st.form(f"ag_corr_rename_form:{node}", border=False):
                key = f"ag_corr_rename:{node}"
                st.text_input("Name", value=name, key=key, max_chars=cx.MAX_NAME_CHARS)
                st.form_submit_button("Rename", on_click=_on_rename, args=(node, key))
            with st.form(f"ag_corr_alias_form:{node}", border=False):
                key = f"ag_corr_alias:{node}"
                st.text_input("Another name for it", key=key, max_chars=cx.MAX_NAME_CHARS,
                              placeholder="e.g. Tehran", help="Mentions of this name in the "
                              "article count as this actor's; an actor the article calls so "
                              "is merged into it.")
                st.form_submit_button("Add alias", on_click=_on_alias, args=(node, key))
            others = sorted((n for n in G if n != node), key=lambda n: node_label(G, n).casefold())
            key = f"ag_corr_merge:{node}"
            st.selectbox("Same actor as", others, index=None, key=key,
                         format_func=lambda n: node_label(G, n), placeholder="Choose an actor",
                         help=f"{name} is merged into it: its names and relations join it.")
            st.button("Merge into it", key=f"ag_corr_merge_btn:{node}", on_click=_on_merge,
                      args=(node, key))
            linked = sorted(G[node], key=lambda n: node_label(G, n).casefold())
            if linked:
                other_key, label_key = f"ag_corr_link:{node}", f"ag_corr_link_label:{node}"
                st.selectbox(
                    "Change its relation with", linked, index=None, key=other_key,
                    placeholder="Choose a linked actor",
                    format_func=lambda n: (f"{node_label(G, n)} "
                                           f"({relation_label(str(G.edges[node, n].get('relation')))})"))
                st.segmented_control("New label", list(LABEL_CHOICES), key=label_key,
                                     format_func=LABEL_CHOICES.__getitem__)
                st.button("Change the relation", key=f"ag_corr_link_btn:{node}",
                          on_click=_on_relabel_link, args=(node, other_key, label_key))
            st.button(f"Remove {name}" if len(name) <= 40 else "Remove this actor",
                      key=f"ag_corr_remove:{node}", icon=":material/delete:",
                      on_click=_on_remove, args=(node,),
                      help="Not an actor of this article: it goes with its relations.")


def relation_corrections(view: View, a: str, b: str) -> None:
    """Set the label of the relation between ``a`` and ``b``: alliance, hostility or none."""
    G = view.full
    if a not in G or b not in G:
        return
    now = G.edges[a, b].get("relation") if G.has_edge(a, b) else cx.NONE
    with st.container(key=RELATION_BOX):
        _message(RELATION_BOX)
        key = f"ag_corr_relabel:{a}|{b}"
        if st.session_state.get(key) not in LABEL_CHOICES:
            st.session_state[key] = now if now in LABEL_CHOICES else None
        st.segmented_control(f"Correct the label of {node_label(G, a)} — {node_label(G, b)}",
                             list(LABEL_CHOICES), key=key, format_func=LABEL_CHOICES.__getitem__)
        st.button("Apply the label", key=f"ag_corr_relabel_btn:{a}|{b}", icon=":material/edit:",
                  on_click=_on_relabel, args=(a, b, key))


def _message(box: str) -> None:
    said = st.session_state.get(state.C_MESSAGE)
    if said and said[2] == box:
        del st.session_state[state.C_MESSAGE]
        kind, text = said[:2]
        (st.error if kind == "error" else st.success)(md_escape(text))


def corrections_panel(view: View) -> None:
    """The article's corrections, newest last, each with Undo; download and upload as JSON."""
    base = state.current()
    if base is None:
        return
    cs = current(base)
    shown = notes(base)
    with st.container(key=PANEL_BOX):
        # keyed: the count in the label changes, and the list must stay open when it does
        with st.expander(f"Your corrections ({len(cs)})", icon=":material/edit_note:",
                         key="ag_corr_panel"):
            _message(PANEL_BOX)
            if not cs.items:
                st.caption("None yet. Correct an actor or a relation from its details (click it "
                           "in the graph, or a row of a table).")
            for i, (c, note) in enumerate(zip(cs.items, shown)):
                text = note[len(cx.USER_PREFIX):] if note else f"{_describe(c)} (not applied: an " \
                    "actor it names is not in this article)"
                if c.carried_from:
                    text += f" — from {c.carried_from}"
                left, right = st.columns([4, 1], vertical_alignment="center")
                left.caption(md_escape(text))
                right.button("Undo", key=f"ag_corr_undo:{i}", on_click=_on_undo, args=(i, c),
                             type="tertiary")
            st.download_button("Download corrections (JSON)", cx.to_json(cs),
                               file_name=f"actorgraph-corrections-{cs.article[:12]}.json",
                               mime="application/json", key="ag_corr_download",
                               on_click="ignore", icon=":material/download:")
            st.file_uploader("Upload corrections (JSON)", type=["json"], key=W_UPLOAD,
                             on_change=_on_upload,
                             help="A file downloaded here; its corrections join this article's.")


def _describe(c: Correction) -> str:
    if c.kind == cx.RELABEL:
        return f"relation {c.actor} — {c.other} set to {c.value}"
    if c.kind == cx.MERGE:
        return f"{c.actor} merged into {c.other}"
    if c.kind in (cx.RENAME, cx.ALIAS):
        return f"{c.kind} {c.actor}: {c.value}"
    return f"{c.kind} {c.actor}"
