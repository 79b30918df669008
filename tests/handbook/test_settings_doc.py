"""docs/settings.md is generated from the Settings model; this fails when it is stale."""

from __future__ import annotations

import pytest

from handbook import settings_doc
from handbook.settings import ENV_PREFIX, Settings


def test_the_settings_reference_is_up_to_date() -> None:
    assert settings_doc.DOC_PATH.read_text(encoding="utf-8") == settings_doc.settings_markdown(), (
        "docs/settings.md is stale: run `send-handbook settings --write` (or python -m handbook.settings_doc --write)"
    )


def test_every_setting_has_a_row_with_its_variable_type_default_and_description() -> None:
    text = settings_doc.settings_markdown()
    for name, field in Settings.model_fields.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        assert f"`{ENV_PREFIX}{name.upper()}`" in row
        assert field.description and field.description in row, f"{name} needs a description in Settings"
    assert "| `port` | `SEND_HANDBOOK_PORT` | whole number (at least 1, at most 65535) | `8000` |" in text
    assert "| `content_dir` | `SEND_HANDBOOK_CONTENT_DIR` | path | `content/` |" in text
    assert "/work/" not in text, "defaults are shown relative to the repository, not this machine's path"


def test_check_fails_on_a_stale_file(tmp_path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    stale = tmp_path / "settings.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(settings_doc, "DOC_PATH", stale)
    assert settings_doc.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert settings_doc.main(["--write"]) == 0
    assert settings_doc.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == settings_doc.settings_markdown()
