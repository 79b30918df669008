"""Security headers, CORS, limits and privacy of every response."""

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from handbook.settings import Settings
from search_service.app import create_app

SECRET = "Zebedee Quint in 4B cries every morning"


@pytest.mark.parametrize("path", ["/", "/find/", "/healthz", "/readyz", "/api/search?q=reading", "/api/training"])
def test_security_headers_on_every_response(client, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in response.headers


def test_api_answers_are_not_cached(client) -> None:
    response = client.post("/api/suggest", json={"description": "reads slowly"})
    assert response.headers["cache-control"] == "no-store"
    assert "set-cookie" not in response.headers


def test_cors_is_closed_by_default(client) -> None:
    response = client.post(
        "/api/suggest", json={"description": "reads slowly"}, headers={"origin": "https://elsewhere.example"}
    )
    assert "access-control-allow-origin" not in response.headers


def test_cors_can_be_opened_for_named_origins(built_index: Settings) -> None:
    settings = built_index.model_copy(update={"cors_origins": ["https://trust.example"]})
    with TestClient(create_app(settings)) as client:
        allowed = client.options(
            "/api/suggest",
            headers={"origin": "https://trust.example", "access-control-request-method": "POST"},
        )
        assert allowed.headers["access-control-allow-origin"] == "https://trust.example"
        other = client.get("/api/training", headers={"origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_rate_limit_returns_a_clear_429(built_index: Settings) -> None:
    settings = built_index.model_copy(update={"rate_limit_per_minute": 3})
    with TestClient(create_app(settings)) as client:
        codes = [client.get("/api/training").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get("/api/training")
        assert "Too many requests" in refused.json()["detail"]
        assert int(refused.headers["retry-after"]) >= 1
        assert client.get("/healthz").status_code == 200  # the site and health checks are not limited


def test_description_text_never_reaches_the_logs(client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/api/suggest", json={"description": SECRET})
    client.get("/api/search", params={"q": SECRET})
    client.post("/api/suggest", json={"description": SECRET, "limit": 99})  # a validation error
    client.post("/api/suggest", content=("{" + SECRET).encode(), headers={"content-type": "application/json"})
    # Every record from the service side; httpx and httpcore are the test's own client.
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "/api/suggest" in logged  # the access log is on ...
    assert "Zebedee" not in logged  # ... and never holds what was typed
    assert "Quint" not in logged


def test_nothing_is_written_to_disk_by_a_request(client, built_index: Settings, tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime for p in built_index.index_dir.rglob("*") if p.is_file()}
    client.post("/api/suggest", json={"description": SECRET})
    after = {p: p.stat().st_mtime for p in built_index.index_dir.rglob("*") if p.is_file()}
    assert before == after
