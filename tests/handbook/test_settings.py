"""handbook.settings: SEND_HANDBOOK_* variables are parsed by type, and a bad value stops with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.settings import ROOT, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in [n for n in os.environ if n.startswith("SEND_HANDBOOK_")]:
        monkeypatch.delenv(name)


def test_defaults_point_into_the_repository() -> None:
    settings = Settings.from_env()
    assert settings.content_dir == ROOT / "content"
    assert settings.contract_path == ROOT / "contract" / "needs.yaml"
    assert settings.port == 8000 and settings.cors_origins == [] and settings.check_content_freshness is True


def test_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_CORS_ORIGINS", " https://a.example , ,https://b.example,")
    assert Settings.from_env().cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("SEND_HANDBOOK_CORS_ORIGINS", "")
    assert Settings.from_env().cors_origins == []


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), (" yes ", True), ("on", True),
                                               ("0", False), ("false", False), ("No", False), ("off", False)])  # fmt: skip
def test_bools(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_CHECK_CONTENT_FRESHNESS", raw)
    assert Settings.from_env().check_content_freshness is expected


def test_numbers_and_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_PORT", "20123")
    monkeypatch.setenv("SEND_HANDBOOK_RELOAD_CHECK_SECONDS", "0.5")
    monkeypatch.setenv("SEND_HANDBOOK_TORCH_THREADS", "2")
    monkeypatch.setenv("SEND_HANDBOOK_INDEX_DIR", str(tmp_path))
    settings = Settings.from_env()
    assert (settings.port, settings.reload_check_seconds, settings.torch_threads) == (20123, 0.5, 2)
    assert settings.index_dir == tmp_path
    assert settings.resolved_torch_threads() == 2


def test_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_INDEX_DIR", "/nowhere")
    assert Settings.from_env(index_dir=tmp_path).index_dir == tmp_path


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("PORT", "eighty", "SEND_HANDBOOK_PORT='eighty'"),
        ("PORT", "70000", "less than or equal to 65535"),
        ("WORKERS", "0", "SEND_HANDBOOK_WORKERS='0'"),
        ("CHECK_CONTENT_FRESHNESS", "ture", "SEND_HANDBOOK_CHECK_CONTENT_FRESHNESS='ture': write true or false"),
        ("RELOAD_CHECK_SECONDS", "-1", "SEND_HANDBOOK_RELOAD_CHECK_SECONDS='-1'"),
        ("MAX_BODY_BYTES", "10", "greater than or equal to 1024"),
    ],
)
def test_a_bad_value_stops_with_a_message_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, expected: str
) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_" + name, raw)
    with pytest.raises(SystemExit) as stop:
        Settings.from_env()
    message = str(stop.value.code)
    assert message.startswith("Invalid SEND_HANDBOOK_* setting:")
    assert expected in message


def test_every_bad_value_is_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_PORT", "x")
    monkeypatch.setenv("SEND_HANDBOOK_WORKERS", "x")
    with pytest.raises(SystemExit) as stop:
        Settings.from_env()
    assert "SEND_HANDBOOK_PORT" in str(stop.value.code) and "SEND_HANDBOOK_WORKERS" in str(stop.value.code)


def test_a_bad_override_names_the_option() -> None:
    with pytest.raises(SystemExit, match="--workers=0"):
        Settings.from_env(workers=0)


def test_an_empty_value_switches_an_optional_setting_off(monkeypatch) -> None:
    monkeypatch.setenv("SEND_HANDBOOK_EMBEDDING_CACHE_DIR", "")
    assert Settings.from_env().embedding_cache_dir is None
    monkeypatch.setenv("SEND_HANDBOOK_EMBEDDING_CACHE_DIR", "/tmp/vectors")
    assert Settings.from_env().embedding_cache_dir == Path("/tmp/vectors")
