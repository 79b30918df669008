"""One object per process: the settings, the database engine, the module catalogue and whether the
records database is ready. The routes reach it through app.state.records."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from handbook.settings import Settings
from search_service.records import passwords
from search_service.records.catalogue import Catalogue, load_catalogue
from search_service.records.db import make_engine, make_sessionmaker
from search_service.records.migrate import MigrationError, current_revision, head_revision, migrate

log = logging.getLogger("search_service.records")


class RecordsStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = settings.resolved_database_url()
        passwords.configure(settings.password_memory_kib, settings.password_time_cost)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self.ready = False
        self.reason = "The training records database has not been opened yet."

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
            self._sessions = make_sessionmaker(self._engine)
        return self._engine

    @property
    def catalogue(self) -> Catalogue:
        return load_catalogue(self.settings.content_dir, self.settings.contract_path)

    def start(self, run_migrations: bool | None = None) -> bool:
        """Open the database and migrate it under the lock (or check it is migrated). Never raises:
        a failure is logged and kept in `reason`, and the records routes answer 503 with it."""
        run = self.settings.records_migrate_on_start if run_migrations is None else run_migrations
        try:
            self.catalogue  # noqa: B018  (fail early on broken training pages)
            if run:
                migrate(self.engine)
            elif current_revision(self.engine) != head_revision():
                raise MigrationError(
                    "The training records database is not migrated: run python -m search_service.records migrate"
                )
        except Exception as error:  # a broken database must not take the search service down
            self.ready = False
            self.reason = str(error)
            log.error("Training records are NOT available: %s", error)
            return False
        self.ready = True
        self.reason = ""
        return True

    @contextmanager
    def session(self) -> Iterator[Session]:
        self.engine  # noqa: B018
        assert self._sessions is not None
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
