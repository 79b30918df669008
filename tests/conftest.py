"""Shared fixtures. The model is loaded once per test session; the full index and site are built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.harness import Service
from handbook.contract import NeedsContract, load_contract
from handbook.embedding import Embedder, get_embedder
from handbook.pages import Page, load_pages
from handbook.settings import ROOT, Settings

CONTENT = ROOT / "content"
CONTRACT = ROOT / "contract" / "needs.yaml"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def contract() -> NeedsContract:
    return load_contract(CONTRACT)


@pytest.fixture(scope="session")
def pages(contract: NeedsContract) -> list[Page]:
    return load_pages(CONTENT, contract)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a full build of the real content into a temporary index folder."""
    return Settings(
        index_dir=tmp_path_factory.mktemp("index"),
        site_dir=ROOT / "site",
        rate_limit_per_minute=0,
        build_threads=os.cpu_count() or 1,  # no live service to spare while the session index is built
        embedding_cache_dir=tmp_path_factory.mktemp("embedding-cache"),  # empty: the first build embeds it all
    )


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> Embedder:
    return get_embedder(settings.resolved_model_path())


@pytest.fixture(scope="session")
def built_index(settings: Settings, embedder: Embedder) -> Settings:
    from handbook.build import build_index

    prebuilt = os.environ.get("SEND_HANDBOOK_TEST_PREBUILT_INDEX")
    if prebuilt:  # opt-in on a busy machine: a copy of an index that build_index.py made from this checkout
        shutil.copytree(prebuilt, settings.index_dir, symlinks=True, dirs_exist_ok=True)
        return settings
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def client(built_index: Settings) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from search_service.app import create_app

    with TestClient(create_app(built_index)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mkdocs build --strict of the real content into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


class LiveServer(Service):
    """The real service with the session's index and site."""

    def __init__(self, index_dir: Path, site_dir: Path, env: dict[str, str] | None = None) -> None:
        paths = {"SEND_HANDBOOK_INDEX_DIR": str(index_dir), "SEND_HANDBOOK_SITE_DIR": str(site_dir)}
        super().__init__(workers=int((env or {}).get("SEND_HANDBOOK_WORKERS", "1")), env=paths | (env or {}))


class RunningServer:
    """A service someone already started (SEND_HANDBOOK_TEST_SERVER=http://127.0.0.1:PORT), for quick reruns."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer | RunningServer]:
    if os.environ.get("SEND_HANDBOOK_TEST_SERVER"):
        yield RunningServer(os.environ["SEND_HANDBOOK_TEST_SERVER"])
        return
    built_index: Settings = request.getfixturevalue("built_index")
    built_site: Path = request.getfixturevalue("built_site")
    server = LiveServer(built_index.index_dir, built_site).start()
    yield server
    server.stop()


# Headless Chromium from Debian's package, driven by Playwright; never a browser download.
# One instance for the whole session: Playwright's sync API cannot run two in one thread.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium (scripts/test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def copy_content(tmp: Path) -> Path:
    """A private copy of content/ that a test may break without touching the real one."""
    target = tmp / "content"
    shutil.copytree(CONTENT, target)
    return target
