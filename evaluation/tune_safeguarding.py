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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.chunks import build_catalogue  # noqa: E402
from handbook.contract import load_contract  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.embedding_cache import EmbeddingCache  # noqa: E402
from handbook.pages import load_pages  # noqa: E402
from handbook.risk_classes import ORDINARY_PREFIX, RISK_PREFIX, fine_class, risk_share  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.training import (  # noqa: E402
    CATEGORY_RECALL,
    CLASS_WEIGHTING,
    EMBEDDING_SCALE,
    LOOKALIKE_CLASS_WEIGHT,
    MULTINOMIAL_REGULARISATION,
    MULTINOMIAL_TOLERANCE,
    PAGE_GROUP,
    RISK_LABEL,
    SAFEGUARDING_RECALL,
    UNRELATED_CLASS_WEIGHT,
    UNRELATED_TEXT,
    Examples,
    _Multinomial,
    class_weights,
    embed,
    fit_logistic,
    fit_multinomial,
    multinomial_out_of_fold,
    normalised_texts,
    out_of_fold,
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
    lookalike: float = LOOKALIKE_CLASS_WEIGHT  # a look-alike class's weight within the ordinary side ("sides")
    unrelated: bool = UNRELATED_TEXT  # the unrelated sentences (data/unrelated) train an "ordinary:unrelated" class
    unrelated_weight: float = UNRELATED_CLASS_WEIGHT  # that class's weight within the ordinary side ("sides")
    # session 16: how the class probabilities become one probability of risk ("sum" of the risk classes, as the
    # service does; "max": the largest risk class; "sharpen:T": the sum after p ** (1 / T), renormalised;
    # "ratio": the largest risk class over itself plus the largest ordinary class) ...
    aggregate: str = "sum"
    # ... and the ordinary need classes: by "area" (the service's), by "topic", or by "topic-shared" (by topic,
    # the topics of an area sharing what that area's class weighs)
    need_classes: str = "area"


# The binary classifiers of sessions 3 and 4 (weights, SVM blend, word weight, k-nearest-neighbour vote) were
# removed in session 7; commit 6afff93 still runs them (docs/evaluation.md, session 7).
VARIANTS = [
    Variant("multinomial over fine classes, C=4, each side weighing half (session 5)", unrelated=False),
    Variant("multinomial over fine classes, C=16", c=16.0, scheme="balanced", unrelated=False),
    Variant("multinomial over fine classes, C=8", c=8.0, scheme="balanced", unrelated=False),
    Variant("multinomial over fine classes, C=4", c=4.0, scheme="balanced", unrelated=False),
    Variant("multinomial over fine classes, C=2", c=2.0, scheme="balanced", unrelated=False),
]
VARIANTS += [
    Variant("session 7: + an ordinary:unrelated class", unrelated=True, unrelated_weight=1.0),
    Variant("session 7: look-alike classes weighted x1.5 within sides", lookalike=1.5, unrelated=False),
    Variant("session 7: look-alike classes weighted x2 within sides", lookalike=2.0, unrelated=False),
    Variant("session 7: + unrelated class, look-alike classes x1.5", unrelated_weight=1.0, lookalike=1.5),
    Variant("session 7: + unrelated class, look-alike classes x2", unrelated_weight=1.0, lookalike=2.0),
    Variant("session 7: C=2", c=2.0, unrelated=False),
    Variant("session 7: C=8", c=8.0, unrelated=False),
    Variant("session 7: + unrelated class, C=2", c=2.0, unrelated_weight=1.0),
    Variant("session 7: + unrelated class, C=8", c=8.0, unrelated_weight=1.0),
    Variant("session 7: + unrelated class weighted x0.5 within sides (chosen)", unrelated=True, unrelated_weight=0.5),
    Variant("session 7: + unrelated class weighted x0.25 within sides", unrelated=True, unrelated_weight=0.25),
    # session 15: look-alike classes lighter than the need and page classes (the rule: docs/evaluation.md)
    Variant("session 15: chosen classifier, look-alike classes x0.67 within sides", lookalike=0.67),
    Variant("session 15: chosen classifier, look-alike classes x0.5 within sides", lookalike=0.5),
    # 18 to 22: session 16, rule 1 (docs/evaluation.md): the same classifier, another aggregation
    Variant("session 16: chosen classifier, the largest risk class", aggregate="max"),
    Variant("session 16: chosen classifier, sum after sharpening, T = 1/2", aggregate="sharpen:0.5"),
    Variant("session 16: chosen classifier, sum after sharpening, T = 1/3", aggregate="sharpen:0.3333"),
    Variant("session 16: chosen classifier, sum after sharpening, T = 1/4", aggregate="sharpen:0.25"),
    Variant("session 16: chosen classifier, largest risk over largest risk + largest ordinary", aggregate="ratio"),
    # 23, 24: session 16, rule 3: ordinary need classes by topic
    Variant("session 16: need classes by topic", need_classes="topic"),
    Variant("session 16: need classes by topic, sharing their area's weight", need_classes="topic-shared"),
]
CHOSEN = 14  # the service's: handbook.training (MULTINOMIAL_REGULARISATION, CLASS_WEIGHTING, UNRELATED_*)


def need_topic_classes(examples: Examples) -> tuple[np.ndarray, dict[str, str]]:
    """Session 16, rule 3: each ordinary need description's and need page sign's class by its topic
    ("ordinary:needs:anxiety"), the rest as the service's (safeguarding_classes); and each topic class's
    area class ("ordinary:needs:semh")."""
    by_area = safeguarding_classes(examples)
    classes, area_of = [], {}
    for area_class, source, topic in zip(by_area, examples.sources, examples.topics, strict=True):
        if area_class.startswith(ORDINARY_PREFIX) and source in ("needs", "pages") and topic:
            name = fine_class(False, f"{source}:{topic}")
            area_of[name] = str(area_class)
            classes.append(name)
        else:
            classes.append(str(area_class))
    return np.array(classes), area_of


class TopicsSharingTheirArea(_Multinomial):
    """The multinomial over need-topic classes, the topics of an area sharing what the service's area class
    weighs (class_weights over the area classes, each area class's total split equally among its topics)."""

    def __init__(self, c: float, area_of: dict[str, str]) -> None:
        super().__init__(c)
        self.area_of = area_of

    def fit(self, x: Any, classes: np.ndarray) -> TopicsSharingTheirArea:
        by_area = np.array([self.area_of.get(name, name) for name in classes.tolist()])
        weights = class_weights(by_area)
        for area_class in set(self.area_of.values()):
            rows = np.flatnonzero(by_area == area_class)
            topics = Counter(classes[rows].tolist())
            for topic_class, count in topics.items():
                weights[rows[classes[rows] == topic_class]] = weights[rows].sum() / (len(topics) * count)
        fitted = fit_logistic(x, classes, self.c, MULTINOMIAL_TOLERANCE, 1000, weights)
        self.classes_, self.coef_, self.intercept_ = fitted.classes, fitted.coef, fitted.intercept
        return self


def aggregate(probabilities: np.ndarray, labels: list[str], how: str) -> np.ndarray:
    """One probability of risk from each row of class probabilities (Variant.aggregate)."""
    risk = np.array([label.startswith(RISK_PREFIX) for label in labels])
    if how == "sum":
        return np.asarray(risk_share(probabilities, labels))
    if how == "max":
        return np.asarray(probabilities[:, risk].max(axis=1))
    if how == "ratio":
        top = probabilities[:, risk].max(axis=1)
        return np.asarray(top / (top + probabilities[:, ~risk].max(axis=1)))
    if how.startswith("sharpen:"):
        sharp = probabilities ** (1.0 / float(how.split(":", 1)[1]))
        return np.asarray((sharp / sharp.sum(axis=1, keepdims=True))[:, risk].sum(axis=1))
    raise ValueError(f"unknown aggregation {how!r}")


def variant_out_of_fold(variant: Variant, x: Any, some: Examples) -> tuple[np.ndarray, np.ndarray]:
    """(the fine classes, each real-world example's out-of-fold probability of risk) for a variant."""
    if variant.need_classes == "area":
        classes = safeguarding_classes(some)
        if variant.aggregate == "sum":  # the service's classifier: exactly the build's computation
            shape = (variant.scheme, variant.lookalike, variant.unrelated_weight)
            return classes, multinomial_out_of_fold(x, classes, some, variant.c, *shape)
        fit = _Multinomial(variant.c, variant.scheme, variant.lookalike, variant.unrelated_weight).fit
    else:
        classes, area_of = need_topic_classes(some)
        model = TopicsSharingTheirArea(variant.c, area_of) if variant.need_classes == "topic-shared" else None
        fit = model.fit if model else _Multinomial(variant.c, variant.scheme, variant.lookalike).fit
    probabilities = out_of_fold(x, classes, some.groups, fit, always=PAGE_GROUP)
    return classes, aggregate(probabilities, np.unique(classes).tolist(), variant.aggregate)


def highest_threshold_keeping(
    scores: np.ndarray, positive: np.ndarray, flagged: np.ndarray, blocked: np.ndarray, kept: int
) -> float:
    """The highest classifier threshold at which the whole detector (rules and classifier) keeps `kept` risks."""
    for threshold in np.unique(scores)[::-1]:
        if int((flagged | (~blocked & (scores >= threshold)))[positive].sum()) >= kept:
            return float(threshold)
    return 0.0


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
        "--nonsense",
        action="store_true",
        help="also fit each variant on everything (as the build does) and count how many of the 25 development "
        "sentences of tune_nonsense.py the service would flag with it (needs a built index: SEND_HANDBOOK_INDEX_DIR)",
    )
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
    pooled = {}
    for unrelated in (False, True):
        some = pooled_safeguarding_examples(catalogue, args.data_dir, unrelated)
        pooled[unrelated] = (some, embed(some.texts, vocabulary, encode), normalised_texts(some.texts, vocabulary))
    encode.save()
    # the unrelated sentences are in every fold's training part and never predicted, so the real-world rows,
    # their folds and their rule signals are the same with or without them
    examples, _, texts = pooled[False]
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
    engine = None
    if args.nonsense:
        from evaluation.tune_nonsense import DEVELOPMENT
        from handbook.index_store import read_index
        from handbook.linear import LinearHead
        from search_service.engine import SearchEngine
        from search_service.safeguarding import SafeguardingDetector

        stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
        engine = SearchEngine(stored, embedder)
        built = sum(engine.analyse(text).risk.risk for text in DEVELOPMENT)
        print(f"The built index's classifier flags {built} of the {len(DEVELOPMENT)} development sentences.")
    chosen = [VARIANTS[CHOSEN]] if args.quick else VARIANTS
    if args.only:
        chosen = [VARIANTS[i] for i in args.only]
    for variant in chosen:
        variant_started = time.perf_counter()
        some, some_vectors, some_texts = pooled[variant.unrelated]
        x = safeguarding_design(some_vectors, some_texts)
        classes, oof = variant_out_of_fold(variant, x, some)
        oof = oof[np.array([group != PAGE_GROUP for group in some.groups])]
        threshold = recall_first_threshold(oof, positive, flagged, blocked, categories)
        risk = flagged | (~blocked & (oof >= threshold))
        print(f"\n## {variant.name}: threshold {threshold:.3f}, AUC {auc(oof, positive):.3f}")
        print(f"  (out of fold in {time.perf_counter() - variant_started:.0f}s)")
        if engine is not None and (variant.aggregate, variant.need_classes) != ("sum", "area"):
            print("- development sentences: not measured (the service sums the risk classes of area classes)")
        elif engine is not None:
            fitted = time.perf_counter()
            shape = (variant.scheme, variant.lookalike, variant.unrelated_weight)
            head = fit_multinomial(x, classes, variant.c, EMBEDDING_SCALE, *shape)
            engine.safeguarding = SafeguardingDetector(LinearHead(head.labels, head.weights, head.bias, 1.0, threshold))
            flags = [text for text in DEVELOPMENT if engine.analyse(text).risk.risk]
            print(
                f"- development sentences flagged: {len(flags)} of {len(DEVELOPMENT)} (final fit "
                f"{time.perf_counter() - fitted:.0f}s): {'; '.join(flags)}"
            )
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
        # session 16: the false alarms at the same number of risks kept, so that variants whose rule keeps a
        # different number of risks can be compared at equal recall
        lookalikes, needs = ~positive & (sources == "safeguarding"), ~positive & (sources == "needs")
        for fewer in (3, 5, 7):
            kept = int(positive.sum()) - fewer
            t = highest_threshold_keeping(oof, positive, flagged, blocked, kept)
            r = flagged | (~blocked & (oof >= t))
            print(
                f"- whole detector keeping {kept} of {int(positive.sum())} risks: threshold {t:.4f}; false alarms "
                f"look-alikes {fraction(r[lookalikes])}, needs {fraction(r[needs])}"
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
