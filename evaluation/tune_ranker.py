"""Choose the learned ranker's weight in the fusion with retrieval, on the train and tune splits only.

    python evaluation/tune_ranker.py             # needs a built index; prints hit@1 and hit@3 per weight

For each weight: the full system (SearchEngine.analyse, with the safeguarding detector) on the tune
split, and site-grouped 5-fold cross-validation over train + tune with the ranker retrained per fold
(evaluation/evaluate.py's cross_validate). The locked test split is never read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.evaluate import Tally, cross_validate, load  # noqa: E402
from evaluation.systems import full, prepare_all  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from search_service.engine import SearchEngine  # noqa: E402
from search_service.ranker import NeedRanker  # noqa: E402

WEIGHTS = (0.5, 1.0, 2.0, 3.0, 5.0, 100.0)  # 100: the ranker decides, retrieval only breaks ties


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=float, nargs="*", help=f"the weights to try (default {WEIGHTS})")
    args = parser.parse_args()
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path())
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    tune = [item for item in load("tune") if any(s in engine.needs for s in item["needs"])]
    prepared = prepare_all(engine, [item["text"] for item in tune])
    learning = load("train") + load("tune")
    for weight in args.weights or WEIGHTS:
        ranker = NeedRanker(engine.ranker.head, weight)
        tally = Tally()
        for item, p in zip(tune, prepared, strict=True):
            tally.add(full(engine, p, ranker)[0], item["needs"])
        folds = cross_validate(engine, learning, weight)
        h1 = [a for a, _ in folds]
        h3 = [b for _, b in folds]
        spread = f"hit@3 {min(h3):.3f} to {max(h3):.3f}, sd {statistics.pstdev(h3):.3f}; "
        spread += f"hit@1 {min(h1):.3f} to {max(h1):.3f}"
        print(
            f"weight {weight:>5}: tune hit@1 | hit@3 | MRR {tally.row()}; CV mean hit@1 {statistics.mean(h1):.3f}, "
            f"hit@3 {statistics.mean(h3):.3f} ({spread})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
