"""handbook.schema: labelled enums, front matter models with plain-English errors, section orders, constants."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from handbook import schema
from handbook.contract import NeedsContract
from handbook.schema import (
    Area,
    Phase,
    Role,
    TrainingCategory,
    Wave,
    section_order_problem,
    validate_front_matter,
)

COMMON: dict[str, Any] = {
    "title": "A page",
    "description": "What the page is for.",
    "sources": [{"title": "SEND Code of Practice", "url": "https://www.gov.uk/"}],
    "last_reviewed": dt.date(2026, 11, 24),
    "review_due": "2027-11-24",
}
NEED = COMMON | {
    "area": "semh",
    "aliases": ["worried", "anxious"],
    "related_needs": ["low-mood-and-self-esteem"],
    "training": ["cond-anxiety-semh"],
    "services": ["educational-psychology"],
}
TRAINING = COMMON | {
    "id": "cond-autism",
    "category": "condition-specific",
    "audience": ["teacher", "teaching-assistant"],
    "required_for": ["teaching-assistant"],
    "recommended_for": [],
    "duration_minutes": 60,
    "format": "Workshop",
    "prerequisites": [],
    "refresher_months": None,
    "needs": ["social-communication"],
    "services": [],
}
ROW = {"topic": "Anxiety", "needs": ["anxiety"], "wave1": "a", "wave2": "b", "wave3": "c"}


def problems(kind: str, data: dict[str, Any], contract: NeedsContract | None = None) -> list[str]:
    result = validate_front_matter(kind, data, contract)
    assert isinstance(result, list), f"expected problems, got {result!r}"
    return result


def test_enums_carry_their_labels() -> None:
    assert [int(w) for w in Wave] == [1, 2, 3]
    assert Wave.ONE.heading == "Wave 1: in every classroom"
    assert Wave(3).label == "Wave 3: specialist"
    assert Wave.TWO.key == "wave2"
    assert Phase("post-16").label == "Post-16"
    assert Role.SENCO.label == "SENCO"
    assert TrainingCategory("role-specific").label == "Role-specific"
    for enum, labels in ((Wave, schema.WAVE_HEADINGS), (Wave, schema.WAVE_LABELS), (Phase, schema.PHASE_LABELS),
                         (Role, schema.ROLE_LABELS), (TrainingCategory, schema.CATEGORY_LABELS)):  # fmt: skip
        assert set(labels) == set(enum), f"every {enum.__name__} member has a label"


def test_areas_come_from_the_contract(contract: NeedsContract) -> None:
    assert [a.value for a in Area] == list(contract.areas)
    assert Area("semh").label == contract.areas["semh"]


def test_the_loader_aliases_are_derived_from_the_enums() -> None:
    from handbook import pages

    assert tuple(r.value for r in Role) == pages.ROLES
    assert pages.PHASES == ("early-years", "primary", "secondary", "post-16")
    assert tuple(c.value for c in TrainingCategory) == pages.TRAINING_CATEGORIES
    assert {1: Wave.ONE.heading, 2: Wave.TWO.heading, 3: Wave.THREE.heading} == pages.WAVE_SECTIONS
    assert schema.required_need_sections() == pages.NEED_SECTIONS


def test_good_front_matter_is_typed(contract: NeedsContract) -> None:
    need = validate_front_matter("need", NEED | {"clarify": "Is it mostly about worry?"}, contract)
    assert isinstance(need, schema.NeedFrontMatter)
    assert need.review_due == dt.date(2027, 11, 24) and need.clarify == "Is it mostly about worry?"
    module = validate_front_matter("training", TRAINING, contract)
    assert isinstance(module, schema.TrainingFrontMatter)
    assert module.category is TrainingCategory.CONDITION_SPECIFIC and module.audience[1] is Role.TEACHING_ASSISTANT
    provision = validate_front_matter("provision", COMMON | {"area": "general", "rows": [ROW]}, contract)
    assert isinstance(provision, schema.ProvisionFrontMatter)
    assert provision.rows[0].cell(Wave.TWO) == "b"
    assert isinstance(validate_front_matter("page", COMMON | {"hide": ["toc"]}), schema.PageFrontMatter)


@pytest.mark.parametrize(
    ("kind", "change", "expected"),
    [
        ("page", {"title": None}, "front matter is missing 'title'"),
        ("page", {"description": "  "}, "front matter is missing 'description'"),
        ("page", {"title": 5}, "front matter 'title' must be text, not a number"),
        ("page", {"sources": []}, "front matter 'sources' is empty"),
        ("page", {"sources": [{"url": "https://x"}]}, "front matter is missing 'sources' item 1 'title'"),
        ("page", {"last_reviewed": "24/11/2026"}, "'last_reviewed' must be a date like 2026-11-24"),
        ("page", {"review_due": "2026-01-01"}, "'review_due' (2026-01-01) must be later than 'last_reviewed'"),
        ("need", {"aliases": []}, "front matter 'aliases' is empty"),
        ("need", {"aliases": "worried"}, "'aliases' must be a list of words or phrases"),
        ("need", {"area": "feelings"}, "'area' is 'feelings', which is not an area in contract/needs.yaml"),
        ("need", {"related_needs": ["worry"]}, "'related_needs' has an unknown need slug 'worry'"),
        ("need", {"relatd_needs": []}, "unknown field 'relatd_needs'"),
        ("need", {"clarify": "Is it about worry"}, "'clarify' must be a question that ends with '?'"),
        ("need", {"clarify": "Is " + "it " * 12 + "worry?"}, "'clarify' has 14 words: keep it to 12 or fewer"),
        ("training", {"category": "basic"}, "'category' is 'basic', which is not one of 'core', 'induction'"),
        ("training", {"audience": ["teacher", "head"]}, "'audience' item 2 is 'head', which is not one of"),
        ("training", {"duration_minutes": 0}, "'duration_minutes' must be a positive whole number"),
        ("training", {"duration_minutes": "60"}, "'duration_minutes' must be a positive whole number"),
        ("training", {"refresher_months": -1}, "'refresher_months' must be a positive whole number, or null"),
        ("training", {"needs": ["worry"]}, "'needs' has an unknown need slug 'worry'"),
        ("service", {"needs": ["worry"]}, "'needs' has an unknown need slug 'worry'"),
        ("provision", {"area": "maths"}, "'area' is 'maths', which is not one of general,"),
        ("provision", {"rows": [ROW | {"wave2": " "}]}, "missing 'rows' item 1 ('Anxiety') 'wave2'"),
        ("provision", {"rows": [ROW | {"needs": []}]}, "'rows' item 1 ('Anxiety') 'needs' is empty"),
        ("provision", {"rows": [ROW | {"needs": ["worry"]}]}, "unknown need slug 'worry'"),
        ("glossary", {"terms": [{"term": "EP"}]}, "missing 'terms' item 1 ('EP') 'meaning'"),
    ],
)
def test_bad_front_matter_is_explained_in_plain_words(
    contract: NeedsContract, kind: str, change: dict[str, Any], expected: str
) -> None:
    base = {
        "page": COMMON,
        "need": NEED,
        "training": TRAINING,
        "service": COMMON,
        "provision": COMMON | {"area": "semh", "rows": [ROW]},
        "glossary": COMMON | {"terms": [{"term": "EP", "meaning": "m"}]},
    }[kind]
    found = problems(kind, base | change, contract)
    assert any(expected in problem for problem in found), found


def test_training_must_state_prerequisites_and_refresher(contract: NeedsContract) -> None:
    data = {k: v for k, v in TRAINING.items() if k not in ("prerequisites", "refresher_months")}
    assert problems("training", data, contract) == [
        "front matter is missing 'prerequisites'",
        "front matter is missing 'refresher_months'",
    ]


def test_every_problem_is_reported_at_once() -> None:
    found = problems("page", {"title": "T"})
    assert len(found) == 4 and all(p.startswith("front matter") for p in found)


def test_without_a_contract_slugs_are_not_checked() -> None:
    assert isinstance(validate_front_matter("need", NEED | {"related_needs": ["anything"]}), schema.NeedFrontMatter)


def test_section_order() -> None:
    order = ("A", "B", "C")
    assert section_order_problem(["A", "x", "B", "C"], order) is None
    assert section_order_problem(["A", "C"], order) == "section '## B' is missing"
    assert section_order_problem(["B", "A", "C"], order) == "section '## B' is out of order"
    assert section_order_problem(["B", "C"], order, frozenset({"A"})) is None
    assert section_order_problem(["B", "A", "C"], order, frozenset({"A"})) == "section '## B' is out of order"


def test_start_here_is_optional_until_the_flag_is_flipped(monkeypatch: pytest.MonkeyPatch) -> None:
    without = [name for name in schema.NEED_SECTION_ORDER if name != schema.START_HERE]
    with_it = list(schema.NEED_SECTION_ORDER)
    late = [*without[:2], schema.START_HERE, *without[2:]]
    monkeypatch.setattr(schema, "START_HERE_REQUIRED", False)
    optional = schema.optional_need_sections()
    assert section_order_problem(without, schema.NEED_SECTION_ORDER, optional) is None
    assert section_order_problem(with_it, schema.NEED_SECTION_ORDER, optional) is None
    assert section_order_problem(late, schema.NEED_SECTION_ORDER, optional) is not None
    monkeypatch.setattr(schema, "START_HERE_REQUIRED", True)
    optional = schema.optional_need_sections()
    assert schema.required_need_sections()[0] == schema.START_HERE
    assert section_order_problem(without, schema.NEED_SECTION_ORDER, optional) == "section '## Start here' is missing"
    assert section_order_problem(with_it, schema.NEED_SECTION_ORDER, optional) is None


def test_constants_match_the_enums(contract: NeedsContract) -> None:
    data = json.loads(json.dumps(schema.constants(contract)))  # JSON-able, and unchanged by the round trip
    assert data == schema.constants(contract)
    assert data["waves"] == [{"wave": int(w), "key": w.key, "heading": w.heading, "label": w.label} for w in Wave]
    assert data["phases"] == [{"id": p.value, "label": p.label} for p in Phase]
    assert data["roles"] == [{"id": r.value, "label": r.label} for r in Role]
    assert data["categories"] == [{"id": c.value, "label": c.label} for c in TrainingCategory]
    assert data["areas"] == [{"id": k, "label": v} for k, v in contract.areas.items()]
    assert data["sections"]["need"] == list(schema.NEED_SECTION_ORDER)


def test_the_schema_imports_no_markdown_code() -> None:
    import subprocess
    import sys

    code = "import sys, handbook.schema; print('\\n'.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    roots = {name.split(".")[0] for name in loaded}
    assert not roots & {"markdown", "markdown_it", "mdit_py_plugins", "mkdocs"}
    assert "handbook.markdown_parse" not in loaded and "handbook.pages" not in loaded
