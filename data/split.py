"""Split the gathered real-world descriptions into train, tune and test sets by source site.

    python data/split.py [needs|safeguarding]   # rewrites data/<dataset>/{train,tune,test}.yaml and test.sha256

Every description records the page it was paraphrased from (`source.url`). Its site is that URL's
host without "www.". A site's descriptions all go into one split, chosen by a fixed rule, so the same
data always gives the same split and no site is shared between training and testing:

- a site used by the first evaluation set (evaluation/queries.yaml, which earlier sessions read while
  tuning) always goes to train;
- otherwise the first byte of sha256(site) decides: below 52 (about 20%) test, below 78 (about 10%)
  tune, else train.

The test split is locked: only evaluation/evaluate.py reads it, and test.sha256 records its checksum
so that any change to it shows up in review (tests/data/test_splits.py checks both).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# libyaml's C loader and dumper: the same safe rules and byte-identical output, about five times faster.
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DATA = Path(__file__).resolve().parent
ROOT = DATA.parent
DATASETS = ("needs", "safeguarding")
SPLITS = ("train", "tune", "test")
LEGACY = ROOT / "evaluation" / "queries.yaml"
TEST_BELOW = 52
TUNE_BELOW = 78


def site_of(url: str) -> str:
    """The host without "www." (and without the trailing dot of a fully qualified name: the same site)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def legacy_sites() -> set[str]:
    if not LEGACY.is_file():
        return set()
    return {site_of(item["source"]["url"]) for item in yaml.load(LEGACY.read_text(encoding="utf-8"), Loader=LOADER)}


def split_of(site: str, forced_train: set[str]) -> str:
    if not site:
        raise ValueError("a description without a source URL cannot be split")
    if site in forced_train:
        return "train"
    first = hashlib.sha256(site.encode("utf-8")).digest()[0]
    if first < TEST_BELOW:
        return "test"
    if first < TUNE_BELOW:
        return "tune"
    return "train"


def gathered(dataset: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for file in sorted((DATA / dataset / "gathered").glob("*.yaml")):
        loaded = yaml.load(file.read_text(encoding="utf-8"), Loader=LOADER) or []
        for item in loaded:
            item["site"] = site_of(item["source"]["url"])
            items.append(item)
    return items


def render_splits(dataset: str) -> dict[str, str]:
    """The text of each split file for the gathered items: a site's items all go to one split."""
    forced = legacy_sites()
    parts: dict[str, list[dict[str, Any]]] = {split: [] for split in SPLITS}
    for item in gathered(dataset):
        parts[split_of(item["site"], forced)].append(item)
    rendered: dict[str, str] = {}
    for split, items in parts.items():
        items.sort(key=lambda item: (item["site"], item["text"]))
        rendered[split] = yaml.dump(items, Dumper=DUMPER, allow_unicode=True, sort_keys=True, width=110)
    return rendered


def write_splits(dataset: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for split, text in render_splits(dataset).items():
        (DATA / dataset / f"{split}.yaml").write_text(text, encoding="utf-8")
        counts[split] = len(yaml.load(text, Loader=LOADER) or [])
    digest = hashlib.sha256((DATA / dataset / "test.yaml").read_bytes()).hexdigest()
    (DATA / dataset / "test.sha256").write_text(digest + "\n", encoding="utf-8")
    return counts


def main() -> int:
    for dataset in sys.argv[1:] or DATASETS:
        if (DATA / dataset / "gathered").is_dir():
            print(dataset, write_splits(dataset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
