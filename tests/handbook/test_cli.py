"""send-handbook: one command line that calls the existing entry points."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from handbook import cli
from handbook.settings import ROOT
from tests.conftest import CONTENT


def test_pyproject_installs_the_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, function = scripts["send-handbook"].partition(":")
    assert (module, function) == ("handbook.cli", "main")
    assert callable(getattr(cli, function))


def test_help_explains_every_command_in_plain_words() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "handbook.cli", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0
    for command in ("build", "serve", "evaluate", "bench", "settings"):
        assert command in result.stdout
    assert "Build the search index from the content" in result.stdout
    assert "SEND_HANDBOOK_" in result.stdout


def test_no_command_or_an_unknown_one_names_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["biuld"]):
        with pytest.raises(SystemExit) as stop:
            cli.main(argv)
        assert stop.value.code == 2
    assert "choose from 'build', 'serve', 'evaluate', 'bench', 'settings'" in capsys.readouterr().err


def test_a_command_passes_the_rest_of_the_line_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, list[str], str]] = []
    for name in ("build", "serve", "evaluate", "bench", "settings"):
        monkeypatch.setitem(cli.RUNNERS, name, lambda argv, name=name: seen.append((name, argv, sys.argv[0])) or 0)
    assert cli.main(["serve", "--port", "20555", "--workers", "2"]) == 0
    assert cli.main(["evaluate", "--misses"]) == 0
    assert seen[0][:2] == ("serve", ["--port", "20555", "--workers", "2"])
    assert seen[1][:2] == ("evaluate", ["--misses"])


def test_command_help_is_the_entry_points_own(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: send-handbook build") and "--content" in out and "--index" in out


def test_build_runs_the_build_with_the_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    """The real build_index.main, with the heavy embedding step replaced by a recorder."""
    import handbook.build
    from handbook.build import BuildResult

    calls = []

    def fake_build(settings, write_shipped_embeddings=False):
        calls.append((settings, write_shipped_embeddings))
        return BuildResult(settings.index_dir / "builds" / "x", {"pages": 1}, 0.1, shipped_missing=2)

    monkeypatch.setattr(handbook.build, "build_index", fake_build)
    assert cli.main(["build", "--content", str(CONTENT), "--index", str(tmp_path / "index")]) == 0
    settings, write_shipped = calls[0]
    assert settings.content_dir == CONTENT and settings.index_dir == tmp_path / "index" and not write_shipped
    out = capsys.readouterr().out
    assert "Built the search index" in out
    assert "The shipped embeddings lack 2 of the texts" in out and "--write-shipped-embeddings" in out
    assert cli.main(["build", "--index", str(tmp_path / "index"), "--write-shipped-embeddings"]) == 0
    assert calls[1][1] is True


def test_build_of_a_broken_page_fails_with_the_file_and_reason(tmp_path: Path, capsys) -> None:
    """A real build over a tiny content folder: the page check fails before any model is loaded."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("---\ntitle: Home\n---\n# Home\n", encoding="utf-8")
    assert cli.main(["build", "--content", str(content), "--index", str(tmp_path / "index")]) == 1
    err = capsys.readouterr().err
    assert "Build failed, the previous index is unchanged" in err
    assert "index.md: front matter is missing 'description'" in err
    assert not (tmp_path / "index").exists()


def test_evaluate_and_bench_call_the_scripts_main(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[tuple[str, list[str]]] = []

    class Script:
        def __init__(self, relative: str) -> None:
            self.relative = relative

        def main(self) -> int:
            called.append((self.relative, sys.argv[:]))
            return 3

    monkeypatch.setattr(cli, "load_script", Script)
    assert cli.main(["evaluate", "--write"]) == 3
    assert cli.main(["bench", "--seconds", "5"]) == 3
    assert called == [
        ("evaluation/evaluate.py", ["send-handbook evaluate", "--write"]),
        ("benchmarks/benchmark.py", ["send-handbook bench", "--seconds", "5"]),
    ]
    assert sys.argv[0] != "send-handbook bench", "sys.argv is restored afterwards"


def test_the_scripts_it_calls_exist_and_have_a_main() -> None:
    for relative in ("evaluation/evaluate.py", "benchmarks/benchmark.py"):
        source = (ROOT / relative).read_text(encoding="utf-8")
        assert "\ndef main() -> int:" in source, relative


def test_a_missing_script_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    assert cli.main(["evaluate"]) == 2
    assert "evaluation/evaluate.py is not in" in capsys.readouterr().err


def test_serve_starts_uvicorn_with_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import search_service.__main__ as service_main

    started: list[dict] = []
    monkeypatch.setattr(service_main.uvicorn, "run", lambda app, **options: started.append({"app": app} | options))
    monkeypatch.setenv("SEND_HANDBOOK_WORKERS", "1")  # serve hands settings to workers this way; restored after
    assert cli.main(["serve", "--host", "127.0.0.1", "--port", "20555"]) == 0
    assert started[0]["app"] == "search_service.app:create_app" and started[0]["factory"] is True
    assert (started[0]["host"], started[0]["port"], started[0]["workers"]) == ("127.0.0.1", 20555, 1)
    assert started[0]["access_log"] is False, "query strings never reach a log"


def test_settings_prints_the_reference(capsys: pytest.CaptureFixture[str]) -> None:
    from handbook.settings_doc import settings_markdown

    assert cli.main(["settings"]) == 0
    assert capsys.readouterr().out == settings_markdown()
