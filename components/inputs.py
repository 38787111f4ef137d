"""Getting an article in: the reference article, a shipped sample, an upload, or pasted text.

Each ``load_*`` function analyses one input and either makes it the current article
(``state.set_result``) or records the engine's message (``state.set_error``): the article on
screen before a failed input stays. They return True when the article changed.

The widgets call them from their callbacks (``on_click``/``on_change``), which Streamlit runs
before the script: the run that follows draws the whole app, sidebar included, for the new
article. (Loading in the script body meant a second run, ``st.rerun``, to redraw the sidebar that
was already drawn: twice the work for the server and the browser on every new article.)
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import streamlit as st

from actorgraph.errors import ActorGraphError
from actorgraph.ingest import MAX_FILE_BYTES, MAX_TEXT_CHARS, SUPPORTED_EXTENSIONS
from actorgraph.model import Article, Extraction
from components import cache, state
from components.restore import remember_article
from components.safe import md_escape

log = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_articles"
REFERENCE_SAMPLE = "01_syria-iraqi-militias.txt"
SPINNER_TEXT = "Reading the article and finding its actors…"

# widget keys of the input widgets (actions, not settings: they need not survive a page change)
W_UPLOAD = "ag_upload"
W_PASTE = "ag_paste"
W_SAMPLE = "ag_sample"
PANEL_LABEL = "Analyse an article"


def list_samples() -> list[Path]:
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(p for p in SAMPLES_DIR.iterdir()
                  if p.is_file() and p.suffix.lower() in _extensions()
                  and not p.name.startswith("."))


def reference_sample() -> Path | None:
    path = SAMPLES_DIR / REFERENCE_SAMPLE
    if path.is_file():
        return path
    samples = list_samples()
    return samples[0] if samples else None


def sample_title(path: Path) -> str:
    """The headline of a sample (its first non-blank line), for the sample picker."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    return line if len(line) <= 90 else line[:89] + "…"
    except OSError:
        pass
    return path.stem


def _extensions() -> tuple[str, ...]:
    return tuple("." + e.lower().lstrip(".") for e in SUPPORTED_EXTENSIONS)


def limits_text() -> str:
    mb = MAX_FILE_BYTES / (1024 * 1024)
    size = f"{mb:.0f} MB" if mb >= 1 else f"{MAX_FILE_BYTES // 1024} KB"
    kinds = ", ".join(e.lstrip(".") for e in _extensions())
    return (f"Files up to {size} ({kinds}). Only the first {MAX_TEXT_CHARS:,} characters of "
            "an article are analysed.")


# --- loading -------------------------------------------------------------------------------------

def _load(input_id: str, work: Callable[[], Extraction]) -> bool:
    try:
        with st.spinner(SPINNER_TEXT):
            extraction = work()
    except ActorGraphError as exc:
        state.set_error(str(exc))
        return False
    except Exception as exc:  # a bug: say so in the page, keep the last result, log the trace
        log.exception("analysing %s failed", input_id)
        state.set_error(f"ActorGraph could not analyse this input because of an internal error "
                        f"({type(exc).__name__}). The previous result is kept.")
        return False
    state.set_result(extraction, input_id)
    remember_article(extraction, input_id)  # a reload of this browser brings it back
    st.session_state[state.INPUTS_OPEN] = False  # fold the inputs away: the graph comes up higher
    return True


def load_bytes(data: bytes, filename: str, input_id: str) -> bool:
    """Analyse an uploaded (or shipped) file."""
    return _load(input_id, lambda: cache.extract_bytes(data, filename))


def load_text(text: str) -> bool:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return _load(f"paste:{digest}", lambda: cache.extract_text(text, "pasted text"))


def load_article(article: Article, input_id: str) -> bool:
    """Analyse an article already read (one kept for this browser: see components/restore)."""
    return _load(input_id, lambda: cache.extract_article(article))


