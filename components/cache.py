"""Every ``st.cache_*`` of the app.

* the extraction pool (``cache_resource``): a few worker processes, each bounded in time and
  memory, that hold the spaCy pipeline and the knowledge base and do every extraction of the
  dashboard (``actorgraph.worker``), so a hostile upload never stalls the server or another
  session, and gets its message when a worker's limit stops it;
* extractions: ``cache_data`` keyed by the content itself (Streamlit hashes the ``bytes``/``str``
  argument) and the file name, so a session only ever gets back the result of an input it
  supplied itself. The current article of a session lives in ``st.session_state``, never here.
"""
from __future__ import annotations

import streamlit as st

from actorgraph.model import Article, Extraction
from actorgraph.worker import ExtractionPool

# Results of this many distinct inputs are kept (per process), each for at most an hour.
MAX_ENTRIES = 64
TTL_SECONDS = 3600


@st.cache_resource(show_spinner=False)
def get_pool() -> ExtractionPool:
    """The worker processes of every session; they start (and load the model) on first use."""
    return ExtractionPool()


@st.cache_data(max_entries=MAX_ENTRIES, ttl=TTL_SECONDS, show_spinner=False)
def extract_bytes(data: bytes, filename: str) -> Extraction:
    """Read a file and extract its actors in a worker; ActorGraphError propagates (errors are
    not cached)."""
    return get_pool().extract_bytes(data, filename)


@st.cache_data(max_entries=MAX_ENTRIES, ttl=TTL_SECONDS, show_spinner=False)
def extract_text(text: str, source: str) -> Extraction:
    """Extract the actors of pasted text in a worker; ActorGraphError propagates."""
    return get_pool().extract_text(text, source)


def extract_article(article: Article) -> Extraction:
    """Extract an article already read (the Corpus page: it checks the store first) in a worker;
    not cached (the store keeps it)."""
    return get_pool().extract_article(article)
