"""Many files at once into the store, with a progress bar; a file that fails is said and skipped.

Each file is committed as soon as it is extracted and remembered as done, so a run cut short by
a click on the page (the page stays usable while it works) goes on where it stopped next time.
"""
from __future__ import annotations

import streamlit as st

from actorgraph.batch import SUPPORTED_EXTENSIONS
from actorgraph.dates import article_date
from actorgraph.errors import ActorGraphError
from actorgraph.ingest import read_bytes
from actorgraph.store import Store, StoreError, text_hash
from components import corpus_store as cs
from components.cache import extract_article
from components.safe import md_escape

UPLOAD_KEY = "ag_corpus_upload"


def corpus_uploader(store: Store) -> int:
    """The multi-file uploader; extracts the new files into ``store``; returns how many it added."""
    files = st.file_uploader(
        "Add articles to the corpus", type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS],
        accept_multiple_files=True, key=UPLOAD_KEY,
        help="Each file is one article. Its date comes from the page's metadata or a dateline; "
             "articles already in the store are skipped.",
    )
    seen: set = st.session_state[cs.SEEN]
    todo = [f for f in files or () if f.file_id not in seen]
    added = 0
    if todo:
        bar = st.progress(0.0, text=f"Extracting {len(todo)} articles…")
        for i, f in enumerate(todo, start=1):
            bar.progress((i - 1) / len(todo), text=f"Extracting {md_escape(f.name)} ({i} of {len(todo)})")
            added += _add_one(store, f.name, f.getvalue())
            seen.add(f.file_id)
        bar.empty()
    for name, message in st.session_state[cs.FAILED]:
        st.error(f"{md_escape(name)}: {md_escape(message)}", icon=":material/error:")
    return added


def _add_one(store: Store, name: str, data: bytes) -> int:
    try:
        article = read_bytes(data, name)
        digest = text_hash(article.text)
        if store.known_hashes([digest]):
            return 0
        extraction = extract_article(article)  # in a bounded worker
        date = article_date(name, raw=data, kind=article.kind, body=article.body)
        return 1 if store.add(extraction, date, path=name, digest=digest) else 0
    except (ActorGraphError, StoreError) as exc:
        st.session_state[cs.FAILED].append((name, str(exc)))
        try:
            store.record_failure(name, str(exc))
        except Exception:  # the store itself failing is said above already
            pass
        return 0
