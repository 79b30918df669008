"""The sentence-transformers model, loaded once per process from the packaged weights, never from a hub."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Belt and braces: the model comes from site-packages, and nothing may reach for a hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_LOCK = threading.Lock()
_MODELS: dict[Path, Embedder] = {}


def model_fingerprint(model_path: Path) -> str:
    """A cheap identity for a model folder: its configuration files and the sizes of its weights."""
    digest = hashlib.sha256()
    for file in sorted(model_path.rglob("*")):
        if not file.is_file():
            continue
        digest.update(file.relative_to(model_path).as_posix().encode())
        if file.suffix in (".json", ".txt"):
            digest.update(file.read_bytes())
        else:
            digest.update(str(file.stat().st_size).encode())
    return digest.hexdigest()[:16]


class Embedder:
    """Encodes text into normalised vectors, so inner product equals cosine similarity."""

    def __init__(self, model_path: Path, threads: int) -> None:
        if not (model_path / "modules.json").is_file():
            raise FileNotFoundError(
                f"No sentence-transformers model in {model_path}. Reinstall the project: pip install -e ."
            )
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.path = model_path
        self.fingerprint = model_fingerprint(model_path)
        self.model: SentenceTransformer = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self.dimension = int(self.model.get_embedding_dimension() or 0)
        # One forward pass at a time: the tokenizer and PyTorch's thread pool are not meant to be
        # entered from two threads at once (a background index reload must never stall a request).
        self._lock = threading.Lock()

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        with self._lock:
            vectors = self.model.encode_document(
                texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        with self._lock:
            vectors = self.model.encode_query(
                [text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def get_embedder(model_path: Path, threads: int | None = None) -> Embedder:
    """One model per process, however many times it is asked for."""
    with _LOCK:
        if model_path not in _MODELS:
            _MODELS[model_path] = Embedder(model_path, threads or os.cpu_count() or 1)
        return _MODELS[model_path]
