"""Linear heads over the query embedding (and, for some heads, the text's hashed n-grams), applied with numpy only.

The index build trains them (handbook.training, with scikit-learn) and stores each as one .npy array
(weights with the bias as the last column) plus its labels and calibration in the manifest. The
service applies them with a matrix product: no scikit-learn, no torch beyond the embedder.

A head may also read the description's word and letter n-grams (handbook.ngrams): its weights then
have NGRAM_BUCKETS more columns after the embedding's, and it needs the normalised text as well as
the vector. The stored array says which kind a head is by its width alone, so the index format and
the manifest are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from handbook.ngrams import NGRAM_BUCKETS, ngram_features


@lru_cache(maxsize=64)
def _features(normalised: str) -> tuple[np.ndarray, np.ndarray]:
    """handbook.ngrams.ngram_features, remembered for the last few texts: the safeguarding classifier and
    the need ranker read the same query's n-grams in one request. The arrays are read-only."""
    indices, values = ngram_features(normalised)
    indices.setflags(write=False)
    values.setflags(write=False)
    return indices, values


@dataclass(frozen=True)
class LinearHead:
    """weights: (classes, dimension) or (classes, dimension + NGRAM_BUCKETS); bias: (classes,).
    A binary head has one row: the positive class."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    temperature: float = 1.0  # calibration: logits are divided by it (fitted on the tune split)
    threshold: float = 0.5  # for a binary head: the probability at or above which it says yes

    def __post_init__(self) -> None:
        # The weights transposed, each block contiguous: an n-gram's weights for every class are then one
        # row, so a text's few hundred n-grams are gathered in microseconds (the (classes, 33k) layout
        # gathered columns: about 0.3 ms a request).
        dimension = self.dimension
        object.__setattr__(self, "_dense_t", np.ascontiguousarray(self.weights[:, :dimension].T))
        grams = self.weights[:, dimension:] if self.reads_ngrams else np.zeros((len(self.labels), 0), np.float32)
        object.__setattr__(self, "_grams_t", np.ascontiguousarray(grams.T))

    @classmethod
    def from_array(cls, labels: tuple[str, ...], array: np.ndarray, temperature: float, threshold: float) -> LinearHead:
        array = np.asarray(array, dtype=np.float32)
        weights, bias = np.ascontiguousarray(array[:, :-1]), np.ascontiguousarray(array[:, -1])
        return cls(labels, weights, bias, temperature, threshold)

    def to_array(self) -> np.ndarray:
        return np.hstack([self.weights, self.bias[:, None]]).astype(np.float32)

    @property
    def reads_ngrams(self) -> bool:
        """Whether the head also reads the text's n-grams (its weights are wider than the n-gram block)."""
        return int(self.weights.shape[1]) > NGRAM_BUCKETS

    @property
    def dimension(self) -> int:
        """The length of the embedding the head reads."""
        return int(self.weights.shape[1]) - (NGRAM_BUCKETS if self.reads_ngrams else 0)

    def logits(self, vectors: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """(n, classes) raw scores for (n, dimension) vectors (or one vector). texts: the n normalised
        texts (handbook.text.normalise), needed when the head reads n-grams and ignored otherwise."""
        matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        scores = matrix @ self._dense_t + self.bias  # type: ignore[attr-defined]
        if self.reads_ngrams:
            if texts is None or len(texts) != len(matrix):
                raise ValueError("this head also reads the text's n-grams: pass one normalised text per vector")
            block = self._grams_t  # type: ignore[attr-defined]
            for row, text in enumerate(texts):
                indices, values = _features(text)
                if len(indices):
                    scores[row] += values @ block[indices]
        return np.asarray(scores)

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Calibrated probabilities: the sigmoid for a binary head (n,), the softmax otherwise (n, classes)."""
        scaled = self.logits(vectors, texts) / self.temperature
        if len(self.labels) == 1:
            return np.asarray(1.0 / (1.0 + np.exp(-scaled[:, 0])))
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        exp = np.exp(scaled)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class TrainedHead:
    """A head and what the manifest records about its training (example counts, chosen settings)."""

    head: LinearHead
    record: dict[str, float] = field(default_factory=dict)
