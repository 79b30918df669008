"""The typed records a build hands to the service: the catalogue, the chunk records and sign ownership.

The build makes these records (handbook.chunks), `write_index` validates them before it writes a
byte, and the service validates them again when it loads an index (handbook.index_store.read_index),
so an index whose records are broken is refused with a plain reason instead of being served.

Sign ownership is explicit: each need's record carries `sign_rows`, the rows of `signs.npy` that hold
the vectors of its "What you might notice" signs, and the catalogue checks that those ranges tile the
file without a gap or an overlap.

Changing a record's shape changes `records_fingerprint()`; tests/handbook/test_index_records.py then
fails until FORMAT_VERSION is bumped in handbook/manifest.py and the new fingerprint pinned there.
This module imports no Markdown code: the search service imports it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from handbook.manifest import Manifest
from handbook.schema import GlossaryTerm, PageKind, Phase, Role, TrainingCategory, Wave

NonEmpty = Annotated[str, Field(min_length=1)]
Granularity = Literal["page", "section", "item"]


class Record(BaseModel):
    """Refuses unknown keys and stores enum members as their plain values (what the JSON holds)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


# --- the catalogue ------------------------------------------------------------------------------------
class StrategyItem(Record):
    """One strategy or phase note: a list item of a need page, with a link to its section."""

    text: NonEmpty
    title: str = ""  # the bold words the item starts with
    url: NonEmpty


class WaveStrategies(Record):
    """A need's strategies for each wave of the graduated approach (keys: schema.Wave.key)."""

    wave1: list[StrategyItem]
    wave2: list[StrategyItem]
    wave3: list[StrategyItem]

    def for_wave(self, wave: Wave) -> list[StrategyItem]:
        items: list[StrategyItem] = getattr(self, wave.key)
        return items


class SignRows(Record):
    """The rows [start, stop) of signs.npy that hold one need's sign vectors, in the order of its signs."""

    start: int = Field(ge=0)
    stop: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> SignRows:
        if self.stop < self.start:
            raise ValueError(f"sign rows end ({self.stop}) before they start ({self.start})")
        return self

    def __len__(self) -> int:
        return self.stop - self.start


class NeedRecord(Record):
    """Everything /api/suggest returns about one need, read from its page."""

    slug: NonEmpty
    title: NonEmpty
    area: NonEmpty
    url: NonEmpty
    description: str
    aliases: list[str]
    clarify: str  # "" when the page has no clarifying question
    signs: list[str]
    sign_rows: SignRows
    strategies: WaveStrategies
    phase_notes: dict[Phase, list[StrategyItem]]
    training: list[str]  # training module ids
    services: list[str]  # service ids
    related_needs: list[str]

    @model_validator(mode="after")
    def _one_row_per_sign(self) -> NeedRecord:
        if len(self.sign_rows) != len(self.signs):
            raise ValueError(f"need '{self.slug}' has {len(self.signs)} signs but owns {len(self.sign_rows)} sign rows")
        return self


class ModuleRecord(Record):
    """One training module, as /api/training lists it."""

    id: NonEmpty
    title: NonEmpty
    url: NonEmpty
    category: TrainingCategory
    audience: list[Role]
    required_for: list[Role]
    recommended_for: list[Role]
    duration_minutes: int = Field(gt=0)
    format: str
    prerequisites: list[str]
    refresher_months: int | None = Field(gt=0)
    needs: list[str]
    services: list[str]
    description: str


class ServiceRecord(Record):
    id: NonEmpty
    title: NonEmpty
    url: NonEmpty
    description: str
    needs: list[str]


class Catalogue(Record):
    """catalogue.json: the needs, training modules, services and glossary that answers are filled from."""

    safeguarding_steps: list[str]  # what every adult does now, in order (the safeguarding page's `steps`)
    needs: dict[str, NeedRecord]
    training: dict[str, ModuleRecord]
    services: dict[str, ServiceRecord]
    glossary: list[GlossaryTerm]

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        for kind, records in (("need", self.needs), ("training module", self.training), ("service", self.services)):
            for key, record in records.items():
                name = record.slug if isinstance(record, NeedRecord) else record.id
                if key != name:
                    raise ValueError(f"the {kind} listed as '{key}' calls itself '{name}'")
        position = 0
        for need in sorted(self.needs.values(), key=lambda need: (need.sign_rows.start, need.sign_rows.stop)):
            if need.sign_rows.start != position and len(need.sign_rows):
                raise ValueError(
                    f"need '{need.slug}' owns sign rows from {need.sign_rows.start}, but row {position} is next: "
                    "the rows have a gap or an overlap"
                )
            position = max(position, need.sign_rows.stop)
        return self

    @property
    def sign_count(self) -> int:
        """How many rows signs.npy must have."""
        return max((need.sign_rows.stop for need in self.needs.values()), default=0)

    def sign_texts(self) -> list[str]:
        """Every sign, in the row order of signs.npy."""
        texts = [""] * self.sign_count
        for need in self.needs.values():
            texts[need.sign_rows.start : need.sign_rows.stop] = need.signs
        return texts

    def sign_owner(self, row: int) -> str:
        """The slug of the need whose sign vector is in this row of signs.npy."""
        for need in self.needs.values():
            if need.sign_rows.start <= row < need.sign_rows.stop:
                return need.slug
        raise IndexError(f"signs.npy has no row {row}")


