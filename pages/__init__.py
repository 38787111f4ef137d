"""The dashboard's pages: one module per page, each a ``render()`` that composes components.

``app.py`` registers them with ``st.navigation`` as callables (see ``navigation_pages``), so each
page runs inside the router, after the shared sidebar, on every run.

Why every page module ends with ``if __name__ == "__main__": run_app()``
    A ``pages/`` folder next to ``app.py`` makes Streamlit (1.67) start in its legacy
    folder-based mode: until the first ``st.navigation`` call of the process, a run does not
    execute ``app.py`` but picks ``pages/<name>.py`` for the URL ``/<name>`` and executes that file
    as a script (``__name__ == "__main__"``). That happens on the first run of a fresh server and
    on every ``AppTest`` run. A page module run that way hands over to ``app.py`` (the router),
    which draws the sidebar and runs the page's ``render()`` as usual. Imported normally (by the
    router) a module only defines ``render()``. Keeping the page files at the top of ``pages/``
    with the URL's name also means the legacy mode finds the page asked for: a folder without
    them makes a fresh server show "Page not found" for ``/actors`` before running it.

    Hence: every ``pages/*.py`` file is a page with that guard, named like its URL path; anything
    else (helpers) goes into ``components/``.
"""
from __future__ import annotations

import types
from importlib import import_module
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"

HOME = "home"
CORPUS = "corpus"  # many articles from the store; it draws its own sidebar (see app.py)
# module (= URL path) → title and icon, in menu order; Home is the default page, served at "/".
PAGES: dict[str, tuple[str, str]] = {
    HOME: ("Home", ":material/home:"),
    "explorer": ("Graph explorer", ":material/hub:"),
    "actors": ("Actors", ":material/groups:"),
    "relations": ("Relations", ":material/share:"),
    "analysis": ("Analysis", ":material/insights:"),
    CORPUS: ("Corpus", ":material/library_books:"),
}


def page(name: str) -> st.Page:
    """The ``st.Page`` of ``pages/<name>.py``; also what ``st.page_link`` needs to link to it."""
    title, icon = PAGES[name]
    module = import_module(f"{__name__}.{name}")
    return st.Page(module.render, title=title, icon=icon, url_path=name, default=name == HOME)


def navigation_pages() -> list[st.Page]:
    return [page(name) for name in PAGES]


def run_app() -> None:
    """Run ``app.py`` in place of a page module that Streamlit's legacy mode ran as a script."""
    code = compile(APP.read_bytes(), str(APP), "exec")
    module = types.ModuleType("__main__")
    module.__dict__["__file__"] = str(APP)
    exec(code, module.__dict__)  # noqa: S102 - our own router, as Streamlit runs it
