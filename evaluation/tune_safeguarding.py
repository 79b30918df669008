"""Compare ways of making the safeguarding decision, on the train and tune splits only.

    python evaluation/tune_safeguarding.py            # every variant
    python evaluation/tune_safeguarding.py --quick    # the chosen variant only
    python evaluation/tune_safeguarding.py --quick --show   # and list its out-of-fold misses and false alarms

For each variant of the classifier the whole detector is scored as the service decides
(search_service.safeguarding: patterns, the look-alike guard, the classifier) on out-of-fold
predictions over the train and tune splits pooled (5 folds grouped by source site; the pages' own
signs train every fold), at the threshold handbook.training chooses (recall_first_threshold).

Reported: recall overall and per category, false alarms over the safeguarding look-alikes and over the
ordinary need descriptions (each of those puts safeguarding-concerns first and costs hit@1), and the
classifier's ROC AUC. The locked test split is never read (handbook.datasets refuses it).
It embeds through the build's embedding cache, so a later `python build_index.py` embeds nothing new.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.chunks import build_catalogue  # noqa: E402
from handbook.contract import load_contract  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.embedding_cache import EmbeddingCache  # noqa: E402
from handbook.pages import load_pages  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.training import (  # noqa: E402
    CATEGORY_RECALL,
    CLASS_WEIGHTING,
    MULTINOMIAL_REGULARISATION,
    PAGE_GROUP,
    RISK_LABEL,
    SAFEGUARDING_RECALL,
    embed,
    multinomial_out_of_fold,
    normalised_texts,
    pooled_safeguarding_examples,
    recall_first_threshold,
    recall_threshold,
    rule_signals,
    safeguarding_classes,
    safeguarding_design,
)
from handbook.vocabulary import Vocabulary  # noqa: E402


@dataclass
class Variant:
    name: str
    c: float = MULTINOMIAL_REGULARISATION  # the multinomial's inverse regularisation
    scheme: str = CLASS_WEIGHTING  # its class weighting (handbook.training.class_weights)


# The binary classifiers of sessions 3 and 4 (weights, SVM blend, word weight, k-nearest-neighbour vote) were
# removed in session 7; commit 6afff93 still runs them (docs/evaluation.md, session 7).
VARIANTS = [
    Variant("multinomial over fine classes, C=4, each side weighing half (session 5, chosen)"),
    Variant("multinomial over fine classes, C=16", c=16.0, scheme="balanced"),
    Variant("multinomial over fine classes, C=8", c=8.0, scheme="balanced"),
    Variant("multinomial over fine classes, C=4", c=4.0, scheme="balanced"),
    Variant("multinomial over fine classes, C=2", c=2.0, scheme="balanced"),
]
CHOSEN = 0  # the service's: handbook.training (MULTINOMIAL_REGULARISATION, CLASS_WEIGHTING)


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, scores)) if 0 < positive.sum() < len(positive) else float("nan")


def fraction(hits: np.ndarray) -> str:
    return f"{hits.mean():.3f} ({int(hits.sum())}/{len(hits)})" if len(hits) else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the chosen variant only")
    parser.add_argument("--show", action="store_true", help="list the out-of-fold misses and false alarms")
    parser.add_argument("--only", type=int, nargs="*", help="the variants to run, by position in VARIANTS")
    parser.add_argument(
        "--data-dir", type=Path, help="another data folder with needs/ and safeguarding/ train and tune splits"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    settings = Settings.from_env()
    contract = load_contract(settings.contract_path)
    catalogue = build_catalogue(load_pages(settings.content_dir, contract))
    vocabulary = Vocabulary.from_catalogue(catalogue)
    embedder = get_embedder(settings.resolved_model_path(), settings.build_threads)

    def encode_batch(batch: list[str]) -> np.ndarray:
        return embedder.encode_documents(batch, batch_size=settings.batch_size)

    encode = EmbeddingCache(encode_batch, embedder.fingerprint, embedder.dimension, settings.embedding_cache_dir)
    examples = pooled_safeguarding_examples(catalogue, args.data_dir)
    vectors = embed(examples.texts, vocabulary, encode)
    encode.save()
    texts = normalised_texts(examples.texts, vocabulary)
    y = np.array([label == RISK_LABEL for label in examples.labels])
    real = np.array([group != PAGE_GROUP for group in examples.groups])
    flagged, blocked = rule_signals([t for t, keep in zip(texts, real, strict=True) if keep])
    positive = y[real]
    sources = np.array(examples.sources)[real]
    categories = np.array(examples.categories)[real]
    shown = [t for t, keep in zip(examples.texts, real, strict=True) if keep]
    print(
        f"train + tune: {len(examples)} examples ({int(y.sum())} risk), {int(real.sum())} from real-world sites "
        f"({int(positive.sum())} risk). Recall targets {SAFEGUARDING_RECALL} overall, {CATEGORY_RECALL} per category."
    )
    chosen = [VARIANTS[CHOSEN]] if args.quick else VARIANTS
    if args.only:
        chosen = [VARIANTS[i] for i in args.only]
    for variant in chosen:
        variant_started = time.perf_counter()
        x = safeguarding_design(vectors, texts)
        oof = multinomial_out_of_fold(x, safeguarding_classes(examples), examples, variant.c, variant.scheme)[real]
        threshold = recall_first_threshold(oof, positive, flagged, blocked, categories)
        risk = flagged | (~blocked & (oof >= threshold))
        print(f"\n## {variant.name}: threshold {threshold:.3f}, AUC {auc(oof, positive):.3f}")
        # the same rule if the patterns written from these very descriptions caught nothing: how much of the
        # recall above leans on them (they were read from train and tune, so out of fold they look better)
        for alone in (0.90, 0.95, 0.98):
            t = recall_threshold(oof, positive, alone)
            r = flagged | (~blocked & (oof >= t))
            lookalikes = ~positive & (sources == "safeguarding")
            needs = ~positive & (sources == "needs")
            print(
                f"- classifier alone keeping {alone} out of fold: threshold {t:.3f}; whole detector recall "
                f"{fraction(r[positive])}, false alarms look-alikes {fraction(r[lookalikes])}, "
                f"needs {fraction(r[needs])}"
            )
        print(f"- recall {fraction(risk[positive])}")
        for source in ("safeguarding", "needs"):
            print(f"- false alarms {source}: {fraction(risk[~positive & (sources == source)])}")
        for category in sorted(set(categories[positive].tolist())):
            mask = positive & (categories == category)
            print(f"  - recall {category}: {fraction(risk[mask])}")
        if args.show:
            left = np.flatnonzero(positive & ~flagged & ~blocked)
            print("  The classifier's lowest-scoring risks that no pattern catches (they set the threshold):")
            for i in left[np.argsort(oof[left])][:12]:
                print(f"  LOW ({categories[i]}) p={oof[i]:.3f}: {shown[i]}")
            for i in np.flatnonzero(risk != positive):
                kind = f"MISSED ({categories[i]})" if positive[i] else f"FALSE ALARM ({sources[i]}, {categories[i]})"
                print(f"  {kind} p={oof[i]:.2f}: {shown[i]}")
        print(f"  (variant run time {time.perf_counter() - variant_started:.0f}s)")
    print(f"\nRun time {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
