"""Every records test runs twice: on SQLite and on a real PostgreSQL server started for the session."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
        password_memory_kib=8_192,  # the lowest argon2 cost the settings allow: fast tests, same code
        password_time_cost=1,
    )


STAFF_PASSWORD = "teaching assistant pass"


class School:
    """A SENCO, a teaching assistant with an account (Alice) and a teacher without one (Bob)."""

    def __init__(self, records: Any) -> None:
        self.records = records
        records.add_account(SENCO_EMAIL, "senco", SENCO_PASSWORD)
        self.senco = records.user(SENCO_EMAIL, SENCO_PASSWORD)
        alice = {"name": "Alice Able", "roles": ["teaching-assistant"], "start_date": "2026-09-01"}
        self.alice = self.senco.ok("POST", "/staff", 201, json={**alice, "email": "alice@school.example"})["id"]
        bob = {"name": "Bob Brown", "roles": ["teacher"], "start_date": "2019-09-01", "email": "bob@school.example"}
        self.bob = self.senco.ok("POST", "/staff", 201, json=bob)["id"]
        records.add_account("alice@school.example", "staff", STAFF_PASSWORD)
        self.staff = records.user("alice@school.example", STAFF_PASSWORD)
        self.anonymous = records.user()
        self.first_item = ""
        self.last_assignment = 0


@pytest.fixture
def school(records_settings: Settings) -> Iterator[School]:
    from tests.records.helpers import RecordsApp

    records = RecordsApp(records_settings)
    yield School(records)
    records.close()
