"""Migrations run once, under a lock, and a failed one leaves the database as it was."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import inspect, text

from handbook.settings import ROOT, Settings
from search_service.records.db import make_engine
from search_service.records.migrate import MigrationError, current_revision, head_revision, migrate
from search_service.records.store import RecordsStore
from tests.records.helpers import ApiUser

TABLES = {"staff", "staff_roles", "assignments", "completions", "induction_ticks", "accounts", "sessions"}


def test_migrate_creates_the_schema_and_a_second_run_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    assert migrate(engine) == head_revision()
    assert TABLES | {"audit_log", "login_failures", "alembic_version"} <= set(inspect(engine).get_table_names())
    assert migrate(engine) == head_revision()
    engine.dispose()


def test_no_table_has_a_place_for_a_pupil(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    columns = {c["name"] for t in inspect(engine).get_table_names() for c in inspect(engine).get_columns(t)}
    assert not {c for c in columns if "pupil" in c or "child" in c or "student" in c}
    engine.dispose()


def test_several_workers_starting_at_once_migrate_exactly_once(database_url: str) -> None:
    """Four processes race to migrate; the lock lets one do it and the others find it done."""
    code = (
        "import sys; from search_service.records.db import make_engine; "
        "from search_service.records.migrate import migrate; print(migrate(make_engine(sys.argv[1])))"
    )
    commands = [[sys.executable, "-c", code, database_url] for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda c: subprocess.run(c, cwd=ROOT, capture_output=True, text=True, timeout=120), commands)
        )
    assert [r.returncode for r in results] == [0] * 4, [r.stderr[-800:] for r in results]
    assert {r.stdout.strip() for r in results} == {head_revision()}
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_a_failed_migration_rolls_back_whole_and_says_why(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as connection:  # a table in the way of the last step of the migration
        connection.execute(text("CREATE TABLE sessions (token_hash VARCHAR(64) PRIMARY KEY)"))
    try:
        migrate(engine)
    except MigrationError as error:
        message = str(error)
    else:
        raise AssertionError("the migration should have failed")
    assert "could not be migrated, so nothing in it was changed" in message and "sessions" in message
    assert set(inspect(engine).get_table_names()) == {"sessions"}
    assert current_revision(engine) is None
    engine.dispose()


def test_the_service_still_serves_search_when_the_records_database_is_broken(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from search_service.app import create_app

    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the database folder should be")
    settings = Settings(database_url=f"sqlite:///{folder}/records.sqlite3", index_dir=tmp_path, site_dir=tmp_path)
    app = create_app(settings)
    store: RecordsStore = app.state.records
    assert store.start() is False
    response = ApiUser(app).call("POST", "/login", json={"email": "a@b.example", "password": "whatever it is"})
    assert response.status_code == 503 and response.json()["detail"]


def test_start_without_migrating_refuses_an_old_database(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        database_url=database_url, records_migrate_on_start=False, index_dir=tmp_path, site_dir=tmp_path
    )
    store = RecordsStore(settings)
    assert store.start() is False and "python -m search_service.records migrate" in store.reason
    migrate(store.engine)
    assert store.start() is True
    store.close()


def test_the_migrations_build_exactly_the_schema_the_models_describe(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from search_service.records.models import Base

    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    engine.dispose()


def test_migration_0002_fills_the_latest_completion_from_existing_rows(database_url: str) -> None:
    from alembic import command

    from search_service.records.migrate import alembic_config

    engine = make_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(text("INSERT INTO staff (id, name, created_at) VALUES (1, 'A', '2026-01-01 00:00:00')"))
        connection.execute(
            text(
                "INSERT INTO assignments (staff_id, module_id, assigned_at) VALUES (1, 'team-teach', '2026-01-01 00:00:00')"
            )
        )
        for day, due in (("2023-05-01", "2025-05-01"), ("2025-06-30", "2027-06-30")):
            connection.execute(
                text(
                    "INSERT INTO completions (staff_id, module_id, completed_on, refresher_due, recorded_at) "
                    f"VALUES (1, 'team-teach', '{day}', '{due}', '2026-01-01 00:00:00')"
                )
            )
    migrate(engine)
    with engine.connect() as connection:
        assert str(connection.execute(text("SELECT completed_on FROM assignments")).scalar())[:10] == "2025-06-30"
        assert str(connection.execute(text("SELECT refresher_due FROM refreshers")).scalar())[:10] == "2027-06-30"
    engine.dispose()
