"""The learned need ranker, fused with hybrid retrieval by reciprocal rank (numpy only).

The head (handbook.training.train_ranker) scores every need from the query embedding and the query's
hashed word and letter n-grams (handbook.ngrams); its calibrated
probabilities also feed the confidence (search_service.confidence). The page text remains what is shown:
the ranker only orders needs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from handbook.linear import LinearHead
from search_service.retrieval import RRF_K

# The ranker's say against retrieval's in the fusion, chosen with evaluation/tune_ranker.py by site-grouped
# cross-validation over train + tune: the best CV mean hit@1 that loses no CV mean hit@3 (session 5, the
# ranker with n-grams: weights 1, 2, 3, 5 and 100 gave CV hit@1 0.664, 0.675, 0.675, 0.674, 0.666 and
# hit@3 0.905, 0.909, 0.913, 0.913, 0.909; 3 ties 2 on hit@1 and wins on hit@3 and MRR).
RANKER_WEIGHT = 3.0


class NeedRanker:
    def __init__(self, head: LinearHead | None, weight: float = RANKER_WEIGHT) -> None:
        self.head = head
        self.weight = weight

    def probabilities(self, vector: np.ndarray, normalised: str = "") -> dict[str, float]:
        """The calibrated probability of each need; empty when the index has no ranker. normalised: the
        query as the checks read it (handbook.query.prepare), for a head that also reads its n-grams."""
        if self.head is None:
            return {}
        values = self.head.probabilities(vector, [normalised] * len(np.atleast_2d(vector)))[0]
        return {slug: float(p) for slug, p in zip(self.head.labels, values, strict=True)}

    def fuse(self, retrieved: list[tuple[str, float, Any]], probabilities: dict[str, float]) -> list[Any]:
        """Needs best first: 1/(k + retrieval rank) + weight/(k + ranker rank). The best chunk is kept for
        needs that retrieval found, so `matched` can show it."""
        if not probabilities:
            return retrieved
        scores: dict[str, float] = {}
        best: dict[str, Any] = {}
        for rank, (slug, _, hit) in enumerate(retrieved):
            scores[slug] = 1.0 / (RRF_K + rank + 1)
            best[slug] = hit
        by_probability = sorted(probabilities, key=lambda slug: (-probabilities[slug], slug))
        for rank, slug in enumerate(by_probability):
            scores[slug] = scores.get(slug, 0.0) + self.weight / (RRF_K + rank + 1)
        ordered = sorted(scores, key=lambda slug: (-scores[slug], slug))
        return [(slug, scores[slug], best.get(slug)) for slug in ordered]