def assign_sign_rows(needs: Iterable[dict[str, Any]]) -> None:
    """Give each need record (still a dict, with its `signs`) the next rows of signs.npy."""
    position = 0
    for need in needs:
        count = len(need["signs"])
        need["sign_rows"] = {"start": position, "stop": position + count}
        position += count


# --- the chunks ---------------------------------------------------------------------------------------
class ChunkRecord(Record):
    """One line of chunks.jsonl: a searchable piece of a page. Line n holds the chunk of vector n."""

    id: int = Field(ge=0)  # its line in chunks.jsonl and its row in vectors.faiss
    title: NonEmpty  # the page title
    section: str  # the section heading ("" for the page itself)
    url: NonEmpty  # site-relative, with the section's anchor
    text: NonEmpty  # what a person reads in a result
    kind: PageKind
    need: str | None = None  # the need slug, for chunks of need pages
    area: str | None = None
    wave: Wave | None = None
    phase: Phase | None = None
    needs: list[str] = []  # need slugs this chunk is about (provision rows, services)
    granularity: Granularity
    search_text: NonEmpty  # what is embedded and keyword-indexed: the text in context, with the vocabulary


# --- checks shared by the build and the service -------------------------------------------------------
class RecordsError(ValueError):
    """The records of an index break their schema, or do not fit together. The message says where."""


def validation_reason(error: ValidationError, where: str) -> str:
    """The first problems of a ValidationError as one plain sentence that names the file and the field."""
    parts = []
    for detail in error.errors()[:3]:
        location = " ".join(f"'{part}'" if isinstance(part, str) else f"item {part}" for part in detail["loc"])
        message = "is missing" if detail["type"] == "missing" else detail["msg"].lower()
        parts.append(f"{location} {message}".strip())
    more = len(error.errors()) - len(parts)
    return f"{where}: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def check_fit(
    chunks: Sequence[ChunkRecord],
    catalogue: Catalogue,
    vector_rows: int,
    sign_rows: int,
    head_labels: Mapping[str, Sequence[str]],
) -> None:
    """Raise RecordsError unless the records fit together and fit the vector files."""
    if vector_rows != len(chunks):
        raise RecordsError(f"vectors.faiss has {vector_rows} vectors but chunks.jsonl has {len(chunks)} chunks")
    for position, chunk in enumerate(chunks):
        if chunk.id != position:
            raise RecordsError(f"chunks.jsonl line {position + 1} holds chunk {chunk.id}: ids must be line order")
        if chunk.need is not None and chunk.need not in catalogue.needs:
            raise RecordsError(f"chunk {chunk.id} belongs to need '{chunk.need}', which the catalogue does not have")
    if sign_rows != catalogue.sign_count:
        raise RecordsError(f"signs.npy has {sign_rows} rows but the catalogue's needs own {catalogue.sign_count}")
    unknown = [label for label in head_labels.get("needs", ()) if label not in catalogue.needs]
    if unknown:
        raise RecordsError(f"the learned head 'needs' ranks needs the catalogue does not have: {unknown[:3]}")


def parse_chunks(lines: Iterable[str]) -> list[ChunkRecord]:
    """chunks.jsonl, one validated record per line; RecordsError names the first broken line."""
    chunks: list[ChunkRecord] = []
    for number, line in enumerate(lines, start=1):
        try:
            chunks.append(ChunkRecord.model_validate_json(line))
        except ValidationError as error:
            raise RecordsError(validation_reason(error, f"chunks.jsonl line {number}")) from error
    return chunks


def parse_catalogue(text: str) -> Catalogue:
    try:
        return Catalogue.model_validate_json(text)
    except ValidationError as error:
        raise RecordsError(validation_reason(error, "catalogue.json")) from error


# --- the format policy --------------------------------------------------------------------------------
FINGERPRINTED: tuple[type[BaseModel], ...] = (Manifest, Catalogue, ChunkRecord)


def _shape(value: Any) -> Any:
    """A JSON schema without its titles and descriptions: only what changes the shape of a record."""
    if isinstance(value, dict):
        return {
            key: _shape(item)
            for key, item in value.items()
            if not (key in ("title", "description") and isinstance(item, str))
        }
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return value


def records_fingerprint() -> str:
    """A hash of the JSON schemas of the manifest, the catalogue and the chunk records."""
    schemas = {model.__name__: _shape(model.model_json_schema()) for model in FINGERPRINTED}
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:16]