def load_sample(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError as exc:
        state.set_error(f"The sample {path.name} could not be read ({exc.strerror}).")
        return False
    return load_bytes(data, path.name, f"sample:{path.name}")


def load_upload(uploaded) -> bool:
    """Analyse a ``st.file_uploader`` file unless this very upload was handled already (the
    uploader keeps holding it over reruns, and after other inputs)."""
    if st.session_state.get(state.UPLOAD_SEEN) == uploaded.file_id:
        return False
    st.session_state[state.UPLOAD_SEEN] = uploaded.file_id
    return load_bytes(uploaded.getvalue(), uploaded.name, f"upload:{uploaded.file_id}")


# --- the panel -----------------------------------------------------------------------------------

def input_panel() -> None:
    """The ways in, and the message of the last input that failed.

    They sit in an expander, open until an article is shown; each new article folds it so the
    graph sits higher (the error of a failed input is shown outside it). Its state is kept in
    ``state.INPUTS_OPEN`` across pages. The expander is the same element before and after (its
    state changes, not its label or arguments), so the browser updates it rather than building
    the inputs again.
    """
    cache.get_pool().start()  # the workers load the model while the user picks an article
    loaded = state.current() is not None
    with st.expander(PANEL_LABEL, expanded=True, icon=":material/upload_file:",
                     key=state.seed(state.INPUTS_OPEN), on_change=state.keep,
                     args=(state.INPUTS_OPEN,)):
        _inputs()
    error = st.session_state.get(state.ERROR)
    if error:
        kept = " The previous result is still shown below." if loaded else ""
        st.error(md_escape(error) + kept, icon=":material/error:")


def _inputs() -> None:
    ref = reference_sample()
    left, right = st.columns([1, 2], vertical_alignment="center")
    with left:
        st.button("Try the reference article", type="primary", icon=":material/play_arrow:",
                  disabled=ref is None, key="ag_try_reference", on_click=load_sample, args=(ref,),
                  help="A wire story on Iraqi militias crossing into Syria (December 2024).")
    with right:
        st.caption("…or bring your own article: upload a file, paste its text, or pick another "
                   "shipped sample. " + limits_text())

    upload_tab, paste_tab, sample_tab = st.tabs(["Upload a file", "Paste text", "Samples"])
    with upload_tab:
        st.file_uploader(
            "Article file", type=[e.lstrip(".") for e in _extensions()], key=W_UPLOAD,
            help=limits_text(), on_change=_on_upload,
        )
    with paste_tab:
        with st.form("ag_paste_form", border=False):
            st.text_area("Article text", key=W_PASTE, height=180,
                         placeholder="Paste the headline and body of a news article…")
            st.form_submit_button("Analyse text", icon=":material/manufacturing:",
                                  on_click=_on_paste)
    with sample_tab:
        samples = list_samples()
        if not samples:
            st.caption("No samples are installed.")
        else:
            st.selectbox("Sample article", samples, key=W_SAMPLE, format_func=sample_title)
            st.button("Analyse sample", key="ag_load_sample", on_click=_on_sample)


def _on_upload() -> None:
    uploaded = st.session_state.get(W_UPLOAD)
    if uploaded is not None:  # None: the file was removed from the uploader
        load_upload(uploaded)


def _on_paste() -> None:
    text = st.session_state.get(W_PASTE) or ""
    if text.strip():
        load_text(text)
    else:
        state.set_error("Paste the text of an article first.")


def _on_sample() -> None:
    pick = st.session_state.get(W_SAMPLE)
    if pick is not None:
        load_sample(pick)


def notices(extraction: Extraction, graph_notices: Iterable[str] = ()) -> None:
    """What the user should know about the current article (truncated, not English, actors capped…)."""
    shown = set()
    for message in extraction.article.notices:
        if message not in shown:
            shown.add(message)
            st.warning(md_escape(message), icon=":material/warning:")
    for message in (*extraction.notices, *graph_notices):  # the graph adds the actor cap's notice
        if message not in shown:
            shown.add(message)
            st.info(md_escape(message), icon=":material/info:")
