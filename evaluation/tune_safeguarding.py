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
    safeguarding_out_of_fold,
    safeguarding_weights,
)
from handbook.vocabulary import Vocabulary  # noqa: E402


@dataclass
class Variant:
    name: str
    ngrams: bool = True
    c: float = 16.0
    scale: float = 0.5  # the embedding's weight beside the n-grams
    lookalike: float = 1.0  # a safeguarding look-alike's weight in the fit (hard negatives)
    need: float = 1.0  # an ordinary need description's weight in the fit
    word_weight: float = 1.0  # the words' and word pairs' weight beside the letter pieces in the n-grams
    svm: float = 0.0  # the linear SVM's share of the blended weights
    knn: int = 0  # when > 0: the average of the ranks of this and of a k-nearest-neighbour vote (not linear)
    multinomial: bool = False  # one class per risk category and per look-alike kind; P(risk) sums the risk classes
    scheme: str = "balanced"  # the multinomial's class weighting (handbook.training.class_weights)


VARIANTS = [
    Variant("session 4: embedding x0.5 + n-grams, C=16 (logistic regression)"),
    Variant("look-alikes weighted x2", lookalike=2.0),
    Variant("look-alikes weighted x3", lookalike=3.0),
    Variant("look-alikes and need descriptions weighted x2", lookalike=2.0, need=2.0),
    Variant("need descriptions weighted x2", need=2.0),
    Variant("words and word pairs weighted x2 beside letter pieces", word_weight=2.0),
    Variant("words and word pairs weighted x3 beside letter pieces", word_weight=3.0),
    Variant("blend: half logistic regression, half linear SVM", svm=0.5),
    Variant("C=8", c=8.0),
    Variant("C=32", c=32.0),
    Variant("ranks averaged with a 10-nearest-neighbour vote over the embeddings", knn=10),
    Variant("multinomial over fine classes, C=16", multinomial=True),
    Variant("multinomial over fine classes, C=8", c=8.0, multinomial=True),
    Variant("multinomial over fine classes, C=4", c=4.0, multinomial=True),
    Variant("multinomial over fine classes, C=2", c=2.0, multinomial=True),
    Variant(
        "multinomial over fine classes, C=4, each side weighing half (session 5, chosen)",
        c=4.0,
        multinomial=True,
        scheme="sides",
    ),
]
CHOSEN = 15  # the service's: handbook.training (MULTINOMIAL, MULTINOMIAL_REGULARISATION, CLASS_WEIGHTING)


def knn_out_of_fold(vectors: np.ndarray, y: np.ndarray, groups: list[str], k: int) -> np.ndarray:
    """The share of risks among each example's k nearest labelled neighbours (cosine over the embedding),
    out of fold by site like the classifier (the pages' own examples are neighbours in every fold)."""
    from sklearn.model_selection import GroupKFold

    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    group_array = np.array(groups)
    kept = np.flatnonzero(group_array != PAGE_GROUP)
    fixed = np.flatnonzero(group_array == PAGE_GROUP)
    result = np.zeros(len(y))
    for train_part, test_part in GroupKFold(n_splits=5).split(kept, y[kept], group_array[kept]):
        train_index = np.concatenate([kept[train_part], fixed])
        test_index = kept[test_part]
        similarity = unit[test_index] @ unit[train_index].T
        nearest = np.argpartition(-similarity, k, axis=1)[:, :k]
        result[test_index] = y[train_index][nearest].mean(axis=1)
    return result


def ranks(scores: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    return np.asarray(rankdata(scores) / len(scores))


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
        x = safeguarding_design(vectors, texts, variant.ngrams, variant.scale, variant.word_weight)
        weights = safeguarding_weights(examples, variant.lookalike, variant.need)
        if variant.multinomial:
            classes = safeguarding_classes(examples)
            oof = multinomial_out_of_fold(x, classes, examples, variant.c, variant.scheme)[real]
        else:
            oof = safeguarding_out_of_fold(x, y, examples, variant.c, weights, variant.svm)[real]
        if variant.knn:
            vote = knn_out_of_fold(np.asarray(vectors), y, examples.groups, variant.knn)[real]
            oof = (ranks(oof) + ranks(vote)) / 2
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
