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

from handbook import schema
from handbook.contract import load_contract
from handbook.yaml_loader import front_matter

ROLES = schema.ROLE_IDS

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


def training_modules(content_dir: Path, contract_path: Path) -> list[schema.TrainingFrontMatter]:
    """The front matter of every training module page (content/training/<id>.md with an `id`), checked
    against the schema. Only the YAML is read: the service never loads the Markdown parser."""
    contract = load_contract(contract_path)
    modules = []
    for path in sorted((content_dir / "training").glob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or "id" not in meta:
            continue  # the index, pathways, planner and induction pages
        checked = schema.validate_front_matter("training", meta, contract)
        if isinstance(checked, list):
            raise ValueError(f"{path.relative_to(content_dir)}: " + "; ".join(checked))
        assert isinstance(checked, schema.TrainingFrontMatter)
        modules.append(checked)
    return modules


@lru_cache(maxsize=4)
def load_catalogue(content_dir: Path, contract_path: Path) -> Catalogue:
    modules = {}
    for meta in training_modules(content_dir, contract_path):
        modules[meta.id] = Module(
            id=meta.id,
            title=meta.title,
            url=f"/training/{meta.id}/",
            category=meta.category.value,
            duration_minutes=meta.duration_minutes,
            refresher_months=meta.refresher_months or None,
            required_for=tuple(role.value for role in meta.required_for),
            recommended_for=tuple(role.value for role in meta.recommended_for),
        )
    induction = (content_dir / INDUCTION_PAGE).read_text(encoding="utf-8")
    return Catalogue(modules=modules, induction=checklist_items(induction))
