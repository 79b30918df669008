"""The one schema for the content: labelled enums, the front matter of each page type, and section orders.

Every other module reads waves, phases, roles, training categories, areas and section headings from
here, so renaming a label or adding a phase is a change in this file (plus the content that uses it).
This module imports no Markdown code: the search service may import it.

Front matter is checked with pydantic models. Pass the needs contract as validation context
(`context={"contract": contract}`) to check need slugs and areas against `contract/needs.yaml`;
`front_matter_problems` turns a ValidationError into plain sentences that name the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import IntEnum, StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from handbook.contract import NeedsContract, load_contract

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_PATH = ROOT / "contract" / "needs.yaml"

# The lead flips this once every need page has its "## Start here" section (issue 15).
START_HERE_REQUIRED = True
CLARIFY_MAX_WORDS = 12


# --- labelled enums ---------------------------------------------------------------------------------
class Wave(IntEnum):
    """The three waves of the graduated approach."""

    ONE = 1
    TWO = 2
    THREE = 3

    @property
    def key(self) -> str:
        """The key used in front matter and API responses: wave1, wave2, wave3."""
        return f"wave{self.value}"

    @property
    def heading(self) -> str:
        """The `##` heading of this wave's section on a need page."""
        return WAVE_HEADINGS[self]

    @property
    def label(self) -> str:
        """The short label used in tables and checklists."""
        return WAVE_LABELS[self]


WAVE_HEADINGS: dict[Wave, str] = {
    Wave.ONE: "Wave 1: in every classroom",
    Wave.TWO: "Wave 2: targeted support",
    Wave.THREE: "Wave 3: specialist support",
}
WAVE_LABELS: dict[Wave, str] = {
    Wave.ONE: "Wave 1: universal",
    Wave.TWO: "Wave 2: SEN support",
    Wave.THREE: "Wave 3: specialist",
}


class Phase(StrEnum):
    """Phases of education. The label is also the `###` heading under "Phase notes"."""

    EARLY_YEARS = "early-years"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    POST_16 = "post-16"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS: dict[Phase, str] = {
    Phase.EARLY_YEARS: "Early years",
    Phase.PRIMARY: "Primary",
    Phase.SECONDARY: "Secondary",
    Phase.POST_16: "Post-16",
}


class Role(StrEnum):
    """Staff roles that training is written for."""

    TEACHER = "teacher"
    EARLY_CAREER_TEACHER = "early-career-teacher"
    TEACHING_ASSISTANT = "teaching-assistant"
    MIDDAY_SUPERVISOR = "midday-supervisor"
    SUPPORT_STAFF = "support-staff"
    SENCO = "senco"
    LEADER = "leader"
    GOVERNOR = "governor"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.TEACHER: "Teacher",
    Role.EARLY_CAREER_TEACHER: "Early career teacher",
    Role.TEACHING_ASSISTANT: "Teaching assistant",
    Role.MIDDAY_SUPERVISOR: "Midday supervisor",
    Role.SUPPORT_STAFF: "Support staff",
    Role.SENCO: "SENCO",
    Role.LEADER: "Leader",
    Role.GOVERNOR: "Governor",
}
ROLE_IDS: tuple[str, ...] = tuple(role.value for role in Role)
"""The role ids as front matter, the API and the training records write them, in the enum's order."""


class TrainingCategory(StrEnum):
    """Training module categories, in the order the pathway and planner list them."""

    CORE = "core"
    INDUCTION = "induction"
    ROLE_SPECIFIC = "role-specific"
    CONDITION_SPECIFIC = "condition-specific"
    EXTERNAL = "external"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[TrainingCategory, str] = {
    TrainingCategory.CORE: "Core",
    TrainingCategory.INDUCTION: "Induction",
    TrainingCategory.ROLE_SPECIFIC: "Role-specific",
    TrainingCategory.CONDITION_SPECIFIC: "Condition-specific",
    TrainingCategory.EXTERNAL: "External",
}


class PageKind(StrEnum):
    NEED = "need"
    AREA = "area"
    SERVICE = "service"
    TRAINING = "training"
    PROVISION = "provision"
    GLOSSARY = "glossary"
    PAGE = "page"


class AreaEnum(StrEnum):
    """Base of the Area enum, whose members are read from contract/needs.yaml."""

    @property
    def label(self) -> str:
        return area_labels()[self.value]


@cache
def area_labels(contract_path: Path = CONTRACT_PATH) -> dict[str, str]:
    return dict(load_contract(contract_path).areas)


