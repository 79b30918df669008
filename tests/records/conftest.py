"""Every records test runs twice: on SQLite and on a real PostgreSQL server started for the session."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from handbook.settings import Settings
from tests.records.postgres import PostgresServer

_numbers = itertools.count()
SENCO_EMAIL = "senco@school.example"
SENCO_PASSWORD = "a long enough pass phrase"


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    given = os.environ.get("SEND_HANDBOOK_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    server = PostgresServer().start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database for each test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records.sqlite3'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    name = f"records_test_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def records_settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        index_dir=tmp_path / "no-index",
        site_dir=tmp_path / "no-site",
        rate_limit_per_minute=0,
    )
