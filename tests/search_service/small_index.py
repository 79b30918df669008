"""A tiny real index (three chunks, two needs, a module and two services) and an embedder stand-in,
for direct tests of the engine and the holder that need no model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from handbook.index_records import ChunkRecord
from handbook.index_store import write_index
from handbook.manifest import ModelInfo
from handbook.settings import Settings
from tests.handbook.record_examples import SAFEGUARDING, catalogue, chunk_dict, need_dict

DIMENSION = 4
FINGERPRINT = "fake-embedder"
MODEL = "test-model"
MODULE = {
    "id": "cond-anxiety",
    "title": "Anxiety in class",
    "url": "/training/cond-anxiety/",
    "category": "condition-specific",
    "audience": ["teacher"],
    "required_for": [],
    "recommended_for": ["teacher"],
    "duration_minutes": 30,
    "format": "twilight",
    "prerequisites": [],
    "refresher_months": None,
    "needs": ["anxiety"],
    "services": [],
    "description": "Spotting and easing worry.",
}
SERVICES = {
    key: {"id": key, "title": title, "url": f"/services/{key}/", "description": title, "needs": []}
    for key, title in (("designated-safeguarding-lead", "The DSL"), ("camhs", "CAMHS"))
}


class FakeEmbedder:
    """Every text points the same way as chunk 0, so dense search always finds it first."""

    fingerprint = FINGERPRINT
    dimension = DIMENSION

    def encode_query(self, text: str) -> np.ndarray:
        return np.eye(1, DIMENSION, dtype=np.float32)

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return np.repeat(self.encode_query(""), len(texts), axis=0)


def small_catalogue(**changes: Any) -> Any:
    anxiety = need_dict(
        "anxiety",
        ["worries a lot", "stomach aches"],
        title="Anxiety",
        training=["cond-anxiety", "not-a-module"],
        services=["camhs"],
        phase_notes={"primary": [{"text": "Use a worry box.", "title": "Worry box", "url": "/needs/a/#primary"}]},
    )
    return catalogue(
        need_dict(SAFEGUARDING, ["marks nobody can explain"], title="Safeguarding concerns"),
        anxiety,
        training={"cond-anxiety": MODULE},
        services=SERVICES,
        **changes,
    )


def small_chunks() -> list[ChunkRecord]:
    return [
        ChunkRecord.model_validate(
            chunk_dict(
                0, text="Give worried pupils a calm start.", search_text="Anxiety. Give worried pupils a calm start."
            )
        ),
        ChunkRecord.model_validate(chunk_dict(1, granularity="item", section="What you might notice")),
        ChunkRecord.model_validate(chunk_dict(2, need=None, title="Glossary", url="/glossary/", wave=None)),
    ]


def write_small_index(index_dir: Path, build_id: str = "b1", **catalogue_changes: Any) -> Path:
    records = small_catalogue(**catalogue_changes)
    signs = np.ones((records.sign_count, DIMENSION), dtype=np.float32)
    fields = {
        "built_at": "2026-12-01T00:00:00+00:00",
        "build_seconds": 0.1,
        "model": ModelInfo(name=MODEL, fingerprint=FINGERPRINT, dimension=DIMENSION),
        "content_hash": "hash",
        "counts": {"chunks": 3},
    }
    vectors = np.eye(3, DIMENSION, dtype=np.float32)
    return write_index(index_dir, build_id, vectors, small_chunks(), records, fields, signs)


def small_settings(index_dir: Path) -> Settings:
    return Settings(index_dir=index_dir, model_name=MODEL, check_content_freshness=False, reload_check_seconds=0)
