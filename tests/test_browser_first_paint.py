"""The first paint of a fresh session shows ActorGraph's own navigation (the top menu of
``st.navigation``), never Streamlit's automatic list of the ``pages/`` files in the sidebar.

Real browser (Debian's Chromium, ``make browser``): a MutationObserver installed before the
page's own scripts records every ``stSidebarNav`` element that is ever added, however briefly.
"""
from __future__ import annotations

import tomllib

import pytest

from browser_support import need_chromium
from pages import PAGES
from tools.browser import ROOT, Chromium, StreamlitServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs in every document before its scripts: counts the sidebar-nav elements ever attached.
WATCH_SIDEBAR_NAV = """
window.__agSidebarNav = 0;
const seen = (node) => node.nodeType === 1 && (node.matches('[data-testid=stSidebarNav]')
    || node.querySelector('[data-testid=stSidebarNav]'));
new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (seen(n)) window.__agSidebarNav += 1;
}).observe(document, {childList: true, subtree: true});
"""


def test_config_hides_streamlits_page_list():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False


@pytest.mark.parametrize("path", ["", "analysis"])
def test_browser_first_paint_shows_our_navigation_only(path):
    need_chromium()
    from playwright.sync_api import sync_playwright

    with StreamlitServer() as fresh, sync_playwright() as pw, Chromium(pw) as browser:
        # the first run of a fresh server (Streamlit's legacy pages/ mode), then a new session
        for attempt in ("fresh server", "new session"):
            tab = browser.new_page()
            try:
                tab.add_init_script(WATCH_SIDEBAR_NAV)
                tab.goto(f"{fresh.url}/{path}")
                tab.wait_for_selector("[data-testid=stTopNavLink]", timeout=90_000)
                tab.wait_for_selector("h1", timeout=90_000)
                tab.wait_for_timeout(1000)  # a late page list would be up by now
                assert tab.locator("[data-testid=stTopNavLink]").count() == len(PAGES), attempt
                assert tab.locator("[data-testid=stSidebarNav]").count() == 0, attempt
                assert tab.evaluate("() => window.__agSidebarNav") == 0, attempt
                assert tab.evaluate("() => window.__agSidebarNav") is not None
            finally:
                tab.close()
