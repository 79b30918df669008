"""The two embedding backends: the ONNX model agrees with the PyTorch reference, and every model file
is checked against its pinned SHA-256 before it is loaded."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from handbook.agreement import EmbedderMismatch, check_agreement, sample_rows
from handbook.embedding import TORCH_MODEL_FILES, OnnxEmbedder, get_embedder, verify_files
from handbook.errors import ModelIntegrityError
from handbook.settings import ROOT, Settings

TEXTS = [
    "struggles with listening in class",
    "cannot sit still and shouts out answers",
    "reads very slowly and guesses words from the first letter",
    "gets very anxious before tests and refuses to come into school",
    "Wave 2: a small group for phonics, three times a week, with the SENCO checking progress each half term. " * 5,
]


@pytest.fixture(scope="module")
def onnx() -> OnnxEmbedder:
    embedder = get_embedder(Settings().resolved_model_path(), 1, backend="onnx")
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


def test_onnx_vectors_agree_with_the_reference(onnx, embedder) -> None:
    reference = embedder.encode_documents(TEXTS)
    vectors = onnx.encode_documents(TEXTS, batch_size=2)
    assert vectors.shape == reference.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(reference * vectors, axis=1)
    assert cosines.min() >= 0.99, cosines
    assert np.allclose(onnx.encode_query(TEXTS[0]), vectors[:1], atol=1e-5)
    assert check_agreement(reference, onnx, TEXTS).cosine_mean >= 0.995


def test_a_backend_that_disagrees_is_refused(onnx) -> None:
    rng = np.random.default_rng(7)
    other = rng.normal(size=(len(TEXTS), 384)).astype(np.float32)
    other /= np.linalg.norm(other, axis=1, keepdims=True)
    with pytest.raises(EmbedderMismatch, match="disagrees"):
        check_agreement(other, onnx, TEXTS)


def test_sample_is_an_even_spread() -> None:
    rows = sample_rows(640, 64)
    assert len(rows) == 64 and rows[:2] == [0, 10] and rows[-1] == 630
    assert sample_rows(5, 64) == [0, 1, 2, 3, 4]


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    source = Settings().resolved_model_path()
    copy = tmp_path / "model"
    shutil.copytree(source, copy)
    verify_files(copy, TORCH_MODEL_FILES)  # a true copy passes
    tokenizer = copy / "tokenizer.json"
    tokenizer.write_bytes(tokenizer.read_bytes().replace(b'"[UNK]"', b'"[UNX]"', 1))
    with pytest.raises(ModelIntegrityError, match=r"tokenizer\.json .* does not match its pinned SHA-256"):
        verify_files(copy, TORCH_MODEL_FILES)
    with pytest.raises(ModelIntegrityError):
        OnnxEmbedder(copy, 1)
    (copy / "model.safetensors").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        verify_files(copy, TORCH_MODEL_FILES)


def test_a_changed_onnx_file_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the pinned model")
    with pytest.raises(ModelIntegrityError, match="pinned SHA-256"):
        OnnxEmbedder(Settings().resolved_model_path(), 1, onnx_path=fake)


def test_the_deferred_reference_model_loads_pytorch_only_to_embed() -> None:
    """What lets a build from cached vectors skip PyTorch: the identity comes from the checked files."""
    script = (
        "import sys; from handbook.embedding import get_embedder, model_fingerprint; "
        "from handbook.settings import Settings; path = Settings().resolved_model_path(); "
        "model = get_embedder(path, 1, deferred=True); "
        "print(model.fingerprint == model_fingerprint(path), model.dimension, 'torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["True", "384", "False"], result.stderr[-2000:]


def test_the_deferred_reference_model_embeds_like_the_loaded_one(embedder) -> None:
    deferred = get_embedder(Settings().resolved_model_path(), 1, deferred=True)
    assert deferred.fingerprint == embedder.fingerprint and deferred.dimension == embedder.dimension
    assert np.allclose(deferred.encode_documents(TEXTS[:2]), embedder.encode_documents(TEXTS[:2]), atol=1e-6)


def test_the_deferred_reference_model_checks_its_files_at_once(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(Settings().resolved_model_path(), copy)
    (copy / "vocab.txt").write_text("changed\n", encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match=r"vocab\.txt"):
        get_embedder(copy, 1, deferred=True)
