"""Vectors already worked out for one model, kept between index builds.

A rebuild embeds only the texts it has not seen before, so changing one page re-embeds that page's
chunks, not all of them. The cache is keyed by the model's fingerprint (its files' SHA-256) and the
text's SHA-256, so another model or any edit to a text always gets a fresh vector. It holds handbook
text and training phrasings only, never anything a teacher typed into the service.

A cache file that is missing, truncated or from another model is ignored (the build says so and
embeds everything); it is rewritten atomically at the end of a build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

Encode = Callable[[list[str]], np.ndarray]
MAX_VECTORS = 50_000  # about 77 MB at 384 dimensions; the texts of the latest build are always kept


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Encode texts through the cache: each distinct text is embedded at most once, ever, per model."""

    def __init__(self, encode: Encode, fingerprint: str, dimension: int, folder: Path | None = None) -> None:
        self._encode = encode
        self._dimension = dimension
        self._path = folder / f"{fingerprint}.npz" if folder else None
        self._vectors: dict[str, np.ndarray] = {}
        self._used: set[str] = set()
        self._added = 0
        self.hits = 0
        self.misses = 0
        if self._path and self._path.exists():
            self._load(self._path)

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
            if vectors.ndim != 2 or vectors.shape != (len(keys), self._dimension) or vectors.dtype != np.float32:
                raise ValueError(f"shape {vectors.shape} {vectors.dtype}, expected (n, {self._dimension}) float32")
        except Exception as error:  # any damage means: start again, the build still works
            log.warning("Ignoring the embedding cache %s (%s): every text is embedded again.", path.name, error)
            return
        self._vectors = {str(key): vector for key, vector in zip(keys, vectors, strict=True)}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        keys = [text_key(text) for text in texts]
        self._used.update(keys)
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._vectors and key not in missing:
                missing[key] = text
        self.misses += len(missing)
        self.hits += len(set(keys)) - len(missing)
        if missing:
            fresh = np.asarray(self._encode(list(missing.values())), dtype=np.float32)
            for key, vector in zip(missing, fresh, strict=True):
                self._vectors[key] = vector
            self._added += len(missing)
        return np.vstack([self._vectors[key] for key in keys])

    def save(self) -> None:
        """Write the cache if anything was added: to a temporary file, then renamed over the old one."""
        if not self._path or not self._added:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        older = [key for key in self._vectors if key not in self._used]
        kept = [key for key in self._vectors if key in self._used] + older
        kept = kept[: max(MAX_VECTORS, len(self._used))]
        keys = np.array(kept, dtype="U64")
        vectors = np.vstack([self._vectors[key] for key in kept]).astype(np.float32)
        handle, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".cache-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, keys=keys, vectors=vectors)
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._added = 0
