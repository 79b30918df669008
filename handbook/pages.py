"""Load every page in content/, classify it, and check its front matter against the content guide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from handbook.contract import NeedsContract
from handbook.errors import ContentError
from handbook.markdown_parse import Document, parse_markdown

START_SECTION = "Start here"
NEED_SECTIONS = (
    START_SECTION,
    "What you might notice",
    "Check first",
    "Wave 1: in every classroom",
    "Wave 2: targeted support",
    "Wave 3: specialist support",
    "When to seek more help",
    "Training",
    "Phase notes",
)
WAVE_SECTIONS = {1: "Wave 1: in every classroom", 2: "Wave 2: targeted support", 3: "Wave 3: specialist support"}
SERVICE_SECTIONS = (
    "Who it is for",
    "What to try and gather first",
    "How to refer",
    "What they offer",
    "How long it takes",
    "What happens next",
    "Urgent route",
)
TRAINING_SECTIONS = (
    "Learning outcomes",
    "Session plan",
    "Key messages",
    "Scenario",
    "Reflection questions",
    "Self-check quiz",
    "Related pages",
    "Facilitator notes",
)
TRAINING_CATEGORIES = ("core", "induction", "role-specific", "condition-specific", "external")
ROLES = (
    "teacher",
    "early-career-teacher",
    "teaching-assistant",
    "midday-supervisor",
    "support-staff",
    "senco",
    "leader",
    "governor",
)
PHASES = ("early-years", "primary", "secondary", "post-16")
CLARIFY_MAX_WORDS = 12
# The safeguarding page is never offered as one choice among several (the API always puts it first
# when a pupil may be at risk), and another owner edits its front matter, so its question is optional.
CLARIFY_OPTIONAL = frozenset({"safeguarding-concerns"})


@dataclass
class Page:
    path: str  # relative to content/, POSIX style
    url: str  # site-relative, e.g. /needs/semh/anxiety/
    kind: str  # need | area | service | training | provision | glossary | page
    doc: Document

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.front_matter

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.doc.title)

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem


def page_url(relative: str) -> str:
    path = PurePosixPath(relative)
    parts = list(path.parent.parts)
    if path.stem != "index":
        parts.append(path.stem)
    return "/" + "".join(part + "/" for part in parts)


def classify(relative: str, meta: dict[str, Any]) -> str:
    parts = PurePosixPath(relative).parts
    stem = PurePosixPath(relative).stem
    if parts[0] == "needs" and len(parts) == 3:
        return "area" if stem == "index" else "need"
    if parts[0] == "services" and len(parts) == 2 and stem != "index":
        return "service"
    if parts[0] == "training" and len(parts) == 2 and "id" in meta:
        return "training"
    if parts[0] == "provision" and "rows" in meta:
        return "provision"
    if relative == "glossary.md":
        return "glossary"
    return "page"


def _require(page: Page, key: str, kind: type | tuple[type, ...]) -> Any:
    value = page.meta.get(key)
    if value is None or value == "" or value == []:
        raise ContentError(page.path, f"front matter is missing '{key}'")
    if not isinstance(value, kind):
        raise ContentError(page.path, f"front matter '{key}' has the wrong type ({type(value).__name__})")
    return value


def _string_list(page: Page, key: str, required: bool = True) -> list[str]:
    value = page.meta.get(key, [] if not required else None)
    if value is None or (required and value == []):
        raise ContentError(page.path, f"front matter is missing '{key}'")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(page.path, f"front matter '{key}' must be a list of words or phrases")
    return value


def _check_sections(page: Page, wanted: tuple[str, ...]) -> None:
    headings = [s.heading for s in page.doc.sections if s.level == 2]
    position = -1
    for name in wanted:
        if name not in headings:
            raise ContentError(page.path, f"section '## {name}' is missing")
        here = headings.index(name)
        if here < position:
            raise ContentError(page.path, f"section '## {name}' is out of order")
        position = here


def check_common(page: Page) -> None:
    _require(page, "title", str)
    _require(page, "description", str)
    sources = _require(page, "sources", list)
    for source in sources:
        if not isinstance(source, dict) or not isinstance(source.get("title"), str):
            raise ContentError(page.path, "each source needs a 'title' (and may have a 'url')")
    for key in ("last_reviewed", "review_due"):
        value = _require(page, key, (dt.date, str))
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError as error:
                raise ContentError(page.path, f"'{key}' must be a date like 2026-11-24") from error


def check_need(page: Page, contract: NeedsContract) -> None:
    if page.stem not in contract.slugs:
        raise ContentError(page.path, f"unknown need slug '{page.stem}': it is not in contract/needs.yaml")
    need = contract.need(page.stem)
    area = _require(page, "area", str)
    if area != need.area:
        raise ContentError(page.path, f"area '{area}' does not match needs.yaml ('{need.area}')")
    folder = PurePosixPath(page.path).parent.name
    if folder != need.area:
        raise ContentError(page.path, f"the page must sit in needs/{need.area}/")
    _string_list(page, "aliases")
    for key in ("related_needs", "training", "services"):
        _string_list(page, key, required=False)
    for slug in page.meta.get("related_needs", []):
        if slug not in contract.slugs:
            raise ContentError(page.path, f"related_needs: unknown need slug '{slug}'")
    check_clarify(page)
    _check_sections(page, NEED_SECTIONS)


def check_clarify(page: Page) -> None:
    """The need's clarifying question: one short everyday question that tells it apart from its neighbours."""
    value = page.meta.get("clarify")
    if value is None and page.stem in CLARIFY_OPTIONAL:
        return
    if value is None or value == "":
        raise ContentError(page.path, "front matter is missing 'clarify' (a short question that tells this need apart)")
    if not isinstance(value, str):
        raise ContentError(page.path, "'clarify' must be one question written as text")
    question = value.strip()
    if not question.endswith("?"):
        raise ContentError(page.path, f"'clarify' must be a question ending with '?': {question!r}")
    if "\n" in question:
        raise ContentError(page.path, "'clarify' must be one line")
    words = len(question.split())
    if words > CLARIFY_MAX_WORDS:
        raise ContentError(page.path, f"'clarify' has {words} words; keep it to {CLARIFY_MAX_WORDS} or fewer")


