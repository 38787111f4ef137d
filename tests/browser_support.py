"""What every real-browser test needs first: Debian's Chromium and Playwright, or a clear skip."""
from __future__ import annotations

import os

import pytest

from tools import browser


def need_chromium() -> None:
    """Skip (or, in CI, fail) with the reason when the browser tests cannot run here."""
    try:
        import playwright.sync_api  # noqa: F401
        missing = None if browser.chromium_available() else f"{browser.CHROMIUM} is not installed"
    except ImportError:
        missing = "the playwright package is not installed"
    if missing:
        reason = f"{missing}: run `make browser` (Debian's chromium) to run the browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
        pytest.skip(reason)
