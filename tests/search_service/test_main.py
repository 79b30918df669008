"""How the service is started: `python -m search_service` and scripts/run take every value from the
Settings object (SEND_HANDBOOK_*); a flag wins only when it is given, and reaches the workers too."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from handbook.settings import ROOT
from search_service import __main__ as entry

VARIABLES = ("HOST", "PORT", "WORKERS", "INDEX_DIR", "SITE_DIR", "TRUSTED_PROXIES")


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What uvicorn.run would have been given (the service is not started). The environment is a copy,
    so what main() hands on to the workers never reaches other tests."""
    monkeypatch.setattr(os, "environ", dict(os.environ))
    for name in VARIABLES:
        monkeypatch.delenv("SEND_HANDBOOK_" + name, raising=False)
    calls: dict[str, Any] = {}
    monkeypatch.setattr(entry.uvicorn, "run", lambda app, **kwargs: calls.update(kwargs, app=app))
    return calls


def test_the_variables_are_used_when_no_flag_is_given(started: dict[str, Any], monkeypatch) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_HOST", "0.0.0.0")
    monkeypatch.setenv("SEND_HANDBOOK_PORT", "9123")
    monkeypatch.setenv("SEND_HANDBOOK_WORKERS", "2")
    assert entry.main([]) == 0
    assert (started["host"], started["port"], started["workers"]) == ("0.0.0.0", 9123, 2)
    assert started["app"] == "search_service.app:create_app" and started["factory"] is True


def test_the_defaults_come_from_the_settings_model(started: dict[str, Any]) -> None:
    entry.main([])
    assert (started["host"], started["port"], started["workers"]) == ("127.0.0.1", 8000, 1)


def test_a_flag_wins_and_is_handed_to_the_workers(started: dict[str, Any], monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_PORT", "9123")
    entry.main(["--port", "9200", "--index", str(tmp_path), "--trusted-proxies", "10.0.0.5, 10.0.0.6"])
    assert started["port"] == 9200
    assert os.environ["SEND_HANDBOOK_PORT"] == "9200"
    assert os.environ["SEND_HANDBOOK_INDEX_DIR"] == str(tmp_path)
    assert os.environ["SEND_HANDBOOK_TRUSTED_PROXIES"] == "10.0.0.5,10.0.0.6"


def test_a_bad_flag_is_refused_by_the_settings_model_by_its_name(started: dict[str, Any]) -> None:
    with pytest.raises(SystemExit, match="--port=0"):
        entry.main(["--port", "0"])
    assert started == {}


def executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_scripts_run_passes_no_flag_over_the_variables(tmp_path: Path) -> None:
    """scripts/run in a copy of the repository whose install, python and mkdocs only write down what
    they were asked to do."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "run", repo / "scripts" / "run")
    executable(repo / "scripts" / "install", "#!/usr/bin/env bash\nexit 0\n")
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    calls = tmp_path / "calls.txt"
    record = f'#!/usr/bin/env bash\necho "$(basename "$0") $* port=${{SEND_HANDBOOK_PORT:-}}" >> {calls}\n'
    executable(stubs / "python", record)
    executable(stubs / "mkdocs", record)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "activate").write_text(f'PATH="{stubs}:$PATH"\n', encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SEND_HANDBOOK_PORT": "9123", "PORT": "1"}
    result = subprocess.run(
        ["bash", str(repo / "scripts" / "run")], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "python -m search_service --check port=9123",
        "python build_index.py port=9123",
        "mkdocs build --strict --quiet port=9123",
        "python -m search_service port=9123",
    ]
    assert "PORT is not read; set SEND_HANDBOOK_PORT" in result.stderr


def test_an_address_in_use_is_refused_at_once_with_what_to_do(started: dict[str, Any], capsys) -> None:
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert entry.main(["--port", str(port)]) == 1
        assert entry.main(["--port", str(port), "--check"]) == 1
    assert started == {}  # never started
    message = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in message and f"SEND_HANDBOOK_PORT={port + 1} scripts/run" in message


def test_check_only_checks(started: dict[str, Any]) -> None:
    from benchmarks.harness import free_port

    assert entry.main(["--port", str(free_port()), "--check"]) == 0
    assert started == {}
