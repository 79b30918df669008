"""The embedding cache: each text is embedded once per model; a damaged cache is ignored, never trusted."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from handbook import embedding_cache
from handbook.embedding_cache import EmbeddingCache


class CountingEncoder:
    """A stand-in model: a vector derived from the text, and a count of the texts it was asked for."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.array([[len(text), text.count("a"), 1.0] for text in texts], dtype=np.float32)

    @property
    def embedded(self) -> int:
        return sum(len(call) for call in self.calls)


def test_each_distinct_text_is_embedded_once_and_order_is_kept(tmp_path: Path) -> None:
    model = CountingEncoder()
    cache = EmbeddingCache(model, "model-a", 3, tmp_path)
    first = cache(["banana", "apple", "banana"])
    again = cache(["apple", "cherry"])
    assert model.embedded == 3
    assert first[0].tolist() == first[2].tolist() == [6, 3, 1]
    assert again[0].tolist() == first[1].tolist()
    assert (cache.misses, cache.hits) == (3, 1)


def test_a_saved_cache_serves_the_next_build_for_the_same_model_only(tmp_path: Path) -> None:
    first = EmbeddingCache(CountingEncoder(), "model-a", 3, tmp_path)
    first(["one text", "another text"])
    first.save()
    same_model = CountingEncoder()
    assert EmbeddingCache(same_model, "model-a", 3, tmp_path)(["another text", "one text"]).shape == (2, 3)
    assert same_model.embedded == 0
    other_model = CountingEncoder()
    EmbeddingCache(other_model, "model-b", 3, tmp_path)(["one text"])
    assert other_model.embedded == 1


def test_an_edited_text_gets_a_fresh_vector(tmp_path: Path) -> None:
    cache = EmbeddingCache(CountingEncoder(), "model-a", 3, tmp_path)
    cache(["Wave 1: seat near the front"])
    cache.save()
    model = CountingEncoder()
    EmbeddingCache(model, "model-a", 3, tmp_path)(["Wave 1: seat near the front of the class"])
    assert model.calls == [["Wave 1: seat near the front of the class"]]


@pytest.mark.parametrize("damage", [b"", b"not a numpy file", b"PK\x03\x04 truncated zip"])
def test_a_damaged_cache_is_ignored_with_a_warning(tmp_path: Path, damage: bytes, caplog) -> None:
    (tmp_path / "model-a.npz").write_bytes(damage)
    model = CountingEncoder()
    with caplog.at_level(logging.WARNING):
        vectors = EmbeddingCache(model, "model-a", 3, tmp_path)(["text"])
    assert vectors.shape == (1, 3) and model.embedded == 1
    assert "Ignoring the embedding cache model-a.npz" in caplog.text


def test_a_cache_of_another_dimension_is_ignored(tmp_path: Path, caplog) -> None:
    np.savez(tmp_path / "model-a.npz", keys=np.array(["x" * 64], dtype="U64"), vectors=np.zeros((1, 5), "float32"))
    model = CountingEncoder()
    with caplog.at_level(logging.WARNING):
        EmbeddingCache(model, "model-a", 3, tmp_path)(["text"])
    assert model.embedded == 1 and "expected (n, 3)" in caplog.text


def test_no_folder_means_memory_only(tmp_path: Path) -> None:
    cache = EmbeddingCache(CountingEncoder(), "model-a", 3, None)
    assert cache([]).shape == (0, 3)
    cache(["text"])
    cache.save()
    assert list(tmp_path.iterdir()) == []


def test_the_latest_build_is_always_kept_when_the_cache_is_pruned(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(embedding_cache, "MAX_VECTORS", 2)
    old = EmbeddingCache(CountingEncoder(), "model-a", 3, tmp_path)
    old(["old one", "old two"])
    old.save()
    latest = EmbeddingCache(CountingEncoder(), "model-a", 3, tmp_path)
    latest(["new one", "new two", "new three"])
    latest.save()
    model = CountingEncoder()
    EmbeddingCache(model, "model-a", 3, tmp_path)(["new one", "new two", "new three", "old one"])
    assert model.calls == [["old one"]]
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".cache-")]


def test_shipped_vectors_serve_a_build_with_an_empty_cache(tmp_path: Path) -> None:
    shipped, local = tmp_path / "shipped", tmp_path / "local"
    first = EmbeddingCache(CountingEncoder(), "model-a", 3, None, shipped)
    first(["banana", "apple"])
    first.write_shipped()
    model = CountingEncoder()
    cache = EmbeddingCache(model, "model-a", 3, local, shipped)
    assert cache(["apple", "banana", "cherry"]).shape == (3, 3)
    assert model.calls == [["cherry"]]
    assert (cache.shipped_missing, cache.shipped_unused) == (1, 0)
    cache.save()
    assert (local / "model-a.npz").exists()
    other_model = CountingEncoder()
    EmbeddingCache(other_model, "model-b", 3, None, shipped)(["apple"])
    assert other_model.embedded == 1


def test_the_shipped_file_holds_exactly_the_used_texts_sorted_and_uncompressed(tmp_path: Path) -> None:
    import zipfile

    cache = EmbeddingCache(CountingEncoder(), "model-a", 3, None, tmp_path)
    cache(["zebra", "apple", "mango", "apple"])
    path = cache.write_shipped()
    with np.load(path, allow_pickle=False) as stored:
        keys, vectors = stored["keys"], stored["vectors"]
    expected = sorted(embedding_cache.text_key(text) for text in ("zebra", "apple", "mango"))
    assert [key.decode() for key in keys] == expected and keys.dtype == np.dtype("S64")
    assert vectors.shape == (3, 3) and vectors.dtype == np.float32
    assert {info.compress_type for info in zipfile.ZipFile(path).infolist()} == {zipfile.ZIP_STORED}
    later = EmbeddingCache(CountingEncoder(), "model-a", 3, None, tmp_path)
    later(["apple", "kiwi"])
    assert (later.shipped_missing, later.shipped_unused) == (1, 2)


def test_a_damaged_shipped_file_costs_only_time(tmp_path: Path, caplog) -> None:
    (tmp_path / "model-a.npz").write_bytes(b"PK\x03\x04 truncated zip")
    model = CountingEncoder()
    with caplog.at_level(logging.WARNING):
        vectors = EmbeddingCache(model, "model-a", 3, None, tmp_path)(["text"])
    assert vectors.shape == (1, 3) and model.embedded == 1
    assert "Ignoring the embedding cache model-a.npz" in caplog.text


def test_writing_the_shipped_file_needs_its_folder() -> None:
    with pytest.raises(ValueError, match="SEND_HANDBOOK_SHIPPED_EMBEDDINGS_DIR"):
        EmbeddingCache(CountingEncoder(), "model-a", 3).write_shipped()
