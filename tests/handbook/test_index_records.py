"""The typed index records: what they accept, sign ownership, the checks a stored index must pass,
and the format policy (a shape change without a version bump fails here)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from handbook.errors import IndexNotReady
from handbook.index_records import (
    Catalogue,
    ChunkRecord,
    RecordsError,
    check_fit,
    parse_catalogue,
    parse_chunks,
    records_fingerprint,
)
from handbook.index_store import current_build_path, read_index, write_index
from handbook.manifest import FORMAT_VERSION, MANIFEST_NAME, RECORD_FINGERPRINTS, Manifest, ModelInfo, file_info
from tests.handbook.record_examples import SAFEGUARDING, catalogue, catalogue_dict, chunk_dict, chunks, need_dict

FIELDS: dict[str, Any] = {
    "built_at": "2026-12-01T00:00:00+00:00",
    "build_seconds": 0.1,
    "model": ModelInfo(name="test-model", fingerprint="abc", dimension=4),
    "content_hash": "hash",
    "counts": {"chunks": 2},
}


def write(tmp_path: Path) -> Path:
    vectors = np.eye(2, 4, dtype=np.float32)
    signs = np.ones((3, 4), dtype=np.float32)
    return write_index(tmp_path, "b1", vectors, chunks(2), catalogue(), FIELDS, signs)


def read(tmp_path: Path) -> Any:
    return read_index(tmp_path, "test-model", "abc", 4, None)


def replace_file(build: Path, name: str, data: bytes) -> None:
    """Change one file of a build and its checksum too, so only the record checks can catch it."""
    (build / name).write_bytes(data)
    manifest = Manifest.model_validate_json((build / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest.files[name] = file_info(build / name)
    (build / MANIFEST_NAME).write_text(manifest.model_dump_json(), encoding="utf-8")


# --- the records themselves ---------------------------------------------------------------------------
def test_a_written_index_reads_back_as_the_same_typed_records(tmp_path: Path) -> None:
    write(tmp_path)
    stored = read(tmp_path)
    assert stored.catalogue == catalogue()
    assert stored.chunks == chunks(2)
    assert isinstance(stored.catalogue.needs["anxiety"].strategies.wave1[0].url, str)


def test_each_need_owns_its_sign_rows_explicitly() -> None:
    records = catalogue(need_dict("anxiety", ["a", "b"]), need_dict(SAFEGUARDING, ["c"]), need_dict("x", []))
    assert records.needs["anxiety"].sign_rows.model_dump() == {"start": 0, "stop": 2}
    assert records.needs[SAFEGUARDING].sign_rows.model_dump() == {"start": 2, "stop": 3}
    assert records.sign_count == 3
    assert records.sign_texts() == ["a", "b", "c"]
    assert [records.sign_owner(row) for row in range(3)] == ["anxiety", "anxiety", SAFEGUARDING]
    with pytest.raises(IndexError):
        records.sign_owner(3)


def test_sign_rows_follow_the_records_not_the_order_of_the_file() -> None:
    """Ownership is what the records say, even when the needs are listed in another order."""
    first = need_dict("anxiety", ["a"], sign_rows={"start": 1, "stop": 2})
    second = need_dict(SAFEGUARDING, ["b"], sign_rows={"start": 0, "stop": 1})
    records = catalogue(first, second)
    assert records.sign_texts() == ["b", "a"]
    assert records.sign_owner(0) == SAFEGUARDING


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"start": 0, "stop": 1}, "has 2 signs but owns 1 sign rows"),
        ({"start": 1, "stop": 3}, "the rows have a gap or an overlap"),
        ({"start": 2, "stop": 0}, "end (0) before they start (2)"),
    ],
)
def test_sign_rows_that_do_not_match_the_signs_are_refused(rows: dict[str, int], message: str) -> None:
    need = need_dict("anxiety", ["a", "b"], sign_rows=rows)
    other = need_dict(SAFEGUARDING, [], sign_rows={"start": 0, "stop": 0})
    with pytest.raises(ValidationError, match=re.escape(message)):
        catalogue(need, other)


def test_a_need_listed_under_another_slug_is_refused() -> None:
    data = catalogue_dict()
    data["needs"]["worry"] = data["needs"].pop("anxiety")
    with pytest.raises(ValidationError, match="the need listed as 'worry' calls itself 'anxiety'"):
        Catalogue.model_validate(data)


def test_unknown_record_fields_and_values_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ChunkRecord.model_validate(chunk_dict(0, colour="red"))
    with pytest.raises(ValidationError, match="granularity"):
        ChunkRecord.model_validate(chunk_dict(0, granularity="paragraph"))
    with pytest.raises(ValidationError, match="phase"):
        ChunkRecord.model_validate(chunk_dict(0, phase="sixth-form"))


def test_parse_errors_name_the_file_the_line_and_the_field() -> None:
    good = json.dumps(chunk_dict(0))
    broken = chunk_dict(1)
    del broken["url"]
    with pytest.raises(RecordsError, match=re.escape("chunks.jsonl line 2: 'url' is missing")):
        parse_chunks([good, json.dumps(broken)])
    data = catalogue_dict()
    del data["needs"]["anxiety"]["training"]
    with pytest.raises(RecordsError, match=re.escape("catalogue.json: 'needs' 'anxiety' 'training' is missing")):
        parse_catalogue(json.dumps(data))


@pytest.mark.parametrize(
    ("records", "vectors", "signs", "heads", "message"),
    [
        (chunks(2), 3, 3, {}, "vectors.faiss has 3 vectors but chunks.jsonl has 2 chunks"),
        ([chunks(2)[1], chunks(2)[0]], 2, 3, {}, "line 1 holds chunk 1"),
        ([ChunkRecord.model_validate(chunk_dict(0, need="unknown"))], 1, 3, {}, "need 'unknown'"),
        (chunks(2), 2, 4, {}, "signs.npy has 4 rows but the catalogue's needs own 3"),
        (chunks(2), 2, 3, {"needs": ("anxiety", "adhd")}, "ranks needs the catalogue does not have: ['adhd']"),
    ],
)
def test_records_that_do_not_fit_together_are_refused(
    records: list[ChunkRecord], vectors: int, signs: int, heads: dict[str, tuple[str, ...]], message: str
) -> None:
    with pytest.raises(RecordsError, match=re.escape(message)):
        check_fit(records, catalogue(), vectors, signs, heads)
    check_fit(chunks(2), catalogue(), 2, 3, {"needs": ("anxiety",), "safeguarding": ("risk",)})


# --- a stored index whose checksums match but whose records are broken ----------------------------------
def test_a_stored_need_without_training_is_refused_with_the_reason(tmp_path: Path) -> None:
    build = write(tmp_path)
    data = json.loads((build / "catalogue.json").read_text(encoding="utf-8"))
    del data["needs"]["anxiety"]["training"]
    replace_file(build, "catalogue.json", json.dumps(data).encode())
    with pytest.raises(
        IndexNotReady, match=re.escape("breaks the record schema: catalogue.json: 'needs' 'anxiety' 'training'")
    ):
        read(tmp_path)


def test_a_stored_chunk_without_its_url_is_refused_with_the_reason(tmp_path: Path) -> None:
    build = write(tmp_path)
    lines = (build / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    del record["url"]
    replace_file(build, "chunks.jsonl", (lines[0] + "\n" + json.dumps(record) + "\n").encode())
    with pytest.raises(IndexNotReady, match=re.escape("chunks.jsonl line 2: 'url' is missing")):
        read(tmp_path)


def test_a_stored_sign_file_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    build = write(tmp_path)
    with (build / "signs.npy").open("wb") as handle:
        np.save(handle, np.ones((5, 4), dtype=np.float32))
    replace_file(build, "signs.npy", (build / "signs.npy").read_bytes())
    with pytest.raises(IndexNotReady, match=re.escape("does not fit together: signs.npy has 5 rows")):
        read(tmp_path)
    assert current_build_path(tmp_path) == build.resolve()


# --- the format policy --------------------------------------------------------------------------------
def test_the_record_shapes_match_the_fingerprint_pinned_for_this_format_version() -> None:
    fingerprint = records_fingerprint()
    pinned = RECORD_FINGERPRINTS.get(FORMAT_VERSION)
    assert pinned is not None, f"Pin RECORD_FINGERPRINTS[{FORMAT_VERSION}] = {fingerprint!r} in handbook/manifest.py."
    assert pinned == fingerprint, (
        f"The shape of the index records changed (fingerprint {fingerprint}, pinned {pinned} for format "
        f"{FORMAT_VERSION}). Bump FORMAT_VERSION in handbook/manifest.py and pin the new fingerprint for it."
    )


def test_every_format_version_has_its_own_fingerprint() -> None:
    assert len(set(RECORD_FINGERPRINTS.values())) == len(RECORD_FINGERPRINTS)
    assert max(RECORD_FINGERPRINTS) == FORMAT_VERSION


def test_the_fingerprint_changes_with_a_field(monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook import index_records

    before = records_fingerprint()

    class WithColour(ChunkRecord):
        colour: str = "red"

    WithColour.__name__ = "ChunkRecord"
    monkeypatch.setattr(index_records, "FINGERPRINTED", (Manifest, Catalogue, WithColour))
    assert records_fingerprint() != before


def test_the_fingerprint_ignores_descriptions_but_keeps_fields_named_title() -> None:
    from handbook.index_records import _shape

    schema = ChunkRecord.model_json_schema()
    described = json.loads(json.dumps(schema))
    described["description"] = "Other words about the same shape."
    described["properties"]["text"]["description"] = "What a person reads."
    assert _shape(described) == _shape(schema)
    assert {"title", "text"} <= set(_shape(schema)["properties"])


def test_an_index_of_another_format_version_is_refused(tmp_path: Path) -> None:
    build = write(tmp_path)
    manifest = json.loads((build / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["format_version"] = FORMAT_VERSION - 1
    (build / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexNotReady, match=rf"another version of the handbook \(format {FORMAT_VERSION - 1}\)"):
        read(tmp_path)
