"""Bring the records database up to the newest schema, once, under a lock.

SQLite: an exclusive file lock beside the database file. PostgreSQL: a transaction-level advisory lock.
Either way the whole upgrade runs in one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from search_service.records.db import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("search_service.records")
logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin set-up lines say nothing useful
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ADVISORY_LOCK_KEY = 0x5E4D_4EC0  # any fixed 64-bit number, the same in every worker


class MigrationError(RuntimeError):
    """The upgrade failed and was rolled back."""


# alembic is imported inside the functions that use it: a worker needs it only for a moment at start-up,
# after the model has loaded, so it never adds to the worker's peak memory.


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> str | None:
    """Upgrade to head; returns the revision now in place. Safe to call from every worker at once."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    database = sqlite_path(str(engine.url))
    lock = file_lock(database.with_name(database.name + ".migrate-lock")) if database else _no_lock()
    with lock:
        try:
            with engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                before = MigrationContext.configure(connection).get_current_revision()
                if before != head_revision():
                    log.info("Migrating the records database from %s to %s", before or "empty", head_revision())
                    command.upgrade(alembic_config(connection), "head")
                return MigrationContext.configure(connection).get_current_revision()
        except Exception as error:
            raise MigrationError(
                "The training records database could not be migrated, so nothing in it was changed. "
                f"Reason: {type(error).__name__}: {error}".strip()
            ) from error


@contextmanager
def _no_lock() -> Iterator[None]:
    yield
