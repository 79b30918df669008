"""/api/docs in a real browser, under the service's own Content-Security-Policy: Swagger UI renders the
operations from packaged assets and nothing is requested from another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_api_docs_show_the_operations_under_the_real_csp(page, live_server) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto("/api/docs")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock-summary-path", has_text="/api/suggest").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/suggest", "/api/search", "/api/training"} <= {p.strip() for p in paths}
    hosts = {urlparse(url).netloc for url in requested if url.startswith("http")}
    assert hosts == {urlparse(live_server.url).netloc}
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
