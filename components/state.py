"""Session-state keys, their defaults, and the few functions that change them together.

Streamlit forgets the value of a widget that a run does not draw (switching pages does that), so
every value the user sets lives in one of the keys below, and widgets use a separate ``w:`` key
that is seeded from it before the widget is drawn (see ``seed``/``keep``).
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from actorgraph.model import Extraction

# --- the article -------------------------------------------------------------------------------
EXTRACTION = "ag:extraction"  # the last Extraction that worked (never replaced by an error)
# what produced EXTRACTION: "upload:<file id>", "paste:<hash>" or "sample:<file name>"
INPUT_ID = "ag:input_id"
UPLOAD_SEEN = "ag:upload_seen"  # file id of the upload last analysed (or refused): not redone
ERROR = "ag:error"  # message of the last input that failed, shown beside the inputs; None if none
SELECTED = "ag:selected"  # id of the actor whose details are shown, or None
SELECTED_PAIR = "ag:selected_pair"  # (a, b) ids of the relation whose evidence is shown, or None
# what the details panel shows: the actor SELECTED ("actor") or the relation SELECTED_PAIR
# ("relation"), whichever the user chose last (a click on a node or an edge, a table row, a focus)
DETAILS_SHOWS = "ag:details_shows"

# --- filters (sidebar; apply to graph, tables and counts) --------------------------------------
F_COUNTRIES = "ag:f:countries"
F_ONLY_COUNTRIES = "ag:f:only_countries"  # countries' actors alone, without their partners
F_MIN_CONFIDENCE = "ag:f:min_confidence"
F_RELATIONS = "ag:f:relations"
F_TYPES = "ag:f:types"
F_MIN_EVIDENCE = "ag:f:min_evidence"
F_HIDE_ISOLATED = "ag:f:hide_isolated"
F_FOCUS = "ag:f:focus"
F_DEPTH = "ag:f:depth"
F_SEARCH = "ag:f:search"

# --- how the graph is drawn ---------------------------------------------------------------------
D_COLOR_BY = "ag:d:color_by"
D_PHYSICS = "ag:d:physics"
D_HEIGHT = "ag:d:height"

# --- the Analysis page ---------------------------------------------------------------------------
A_SHOW_WEAK = "ag:a:show_weak"  # findings resting on weak claims are shown (off: left out)

# --- per-run and memo keys (not user settings) -------------------------------------------------
VIEW = "ag:view"  # the View (graphs + filters) shown; recomputed when article or filters change
INPUTS_OPEN = "ag:inputs_open"  # the Home page's input panel is open (it folds on each new article)
GO_HOME = "ag:go_home"  # set by "Load another article": the next run switches to Home
HTML_MEMO = "ag:html_memo"  # (key, extraction, html) of the last graph drawn: a rerun resends it
# where the graph draws each actor of the article: {"input": INPUT_ID, "round": n, "pos": {id: (x,
# y)}}; kept while filters change, updated when the user drags actors, redone by "Re-lay out"
LAYOUT = "ag:layout"

# widget key of the graph's click bridge (a st.components.v2 component)
BRIDGE_KEY = "ag_graph_bridge"

FILTER_DEFAULTS: dict[str, Any] = {
    F_COUNTRIES: [],
    F_ONLY_COUNTRIES: False,
    F_RELATIONS: [],
    F_TYPES: [],
    F_MIN_EVIDENCE: 1,
    F_MIN_CONFIDENCE: 0.0,
    F_HIDE_ISOLATED: True,  # actors without any link clutter the picture; the switch shows them
    F_FOCUS: None,
    F_DEPTH: 1,
    F_SEARCH: "",
}
# Filters that name actors or countries of one article; a new article starts without them.
ARTICLE_FILTERS = (F_COUNTRIES, F_FOCUS, F_SEARCH)

DEFAULTS: dict[str, Any] = {
    EXTRACTION: None,
    INPUT_ID: None,
    UPLOAD_SEEN: None,
    ERROR: None,
    SELECTED: None,
    SELECTED_PAIR: None,
    DETAILS_SHOWS: "actor",
    LAYOUT: None,
    INPUTS_OPEN: True,
    GO_HOME: False,
    **FILTER_DEFAULTS,
    D_COLOR_BY: "country",
    D_PHYSICS: False,  # the layout settles, then stops; the toggle keeps it running
    D_HEIGHT: 650,
    A_SHOW_WEAK: False,
}


def init_state() -> None:
    """Give every key its default; app.py calls this first on every run."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = list(value) if isinstance(value, list) else value


def widget_key(key: str) -> str:
    """The key of the widget that edits ``key``."""
    return f"w:{key}"


_STORED = object()


def seed(key: str, value: Any = _STORED) -> str:
    """Put the stored value (or ``value``, already cleaned by the caller) into the widget's key
    before the widget is drawn, and return the widget key."""
    wkey = widget_key(key)
    if value is not _STORED:
        st.session_state[key] = value
    # Always assign: after a page change Streamlit may still report the old widget's value
    # here and then draw the new widget empty.
    stored = st.session_state[key]
    st.session_state[wkey] = list(stored) if isinstance(stored, list) else stored
    return wkey


def keep(key: str) -> None:
    """on_change callback: copy the widget's value to the stored key."""
    st.session_state[key] = st.session_state[widget_key(key)]


def current() -> Extraction | None:
    return st.session_state.get(EXTRACTION)


def set_result(extraction: Extraction, input_id: str) -> None:
    """Make ``extraction`` the current article; filters that name actors of the old one go."""
    is_new = st.session_state.get(INPUT_ID) != input_id
    st.session_state[EXTRACTION] = extraction
    st.session_state[INPUT_ID] = input_id
    st.session_state[ERROR] = None
    if is_new:
        for key in ARTICLE_FILTERS:
            st.session_state[key] = FILTER_DEFAULTS[key]
        st.session_state[SELECTED] = None
        st.session_state[SELECTED_PAIR] = None
        st.session_state[DETAILS_SHOWS] = "actor"


def show_actor(actor_id: str) -> None:
    """Make the details panel show this actor."""
    st.session_state[SELECTED] = actor_id
    st.session_state[DETAILS_SHOWS] = "actor"


def show_relation(a: str, b: str) -> None:
    """Make the details panel show the relation between these two actors."""
    st.session_state[SELECTED_PAIR] = (a, b)
    st.session_state[DETAILS_SHOWS] = "relation"


def set_error(message: str) -> None:
    """Record a failed input; the current article stays as it is."""
    st.session_state[ERROR] = message


def reset_filters() -> None:
    for key, value in FILTER_DEFAULTS.items():
        st.session_state[key] = list(value) if isinstance(value, list) else value


# --- the user's corrections (components/corrections.py) ----------------------------------------
TOKEN_PARAM = "ag"  # the URL query parameter holding the browser's token
C_TOKEN = "ag:c_token"  # this browser's token: names its kept corrections, nothing else
C_LISTS = "ag:c_lists"  # {article hash: Corrections} read or changed in this session
C_HASH_MEMO = "ag:c_hash_memo"  # (extraction, its text hash)
C_MEMO = "ag:c_memo"  # (extraction, Corrections, corrected extraction, notes)
C_MESSAGE = "ag:c_message"  # (kind, text, box, age) of the last correction or upload
C_UPLOAD_SEEN = "ag:c_upload_seen"  # file id of the corrections file last read
C_STORE = "ag:c_store"  # where this session keeps corrections (a CorrectionStore)
