"""Build the search index from content/: parse, chunk, embed, and write it atomically with a manifest."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handbook.agreement import onnx_agreement
from handbook.chunks import build_catalogue, build_chunks
from handbook.contract import load_contract
from handbook.embedding import get_embedder
from handbook.embedding_cache import EmbeddingCache
from handbook.index_store import write_index
from handbook.manifest import ModelInfo, content_hash
from handbook.pages import load_pages
from handbook.settings import Settings
from handbook.training import train_ranker, train_safeguarding
from handbook.vocabulary import Vocabulary

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]
    seconds: float
    embedded: int = 0  # texts the model embedded in this build
    reused: int = 0  # texts whose vectors came from the embedding cache
    shipped_missing: int = 0  # texts used that the shipped embeddings lack
    shipped_unused: int = 0  # texts in the shipped embeddings that the build did not use
    shipped_written: Path | None = None  # set when the build rewrote the shipped embeddings


def build_index(settings: Settings, write_shipped_embeddings: bool = False) -> BuildResult:
    started = time.perf_counter()
    contract = load_contract(settings.contract_path)
    hash_before = content_hash(settings.content_dir, settings.contract_path)
    pages = load_pages(settings.content_dir, contract)
    chunks = build_chunks(pages)
    catalogue = build_catalogue(pages)
    vocabulary = Vocabulary.from_catalogue(catalogue)
    # Loaded only if some text is in neither the embedding cache nor the shipped embeddings.
    embedder = get_embedder(settings.resolved_model_path(), settings.build_threads, deferred=True)

    def encode_batch(batch: list[str]) -> np.ndarray:  # the model has no query prompt: documents and queries match
        return embedder.encode_documents(batch, batch_size=settings.batch_size)

    encode = EmbeddingCache(
        encode_batch,
        embedder.fingerprint,
        embedder.dimension,
        settings.embedding_cache_dir,
        settings.shipped_embeddings_dir,
    )
    texts = [vocabulary.expand(chunk.search_text()) for chunk in chunks]
    log.info("Embedding %d chunks with %s ...", len(texts), embedder.fingerprint)
    vectors = encode(texts)
    sign_vectors = encode(catalogue.sign_texts())  # row n is the sign the catalogue says owns row n
    onnx_check = onnx_agreement(settings.resolved_model_path(), texts, vectors, settings.build_threads)

    log.info("Training the safeguarding classifier and the need ranker ...")
    heads = {
        "safeguarding": train_safeguarding(catalogue, vocabulary, encode),
        "needs": train_ranker(catalogue, vocabulary, encode),
    }
    encode.save()
    shipped_written = encode.write_shipped() if write_shipped_embeddings else None
    records = [chunk.to_record(text) for chunk, text in zip(chunks, texts, strict=True)]
    if content_hash(settings.content_dir, settings.contract_path) != hash_before:
        raise RuntimeError("The content changed while the index was being built. Run the build again.")
    counts = {
        "pages": len(pages),
        "need_pages": len(catalogue.needs),
        "services": len(catalogue.services),
        "training_modules": len(catalogue.training),
        "glossary_terms": len(catalogue.glossary),
        "chunks": len(chunks),
    }
    now = dt.datetime.now(dt.UTC)
    build_id = now.strftime("%Y%m%dT%H%M%S%fZ")
    seconds = round(time.perf_counter() - started, 2)
    path = write_index(
        settings.index_dir,
        build_id,
        vectors,
        records,
        catalogue,
        {
            "built_at": now.isoformat(timespec="seconds"),
            "build_seconds": seconds,
            "model": ModelInfo(
                name=settings.model_name, fingerprint=embedder.fingerprint, dimension=embedder.dimension
            ),
            "query_embedders": [onnx_check],
            "content_hash": hash_before,
            "counts": counts,
        },
        sign_vectors,
        heads,
    )
    return BuildResult(
        path,
        counts,
        seconds,
        encode.misses,
        encode.hits,
        encode.shipped_missing,
        encode.shipped_unused,
        shipped_written,
    )
