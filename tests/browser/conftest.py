"""Headless Chromium from Debian's package, driven by Playwright; never a browser download."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import serve_an_empty_search_index

pytestmark = pytest.mark.browser


@pytest.fixture
def page(request: pytest.FixtureRequest, browser, live_server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    if request.node.get_closest_marker("site_search") is None:
        serve_an_empty_search_index(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    yield page
    context.close()
