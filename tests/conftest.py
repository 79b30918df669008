"""Shared fixtures. The model is loaded once per test session; the full index and site are built once.

The session's index is a real `python build_index.py` of the real content, with an empty embedding cache:
its vectors come from the ones the repository ships (data/embeddings/, checked to be this model's own and
up to date in tests/handbook/test_build.py), and any text they lack is embedded. The site is a real
`mkdocs build --strict`. scripts/test starts both before pytest, while the linters run, and its three
pytest processes share them (SessionBuild). Otherwise the index build starts in its own process as the
session begins, at a lower CPU priority, while the test modules that need no index run first; the first
module that needs it waits for it (`built_index`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

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


# Matched by name: a module's own fixture must not reuse these names, or its tests wait for a build.
INDEX_FIXTURES = {"built_index", "client", "live_server"}
NEEDS_INDEX = pytest.StashKey[bool]()
BUILD_REPORT = pytest.StashKey[str]()


def end_the_run_as_ctrl_c_does(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_configure(config: pytest.Config) -> None:
    """SIGTERM (scripts/test stopped, a CI run cancelled) ends the run as Ctrl+C does, so that the
    fixtures still finalise: the records tests stop their PostgreSQL server, the browsers close."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, end_the_run_as_ctrl_c_does)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules that need the session index run last (in their usual order), so that the index can be
    built while the others run. A module moves as a whole, so its module fixtures are set up once."""
    late = {item.path for item in items if INDEX_FIXTURES & set(item.fixturenames)}
    items.sort(key=lambda item: item.path in late)
    config.stash[NEEDS_INDEX] = bool(late)


class SessionBuild:
    """A build the session needs (the index or the site), in its own process, writing to `output`.

    scripts/test starts the session's builds before pytest (`python -m tests.conftest <index> <site>`;
    SEND_HANDBOOK_TEST_INDEX_BUILD and SEND_HANDBOOK_TEST_SITE_BUILD name their folders), so that they run
    while the linters run and Debian's packages install, and so that the two pytest processes it starts
    share them. The session then only waits for the exit code each writes to <output>-build.rc.
    """

    variable = ""  # the environment variable that names the output folder of the build scripts/test started
    what = ""

    def __init__(self, output: Path, started_outside: bool = False) -> None:
        self.output = output
        self.log = output.parent / f"{output.name}-build.log"
        self.exit_code = output.parent / f"{output.name}-build.rc"
        self.process: subprocess.Popen[bytes] | None = None
        self.started_outside = started_outside
        self.waited = 0.0

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        return dict(os.environ)

    @classmethod
    def started_by_the_test_script(cls) -> Self | None:
        output = os.environ.get(cls.variable, "")
        return cls(Path(output), started_outside=True) if output else None

    @property
    def ran(self) -> bool:
        return self.process is not None or self.started_outside

    def start(self) -> Self:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def record_the_exit_code(self, returncode: int) -> None:
        """For scripts/test: write the exit code where `wait` looks for it (in one step)."""
        part = self.exit_code.with_suffix(".part")
        part.write_text(str(returncode), encoding="utf-8")
        part.replace(self.exit_code)

    def wait(self) -> None:
        began = time.perf_counter()
        if self.started_outside:
            # scripts/test removes the folder when it stops: then the build will never finish
            while not self.exit_code.exists() and self.exit_code.parent.exists() and time.perf_counter() - began < 1800:
                time.sleep(0.2)
            returncode = int(self.exit_code.read_text().strip() or "1") if self.exit_code.exists() else -1
        else:
            if self.process is None:
                self.start()
            assert self.process is not None
            self.process.wait(timeout=1800)
            returncode = self.process.returncode
        self.waited += time.perf_counter() - began
        if returncode != 0:
            tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:] if self.log.exists() else ""
            pytest.fail(f"The {self.what} failed for the test session (exit {returncode}):\n{tail}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class SessionIndexBuild(SessionBuild):
    """`python build_index.py` of the real content, with an empty embedding cache beside the index folder:
    only the shipped embeddings serve it."""

    variable = "SEND_HANDBOOK_TEST_INDEX_BUILD"
    what = "python build_index.py"

    @property
    def index_dir(self) -> Path:
        return self.output

    @property
    def cache_dir(self) -> Path:
        return Path(f"{self.output}-embedding-cache")

    def command(self) -> list[str]:
        return [sys.executable, "build_index.py", "--index", str(self.output)]

    def environment(self) -> dict[str, str]:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        return os.environ | {
            "SEND_HANDBOOK_EMBEDDING_CACHE_DIR": str(self.cache_dir),
            "SEND_HANDBOOK_BUILD_THREADS": str(os.cpu_count() or 1),  # idle cores; build_index.py lowers its priority
            "OMP_WAIT_POLICY": "PASSIVE",  # threads that sleep instead of spinning take nothing from the tests
        }

    def report(self) -> str:
        built = [line for line in self.log.read_text(encoding="utf-8").splitlines() if line.startswith("Built")]
        return f"Session index: {built[0] if built else 'not built'} The tests waited {self.waited:.0f} s for it."


class SessionSiteBuild(SessionBuild):
    """`mkdocs build --strict` of the real content."""

    variable = "SEND_HANDBOOK_TEST_SITE_BUILD"
    what = "mkdocs build --strict"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.output)]


def run_the_session_builds(index_dir: Path, site_dir: Path) -> int:
    """For scripts/test: both builds at once, each exit code recorded as soon as that build ends."""
    builds: list[SessionBuild] = [SessionIndexBuild(index_dir), SessionSiteBuild(site_dir)]
    running = {build: build.start().process for build in builds}
    failed = 0
    try:
        while running:
            for build, process in list(running.items()):
                assert process is not None
                if process.poll() is not None:
                    build.record_the_exit_code(process.returncode)
                    failed += process.returncode != 0
                    del running[build]
            time.sleep(0.2)
    finally:
        for build in running:
            build.stop()
            build.record_the_exit_code(1)
    return 1 if failed else 0


@pytest.fixture(scope="session", autouse=True)
def session_index_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SessionIndexBuild]:
    """Starts the session's index build as the session begins, if any collected test needs the index."""
    build = SessionIndexBuild.started_by_the_test_script()
    if build is None:
        build = SessionIndexBuild(tmp_path_factory.mktemp("session") / "index")
        if request.config.stash.get(NEEDS_INDEX, False) and not os.environ.get("SEND_HANDBOOK_TEST_PREBUILT_INDEX"):
            build.start()
    yield build
    build.stop()
    if build.ran and build.log.exists():
        request.config.stash[BUILD_REPORT] = build.report()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if config.stash.get(BUILD_REPORT, ""):
        terminalreporter.write_line(config.stash[BUILD_REPORT])


