"""The real-world descriptions are split by source site, and the locked test split is unchanged."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
import yaml

from handbook.datasets import DATA_DIR, load_split
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("split", ROOT / "data" / "split.py")
assert spec and spec.loader
split = importlib.util.module_from_spec(spec)
spec.loader.exec_module(split)


def items(dataset: str, part: str) -> list[dict]:
    return yaml.load((DATA_DIR / dataset / f"{part}.yaml").read_text(encoding="utf-8"), Loader=split.LOADER) or []


@pytest.mark.parametrize("dataset", split.DATASETS)
def test_no_site_is_in_two_splits(dataset: str) -> None:
    sites = {part: {item["site"] for item in items(dataset, part)} for part in split.SPLITS}
    assert not sites["train"] & sites["test"]
    assert not sites["tune"] & sites["test"]
    assert not sites["train"] & sites["tune"]


@pytest.mark.parametrize("dataset", split.DATASETS)
def test_the_splits_are_what_split_py_makes_of_the_gathered_files(dataset: str) -> None:
    for part, text in split.render_splits(dataset).items():
        stored = (DATA_DIR / dataset / f"{part}.yaml").read_text(encoding="utf-8")
        assert stored == text, f"data/{dataset}/{part}.yaml is stale: run python data/split.py {dataset}"


@pytest.mark.parametrize("dataset", split.DATASETS)
def test_the_locked_test_split_matches_its_checksum(dataset: str) -> None:
    recorded = (DATA_DIR / dataset / "test.sha256").read_text(encoding="utf-8").strip()
    assert hashlib.sha256((DATA_DIR / dataset / "test.yaml").read_bytes()).hexdigest() == recorded


def test_every_description_records_its_source_page() -> None:
    for dataset in split.DATASETS:
        for item in split.gathered(dataset):
            assert item["source"]["url"].startswith(("https://", "http://")), item["text"]


def test_the_build_cannot_read_the_locked_split() -> None:
    with pytest.raises(ValueError, match="locked"):
        load_split("needs", "test")
    assert load_split("needs", "train")


def test_the_split_rule_is_fixed() -> None:
    assert split.site_of("https://www.nspcc.org.uk/a/b") == "nspcc.org.uk"
    assert split.site_of("https://WWW.NSPCC.org.uk./a") == "nspcc.org.uk"  # one site, however its host is typed
    assert split.split_of("example.org", set()) == split.split_of("example.org", set())
    assert split.split_of("example.org", {"example.org"}) == "train"
