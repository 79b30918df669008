"""Read the real-world descriptions in data/ that the build may learn from: the train and tune splits.

The test split (data/<dataset>/test.yaml) is locked: only evaluation/ reads it, never this module,
the build or the service. data/split.py explains how the splits are made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError
from handbook.yaml_loader import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEARNING_SPLITS = ("train", "tune")


def load_split(dataset: str, split: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """One split of one dataset ("needs" or "safeguarding"). Refuses the locked test split."""
    if split not in LEARNING_SPLITS:
        raise ValueError(f"the {split!r} split is locked: only evaluation/ may read it")
    path = data_dir / dataset / f"{split}.yaml"
    if not path.is_file():
        return []
    try:
        items = load_yaml(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        raise ContentError(str(path), f"not valid YAML ({error})") from error
    if not isinstance(items, list) or not all(isinstance(item, dict) and "text" in item for item in items):
        raise ContentError(str(path), "must be a list of descriptions, each with a 'text'")
    return items
