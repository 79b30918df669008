"""Evaluate the safeguarding detector on the locked test split: recall and false alarms, per category.

    python evaluation/evaluate_safeguarding.py              # the locked test split (needs a built index)
    python evaluation/evaluate_safeguarding.py --split tune # the tune split, for development
    python evaluation/evaluate_safeguarding.py --write      # also rewrites docs/evaluation.md
    python evaluation/evaluate_safeguarding.py --misses     # also lists every miss and false alarm

Systems, on the same descriptions in one run, exactly as the service decides (SafeguardingDetector.check):
- full: patterns (with the look-alike guard), the learned classifier and the other-language word lists;
- patterns, classifier, languages: each signal alone, before the guard.
Recall is over risk descriptions, the false-alarm rate over ordinary look-alikes; each figure shows
the counts behind it. Only this script and evaluation/evaluate.py read the test split.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import write_between_markers  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.query import prepare  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.text import ENGLISH, detect_language  # noqa: E402
from handbook.training import (  # noqa: E402
    CATEGORY_MIN_POSITIVES,
    CATEGORY_RECALL,
    CLASSIFIER_RECALL,
    SAFEGUARDING_RECALL,
)
from search_service.engine import SearchEngine  # noqa: E402

SYSTEMS = ("full", "patterns", "classifier", "languages")
RECALL_FLOOR, CATEGORY_FLOOR, FALSE_ALARM_CEILING = 0.98, 0.95, 0.08


def load(split: str) -> list[dict[str, Any]]:
    path = ROOT / "data" / "safeguarding" / f"{split}.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def decide(engine: SearchEngine, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item with every system's answer."""
    prepared = [prepare(item["text"], engine.vocabulary, engine.known_words) for item in items]
    vectors = engine.retriever.embedder.encode_documents([p.expanded for p in prepared])
    rows = []
    for item, query, vector in zip(items, prepared, vectors, strict=True):
        english = detect_language(item["text"], engine.known_words) == ENGLISH  # for the tables' grouping
        _, check = engine.check_risk(query, vector[None, :])  # as the service decides
        answers = {"full": check.risk} | check.signals
        rows.append({"item": item, "english": english, "answers": answers, "probability": check.probability})
    return rows


def rate(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a (0)"


def tally(rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, list[int]]]]:
    """system -> 'risk' or 'ordinary' -> category -> [flagged, total]."""
    table: dict[str, dict[str, dict[str, list[int]]]] = {
        s: {"risk": defaultdict(lambda: [0, 0]), "ordinary": defaultdict(lambda: [0, 0])} for s in SYSTEMS
    }
    for row in rows:
        item = row["item"]
        side = "risk" if item["risk"] else "ordinary"
        category = str(item.get("category") or "uncategorised")
        if not row["english"]:
            category = f"{category} ({item.get('language', 'other')})" if side == "ordinary" else "other languages"
        for system in SYSTEMS:
            for key in (category, "all"):
                cell = table[system][side][key]
                cell[0] += bool(row["answers"][system])
                cell[1] += 1
    return table


def report(table: dict[str, Any], split: str, count: int, threshold: float) -> str:
    risk_categories = sorted(k for k in table["full"]["risk"] if k != "all")
    ordinary_categories = sorted(k for k in table["full"]["ordinary"] if k != "all")
    lines = [
        f"Split: {split} ({count} descriptions; no source site is shared with the train or tune splits). "
        f"Classifier threshold {threshold:.3f}: the highest at which the whole detector keeps {SAFEGUARDING_RECALL} "
        f"recall overall and {CATEGORY_RECALL} in every category with {CATEGORY_MIN_POSITIVES} or more risks, "
        f"and the classifier alone keeps {CLASSIFIER_RECALL}, out of fold over the train and tune splits pooled "
        "(recall first; the classifier is trained on both). "
        f"Floors: recall at least {RECALL_FLOOR} overall and {CATEGORY_FLOOR} per category; "
        f"false alarms on look-alikes at most {FALSE_ALARM_CEILING}.",
        "",
        "| | " + " | ".join(SYSTEMS) + " |",
        "|---|" + "---|" * len(SYSTEMS),
        "| **Recall, all risk descriptions** | " + " | ".join(rate(*table[s]["risk"]["all"]) for s in SYSTEMS) + " |",
    ]
    for category in risk_categories:
        lines.append(f"| recall: {category} | " + " | ".join(rate(*table[s]["risk"][category]) for s in SYSTEMS) + " |")
    lines.append(
        "| **False alarms, all look-alikes** | "
        + " | ".join(rate(*table[s]["ordinary"]["all"]) for s in SYSTEMS)
        + " |"
    )
    for category in ordinary_categories:
        lines.append(
            f"| false alarms: {category} | " + " | ".join(rate(*table[s]["ordinary"][category]) for s in SYSTEMS) + " |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("test", "tune"), default="test")
    parser.add_argument("--write", action="store_true", help="rewrite the table in docs/evaluation.md (test only)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms of the full detector")
    parser.add_argument(
        "--backend",
        choices=("torch", "onnx"),
        default="torch",
        help="query embedder: torch (the reference, what the docs report) or onnx (the service's default)",
    )
    args = parser.parse_args()
    if args.write and args.backend != "torch":
        parser.error("--write reports the reference backend: leave out --backend onnx")
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path(), backend=args.backend)
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    items = load(args.split)
    rows = decide(engine, items)
    head = stored.heads.get("safeguarding")
    text = report(tally(rows), args.split, len(items), head.threshold if head else float("nan"))
    print(text)
    if args.misses:
        for row in rows:
            wrong = row["answers"]["full"] != bool(row["item"]["risk"])
            if wrong:
                kind = "MISSED" if row["item"]["risk"] else "FALSE ALARM"
                print(f"{kind} [{row['item'].get('category')}] p={row['probability']:.2f}: {row['item']['text']}")
    if args.write:
        if args.split != "test":
            raise SystemExit("--write records the locked test split only")
        write_between_markers(ROOT / "docs" / "evaluation.md", "safeguarding", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
