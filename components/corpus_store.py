"""Which store the Corpus page reads and fills, and the session-state keys of that page.

The app's store is named by the environment variable ``ACTORGRAPH_DB`` or the Streamlit secret
``actorgraph_db`` (a file path or a SQLAlchemy URL, as for ``batch --db``). Without one, each
session gets a store of its own, a SQLite file in a temporary folder: one user's articles never
reach another session.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st

from actorgraph.store import Store, StoreError, open_store

ENV_VAR = "ACTORGRAPH_DB"
SECRET = "actorgraph_db"

# --- session-state keys of the Corpus page ------------------------------------------------------
STORE = "ag:c:store"  # the open Store of this session
STORE_NOTE = "ag:c:store_note"  # a message about the configured store that could not be opened
SEEN = "ag:c:seen"  # file ids of the uploads already extracted (or refused)
FAILED = "ag:c:failed"  # [(file name, message)] of the uploads that failed
GRAPH_MEMO = "ag:c:graph_memo"  # (key, graph) of the last corpus graph built
ARTICLE = "ag:c:article"  # id of the article whose own graph is shown, or None
PAIR = "ag:c:pair"  # (a, b) of the pair whose history is shown, or None
F_DATES = "ag:c:f:dates"
F_UNDATED = "ag:c:f:undated"
F_COUNTRIES = "ag:c:f:countries"
F_ONLY_COUNTRIES = "ag:c:f:only_countries"  # the countries' actors alone, without their partners
F_RELATIONS = "ag:c:f:relations"
F_TYPES = "ag:c:f:types"
F_MIN_ARTICLES = "ag:c:f:min_articles"
F_HIDE_ISOLATED = "ag:c:f:hide_isolated"
F_FOCUS = "ag:c:f:focus"
F_DEPTH = "ag:c:f:depth"
F_SEARCH = "ag:c:f:search"

DEFAULTS = {
    SEEN: set(), FAILED: [], ARTICLE: None, PAIR: None,
    F_DATES: None, F_UNDATED: True, F_COUNTRIES: [], F_ONLY_COUNTRIES: False, F_RELATIONS: [],
    F_TYPES: [],
    F_MIN_ARTICLES: 1, F_HIDE_ISOLATED: True, F_FOCUS: None, F_DEPTH: 1, F_SEARCH: "",
}


def init_corpus_state() -> None:
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value.copy() if isinstance(value, (set, list)) else value


def configured_db() -> str | None:
    """The app's store from the environment or the secrets, or None."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return value
    try:
        value = str(st.secrets.get(SECRET, "") or "").strip()
    except Exception:  # no secrets file at all: Streamlit raises rather than return nothing
        value = ""
    return value or None


def session_db() -> str:
    return str(Path(tempfile.mkdtemp(prefix="actorgraph-session-")) / "corpus.db")


def get_store() -> Store:
    """This session's store: the configured one, else (or when it cannot be opened) its own."""
    store = st.session_state.get(STORE)
    if store is not None:
        return store
    db = configured_db()
    store = None
    if db:
        try:
            store = open_store(db)
        except StoreError as exc:
            st.session_state[STORE_NOTE] = (f"The configured store could not be opened: {exc} "
                                            "This session uses a store of its own instead.")
    if store is None:
        store = open_store(session_db())
        store.where = "this session only (gone when the server stops)"
    st.session_state[STORE] = store
    return store


def is_session_store(store: Store) -> bool:
    return store.where.startswith("this session")
