"""Linear heads over the query embedding, applied with numpy only.

The index build trains them (handbook.training, with scikit-learn) and stores each as one .npy array
(weights with the bias as the last column) plus its labels and calibration in the manifest. The
service applies them with a matrix product: no scikit-learn, no torch beyond the embedder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class LinearHead:
    """weights: (classes, dimension); bias: (classes,). A binary head has one row: the positive class."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    temperature: float = 1.0  # calibration: logits are divided by it (fitted on the tune split)
    threshold: float = 0.5  # for a binary head: the probability at or above which it says yes

    @classmethod
    def from_array(cls, labels: tuple[str, ...], array: np.ndarray, temperature: float, threshold: float) -> LinearHead:
        array = np.asarray(array, dtype=np.float32)
        weights, bias = np.ascontiguousarray(array[:, :-1]), np.ascontiguousarray(array[:, -1])
        return cls(labels, weights, bias, temperature, threshold)

    def to_array(self) -> np.ndarray:
        return np.hstack([self.weights, self.bias[:, None]]).astype(np.float32)

    @property
    def dimension(self) -> int:
        return int(self.weights.shape[1])

    def logits(self, vectors: np.ndarray) -> np.ndarray:
        """(n, classes) raw scores for (n, dimension) vectors (or one vector)."""
        matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        return matrix @ self.weights.T + self.bias

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Calibrated probabilities: the sigmoid for a binary head (n,), the softmax otherwise (n, classes)."""
        scaled = self.logits(vectors) / self.temperature
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
