"""The command line: add-user, migrate, and the reminder job against a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes
from typing import Any

import pytest

from benchmarks.harness import free_port
from handbook.settings import ROOT, Settings
from search_service.records import __main__ as records_cli
from search_service.records.accounts import authenticate
from search_service.records.reminders import run_due
from search_service.records.store import RecordsStore
from search_service.records.training import assign, complete

CHEAP_HASHING = {"SEND_HANDBOOK_PASSWORD_MEMORY_KIB": "8192", "SEND_HANDBOOK_PASSWORD_TIME_COST": "1"}


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def subprocess_cli(database_url: str, *args: str, stdin: str = "") -> Done:
    """The command exactly as a person types it: python -m search_service.records ..."""
    environment = os.environ | {"SEND_HANDBOOK_DATABASE_URL": database_url} | CHEAP_HASHING
    done = subprocess.run(
        [sys.executable, "-m", "search_service.records", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    return Done(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """The same command's main() in this process: the same parsing, settings and store, without the
    second or two each new interpreter spends importing."""

    def run(database_url: str, *args: str, stdin: str = "") -> Done:
        for name, value in ({"SEND_HANDBOOK_DATABASE_URL": database_url} | CHEAP_HASHING).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = records_cli.main(list(args))
        printed = capsys.readouterr()
        return Done(code, printed.out, printed.err)

    return run


def test_the_module_runs_as_a_command(database_url: str) -> None:
    done = subprocess_cli(database_url, "migrate")
    assert done.returncode == 0 and "The training records database is up to date" in done.stdout, done.stderr


def test_add_user_reads_the_password_from_stdin_and_refuses_weak_ones(
    database_url: str, cli: Callable[..., Done]
) -> None:
    done = cli(
        database_url,
        "add-user",
        "--email",
        "Senco@School.example",
        "--role",
        "senco",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    assert done.returncode == 0, done.stderr
    assert "Created the senco account senco@school.example" in done.stdout
    weak = cli(
        database_url, "add-user", "--email", "b@school.example", "--role", "senco", "--password-stdin", stdin="short\n"
    )
    assert weak.returncode == 1 and "at least 12 characters" in weak.stderr
    common = cli(
        database_url,
        "add-user",
        "--email",
        "c@school.example",
        "--role",
        "senco",
        "--password-stdin",
        stdin="Password1234\n",
    )
    assert common.returncode == 1 and "too common" in common.stderr
    twice = cli(
        database_url,
        "add-user",
        "--email",
        "senco@school.example",
        "--role",
        "senco",
        "--password-stdin",
        stdin="another long phrase\n",
    )
    assert twice.returncode == 1 and "already exists" in twice.stderr
    staff = cli(
        database_url,
        "add-user",
        "--email",
        "ta@school.example",
        "--role",
        "staff",
        "--password-stdin",
        stdin="another long phrase\n",
    )
    assert staff.returncode == 1 and "staff list first" in staff.stderr
    store = RecordsStore(Settings(database_url=database_url))
    with store.session() as db:
        assert authenticate(db, "senco@school.example", "correct horse battery") is not None
        assert authenticate(db, "senco@school.example", "correct horse batter") is None
    store.close()


def test_migrate_command_and_a_clear_message_when_the_database_cannot_be_reached(cli: Callable[..., Done]) -> None:
    port = free_port()
    broken = cli(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none", "migrate")
    assert broken.returncode == 2 and "could not be migrated" in broken.stderr and "Traceback" not in broken.stderr


@pytest.fixture
def smtp_server() -> Any:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Collect(Message):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.messages: list[Any] = []

        def handle_message(self, message: Any) -> None:
            self.messages.append(message)

        def prepare_message(self, session: Any, envelope: Any) -> Any:
            return message_from_bytes(envelope.original_content)

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_due_prints_and_emails_each_person_and_every_senco(database_url: str, smtp_server: Any, capsys: Any) -> None:
    controller, handler = smtp_server
    settings = Settings(
        database_url=database_url, smtp_host="127.0.0.1", smtp_port=controller.port, smtp_from="records@school.example"
    )
    store = RecordsStore(settings)
    assert store.start(), store.reason
    from search_service.records.accounts import create_account
    from search_service.records.staff import create_staff

    today = dt.date(2026, 6, 1)
    with store.session() as db:
        create_account(db, "senco@school.example", "senco", "correct horse battery")
        ann = create_staff(db, "Ann Archer", ["teaching-assistant"], None, "ann@school.example")
        ben = create_staff(db, "Ben Bell", ["teacher"], None, None)
        assign(db, store.catalogue, ann.id, "cond-autism", dt.date(2026, 5, 20))
        complete(db, store.catalogue, ben.id, "team-teach", dt.date(2024, 6, 30))
        db.commit()
    assert run_due(store, 30, today=today) == 0
    printed = capsys.readouterr().out
    assert "Ann Archer: Autism (overdue since 20 May 2026)" in printed
    assert "Ben Bell: Team Teach (accredited external course) (due by 30 June 2026)" in printed
    assert "Sent 2 reminder e-mails." in printed
    to = {m["To"]: m for m in handler.messages}
    assert set(to) == {"ann@school.example", "senco@school.example"}
    assert (
        "Ben Bell" not in to["ann@school.example"].get_payload() and "Autism" in to["ann@school.example"].get_payload()
    )
    assert "Ben Bell" in to["senco@school.example"].get_payload()
    assert run_due(store, 30, send=False, today=today) == 0 and len(handler.messages) == 2
    store.close()


def test_due_command_without_smtp_only_prints(database_url: str, cli: Callable[..., Done]) -> None:
    done = cli(database_url, "due", "--within-days", "30")
    assert done.returncode == 0 and "Nothing is due in the next 30 days." in done.stdout
    bad = cli(database_url, "due", "--within-days", "-3")
    assert bad.returncode == 1 and "between 0 and 3650" in bad.stderr
