"""The training modules and the induction checklist, read from the handbook's own content.

Module ids, titles, roles and refresher intervals come from the training pages' front matter, and the
induction checklist from the "Your induction checklist" section of content/training/induction.md, so
nothing here is a hand-typed list.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from handbook.contract import load_contract
from handbook.pages import ROLES, load_pages

INDUCTION_PAGE = "training/induction.md"
CHECKLIST_HEADING = "## Your induction checklist"
ACCREDITED_CATEGORIES = ("external",)  # accredited courses whose certificate expires (Team Teach)


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    url: str
    category: str
    duration_minutes: int
    refresher_months: int | None
    required_for: tuple[str, ...]
    recommended_for: tuple[str, ...]

    @property
    def accredited(self) -> bool:
        return self.category in ACCREDITED_CATEGORIES


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # a short stable hash of the wording
    text: str


@dataclass(frozen=True)
class Catalogue:
    modules: dict[str, Module]
    induction: tuple[ChecklistItem, ...]
    roles: tuple[str, ...] = ROLES

    def required_for(self, roles: list[str]) -> list[Module]:
        return [m for m in self.modules.values() if any(r in m.required_for for r in roles)]


def checklist_items(markdown: str) -> tuple[ChecklistItem, ...]:
    start = markdown.find(CHECKLIST_HEADING)
    if start < 0:
        raise ValueError(f"{INDUCTION_PAGE} has no '{CHECKLIST_HEADING}' section")
    section = markdown[start + len(CHECKLIST_HEADING) :]
    end = re.search(r"^#{1,2} ", section, re.M)
    section = section[: end.start()] if end else section
    items = []
    for text in re.findall(r"^\s*- \[ \] (.+?)\s*$", section, re.M):
        items.append(ChecklistItem(hashlib.sha256(text.encode()).hexdigest()[:10], text))
    if not items:
        raise ValueError(f"The induction checklist in {INDUCTION_PAGE} has no '- [ ]' items")
    return tuple(items)


@lru_cache(maxsize=4)
def load_catalogue(content_dir: Path, contract_path: Path) -> Catalogue:
    pages = load_pages(content_dir, load_contract(contract_path))
    modules = {}
    for page in sorted((p for p in pages if p.kind == "training"), key=lambda p: p.stem):
        meta = page.meta
        months = meta.get("refresher_months")
        modules[page.stem] = Module(
            id=page.stem,
            title=page.title,
            url=page.url,
            category=str(meta["category"]),
            duration_minutes=int(meta["duration_minutes"]),
            refresher_months=int(months) if months else None,
            required_for=tuple(meta.get("required_for") or ()),
            recommended_for=tuple(meta.get("recommended_for") or ()),
        )
    induction = (content_dir / INDUCTION_PAGE).read_text(encoding="utf-8")
    return Catalogue(modules=modules, induction=checklist_items(induction))
