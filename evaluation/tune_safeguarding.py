"""Compare ways of making the safeguarding decision, on the train and tune splits only.

    python evaluation/tune_safeguarding.py            # every variant, site-grouped CV on train and the tune split
    python evaluation/tune_safeguarding.py --quick    # the chosen variant only

For each variant of the classifier the whole detector is scored as the service decides
(search_service.safeguarding: patterns, the look-alike guard, the classifier), at the classifier
threshold handbook.training chooses: the highest at which the detector keeps SAFEGUARDING_RECALL of
the risks on the tune split and on out-of-fold predictions over the train split's sites.

Reported for the tune split and for out-of-fold predictions (5 folds grouped by source site):
recall over risk descriptions, false alarms over the safeguarding look-alikes, and false alarms over
the ordinary need descriptions (each of those puts safeguarding-concerns first and costs hit@1),
plus the classifier's ROC AUC. The locked test split is never read (handbook.datasets refuses it).
It embeds through the build's embedding cache, so a later `python build_index.py` embeds nothing new.
"""

from __future__ import annotations

import argparse
import sys
import time
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
from handbook.settings import Settings  # noqa: E402
from handbook.training import (  # noqa: E402
    PAGE_GROUP,
    RISK_LABEL,
    SAFEGUARDING_RECALL,
    _logistic,
    detector_threshold,
    embed,
    fit_binary,
    normalised_texts,
    out_of_fold,
    rule_signals,
    safeguarding_design,
    safeguarding_examples,
)
from handbook.vocabulary import Vocabulary  # noqa: E402


@dataclass
class Variant:
    name: str
    ngrams: bool
    c: float
    scale: float = 1.0  # the embedding's weight beside the n-grams


VARIANTS = [
    Variant("embedding, C=4 (last session)", False, 4.0),
    Variant("embedding + n-grams, C=4", True, 4.0),
    Variant("embedding + n-grams, C=8", True, 8.0),
    Variant("embedding + n-grams, C=16", True, 16.0),
    Variant("embedding + n-grams, C=32", True, 32.0),
    Variant("embedding x2 + n-grams, C=8", True, 8.0, 2.0),
    Variant("embedding x0.5 + n-grams, C=8", True, 8.0, 0.5),
    Variant("embedding x0.5 + n-grams, C=16", True, 16.0, 0.5),
    Variant("embedding x0.7 + n-grams, C=8", True, 8.0, 0.7),
    Variant("n-grams almost alone (embedding x0.01), C=8", True, 8.0, 0.01),
]
CHOSEN = 7  # the service's: handbook.training.REGULARISATION and EMBEDDING_SCALE


@dataclass
class Part:
    """One split's texts with what the rules say and which dataset each came from."""

    positive: np.ndarray
    sources: np.ndarray
    flagged: np.ndarray
    blocked: np.ndarray


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, scores)) if 0 < positive.sum() < len(positive) else float("nan")


def rates(part: Part, probabilities: np.ndarray, threshold: float) -> dict[str, str]:
    risk = part.flagged | (~part.blocked & (probabilities >= threshold))
    out = {}
    pos = part.positive
    out["recall"] = f"{risk[pos].mean():.3f} ({risk[pos].sum()}/{pos.sum()})"
    for source in ("safeguarding", "needs"):
        mask = ~pos & (part.sources == source)
        if mask.sum():
            out[f"false alarms {source}"] = f"{risk[mask].mean():.3f} ({risk[mask].sum()}/{mask.sum()})"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the chosen variant only")
    parser.add_argument("--show", action="store_true", help="list the tune split's misses and false alarms")
    parser.add_argument("--only", type=int, nargs="*", help="the variants to run, by position in VARIANTS")
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
    train = safeguarding_examples(catalogue, "train")
    tune = safeguarding_examples(catalogue, "tune")
    train_vectors = embed(train.texts, vocabulary, encode)
    tune_vectors = embed(tune.texts, vocabulary, encode)
    encode.save()
    train_text = normalised_texts(train.texts, vocabulary)
    tune_text = normalised_texts(tune.texts, vocabulary)
    y = np.array([label == RISK_LABEL for label in train.labels])
    real = np.array([group != PAGE_GROUP for group in train.groups])
    parts = {}
    for name, examples, texts, mask in (
        ("tune", tune, tune_text, np.ones(len(tune), dtype=bool)),
        ("cv", train, train_text, real),
    ):
        flagged, blocked = rule_signals([t for t, keep in zip(texts, mask, strict=True) if keep])
        parts[name] = Part(
            np.array([label == RISK_LABEL for label in examples.labels])[mask],
            np.array(examples.sources)[mask],
            flagged,
            blocked,
        )
    print(
        f"train: {len(train)} examples ({int(y.sum())} risk), {int(real.sum())} from real-world sites; "
        f"tune: {len(tune)} ({int(parts['tune'].positive.sum())} risk). Recall target {SAFEGUARDING_RECALL}."
    )
    chosen = [VARIANTS[CHOSEN]] if args.quick else VARIANTS
    if args.only:
        chosen = [VARIANTS[i] for i in args.only]
    for variant in chosen:
        x = safeguarding_design(train_vectors, train_text, variant.ngrams, variant.scale)
        head = fit_binary(x, y, variant.c, variant.scale)
        tune_p = head.probabilities(tune_vectors, tune_text)
        oof = out_of_fold(x, y, train.groups, lambda a, b, c=variant.c: _logistic(c, True).fit(a, b))[:, -1][real]
        probs: dict[str, Any] = {"tune": tune_p, "cv": oof}
        thresholds = {
            name: detector_threshold(probs[name], p.positive, p.flagged, p.blocked, SAFEGUARDING_RECALL)
            for name, p in parts.items()
        }
        threshold = min(thresholds.values())
        alone = f"tune alone {thresholds['tune']:.3f}, cv alone {thresholds['cv']:.3f}"
        print(f"\n## {variant.name}: threshold {threshold:.3f} ({alone})")
        for name, part in parts.items():
            row = rates(part, probs[name], threshold)
            cells = "; ".join(f"{k} {v}" for k, v in row.items())
            print(f"- {name}: AUC {auc(probs[name], part.positive):.3f}; {cells}")
        if args.show:
            part = parts["tune"]
            risk = part.flagged | (~part.blocked & (tune_p >= threshold))
            for i in np.flatnonzero(risk != part.positive):
                kind = "MISSED" if part.positive[i] else f"FALSE ALARM ({part.sources[i]})"
                print(f"  {kind} p={tune_p[i]:.2f}: {tune.texts[i]}")
    print(f"\nRun time {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