def _area_enum(areas: Mapping[str, str]) -> type[AreaEnum]:
    factory: Any = AreaEnum  # the functional Enum API; mypy cannot type a member list read from a file
    members = [(key.upper().replace("-", "_"), key) for key in areas]
    made: type[AreaEnum] = factory("Area", members, module=__name__)
    return made


Area = _area_enum(area_labels())
"""The broad areas of need, from contract/needs.yaml (for example Area("semh").label)."""

PROVISION_GENERAL_AREA = "general"  # the provision table that spans every area


# --- section orders ---------------------------------------------------------------------------------
START_HERE = "Start here"
SIGNS_SECTION = "What you might notice"
PHASE_SECTION = "Phase notes"
NEED_SECTION_ORDER: tuple[str, ...] = (
    START_HERE,  # right after the opening paragraph
    WAVE_HEADINGS[Wave.ONE],  # the answer first: what every teacher does
    SIGNS_SECTION,
    "Check first",  # before targeted support
    *(WAVE_HEADINGS[wave] for wave in Wave if wave is not Wave.ONE),
    "When to seek more help",
    "Training",
    PHASE_SECTION,
)
SAFEGUARDING_EXTRA_SECTIONS = ("What every adult must do today", "Why SEND can hide signs of harm")
SERVICE_SECTION_ORDER: tuple[str, ...] = (
    "Who it is for",
    "What to try and gather first",
    "How to refer",
    "What they offer",
    "How long it takes",
    "What happens next",
    "Urgent route",
)
TRAINING_SECTION_ORDER: tuple[str, ...] = (
    "Learning outcomes",
    "Session plan",
    "Key messages",
    "Scenario",
    "Reflection questions",
    "Self-check quiz",
    "Related pages",
    "Facilitator notes",
)


def optional_need_sections() -> frozenset[str]:
    """Need-page sections that may be left out for now (read at call time, so flipping the flag works)."""
    return frozenset() if START_HERE_REQUIRED else frozenset({START_HERE})


def required_need_sections() -> tuple[str, ...]:
    optional = optional_need_sections()
    return tuple(name for name in NEED_SECTION_ORDER if name not in optional)


def section_order_problem(
    headings: Sequence[str], order: Sequence[str], optional: frozenset[str] = frozenset()
) -> str | None:
    """Why these `##` headings break the order (a missing or misplaced section), or None if they follow it.

    Sections not in `order` may appear anywhere. An optional section may be left out, but if it is
    there it must be in its place.
    """
    position = -1
    for name in order:
        if name not in headings:
            if name in optional:
                continue
            return f"section '## {name}' is missing"
        here = headings.index(name)
        if here < position:
            return f"section '## {name}' is out of order"
        position = here
    return None


# --- value types with plain-English errors ----------------------------------------------------------
class Missing(ValueError):
    """A required value is absent, null or empty."""


def _text(value: Any) -> str:
    if value is None or value == "":
        raise Missing()
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {_kind(value)}")
    if not value.strip():
        raise Missing()
    return value


def _phrases(value: Any) -> list[str]:
    if value is None:
        raise Missing()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("must be a list of words or phrases")
    return value


def _ids(value: Any) -> list[str]:
    if value is None:
        raise Missing()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("must be a list of ids, for example [core-send-refresher, cond-autism]")
    return value


def _date(value: Any) -> dt.date:
    if value is None or value == "":
        raise Missing()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("must be a date like 2026-11-24")


def _positive_whole(value: Any) -> int:
    if value is None:
        raise Missing()
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("must be a positive whole number")
    return value


