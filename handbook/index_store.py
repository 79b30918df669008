"""Write an index folder atomically, and read one back only if it is whole and matches the model.

Layout of the index directory:

    index/
      current -> builds/<build id>      (a symlink, swapped atomically when a build finishes)
      builds/<build id>/manifest.json   (model, content hash, counts, checksums of the files below)
      builds/<build id>/vectors.faiss   (normalised chunk vectors, inner-product index)
      builds/<build id>/chunks.jsonl    (one ChunkRecord per line: line n is the chunk of vector n)
      builds/<build id>/catalogue.json  (a Catalogue: needs, training modules, services and glossary)
      builds/<build id>/signs.npy       (the sign vectors; each need's record names its rows, `sign_rows`)
      builds/<build id>/head-<name>.npy (learned linear heads: weights with the bias as last column)

A build writes into builds/.tmp-<id>, renames it into place and only then points `current` at it,
so a build that fails or is killed at any point leaves the previous index untouched. The records are
typed (handbook.index_records): `write_index` refuses records that break their schema or do not fit
together before it writes anything, and `read_index` refuses such an index with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from handbook.errors import IndexNotReady
from handbook.index_records import Catalogue, ChunkRecord, RecordsError, check_fit, parse_catalogue, parse_chunks
from handbook.linear import LinearHead, TrainedHead
from handbook.manifest import FORMAT_VERSION, MANIFEST_NAME, HeadInfo, Manifest, file_info

VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
CATALOGUE = "catalogue.json"
SIGNS = "signs.npy"
CURRENT = "current"
BUILDS = "builds"
KEEP_BUILDS = 2
BUILD_HINT = "Build it with: python build_index.py"


@dataclass
class StoredIndex:
    path: Path
    manifest: Manifest
    vectors: faiss.Index
    chunks: list[ChunkRecord]
    catalogue: Catalogue
    sign_vectors: np.ndarray
    heads: dict[str, LinearHead]


def head_file(name: str) -> str:
    return f"head-{name}.npy"


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def write_index(
    index_dir: Path,
    build_id: str,
    vectors: np.ndarray,
    chunks: Sequence[ChunkRecord],
    catalogue: Catalogue,
    manifest_fields: dict[str, Any],
    sign_vectors: np.ndarray,
    heads: dict[str, TrainedHead] | None = None,
) -> Path:
    """Write a complete build next to the current one, then switch `current` to it in one step.

    Raises RecordsError, before anything is written, when the records do not fit together."""
    head_labels = {name: trained.head.labels for name, trained in (heads or {}).items()}
    check_vectors(vectors, sign_vectors)
    check_fit(chunks, catalogue, vectors.shape[0], sign_vectors.shape[0], head_labels)
    builds = index_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{build_id}"
    final = builds / build_id
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        faiss.write_index(index, str(tmp / VECTORS))
        with (tmp / CHUNKS).open("w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(json.dumps(chunk.model_dump(mode="json"), ensure_ascii=False) + "\n")
        catalogue_json = json.dumps(catalogue.model_dump(mode="json"), ensure_ascii=False, indent=1)
        (tmp / CATALOGUE).write_text(catalogue_json, encoding="utf-8")
        with (tmp / SIGNS).open("wb") as handle:
            np.save(handle, sign_vectors, allow_pickle=False)
        head_infos: dict[str, HeadInfo] = {}
        for name, trained in (heads or {}).items():
            with (tmp / head_file(name)).open("wb") as handle:
                np.save(handle, trained.head.to_array(), allow_pickle=False)
            head = trained.head
            head_infos[name] = HeadInfo(
                file=head_file(name),
                labels=list(head.labels),
                temperature=head.temperature,
                threshold=head.threshold,
                training=trained.record,
            )
        names = [VECTORS, CHUNKS, CATALOGUE, SIGNS] + [info.file for info in head_infos.values()]
        files = {name: file_info(tmp / name) for name in names}
        manifest = Manifest(build_id=build_id, files=files, heads=head_infos, **manifest_fields)
        (tmp / MANIFEST_NAME).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        for name in [*names, MANIFEST_NAME]:
            _fsync_file(tmp / name)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link_tmp = index_dir / f".{CURRENT}-{build_id}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(Path(BUILDS) / build_id)
    os.replace(link_tmp, index_dir / CURRENT)
    prune_builds(index_dir)
    return final


def check_vectors(vectors: np.ndarray, sign_vectors: np.ndarray) -> None:
    if vectors.ndim != 2 or sign_vectors.ndim != 2 or sign_vectors.shape[1] != vectors.shape[1]:
        raise RecordsError(
            f"the chunk vectors {vectors.shape} and the sign vectors {sign_vectors.shape} "
            "must be tables of the same width"
        )


def prune_builds(index_dir: Path) -> None:
    """Keep the current build and the one before it (a running service may still be reading it)."""
    builds = index_dir / BUILDS
    current = current_build_path(index_dir)
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)
    for old in finished[KEEP_BUILDS:]:
        if current is None or old.resolve() != current.resolve():
            shutil.rmtree(old, ignore_errors=True)
    for stale in builds.glob(".tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def current_build_path(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def read_manifest(build: Path) -> Manifest:
    path = build / MANIFEST_NAME
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise IndexNotReady(f"The index build {build.name} has no manifest. {BUILD_HINT}") from error
    except (ValueError, OSError) as error:
        raise IndexNotReady(
            f"The manifest of index build {build.name} is unreadable or corrupted. {BUILD_HINT}"
        ) from error


def read_index(
    index_dir: Path, model_name: str, model_fingerprint: str, dimension: int, content_hash: str | None
) -> StoredIndex:
    """Load the current build, refusing anything incomplete, corrupted, stale or built with another model."""
    build = current_build_path(index_dir)
    if build is None:
        raise IndexNotReady(f"No search index found (no '{CURRENT}' in the index folder). {BUILD_HINT}")
    manifest = read_manifest(build)
    if manifest.format_version != FORMAT_VERSION:
        raise IndexNotReady(
            f"The index was built by another version of the handbook (format {manifest.format_version}). {BUILD_HINT}"
        )
    accepted = [manifest.model.fingerprint, *(check.fingerprint for check in manifest.query_embedders)]
    if manifest.model.name != model_name or model_fingerprint not in accepted:
        raise IndexNotReady(
            f"The index was built with model '{manifest.model.name}' for the embedders {', '.join(accepted)}, "
            f"but the service uses '{model_name}' ({model_fingerprint}). {BUILD_HINT}"
        )
    if manifest.model.dimension != dimension:
        raise IndexNotReady(
            f"The index vectors have {manifest.model.dimension} dimensions, not {dimension}. {BUILD_HINT}"
        )
    for name, expected in manifest.files.items():
        path = build / name
        if not path.is_file():
            raise IndexNotReady(f"The index file {name} is missing. {BUILD_HINT}")
        if file_info(path) != expected:
            raise IndexNotReady(f"The index file {name} is truncated or corrupted (checksum mismatch). {BUILD_HINT}")
    if content_hash is not None and manifest.content_hash != content_hash:
        raise IndexNotReady(f"The content has changed since the index was built. {BUILD_HINT}")
    try:
        vectors = faiss.read_index(str(build / VECTORS))
        with (build / CHUNKS).open(encoding="utf-8") as handle:
            chunks = parse_chunks(handle)
        catalogue = parse_catalogue((build / CATALOGUE).read_text(encoding="utf-8"))
        sign_vectors = np.load(build / SIGNS, allow_pickle=False)
        heads = {
            name: LinearHead.from_array(
                tuple(info.labels), np.load(build / info.file, allow_pickle=False), info.temperature, info.threshold
            )
            for name, info in manifest.heads.items()
        }
    except RecordsError as error:
        raise IndexNotReady(f"The index build {build.name} breaks the record schema: {error}. {BUILD_HINT}") from error
    except (RuntimeError, ValueError, OSError) as error:
        raise IndexNotReady(
            f"The index build {build.name} could not be read ({type(error).__name__}). {BUILD_HINT}"
        ) from error
    if vectors.d != dimension or sign_vectors.ndim != 2 or (len(sign_vectors) and sign_vectors.shape[1] != dimension):
        raise IndexNotReady(f"The index vectors do not have {dimension} dimensions. {BUILD_HINT}")
    try:
        check_fit(chunks, catalogue, vectors.ntotal, sign_vectors.shape[0], {n: h.labels for n, h in heads.items()})
    except RecordsError as error:
        raise IndexNotReady(f"The index build {build.name} does not fit together: {error}. {BUILD_HINT}") from error
    for name, head in heads.items():
        if head.dimension != dimension or head.weights.shape[0] != len(head.labels):
            raise IndexNotReady(f"The learned head '{name}' does not match the index. {BUILD_HINT}")
    return StoredIndex(build, manifest, vectors, chunks, catalogue, sign_vectors, heads)
