"""Choose the learned ranker's weight in the fusion with retrieval, on the train and tune splits only.

    python evaluation/tune_ranker.py             # needs a built index; prints hit@1, hit@3 and MRR per weight
    python evaluation/tune_ranker.py --typos     # also the seeded typo copy of every held-out fold

For each weight: the full system (SearchEngine.analyse, with the safeguarding detector) on the tune
split, and site-grouped 5-fold cross-validation over train + tune with the ranker retrained per fold
(evaluation/evaluate.py's cross_validate_weights: each fold's ranker is fitted once for all weights).
The rule: the weight with the best CV mean hit@1 that loses no CV mean hit@3 against the service's
current weight. The locked test split is never read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.evaluate import Tally, cross_validate_weights, fold_summary, load  # noqa: E402
from evaluation.systems import full, prepare_all  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from search_service.engine import SearchEngine  # noqa: E402
from search_service.ranker import RANKER_WEIGHT, NeedRanker  # noqa: E402

WEIGHTS = (0.5, 1.0, 2.0, 3.0, 5.0, 100.0)  # 100: the ranker decides, retrieval only breaks ties


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=float, nargs="*", help=f"the weights to try (default {WEIGHTS})")
    parser.add_argument("--typos", action="store_true", help="also score the seeded typo copy of each fold")
    args = parser.parse_args()
    weights = tuple(args.weights or WEIGHTS)
    if RANKER_WEIGHT not in weights:
        weights = (RANKER_WEIGHT, *weights)
    copies = ("clean", "typos") if args.typos else ("clean",)
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path())
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    tune = [item for item in load("tune") if any(s in engine.needs for s in item["needs"])]
    prepared = prepare_all(engine, [item["text"] for item in tune])
    folds = cross_validate_weights(engine, load("train") + load("tune"), weights, copies)
    means: dict[float, tuple[float, float]] = {}
    for weight in weights:
        ranker = NeedRanker(engine.ranker.head, weight)
        tally = Tally()
        for item, p in zip(tune, prepared, strict=True):
            tally.add(full(engine, p, ranker)[0], item["needs"])
        clean = folds[(weight, "clean")]
        means[weight] = (
            statistics.mean(t.hit1 / t.n for t in clean),
            statistics.mean(t.hit3 / t.n for t in clean),
        )
        print(f"weight {weight:>5}: tune hit@1 | hit@3 | MRR {tally.row()}")
        for name in copies:
            print(f"    CV {name}: {fold_summary(folds[(weight, name)])}")
    floor = means[RANKER_WEIGHT][1]
    allowed = [w for w in weights if means[w][1] >= floor - 1e-9]
    best = max(allowed, key=lambda w: (means[w][0], means[w][1]))
    print(f"\nbest by CV mean hit@1 without losing CV mean hit@3 (current weight {RANKER_WEIGHT}): {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