def _positive_whole_or_null(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError("must be a positive whole number, or null if there is none")
    return value


def _list_of(value: Any) -> Any:
    if value is None:
        raise Missing()
    return value


def _kind(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


Text = Annotated[str, BeforeValidator(_text)]
Phrases = Annotated[list[str], BeforeValidator(_phrases)]
Ids = Annotated[list[str], BeforeValidator(_ids)]
ReviewDate = Annotated[dt.date, BeforeValidator(_date)]
PositiveWhole = Annotated[int, BeforeValidator(_positive_whole)]
PositiveWholeOrNull = Annotated[int | None, BeforeValidator(_positive_whole_or_null)]


def _contract(info: ValidationInfo) -> NeedsContract | None:
    context = info.context
    contract = context.get("contract") if isinstance(context, Mapping) else None
    return contract if isinstance(contract, NeedsContract) else None


def _known_needs(slugs: list[str], info: ValidationInfo) -> list[str]:
    contract = _contract(info)
    if contract is not None:
        for slug in slugs:
            if slug not in contract.slugs:
                raise ValueError(f"has an unknown need slug '{slug}' (it is not in contract/needs.yaml)")
    return slugs


# --- front matter models ----------------------------------------------------------------------------
class Strict(BaseModel):
    """Refuses unknown keys, so a misspelt field is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    title: Text
    url: str | None = None


class CommonFrontMatter(Strict):
    """The fields every page has."""

    title: Text
    description: Text
    sources: Annotated[list[Source], BeforeValidator(_list_of), Field(min_length=1)]
    last_reviewed: ReviewDate
    review_due: ReviewDate

    @model_validator(mode="after")
    def _review_after_last_review(self) -> CommonFrontMatter:
        if self.review_due <= self.last_reviewed:
            raise ValueError(
                f"'review_due' ({self.review_due}) must be later than 'last_reviewed' ({self.last_reviewed})"
            )
        return self


class PageFrontMatter(CommonFrontMatter):
    """Any other page (home, statutory, index pages): the common fields plus the theme's own keys."""

    model_config = ConfigDict(extra="allow")


class NeedFrontMatter(CommonFrontMatter):
    """A need page, content/needs/<area>/<slug>.md."""

    area: Text
    aliases: Annotated[Phrases, Field(min_length=1)]
    related_needs: Ids = []
    training: Ids = []
    services: Ids = []
    clarify: str | None = None  # a question that tells this need from its neighbours (pages.py requires it)
    steps: Phrases = []  # safeguarding-concerns only: what every adult does now (the API's safeguarding_steps)

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str, info: ValidationInfo) -> str:
        contract = _contract(info)
        if contract is not None and area not in contract.areas:
            raise ValueError(f"is '{area}', which is not an area in contract/needs.yaml ({', '.join(contract.areas)})")
        return area

    @field_validator("related_needs")
    @classmethod
    def _known_related(cls, slugs: list[str], info: ValidationInfo) -> list[str]:
        return _known_needs(slugs, info)

    @field_validator("clarify")
    @classmethod
    def _a_short_question(cls, question: str | None) -> str | None:
        if question is None:
            return None
        words = len(question.split())
        if not question.strip().endswith("?"):
            raise ValueError("must be a question that ends with '?'")
        if words > CLARIFY_MAX_WORDS:
            raise ValueError(f"has {words} words: keep it to {CLARIFY_MAX_WORDS} or fewer")
        return question


class ServiceFrontMatter(CommonFrontMatter):
    """A service page, content/services/<id>.md."""

    aliases: Phrases = []
    needs: Ids = []

    @field_validator("needs")
    @classmethod
    def _known(cls, slugs: list[str], info: ValidationInfo) -> list[str]:
        return _known_needs(slugs, info)


class TrainingFrontMatter(CommonFrontMatter):
    """A training module, content/training/<id>.md."""

    id: Text
    category: TrainingCategory
    audience: Annotated[list[Role], BeforeValidator(_list_of), Field(min_length=1)]
    required_for: list[Role] = []
    recommended_for: list[Role] = []
    duration_minutes: PositiveWhole
    format: Text
    prerequisites: Ids  # module ids; write [] when there are none
    refresher_months: PositiveWholeOrNull = Field(...)  # required: write null when there is no refresher
    needs: Ids = []
    services: Ids = []

    @field_validator("needs")
    @classmethod
    def _known(cls, slugs: list[str], info: ValidationInfo) -> list[str]:
        return _known_needs(slugs, info)


class ProvisionRow(Strict):
    """One row of an ordinarily available provision table."""

    topic: Text
    needs: Annotated[Ids, Field(min_length=1)]
    wave1: Text
    wave2: Text
    wave3: Text

    @field_validator("needs")
    @classmethod
    def _known(cls, slugs: list[str], info: ValidationInfo) -> list[str]:
        return _known_needs(slugs, info)

    def cell(self, wave: Wave) -> str:
        return {Wave.ONE: self.wave1, Wave.TWO: self.wave2, Wave.THREE: self.wave3}[wave]


class ProvisionFrontMatter(CommonFrontMatter):
    """An ordinarily available provision page, content/provision/<area>.md."""

    area: Text
    rows: Annotated[list[ProvisionRow], BeforeValidator(_list_of), Field(min_length=1)]

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str, info: ValidationInfo) -> str:
        contract = _contract(info)
        if contract is not None and area != PROVISION_GENERAL_AREA and area not in contract.areas:
            choices = ", ".join([PROVISION_GENERAL_AREA, *contract.areas])
            raise ValueError(f"is '{area}', which is not one of {choices}")
        return area