def check_training(page: Page) -> None:
    if page.meta.get("id") != page.stem:
        raise ContentError(page.path, "training 'id' must equal the file name")
    category = _require(page, "category", str)
    if category not in TRAINING_CATEGORIES:
        raise ContentError(page.path, f"category '{category}' is not one of {', '.join(TRAINING_CATEGORIES)}")
    for key in ("audience", "required_for", "recommended_for"):
        for role in _string_list(page, key, required=key == "audience"):
            if role not in ROLES:
                raise ContentError(page.path, f"{key}: unknown role '{role}'")
    duration = _require(page, "duration_minutes", int)
    if duration <= 0:
        raise ContentError(page.path, "duration_minutes must be positive")
    _require(page, "format", str)
    refresher = page.meta.get("refresher_months")
    if refresher is not None and (not isinstance(refresher, int) or refresher <= 0):
        raise ContentError(page.path, "refresher_months must be a positive whole number or null")
    for key in ("prerequisites", "needs", "services"):
        _string_list(page, key, required=False)
    _check_sections(page, TRAINING_SECTIONS)


def check_provision(page: Page, contract: NeedsContract) -> None:
    rows = _require(page, "rows", list)
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("topic"), str):
            raise ContentError(page.path, f"provision row {number} needs a 'topic'")
        for wave in ("wave1", "wave2", "wave3"):
            if not isinstance(row.get(wave), str) or not row[wave].strip():
                raise ContentError(page.path, f"provision row '{row['topic']}' has an empty {wave}")
        needs = row.get("needs")
        if not isinstance(needs, list) or not needs:
            raise ContentError(page.path, f"provision row '{row['topic']}' must link at least one need")
        for slug in needs:
            if slug not in contract.slugs:
                raise ContentError(page.path, f"provision row '{row['topic']}': unknown need slug '{slug}'")


def load_page(content_dir: Path, file: Path, contract: NeedsContract) -> Page:
    relative = file.relative_to(content_dir).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(relative, "the file is not UTF-8 text") from error
    doc = parse_markdown(relative, text)
    page = Page(relative, page_url(relative), classify(relative, doc.front_matter), doc)
    check_common(page)
    if page.kind == "need":
        check_need(page, contract)
    elif page.kind == "service":
        _check_sections(page, SERVICE_SECTIONS)
    elif page.kind == "training":
        check_training(page)
    elif page.kind == "provision":
        check_provision(page, contract)
    return page


def check_cross_references(pages: list[Page]) -> None:
    services = {p.stem for p in pages if p.kind == "service"}
    modules = {p.stem for p in pages if p.kind == "training"}
    for page in pages:
        if page.kind not in ("need", "training", "service"):
            continue
        for module in page.meta.get("training", []) + page.meta.get("prerequisites", []):
            if module not in modules:
                raise ContentError(page.path, f"unknown training module '{module}'")
        for service in page.meta.get("services", []):
            if service not in services:
                raise ContentError(page.path, f"unknown service '{service}'")


def load_pages(content_dir: Path, contract: NeedsContract) -> list[Page]:
    files = sorted(content_dir.rglob("*.md"))
    if not files:
        raise ContentError(str(content_dir), "no Markdown pages found")
    pages = [load_page(content_dir, file, contract) for file in files]
    seen: dict[str, str] = {}
    for page in pages:
        if page.kind == "need":
            if page.stem in seen:
                raise ContentError(page.path, f"slug '{page.stem}' is also used by {seen[page.stem]}")
            seen[page.stem] = page.path
    check_cross_references(pages)
    return pages
