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


def test_an_unexpected_error_is_logged_by_type_and_request_id_only(
    built_index: Settings, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(built_index), raise_server_exceptions=False) as client:
        engine = client.app.state.holder.engine

        def broken(*_args: object) -> None:
            raise ValueError(f"could not rank {SECRET}")

        monkeypatch.setattr(engine, "suggest", broken)
        response = client.post("/api/suggest", json={"description": SECRET})
    assert response.status_code == 500
    assert "Something went wrong" in response.json()["detail"]
    request_id = response.headers["x-request-id"]
    assert request_id in response.json()["detail"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert f"Unexpected error ValueError in POST /api/suggest (request {request_id})" in logged
    assert "Zebedee" not in logged and "could not rank" not in logged
    assert not any(r.exc_info for r in caplog.records)  # no traceback, which would carry the message


def test_an_oversize_chunked_body_is_a_413(client) -> None:
    def chunks():
        for _ in range(40):
            yield b'{"description": "' + b"a" * 1000

    response = client.post("/api/suggest", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_forged_forwarded_for_from_an_untrusted_peer_is_ignored(built_index: Settings) -> None:
    settings = built_index.model_copy(update={"rate_limit_per_minute": 3})
    with TestClient(create_app(settings)) as client:
        codes = [client.get("/api/training", headers={"x-forwarded-for": f"10.0.0.{n}"}).status_code for n in range(6)]
    assert codes == [200, 200, 200, 429, 429, 429]


def test_forwarded_for_from_a_trusted_proxy_counts_each_client(built_index: Settings) -> None:
    settings = built_index.model_copy(update={"rate_limit_per_minute": 2, "trusted_proxies": ["testclient"]})
    with TestClient(create_app(settings)) as client:
        first = [client.get("/api/training", headers={"x-forwarded-for": "10.0.0.1"}).status_code for _ in range(3)]
        # the right-most untrusted hop is the client: a forged left-most entry changes nothing
        forged = client.get("/api/training", headers={"x-forwarded-for": "6.6.6.6, 10.0.0.1"}).status_code
        other = client.get("/api/training", headers={"x-forwarded-for": "10.0.0.2"}).status_code
    assert first == [200, 200, 429] and forged == 429 and other == 200


def test_the_rate_limit_remembers_a_bounded_number_of_clients() -> None:
    from search_service.middleware import RateLimit

    limit = RateLimit(app=None, per_minute=5, max_clients=100)  # type: ignore[arg-type]
    for n in range(5000):
        assert limit.allow(f"10.0.{n // 256}.{n % 256}") == 0.0
    assert len(limit.buckets) == 100
    for _ in range(5):
        limit.allow("one")
    assert limit.allow("one") > 0  # a recent client is still counted


def test_limits_carry_cors_headers(built_index: Settings) -> None:
    origin = "https://trust.example"
    settings = built_index.model_copy(update={"rate_limit_per_minute": 1, "cors_origins": [origin]})
    with TestClient(create_app(settings)) as client:
        too_big = client.post(
            "/api/suggest", content=b"x" * 20_000, headers={"origin": origin, "content-type": "application/json"}
        )
        client.get("/api/training", headers={"origin": origin})
        too_many = client.get("/api/training", headers={"origin": origin})
    assert too_big.status_code == 413 and too_big.headers["access-control-allow-origin"] == origin
    assert too_many.status_code == 429 and too_many.headers["access-control-allow-origin"] == origin
    assert "retry-after" in too_many.headers
