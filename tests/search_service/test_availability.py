"""Availability: the event loop stays free, wrong methods get JSON, every worker logs, slow clients are cut off."""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from handbook.settings import Settings
from search_service.app import create_app
from tests.conftest import LiveServer


def test_health_endpoints_answer_head(client) -> None:
    for path in ("/healthz", "/readyz"):
        response = client.head(path)
        assert response.status_code == 200


def test_wrong_method_on_an_api_path_is_a_json_405(client) -> None:
    response = client.get("/api/suggest")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/json")
    assert "POST" in response.json()["detail"]
    assert response.headers["allow"] == "POST"
    assert "content-security-policy" in response.headers


def test_unknown_api_path_is_a_json_404(client) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")


def test_readiness_reason_names_no_absolute_path(tmp_path: Path, embedder) -> None:
    settings = Settings(index_dir=tmp_path / "nothing", site_dir=tmp_path / "no-site")
    with TestClient(create_app(settings)) as client:
        reason = client.get("/readyz").json()["reason"]
    assert str(tmp_path) not in reason
    assert "python build_index.py" in reason


def test_api_docs_come_from_packaged_assets(client) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    scripts = re.findall(r'src="([^"]+)"', page.text)
    assert scripts and all(src.startswith("/api/docs") for src in scripts)
    for src in scripts:
        assert client.get(src).status_code == 200
    assert client.get("/api/openapi.json").json()["paths"]["/api/suggest"]


def test_healthz_answers_while_searches_run(built_index: Settings, built_site: Path) -> None:
    """Searches run in the thread pool: a health check does not wait for them (a smoke test; the
    numbers are measured by benchmarks/load_test.py)."""
    import threading

    server = LiveServer(built_index.index_dir, built_site).start()
    try:
        stop = threading.Event()
        errors: list[str] = []

        def hammer() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as session:
                while not stop.is_set():
                    code = session.post("/api/suggest", json={"description": "cannot sit still in lessons"}).status_code
                    if code != 200:
                        errors.append(str(code))

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        health = [httpx.get(server.url + "/healthz", timeout=30).status_code for _ in range(20)]
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert health == [200] * 20 and errors == []


def test_every_worker_logs(built_index: Settings, built_site: Path) -> None:
    server = LiveServer(built_index.index_dir, built_site, env={"SEND_HANDBOOK_WORKERS": "2"}).start()
    try:
        for _ in range(10):
            httpx.get(server.url + "/api/search", params={"q": "Zebedee reading"}, timeout=30)
        time.sleep(1)
    finally:
        log = server.stop()
    serving = re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO \[(\d+)\] search_service: Serving index", log, re.M)
    assert len(set(serving)) == 2, log
    assert "GET /api/search 200" in log
    assert "Zebedee" not in log and "q=" not in log


def test_a_client_that_never_finishes_its_headers_is_disconnected(built_index: Settings, built_site: Path) -> None:
    server = LiveServer(built_index.index_dir, built_site, env={"SEND_HANDBOOK_HEADER_TIMEOUT_SECONDS": "1"}).start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            began = time.monotonic()
            sock.sendall(b"GET /healthz HTTP/1.1\r\n")
            closed = False
            while time.monotonic() - began < 8:
                try:
                    sock.sendall(b"X")  # a byte a quarter-second: uvicorn's keep-alive timer alone never fires
                    time.sleep(0.25)
                    sock.settimeout(0.01)
                    if sock.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    pass
                except OSError:
                    closed = True
                    break
            elapsed = time.monotonic() - began
    finally:
        server.stop()
    assert closed and elapsed < 4
