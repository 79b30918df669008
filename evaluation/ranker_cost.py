"""What the session 5 need-ranking changes add per /api/suggest request, measured in-process.

    python evaluation/ranker_cost.py        # needs a built index (python build_index.py)

Over the first 1,000 train descriptions, best of three passes, in milliseconds per description:
- spelling correction (handbook.text.correct_spelling) with the ordinary-word list, against the same
  corrector told that no word is ordinary (what it did before: every unknown word was a candidate);
- the need ranker's probabilities with its n-gram block, against the same head cut to its embedding
  columns (the ranker before). Each is timed after the safeguarding check has read the same text
  (untimed), as in SearchEngine.analyse: the check computes the n-grams, and handbook.linear remembers them.
The embedding itself is computed anyway and is left out. The budget is a rise of at most 1 ms in the
/api/suggest p50 (benchmarks/benchmark.py measures whole requests).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.datasets import load_split  # noqa: E402
from handbook.embedding import get_embedder  # noqa: E402
from handbook.index_store import read_index  # noqa: E402
from handbook.linear import LinearHead  # noqa: E402
from handbook.settings import Settings  # noqa: E402
from handbook.text import correct_spelling, normalise  # noqa: E402
from handbook.wordlist import ordinary_words  # noqa: E402
from search_service.engine import SearchEngine  # noqa: E402
from search_service.ranker import NeedRanker  # noqa: E402

COUNT = 1000
PASSES = 3


def per_item_ms(items: list[str], step: Callable[[str], object], first: Callable[[str], object] | None = None) -> float:
    """The mean time of one step per item, best of PASSES passes. first: run (untimed) before each step."""
    best = float("inf")
    for _ in range(PASSES):
        total = 0.0
        for item in items:
            if first is not None:
                first(item)
            started = time.perf_counter()
            step(item)
            total += time.perf_counter() - started
        best = min(best, total * 1000 / len(items))
    return best


def main() -> int:
    settings = Settings.from_env()
    embedder = get_embedder(settings.resolved_model_path())
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    texts = [normalise(str(item["text"])) for item in load_split("needs", "train")][:COUNT]
    known, ordinary, nothing = engine.known_words, ordinary_words(), frozenset[str]()
    spelling_now = per_item_ms(texts, lambda t: correct_spelling(t, known, ordinary))
    spelling_before = per_item_ms(texts, lambda t: correct_spelling(t, known, nothing))
    head = engine.ranker.head
    assert head is not None
    dimension = head.dimension
    vector = np.random.default_rng(0).normal(size=(1, dimension)).astype(np.float32)
    vector /= np.linalg.norm(vector)
    ranker_now = NeedRanker(head)
    embedding_only = LinearHead(head.labels, np.ascontiguousarray(head.weights[:, :dimension]), head.bias)
    ranker_before = NeedRanker(embedding_only)
    # In a request the safeguarding classifier reads the same text's n-grams first (handbook.linear
    # remembers them), so both timings include that check, as SearchEngine.analyse runs it.
    check = engine.safeguarding.check

    def first(text: str) -> object:
        return check(text, vector, english=True)

    now = per_item_ms(texts, lambda t: ranker_now.probabilities(vector, t), first)
    before = per_item_ms(texts, lambda t: ranker_before.probabilities(vector, t), first)
    print(f"{len(texts)} train descriptions, best of {PASSES}, ms per description:")
    print(f"  spelling correction: {spelling_now:.4f} now, {spelling_before:.4f} before")
    print(f"  ranker after the check: {now:.4f} with n-grams ({head.reads_ngrams}), {before:.4f} before")
    print(f"  added: {spelling_now - spelling_before + now - before:.4f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
