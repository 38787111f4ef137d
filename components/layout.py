"""Bits every page shares."""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"

# Less empty space above the title (the pages sit under a top navigation bar), and evidence
# marks that keep their colours in the details panel.
_CSS = """<style>
.stMainBlockContainer { padding-top: 3.2rem; }
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
