"""A reload brings the browser's last article back, with its corrections.

The article is kept by the browser's token (``components.corrections.ensure_token``) when it is
analysed, and extracted again on a new session's first run when the URL's token has one. Pages
stay as they are: the sidebar and Home see an article like any other.
"""
from __future__ import annotations

import logging

import streamlit as st

from actorgraph.correction_store import valid_token
from actorgraph.last_article import LastArticle, recall, remember
from actorgraph.model import Extraction
from components import state

log = logging.getLogger(__name__)

TRIED = "ag:restore_tried"  # this session looked for a kept article once (first run only)


def _token() -> str | None:
    token = st.session_state.get(state.C_TOKEN)
    return token if valid_token(token) else None


def remember_article(extraction: Extraction, input_id: str) -> None:
    """Keep the article just shown for this browser (a failure to write only loses the restore)."""
    token = _token()
    if token is not None and not remember(token, LastArticle(input_id, extraction.article)):
        log.warning("the last article of a browser could not be kept")


def restore_article() -> None:
    """On a session's first run, analyse the browser's last article again, if one is kept."""
    ss = st.session_state
    if ss.get(TRIED):
        return
    ss[TRIED] = True
    token = _token()
    if token is None or state.current() is not None:
        return
    last = recall(token)
    if last is None:
        return
    from components import cache, inputs  # inputs draws widgets; imported only when needed

    if last.sample is not None:
        path = inputs.SAMPLES_DIR / last.sample
        if path.is_file():
            inputs.load_sample(path)
        return
    if last.article is not None:
        inputs.load_article(last.article, last.input_id)