@pytest.fixture(scope="session")
def settings(session_index_build: SessionIndexBuild) -> Settings:
    """Settings for the session's full build of the real content (see SessionIndexBuild)."""
    return Settings(
        index_dir=session_index_build.index_dir,
        site_dir=ROOT / "site",
        rate_limit_per_minute=0,
        build_threads=os.cpu_count() or 1,
        embedding_cache_dir=session_index_build.cache_dir,
    )


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> Embedder:
    """The reference model on one thread: the tests embed a few short texts, and beside the other test
    processes a second thread only waits for a core."""
    return get_embedder(settings.resolved_model_path(), 1)


@pytest.fixture(scope="session")
def built_index(settings: Settings, session_index_build: SessionIndexBuild) -> Settings:
    prebuilt = os.environ.get("SEND_HANDBOOK_TEST_PREBUILT_INDEX")
    if prebuilt:  # opt-in on a busy machine: a copy of an index that build_index.py made from this checkout
        shutil.copytree(prebuilt, settings.index_dir, symlinks=True, dirs_exist_ok=True)
        return settings
    session_index_build.wait()
    return settings


@pytest.fixture(scope="session")
def client(built_index: Settings) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from search_service.app import create_app

    with TestClient(create_app(built_index)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mkdocs build --strict of the real content: the one scripts/test started, or one of this session's own."""
    build = SessionSiteBuild.started_by_the_test_script() or SessionSiteBuild(
        tmp_path_factory.mktemp("session") / "site"
    )
    build.wait()
    return build.output


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
    # One renderer process where Chromium would start several (site isolation, spare renderers): the
    # pages all come from one local address, and it saves about a tenth of the browser tests' time.
    "--disable-site-isolation-trials",
    "--renderer-process-limit=1",
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


EMPTY_SEARCH_INDEXES: dict[str, bytes] = {}  # by the index's address: its config with no documents


def serve_an_empty_search_index(context: Any) -> None:
    """MkDocs Material's search worker fetches the site's search index (about 1 MB) and builds a lunr index
    from it on every page load: about a second of CPU each time, a quarter of the browser tests' time. A
    browser context that does not search the site gets the same file with no documents instead (in
    tests/browser, a test marked `site_search` gets it whole). The whole file is fetched once per address;
    later page loads get the empty copy without it crossing the browser, the driver and Python again."""

    from playwright.sync_api import Error as PlaywrightError

    def empty(route: Any) -> None:
        url = route.request.url
        try:
            if url not in EMPTY_SEARCH_INDEXES:
                config = route.fetch().json()["config"]
                EMPTY_SEARCH_INDEXES[url] = json.dumps({"config": config, "docs": []}).encode("utf-8")
            route.fulfill(body=EMPTY_SEARCH_INDEXES[url], content_type="application/json")
        except PlaywrightError:  # the test ended and closed its page while the index was on its way
            pass

    context.route("**/search/search_index.json", empty)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def copy_content(tmp: Path) -> Path:
    """A private copy of content/ that a test may break without touching the real one."""
    target = tmp / "content"
    shutil.copytree(CONTENT, target)
    return target


if __name__ == "__main__":
    sys.exit(run_the_session_builds(Path(sys.argv[1]), Path(sys.argv[2])))
