"""Turn parsed pages into search chunks, and into the catalogue the suggest endpoint fills answers from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import ValidationError

from handbook.errors import ContentError
from handbook.index_records import (
    Catalogue,
    ChunkRecord,
    ModuleRecord,
    NeedRecord,
    ServiceRecord,
    assign_sign_rows,
    validation_reason,
)
from handbook.markdown_parse import Section
from handbook.pages import Page
from handbook.schema import (
    PHASE_SECTION,
    SIGNS_SECTION,
    GlossaryFrontMatter,
    NeedFrontMatter,
    Phase,
    ServiceFrontMatter,
    TrainingFrontMatter,
    Wave,
)

PROVISION_WAVES = {1: "Wave 1, universal", 2: "Wave 2, targeted SEN support", 3: "Wave 3, specialist"}
SAFEGUARDING_SLUG = "safeguarding-concerns"


@dataclass
class Chunk:
    id: int
    title: str  # the page title
    section: str  # the section heading ("" for the page itself)
    url: str  # site-relative, with the section's anchor
    text: str  # what a person reads in a result
    kind: str  # the page kind: need, service, training, provision, glossary, page...
    need: str | None = None  # need slug for chunks from need pages
    area: str | None = None
    wave: int | None = None
    phase: str | None = None
    needs: list[str] = field(default_factory=list)  # need slugs this chunk is about (provision rows, services)
    granularity: str = "section"  # "page", "section" or "item"

    def search_text(self) -> str:
        """What is embedded and keyword-indexed: the page and section names give the text its context."""
        context = self.title if not self.section else f"{self.title}: {self.section}"
        return f"{context}. {self.text}"

    def to_record(self, search_text: str) -> ChunkRecord:
        """The stored record (validated), with the text that was embedded and keyword-indexed."""
        return ChunkRecord.model_validate(asdict(self) | {"search_text": search_text})


def phase_of(heading: str) -> str | None:
    key = heading.strip().lower().replace(" ", "-")
    return key if key in set(Phase) else None


def wave_of(heading: str) -> int | None:
    for wave in Wave:
        if heading == wave.heading:
            return int(wave)
    return None


def page_chunks(page: Page, next_id: int) -> list[Chunk]:
    meta = page.meta
    need = page.stem if page.kind == "need" else None
    area = meta.get("area") if isinstance(meta.get("area"), str) else None
    related = [s for s in meta.get("needs", []) if isinstance(s, str)] if page.kind != "need" else [page.stem]
    chunks: list[Chunk] = []

    def add(section: str, url: str, text: str, **extra: Any) -> None:
        if text.strip():
            values: dict[str, Any] = {"need": need, "area": area, "needs": related} | extra
            chunks.append(Chunk(next_id + len(chunks), page.title, section, url, text.strip(), page.kind, **values))

    about = [str(meta.get("description", ""))] + [b.text for b in page.doc.intro]
    if meta.get("aliases"):
        about.append("Also called: " + "; ".join(meta["aliases"]) + ".")
    add("", page.url, " ".join(about), granularity="page")

    if page.kind == "provision":
        for row in meta["rows"]:
            for wave in (1, 2, 3):
                row_section = f"{row['topic']}: {PROVISION_WAVES[wave]}"
                add(row_section, page.url + "#provision-table", row[f"wave{wave}"], wave=wave, needs=row["needs"])
    if page.kind == "glossary":
        for term in meta.get("terms", []):
            words = [term.get("term", ""), term.get("stands_for", ""), term.get("meaning", "")]
            add(str(term.get("term")), page.url, ": ".join(str(w) for w in words if w), granularity="item")

    for section in page.doc.sections:
        add_section(page, section, add)
    return chunks


def add_section(page: Page, section: Section, add: Any) -> None:
    url = f"{page.url}#{section.anchor}"
    heading = section.heading
    phase = phase_of(heading) if section.parent == PHASE_SECTION else None
    wave = wave_of(heading)
    add(heading if not section.parent else f"{section.parent}: {heading}", url, section.text, wave=wave, phase=phase)
    if page.kind == "need" and heading == SIGNS_SECTION:
        for block in section.blocks:
            if block.kind == "item":
                add(heading, url, block.text, granularity="item")


def strategy_items(page: Page, section: Section) -> list[dict[str, str]]:
    url = f"{page.url}#{section.anchor}"
    return [{"text": block.text, "title": block.lead, "url": url} for block in section.blocks if block.kind == "item"]


def need_record(page: Page) -> dict[str, Any]:
    """Everything /api/suggest returns about one need, read from the page's own sections and front matter.
    A plain dict until build_catalogue gives it its sign rows and validates it as an index_records.NeedRecord."""
    front = page.front
    if not isinstance(front, NeedFrontMatter):
        raise ContentError(page.path, "a need page must have need front matter")
    strategies: dict[str, list[dict[str, str]]] = {}
    for wave in Wave:
        section = page.doc.section(wave.heading)
        strategies[wave.key] = strategy_items(page, section) if section else []
    signs_section = page.doc.section(SIGNS_SECTION)
    signs = [b.text for b in signs_section.blocks if b.kind == "item"] if signs_section else []
    phase_notes: dict[str, list[dict[str, str]]] = {}
    for section in page.doc.sections:
        phase = phase_of(section.heading) if section.parent == PHASE_SECTION else None
        if phase:
            phase_notes[phase] = strategy_items(page, section)
    return {
        "slug": page.stem,
        "title": page.title,
        "area": front.area,
        "url": page.url,
        "description": front.description,
        "aliases": list(front.aliases),
        "clarify": (front.clarify or "").strip(),
        "signs": signs,
        "strategies": strategies,
        "phase_notes": phase_notes,
        "training": list(front.training),
        "services": list(front.services),
        "related_needs": list(front.related_needs),
    }


def module_record(page: Page) -> ModuleRecord:
    front = page.front
    if not isinstance(front, TrainingFrontMatter):
        raise ContentError(page.path, "a training page must have training front matter")
    fields = front.model_dump(
        include={
            "category",
            "audience",
            "required_for",
            "recommended_for",
            "duration_minutes",
            "format",
            "prerequisites",
            "refresher_months",
            "needs",
            "services",
            "description",
        }
    )
    return ModuleRecord(id=page.stem, title=page.title, url=page.url, **fields)


def service_record(page: Page) -> ServiceRecord:
    front = page.front
    if not isinstance(front, ServiceFrontMatter):
        raise ContentError(page.path, "a service page must have service front matter")
    return ServiceRecord(
        id=page.stem, title=page.title, url=page.url, description=front.description, needs=list(front.needs)
    )


def safeguarding_steps(pages: list[Page]) -> list[str]:
    """The steps every adult takes now, in order: the `steps` list in the safeguarding page's front matter.
    The API returns them and the site renders them from the same list, so the two never disagree."""
    page = next((p for p in pages if p.kind == "need" and p.stem == SAFEGUARDING_SLUG), None)
    return page_steps(page) if page is not None else []


def page_steps(page: Page) -> list[str]:
    steps = page.meta.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, str) and s.strip() for s in steps):
        raise ContentError(page.path, "front matter 'steps' must be a list of short sentences (the steps to take now)")
    return [" ".join(step.split()) for step in steps]


def build_catalogue(pages: list[Page]) -> Catalogue:
    """The typed catalogue; each need owns the next rows of signs.npy, in page order."""
    glossary = next((p for p in pages if p.kind == "glossary"), None)
    needs = [need_record(p) for p in pages if p.kind == "need"]
    assign_sign_rows(needs)
    terms = glossary.front.terms if glossary is not None and isinstance(glossary.front, GlossaryFrontMatter) else []
    try:
        return Catalogue(
            safeguarding_steps=safeguarding_steps(pages),
            needs={need["slug"]: NeedRecord.model_validate(need) for need in needs},
            training={p.stem: module_record(p) for p in pages if p.kind == "training"},
            services={p.stem: service_record(p) for p in pages if p.kind == "service"},
            glossary=list(terms),
        )
    except ValidationError as error:
        raise ContentError("content/", validation_reason(error, "the catalogue")) from error


def build_chunks(pages: list[Page]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for page in pages:
        chunks.extend(page_chunks(page, len(chunks)))
    return chunks
