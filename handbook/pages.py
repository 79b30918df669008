"""Load every page in content/, classify it, and check its front matter against the content guide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from handbook import schema
from handbook.contract import NeedsContract
from handbook.errors import ContentError
from handbook.markdown_parse import Document, parse_markdown

START_SECTION = schema.START_HERE
# Names other modules import; each is derived from handbook.schema, the one place they are defined.
NEED_SECTIONS = schema.required_need_sections()
WAVE_SECTIONS = {int(wave): wave.heading for wave in schema.Wave}
SERVICE_SECTIONS = schema.SERVICE_SECTION_ORDER
TRAINING_SECTIONS = schema.TRAINING_SECTION_ORDER
TRAINING_CATEGORIES = tuple(category.value for category in schema.TrainingCategory)
ROLES = schema.ROLE_IDS
PHASES = tuple(phase.value for phase in schema.Phase)
CLARIFY_MAX_WORDS = schema.CLARIFY_MAX_WORDS
# The safeguarding page is never offered as one choice among several (the API always puts it first
# when a pupil may be at risk), so its question is optional.
CLARIFY_OPTIONAL = frozenset({"safeguarding-concerns"})


@dataclass
class Page:
    path: str  # relative to content/, POSIX style
    url: str  # site-relative, e.g. /needs/semh/anxiety/
    kind: str  # need | area | service | training | provision | glossary | page
    doc: Document
    front: schema.CommonFrontMatter | None = None  # the typed front matter, set by load_page

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


def check_front_matter(page: Page, contract: NeedsContract) -> schema.CommonFrontMatter:
    """The page's front matter, typed by its kind's model in handbook.schema; every problem in one message."""
    result = schema.validate_front_matter(page.kind, page.meta, contract)
    if isinstance(result, list):
        raise ContentError(page.path, "; ".join(result))
    return result


def _check_sections(page: Page, order: tuple[str, ...], optional: frozenset[str] = frozenset()) -> None:
    headings = [s.heading for s in page.doc.sections if s.level == 2]
    problem = schema.section_order_problem(headings, order, optional)
    if problem:
        raise ContentError(page.path, problem)


def check_need(page: Page, contract: NeedsContract) -> None:
    """What the front matter model cannot see: the file's name and folder against needs.yaml."""
    if page.stem not in contract.slugs:
        raise ContentError(page.path, f"unknown need slug '{page.stem}': it is not in contract/needs.yaml")
    need = contract.need(page.stem)
    area = page.meta["area"]
    if area != need.area:
        raise ContentError(page.path, f"area '{area}' does not match needs.yaml ('{need.area}')")
    folder = PurePosixPath(page.path).parent.name
    if folder != need.area:
        raise ContentError(page.path, f"the page must sit in needs/{need.area}/")
    check_clarify(page)
    _check_sections(page, schema.NEED_SECTION_ORDER, schema.optional_need_sections())


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
    _check_sections(page, schema.TRAINING_SECTION_ORDER)


def load_page(content_dir: Path, file: Path, contract: NeedsContract) -> Page:
    relative = file.relative_to(content_dir).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(relative, "the file is not UTF-8 text") from error
    doc = parse_markdown(relative, text)
    page = Page(relative, page_url(relative), classify(relative, doc.front_matter), doc)
    page.front = check_front_matter(page, contract)
    if page.kind == schema.PageKind.NEED:
        check_need(page, contract)
    elif page.kind == schema.PageKind.SERVICE:
        _check_sections(page, schema.SERVICE_SECTION_ORDER)
    elif page.kind == schema.PageKind.TRAINING:
        check_training(page)
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
