"""Small, valid index records for tests: a catalogue of a few needs and the chunks that go with it."""

from __future__ import annotations

from typing import Any

from handbook.index_records import Catalogue, ChunkRecord, assign_sign_rows

SAFEGUARDING = "safeguarding-concerns"


def need_dict(slug: str, signs: list[str] | None = None, **changes: Any) -> dict[str, Any]:
    url = f"/needs/area/{slug}/"
    item = {"text": f"Do one thing for {slug}.", "title": "Do one thing", "url": url + "#wave"}
    return {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "area": "semh",
        "url": url,
        "description": f"About {slug}.",
        "aliases": [],
        "clarify": f"Is it {slug}?",
        "signs": signs if signs is not None else [f"a sign of {slug}"],
        "strategies": {"wave1": [item], "wave2": [item], "wave3": []},
        "phase_notes": {},
        "training": [],
        "services": [],
        "related_needs": [],
    } | changes


def catalogue_dict(*needs: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The JSON of a catalogue; each need gets the next sign rows unless it already has some."""
    needs = needs or (need_dict(SAFEGUARDING), need_dict("anxiety", ["worries a lot", "stomach aches"]))
    if not all("sign_rows" in need for need in needs):
        assign_sign_rows(needs)
    return {
        "safeguarding_steps": ["Listen.", "Tell the DSL straight away."],
        "needs": {need["slug"]: need for need in needs},
        "training": {},
        "services": {},
        "glossary": [{"term": "DSL", "stands_for": "designated safeguarding lead", "meaning": "The lead."}],
    } | changes


def catalogue(*needs: dict[str, Any], **changes: Any) -> Catalogue:
    return Catalogue.model_validate(catalogue_dict(*needs, **changes))


def chunk_dict(position: int, need: str | None = "anxiety", **changes: Any) -> dict[str, Any]:
    return {
        "id": position,
        "title": "Anxiety",
        "section": "Wave 1: in every classroom",
        "url": "/needs/semh/anxiety/#wave-1",
        "text": f"Chunk {position}.",
        "kind": "need" if need else "page",
        "need": need,
        "area": "semh" if need else None,
        "wave": 1,
        "phase": None,
        "needs": [need] if need else [],
        "granularity": "section",
        "search_text": f"Anxiety. Chunk {position}.",
    } | changes


def chunks(count: int) -> list[ChunkRecord]:
    return [ChunkRecord.model_validate(chunk_dict(i)) for i in range(count)]
