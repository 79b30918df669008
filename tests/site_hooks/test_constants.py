"""site_hooks/constants.py writes assets/constants.json, generated from handbook.schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from handbook.contract import NeedsContract
from handbook.schema import Phase, Role, TrainingCategory, Wave, constants
from handbook.settings import ROOT
from site_hooks import constants as hook


def test_the_hook_writes_the_schema_constants(tmp_path: Path, contract: NeedsContract) -> None:
    hook.on_post_build({"site_dir": str(tmp_path)})  # type: ignore[arg-type]
    data = json.loads((tmp_path / "assets" / "constants.json").read_text(encoding="utf-8"))
    assert data == constants(contract)
    assert [w["heading"] for w in data["waves"]] == [w.heading for w in Wave]
    assert [p["id"] for p in data["phases"]] == [p.value for p in Phase]
    assert [r["label"] for r in data["roles"]] == [r.label for r in Role]
    assert [c["id"] for c in data["categories"]] == [c.value for c in TrainingCategory]
    assert {a["id"]: a["label"] for a in data["areas"]} == contract.areas


def test_a_broken_contract_fails_the_site_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    broken = tmp_path / "needs.yaml"
    broken.write_text("areas: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("SEND_HANDBOOK_CONTRACT_PATH", str(broken))
    with pytest.raises(PluginError, match=r"Cannot write assets/constants\.json"):
        hook.on_post_build({"site_dir": str(tmp_path / "site")})  # type: ignore[arg-type]


def test_the_hook_is_registered_in_mkdocs_yml() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "site_hooks/constants.py" in config["hooks"]


def test_the_built_site_has_the_constants(built_site: Path, contract: NeedsContract) -> None:
    data = json.loads((built_site / "assets" / "constants.json").read_text(encoding="utf-8"))
    assert data == constants(contract)
