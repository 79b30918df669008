"""Vectors already worked out for one model, kept between index builds.

A rebuild embeds only the texts it has not seen before, so changing one page re-embeds that page's
chunks, not all of them. The cache is keyed by the model's fingerprint (its files' SHA-256) and the
text's SHA-256, so another model or any edit to a text always gets a fresh vector. It holds handbook
text and training phrasings only, never anything a teacher typed into the service.

A cache file that is missing, truncated or from another model is ignored (the build says so and
embeds everything); it is rewritten atomically at the end of a build.

The repository also ships the vectors of its own texts (`data/embeddings/<fingerprint>.npz`, read only
by builds; `python build_index.py --write-shipped-embeddings` refreshes it). It holds exactly the texts
the last build used, sorted by key, uncompressed, so git stores each refresh as a small delta. A fresh
clone then builds its index without embedding anything, and a stale file costs only time: any text it
lacks is embedded as usual. `shipped_missing` and `shipped_unused` say how far it is from the build.
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

    def __init__(
        self,
        encode: Encode,
        fingerprint: str,
        dimension: int,
        folder: Path | None = None,
        shipped: Path | None = None,
    ) -> None:
        self._encode = encode
        self._dimension = dimension
        self._path = folder / f"{fingerprint}.npz" if folder else None
        self.shipped_path = shipped / f"{fingerprint}.npz" if shipped else None
        self._vectors: dict[str, np.ndarray] = {}
        self._used: set[str] = set()
        self._added = 0
        self.hits = 0
        self.misses = 0
        if self._path and self._path.exists():
            self._vectors = self._load(self._path)
        self._shipped: set[str] = set()
        if self.shipped_path and self.shipped_path.exists():
            shipped_vectors = self._load(self.shipped_path)
            self._shipped = set(shipped_vectors)
            for key, vector in shipped_vectors.items():
                self._vectors.setdefault(key, vector)

    def _load(self, path: Path) -> dict[str, np.ndarray]:
        try:
            with np.load(path, allow_pickle=False) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
            if vectors.ndim != 2 or vectors.shape != (len(keys), self._dimension) or vectors.dtype != np.float32:
                raise ValueError(f"shape {vectors.shape} {vectors.dtype}, expected (n, {self._dimension}) float32")
        except Exception as error:  # any damage means: start again, the build still works
            log.warning("Ignoring the embedding cache %s (%s): its texts are embedded again.", path.name, error)
            return {}
        names = [key.decode() if isinstance(key, bytes) else str(key) for key in keys]  # shipped keys are bytes
        return dict(zip(names, vectors, strict=True))

    @property
    def shipped_missing(self) -> int:
        """Texts this build used that the shipped file lacks (0 when it is up to date)."""
        return len(self._used - self._shipped)

    @property
    def shipped_unused(self) -> int:
        """Texts in the shipped file that this build did not use (0 when it is up to date)."""
        return len(self._shipped - self._used)

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

    def write_shipped(self) -> Path:
        """Write exactly the texts used so far to the shipped file: sorted, byte keys, uncompressed."""
        if self.shipped_path is None:
            raise ValueError("No folder for the shipped embeddings is set (SEND_HANDBOOK_SHIPPED_EMBEDDINGS_DIR).")
        used = sorted(self._used)
        keys = np.array([key.encode("ascii") for key in used], dtype="S64")
        vectors = np.vstack([self._vectors[key] for key in used]).astype(np.float32)
        _write_atomically(self.shipped_path, keys, vectors)
        self._shipped = set(used)
        return self.shipped_path

    def save(self) -> None:
        """Write the cache if anything was added: to a temporary file, then renamed over the old one."""
        if not self._path or not self._added:
            return
        older = [key for key in self._vectors if key not in self._used]
        kept = [key for key in self._vectors if key in self._used] + older
        kept = kept[: max(MAX_VECTORS, len(self._used))]
        keys = np.array(kept, dtype="U64")
        vectors = np.vstack([self._vectors[key] for key in kept]).astype(np.float32)
        _write_atomically(self._path, keys, vectors)
        self._added = 0


def _write_atomically(path: Path, keys: np.ndarray, vectors: np.ndarray) -> None:
    """Write to a temporary file beside `path`, then rename it over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, keys=keys, vectors=vectors)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
