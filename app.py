"""ActorGraph dashboard: a router over the pages, the shared sidebar, nothing else.

    streamlit run app.py
"""
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # `components` and `actorgraph` import from the project root
    sys.path.insert(0, str(ROOT))

from components.layout import ICON, apply_style  # noqa: E402
from components.sidebar import render_sidebar  # noqa: E402
from components.state import init_state  # noqa: E402

# A local icon: a Material icon or an emoji as favicon is fetched from a CDN.
st.set_page_config(page_title="ActorGraph", page_icon=str(ICON), layout="wide",
                   initial_sidebar_state="expanded")
init_state()
apply_style()

page = st.navigation(
    [
        st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("app_pages/explorer.py", title="Graph explorer", icon=":material/hub:",
                url_path="explorer"),
        st.Page("app_pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
        st.Page("app_pages/relations.py", title="Relations", icon=":material/share:",
                url_path="relations"),
        st.Page("app_pages/analysis.py", title="Analysis", icon=":material/insights:",
                url_path="analysis"),
    ],
    position="top",
)
render_sidebar()
page.run()
