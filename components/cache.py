"""Every ``st.cache_*`` of the app.

* the spaCy pipeline: one per process (``cache_resource``), never changed after loading. Once it
  is loaded, everything alive (the model, the imported modules) is moved out of the reach of
  Python's cyclic garbage collector (``gc.freeze``): Streamlit runs a full ``gc.collect()``
  after every script run, which otherwise took about 0.2 s per run (holding the GIL, so every
  session waited) because it walked the model's objects each time;
* extractions: ``cache_data`` keyed by the content itself (Streamlit hashes the ``bytes``/``str``
  argument) and the file name, so a session only ever gets back the result of an input it
  supplied itself. The current article of a session lives in ``st.session_state``, never here.
"""
from __future__ import annotations

import gc

import streamlit as st
from spacy.language import Language

from actorgraph.ingest import read_bytes, read_text
from actorgraph.model import Extraction
from actorgraph.nlp import load_nlp
from actorgraph.pipeline import extract

# Results of this many distinct inputs are kept (per process), each for at most an hour.
MAX_ENTRIES = 64
TTL_SECONDS = 3600


@st.cache_resource(show_spinner="Loading the language model (once per server)…")
def get_nlp() -> Language:
    nlp = load_nlp()
    gc.collect()
    gc.freeze()  # see above: they live as long as the process; later objects are still collected
    return nlp


@st.cache_data(max_entries=MAX_ENTRIES, ttl=TTL_SECONDS, show_spinner=False)
def extract_bytes(data: bytes, filename: str) -> Extraction:
    """Read a file and extract its actors; ActorGraphError propagates (errors are not cached)."""
    return extract(read_bytes(data, filename), nlp=get_nlp())


@st.cache_data(max_entries=MAX_ENTRIES, ttl=TTL_SECONDS, show_spinner=False)
def extract_text(text: str, source: str) -> Extraction:
    """Extract the actors of pasted text; ActorGraphError propagates (errors are not cached)."""
    return extract(read_text(text, source=source), nlp=get_nlp())
