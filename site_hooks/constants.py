"""MkDocs hook: write assets/constants.json, the labels the site's scripts show, generated from handbook.schema.

Waves, phases, roles, training categories and areas then have one source: the scripts read this
file instead of typing the lists by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.contract import load_contract
from handbook.errors import ContentError
from handbook.schema import constants
from handbook.settings import Settings

CONSTANTS_FILE = "assets/constants.json"


def constants_json(contract_path: Path) -> str:
    try:
        contract = load_contract(contract_path)
    except ContentError as error:
        raise PluginError(f"Cannot write {CONSTANTS_FILE}: {error}") from error
    return json.dumps(constants(contract), ensure_ascii=False, indent=1) + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config["site_dir"]) / CONSTANTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(constants_json(Settings.from_env().contract_path), encoding="utf-8")