class GlossaryTerm(Strict):
    term: Text
    stands_for: str | None = None
    meaning: Text
    aliases: Phrases = []


class GlossaryFrontMatter(CommonFrontMatter):
    terms: Annotated[list[GlossaryTerm], BeforeValidator(_list_of), Field(min_length=1)]


FRONT_MATTER_MODELS: dict[str, type[CommonFrontMatter]] = {
    PageKind.NEED: NeedFrontMatter,
    PageKind.AREA: PageFrontMatter,
    PageKind.SERVICE: ServiceFrontMatter,
    PageKind.TRAINING: TrainingFrontMatter,
    PageKind.PROVISION: ProvisionFrontMatter,
    PageKind.GLOSSARY: GlossaryFrontMatter,
    PageKind.PAGE: PageFrontMatter,
}


# --- plain-English errors ---------------------------------------------------------------------------
def _where(location: tuple[int | str, ...], data: Any) -> str:
    """'rows' item 3 ('Speech sounds') 'wave1': the field, with the list item's own name where it has one."""
    parts: list[str] = []
    here = data
    for part in location:
        if isinstance(part, int):
            item = here[part] if isinstance(here, list) and 0 <= part < len(here) else None
            label = item.get("topic") or item.get("term") or item.get("title") if isinstance(item, dict) else None
            parts.append(f"item {part + 1}" + (f" ('{label}')" if isinstance(label, str) else ""))
        else:
            item = here.get(part) if isinstance(here, dict) else None
            parts.append(f"'{part}'")
        here = item
    return " ".join(parts)


def front_matter_problems(error: ValidationError, data: Any) -> list[str]:
    """Each validation error as one plain sentence, for example "front matter is missing 'title'"."""
    problems: list[str] = []
    for detail in error.errors():
        location = tuple(detail["loc"])
        where = _where(location, data)
        kind = detail["type"]
        cause = (detail.get("ctx") or {}).get("error")
        if kind == "missing" or isinstance(cause, Missing):
            problems.append(f"front matter is missing {where}" if where else "front matter is missing a value")
        elif kind == "extra_forbidden":
            problems.append(
                f"front matter has an unknown field {where}: check its spelling, "
                "or add it to handbook/schema.py and docs/content-guide.md"
            )
        elif kind == "enum":
            expected = (detail.get("ctx") or {}).get("expected", "")
            problems.append(f"front matter {where} is '{detail['input']}', which is not one of {expected}")
        elif kind == "too_short":
            problems.append(f"front matter {where} is empty: give at least one")
        elif isinstance(cause, ValueError):
            problems.append(f"front matter {where} {cause}" if where else f"front matter: {cause}")
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            problems.append(f"front matter {where} must be a mapping of fields (key: value)")
        elif kind == "list_type":
            problems.append(f"front matter {where} must be a list")
        else:
            problems.append(f"front matter {where}: {detail['msg']}")
    return problems


def validate_front_matter(
    kind: str, data: Mapping[str, Any], contract: NeedsContract | None = None
) -> CommonFrontMatter | list[str]:
    """The typed front matter of a page of this kind, or the plain-English problems with it."""
    model = FRONT_MATTER_MODELS[kind]
    try:
        return model.model_validate(dict(data), context={"contract": contract})
    except ValidationError as error:
        return front_matter_problems(error, data)


# --- shared constants for the browser ---------------------------------------------------------------
def constants(contract: NeedsContract | None = None) -> dict[str, Any]:
    """Every label the site's scripts show, as JSON-able data (written to assets/constants.json)."""
    areas = contract.areas if contract is not None else area_labels()
    return {
        "waves": [{"wave": int(w), "key": w.key, "heading": w.heading, "label": w.label} for w in Wave],
        "phases": [{"id": p.value, "label": p.label} for p in Phase],
        "roles": [{"id": r.value, "label": r.label} for r in Role],
        "categories": [{"id": c.value, "label": c.label} for c in TrainingCategory],
        "areas": [{"id": key, "label": label} for key, label in areas.items()],
        "sections": {
            "need": list(NEED_SECTION_ORDER),
            "service": list(SERVICE_SECTION_ORDER),
            "training": list(TRAINING_SECTION_ORDER),
        },
    }
