import json
import re
from pathlib import Path

import numpy as np
import pytest

from handbook.errors import IndexNotReady
from handbook.index_records import RecordsError
from handbook.index_store import CURRENT, current_build_path, read_index, write_index
from handbook.manifest import ModelInfo, content_hash
from tests.handbook.record_examples import catalogue, chunks

MODEL = ModelInfo(name="test-model", fingerprint="abc", dimension=4)
SIGNS = np.ones((3, 4), dtype=np.float32)  # the example catalogue's needs own three sign rows


def fields(content: str = "hash-1") -> dict:
    return {
        "built_at": "2026-11-24T00:00:00+00:00",
        "build_seconds": 0.1,
        "model": MODEL,
        "content_hash": content,
        "counts": {"chunks": 2},
    }


def vectors() -> np.ndarray:
    v = np.eye(2, 4, dtype=np.float32)
    return v


def write(index_dir: Path, build_id: str, content: str = "hash-1") -> Path:
    return write_index(index_dir, build_id, vectors(), chunks(2), catalogue(), fields(content), SIGNS)


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    write(tmp_path, "b1")
    stored = read_index(tmp_path, "test-model", "abc", 4, "hash-1")
    assert stored.manifest.build_id == "b1"
    assert stored.manifest.counts == {"chunks": 2}
    assert stored.vectors.ntotal == 2
    assert set(stored.manifest.files) == {"vectors.faiss", "chunks.jsonl", "catalogue.json", "signs.npy"}


def test_current_is_swapped_atomically_and_old_builds_pruned(tmp_path: Path) -> None:
    for build_id in ("b1", "b2", "b3"):
        write(tmp_path, build_id)
    assert current_build_path(tmp_path) == (tmp_path / "builds" / "b3").resolve()
    assert sorted(p.name for p in (tmp_path / "builds").iterdir()) == ["b2", "b3"]
    assert (tmp_path / CURRENT).is_symlink()


def test_failed_write_leaves_previous_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "b1")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(np, "save", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write(tmp_path, "b2")
    monkeypatch.undo()
    assert current_build_path(tmp_path) == (tmp_path / "builds" / "b1").resolve()
    assert not any(p.name.startswith(".tmp") for p in (tmp_path / "builds").iterdir())
    read_index(tmp_path, "test-model", "abc", 4, "hash-1")


def test_records_that_do_not_fit_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(RecordsError, match=re.escape("signs.npy has 2 rows but the catalogue's needs own 3")):
        write_index(tmp_path, "b1", vectors(), chunks(2), catalogue(), fields(), SIGNS[:2])
    assert current_build_path(tmp_path) is None
    assert not (tmp_path / "builds").exists() or not any((tmp_path / "builds").iterdir())


def test_missing_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotReady, match=r"python build_index\.py"):
        read_index(tmp_path, "test-model", "abc", 4, None)


def test_other_model_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "b1")
    with pytest.raises(IndexNotReady, match="built with model 'test-model'"):
        read_index(tmp_path, "other-model", "xyz", 4, None)


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    build = write(tmp_path, "b1")
    data = (build / "chunks.jsonl").read_bytes()
    (build / "chunks.jsonl").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexNotReady, match="truncated or corrupted"):
        read_index(tmp_path, "test-model", "abc", 4, None)


def test_corrupted_manifest_is_refused(tmp_path: Path) -> None:
    build = write(tmp_path, "b1")
    (build / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexNotReady, match="unreadable or corrupted"):
        read_index(tmp_path, "test-model", "abc", 4, None)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    build = write(tmp_path, "b1")
    (build / "vectors.faiss").unlink()
    with pytest.raises(IndexNotReady, match=r"vectors\.faiss is missing"):
        read_index(tmp_path, "test-model", "abc", 4, None)


def test_stale_content_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "b1", content="old")
    with pytest.raises(IndexNotReady, match="content has changed"):
        read_index(tmp_path, "test-model", "abc", 4, "new")


def test_content_hash_changes_with_any_page(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text("one", encoding="utf-8")
    contract = tmp_path / "needs.yaml"
    contract.write_text("x", encoding="utf-8")
    before = content_hash(tmp_path / "c", contract)
    (tmp_path / "c" / "a.md").write_text("two", encoding="utf-8")
    assert content_hash(tmp_path / "c", contract) != before


def test_manifest_records_what_the_issue_asks(tmp_path: Path) -> None:
    build = write(tmp_path, "b1")
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert {"model", "content_hash", "counts", "built_at", "build_seconds", "files"} <= set(manifest)
    assert manifest["model"] == {"name": "test-model", "fingerprint": "abc", "dimension": 4}
