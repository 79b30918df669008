from pathlib import Path

from fastapi.testclient import TestClient

from handbook.contract import load_contract
from handbook.settings import Settings
from search_service.app import create_app
from tests.conftest import CONTRACT


def test_healthz_and_readyz_when_ready(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["index"]["counts"]["need_pages"] == len(load_contract(CONTRACT).slugs)


def test_missing_index_is_503_with_the_reason(tmp_path: Path, embedder) -> None:
    settings = Settings(index_dir=tmp_path / "nothing", site_dir=tmp_path / "no-site")
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert "python build_index.py" in ready.json()["reason"]
        suggest = client.post("/api/suggest", json={"description": "struggles with listening"})
        assert suggest.status_code == 503
        assert "not available" in suggest.json()["detail"]
        assert client.get("/").status_code == 503
