"""handbook/build.py: what the session's real build of the content wrote, read back as the service reads it;
and the build's refusals, with a stand-in embedder (no model) so they fail fast and exactly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from handbook import build
from handbook.embedding import Embedder, onnx_fingerprint
from handbook.errors import ContentError
from handbook.index_store import current_build_path, read_index
from handbook.manifest import QueryEmbedderCheck
from handbook.settings import Settings
from tests.conftest import SessionIndexBuild, copy_content

DIMENSION = 16


class HashEmbedder:
    """A fixed unit vector per text, from its SHA-256: the same text always gets the same vector."""

    fingerprint = "hash-embedder"
    dimension = DIMENSION

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:DIMENSION], dtype=np.uint8) for t in texts]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSION) - 127.5
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_documents([text])


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> HashEmbedder:
    embedder = HashEmbedder()
    monkeypatch.setattr(build, "get_embedder", lambda *_args, **_kwargs: embedder)
    check = QueryEmbedderCheck(fingerprint="onnx-stand-in", sample=64, cosine_mean=1.0, cosine_min=1.0)
    monkeypatch.setattr(build, "onnx_agreement", lambda *_args, **_kwargs: check)
    return embedder


def settings_for(tmp_path: Path, **changes: object) -> Settings:
    return Settings(
        index_dir=tmp_path / "index",
        embedding_cache_dir=None,
        shipped_embeddings_dir=None,
        model_path=tmp_path,
        **changes,
    )


def test_a_build_writes_typed_records_with_each_sign_vector_in_its_owners_rows(
    built_index: Settings, embedder: Embedder
) -> None:
    """The session's build (`python build_index.py` of the real content, with the real model): read back as the
    service reads it, every record is typed and each need's sign rows hold the vectors of its own signs."""
    index_dir = built_index.index_dir
    stored = read_index(index_dir, built_index.model_name, embedder.fingerprint, embedder.dimension, None)
    catalogue, counts = stored.catalogue, stored.manifest.counts
    assert stored.manifest.model.fingerprint == embedder.fingerprint
    assert counts["need_pages"] == len(catalogue.needs) == 43
    assert counts["chunks"] == len(stored.chunks) == stored.vectors.ntotal
    for slug in ("attention-and-listening", "safeguarding-concerns", "anxiety"):
        need = catalogue.needs[slug]
        rows = stored.sign_vectors[need.sign_rows.start : need.sign_rows.stop]
        assert len(rows) == len(need.signs) > 0, slug
        assert np.allclose(rows, embedder.encode_documents(need.signs), atol=1e-4), slug
    sample = range(7, len(stored.chunks), len(stored.chunks) // 40)  # the shipped vectors are this model's own
    texts = [stored.chunks[row].search_text for row in sample]
    assert all(text.startswith(stored.chunks[row].title) for row, text in zip(sample, texts, strict=True))
    stored_rows = np.vstack([stored.vectors.reconstruct(row) for row in sample])
    assert np.allclose(stored_rows, embedder.encode_documents(texts), atol=1e-4)
    assert set(stored.heads) == {"safeguarding", "needs"}
    assert set(stored.heads["needs"].labels) == set(catalogue.needs)
    assert [check.fingerprint for check in stored.manifest.query_embedders] == [onnx_fingerprint()]


def test_the_shipped_embeddings_hold_exactly_the_texts_the_build_uses(
    built_index: Settings, session_index_build: SessionIndexBuild
) -> None:
    """data/embeddings/ lets a fresh clone build without embedding. After a content change, refresh it with
    `python build_index.py --write-shipped-embeddings` (a stale file still builds, only more slowly)."""
    if not session_index_build.ran:
        pytest.skip("the session used a prebuilt index (SEND_HANDBOOK_TEST_PREBUILT_INDEX): no build log to read")
    log = session_index_build.log.read_text(encoding="utf-8")
    assert "The shipped embeddings are up to date." in log, log[-600:]
    assert "Embedded 0 texts;" in log


def test_a_broken_page_stops_the_build_before_anything_is_written(tmp_path: Path, fake_model: HashEmbedder) -> None:
    content = copy_content(tmp_path)
    page = content / "needs" / "semh" / "anxiety.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Check first", "## Check this"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"anxiety\.md: section '## Check first' is missing"):
        build.build_index(settings_for(tmp_path, content_dir=content))
    assert not (tmp_path / "index").exists()


def test_content_that_changes_during_the_build_is_not_written(
    tmp_path: Path, fake_model: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashes = iter(["before", "after"])
    monkeypatch.setattr(build, "content_hash", lambda *_args: next(hashes))
    for trainer in ("train_safeguarding", "train_ranker"):  # the check comes after them; skip their time
        monkeypatch.setattr(build, trainer, lambda *_args: None)
    with pytest.raises(RuntimeError, match="The content changed while the index was being built"):
        build.build_index(settings_for(tmp_path))
    assert current_build_path(tmp_path / "index") is None
