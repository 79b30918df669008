"""How long the need ranker's fit takes, as the build fits it (handbook.training.fit_logistic: single
precision, only the columns some row uses, one thread) and as scikit-learn fits it by default (double
precision, every column), on the real training data, and whether the two choose the same need first.

    python benchmarks/training_fit.py      # needs the build's embedding cache (python build_index.py first)

Prints process CPU time for each fit and, on the tune split, hit@1 and hit@3 of the uncalibrated head
and the share of tune descriptions whose first need is the same for both fits.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    from handbook import training
    from handbook.chunks import build_catalogue
    from handbook.contract import load_contract
    from handbook.embedding import get_embedder
    from handbook.embedding_cache import EmbeddingCache
    from handbook.pages import load_pages
    from handbook.settings import Settings
    from handbook.vocabulary import Vocabulary

    settings = Settings.from_env()
    catalogue = build_catalogue(load_pages(settings.content_dir, load_contract(settings.contract_path)))
    vocabulary = Vocabulary.from_catalogue(catalogue)
    embedder = get_embedder(settings.resolved_model_path(), settings.build_threads)
    encode = EmbeddingCache(
        embedder.encode_documents, embedder.fingerprint, embedder.dimension, settings.embedding_cache_dir
    )
    words = training.correction_words(catalogue)
    labels = tuple(sorted(catalogue.needs))

    def design(split: str) -> tuple[object, np.ndarray]:
        examples = training.need_examples(catalogue, split)
        queries = training.ranker_queries(examples.texts, vocabulary, words)
        x = training.ranker_design(encode([q.expanded for q in queries]), [q.normalised for q in queries])
        return x, np.array([labels.index(label) for label in examples.labels])

    x, y = design("train")
    x_tune, y_tune = design("tune")

    def default_fit() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        model = LogisticRegression(C=training.RANKER_REGULARISATION, max_iter=2000)
        with threadpool_limits(limits=1):
            model.fit(x, y)
        return model.classes_, model.coef_, model.intercept_

    def build_fit() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        fitted = training.fit_logistic(x, y, training.RANKER_REGULARISATION)
        return fitted.classes, fitted.coef, fitted.intercept

    firsts = {}
    for name, fit in (("scikit-learn default (float64, every column)", default_fit), ("fit_logistic", build_fit)):
        started = time.process_time()
        classes, coef, intercept = fit()
        seconds = time.process_time() - started
        scores = np.asarray(sparse.csr_matrix(x_tune) @ coef.T) + intercept
        order = classes[np.argsort(-scores, axis=1)]
        firsts[name] = order[:, 0]
        hit1 = float(np.mean(order[:, 0] == y_tune))
        hit3 = float(np.mean([truth in row[:3] for truth, row in zip(y_tune, order, strict=True)]))
        print(f"{name}: {seconds:.1f} s CPU; tune hit@1 {hit1:.3f}, hit@3 {hit3:.3f}")
    same = np.mean(firsts["fit_logistic"] == firsts["scikit-learn default (float64, every column)"])
    print(f"{x.shape[0]} training rows x {x.shape[1]} columns; the same first need on {same:.1%} of {len(y_tune)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
