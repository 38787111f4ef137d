"""Bits every page shares."""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"

# Less empty space above the title (the pages sit under a top navigation bar).
# Two of Streamlit's effects are made static because they keep the browser drawing frames for as
# long as the server is busy, which is when CPU is scarce (10 sessions on 2 cores: 13.8 s → 11 s
# to graph, benchmarks/load_sessions.py): the pulse of the grey placeholders shown while a
# widget's code loads, and the fade of the elements of the previous run (they still dim after
# Streamlit's half-second delay, at once rather than over a second). Spinners keep spinning.
# The page's side margins are narrowed (Streamlit's wide layout keeps 5rem each side) so the
# graph, beside the details, gets that room.
_CSS = """<style>
.stMainBlockContainer { padding-top: 3.2rem; padding-left: 2rem; padding-right: 2rem; }
[data-testid="stSkeleton"] { animation: none !important; }
[data-stale="true"] { transition-duration: 0s !important; }
</style>"""


def apply_style() -> None:
    st.html(_CSS)


def need_article(home: st.Page) -> NoReturn:
    """Say that there is nothing to show yet, link to ``home`` (its ``st.Page``), end the page."""
    st.info("No article yet: analyse one on the Home page (the reference article is one click "
            "away there).", icon=":material/info:")
    st.page_link(home, label="Go to Home", icon=":material/home:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises
