import pytest

from handbook.pages import Page

MODULES = [
    "core-send-refresher", "core-positive-behaviour", "core-inclusive-classroom", "core-school-processes",
    "intro-to-send-support-staff", "safeguarding-and-send", "role-teaching-assistants", "role-midday-supervisors",
    "role-early-career-teachers", "role-new-sencos", "role-leaders-governors", "cond-autism", "cond-adhd",
    "cond-dyslexia-literacy", "cond-slcn", "cond-anxiety-semh", "cond-cognition-learning", "cond-sensory-impairment",
    "cond-physical-medical", "team-teach",
]  # fmt: skip


def module(pages: list[Page], module_id: str) -> Page:
    return next(p for p in pages if p.kind == "training" and p.stem == module_id)


@pytest.mark.parametrize("module_id", MODULES)
def test_module_session_plan_is_a_timed_table(pages: list[Page], module_id: str) -> None:
    # The loader (handbook.schema.TrainingFrontMatter) already checks the fields and the section order.
    page = module(pages, module_id)
    rows = [b for b in page.doc.section("Session plan").blocks if b.kind == "row"]
    assert len(rows) >= 3, "the session plan is a timed table"


@pytest.mark.parametrize("module_id", MODULES)
def test_quiz_answers_are_hidden_until_opened(module_id: str) -> None:
    from tests.conftest import CONTENT

    text = (CONTENT / "training" / f"{module_id}.md").read_text(encoding="utf-8")
    quiz = text.split("## Self-check quiz", 1)[1].split("\n## ", 1)[0]
    assert quiz.count('??? question "') >= 3


def test_core_package_matches_the_plan(pages: list[Page]) -> None:
    core = [p for p in pages if p.kind == "training" and p.meta["category"] == "core"]
    assert len(core) == 4
    assert all(p.meta["duration_minutes"] <= 60 for p in core)


def test_team_teach_accreditation_rules(pages: list[Page]) -> None:
    page = module(pages, "team-teach")
    assert page.meta["duration_minutes"] == 360
    assert page.meta["refresher_months"] == 24
    assert page.meta["category"] == "external"


def test_induction_pathway_has_a_checklist() -> None:
    from tests.conftest import CONTENT

    text = (CONTENT / "training" / "induction.md").read_text(encoding="utf-8")
    for stage in ("day one", "week one", "half term"):
        assert stage in text.lower()
    assert text.count("- [ ] ") >= 8
