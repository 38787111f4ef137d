"""ActorGraph dashboard: a router over the pages (``pages/``), the shared sidebar, nothing else.

    streamlit run app.py

Each page is the ``render()`` of a module in ``pages/``; ``pages/__init__.py`` lists them and says
why every page module can also hand over to this file.
"""
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # `components` and `actorgraph` import from the project root
    sys.path.insert(0, str(ROOT))

from components.corrections import ensure_token  # noqa: E402
from components.layout import ICON, apply_style  # noqa: E402
from components.restore import restore_article  # noqa: E402
from components.sidebar import render_sidebar  # noqa: E402
from components.state import init_state  # noqa: E402
from pages import CORPUS, navigation_pages  # noqa: E402

# A local icon: a Material icon or an emoji as favicon is fetched from a CDN.
st.set_page_config(page_title="ActorGraph", page_icon=str(ICON), layout="wide",
                   initial_sidebar_state="expanded")
init_state()
ensure_token()  # the browser's token in the URL: its corrections survive a reload
restore_article()  # and so does its last article
apply_style()

pages = navigation_pages()  # st.Page(render, ...) of each pages/<name>.py
page = st.navigation(pages, position="top")
if page.url_path != CORPUS:  # the Corpus page filters the corpus, not the article
    render_sidebar(home=pages[0])
page.run()
