"""The index manifest: what was built, from which content, with which model; and the content hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field

# The format policy: any change to the shape of a stored record (this manifest, the catalogue, the chunk
# records: see handbook.index_records) bumps FORMAT_VERSION and pins the new records_fingerprint() below.
# tests/handbook/test_index_records.py fails while the shape and the pinned fingerprint disagree, and the
# service refuses an index of another format version, so it never reads records it does not understand.
# 2: pinned model fingerprints and query_embedders; 3: learned heads stored with the build;
# 4: typed records (handbook.index_records) and explicit sign ownership (each need's `sign_rows`);
# 5: the safeguarding head may be multinomial (its labels name the risk and look-alike classes) and the
# heads may read hashed n-grams beside the embedding: a service of format 4 would misread them.
# A pydantic upgrade that writes the same shapes differently also moves the fingerprint: if the records
# did not change, pin the new value for the same version.
FORMAT_VERSION = 5
RECORD_FINGERPRINTS: dict[int, str] = {
    4: "df7d9f12292fe67a",
    5: "72fcf48528a9b579",
}
MANIFEST_NAME = "manifest.json"


class ModelInfo(BaseModel):
    name: str
    fingerprint: str
    dimension: int


class QueryEmbedderCheck(BaseModel):
    """Another backend allowed to embed queries against this index, and how well it agreed with the
    vectors the build stored (cosine similarity on a sample of the chunks)."""

    fingerprint: str
    sample: int
    cosine_mean: float
    cosine_min: float


class FileInfo(BaseModel):
    sha256: str
    bytes: int


class HeadInfo(BaseModel):
    """A learned linear head stored in the build: its file, labels, calibration and how it was trained."""

    file: str
    labels: list[str]
    temperature: float
    threshold: float
    training: dict[str, float] = Field(default_factory=dict)


class Manifest(BaseModel):
    format_version: int = FORMAT_VERSION
    build_id: str
    built_at: str
    build_seconds: float
    model: ModelInfo  # the model that embedded the stored vectors
    query_embedders: list[QueryEmbedderCheck] = []  # other backends checked to agree with it
    content_hash: str
    counts: dict[str, int]
    files: dict[str, FileInfo]
    heads: dict[str, HeadInfo] = Field(default_factory=dict)


def content_hash(content_dir: Path, contract_path: Path) -> str:
    """A hash of every Markdown page and the needs contract: it changes whenever the content does."""
    digest = hashlib.sha256()
    files = sorted(content_dir.rglob("*.md")) if content_dir.is_dir() else []
    for file in files:
        digest.update(file.relative_to(content_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    if contract_path.is_file():
        digest.update(contract_path.read_bytes())
    return digest.hexdigest()


def file_info(path: Path) -> FileInfo:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileInfo(sha256=digest.hexdigest(), bytes=path.stat().st_size)
