import re

import pytest

from handbook.pages import Page
from handbook.schema import SERVICE_SECTION_ORDER

SERVICES = [
    "educational-psychology", "semh-learning-specialist-teachers", "complex-communication-team", "sensory-team",
    "learning-support-dyslexia", "early-years-send-team", "virtual-school", "primary-semh-keys",
    "statutory-assessment-team", "speech-and-language-therapy", "occupational-therapy-physiotherapy",
    "camhs-mental-health-support-team", "school-nursing-paediatrics", "early-help-social-care", "sendiass",
    "senco", "designated-safeguarding-lead", "designated-teacher",
]  # fmt: skip

# Each statutory timescale, as the timescales page must state it, with the source it must cite.
TIMESCALES = [
    (r"6 weeks", r"regulation 5|reg(ulation)?\.? ?5\b"),
    (r"16 weeks", r"regulation 10|reg(ulation)?\.? ?10\b"),
    (r"15 (calendar )?days", r"regulation 13|reg(ulation)?\.? ?13\b"),
    (r"20 weeks", r"regulation 13|reg(ulation)?\.? ?13\b"),
    (r"12 months", r"section 44"),
    (r"2 weeks|two weeks", r"regulation 20|reg(ulation)?\.? ?20\b"),
    (r"4 weeks|four weeks", r"regulation 20|reg(ulation)?\.? ?20\b"),
    (r"Before 15 February", r"regulation 18|reg(ulation)?\.? ?18\b"),
    (r"Before 31 March", r"regulation 18|reg(ulation)?\.? ?18\b"),
    (r"5 months|five months", r"regulation 18|reg(ulation)?\.? ?18\b"),
    (r"15 days of being consulted", r"Code of Practice 9\.83"),
    (r"12 months", r"Local Government Act 1974, section 26B"),
]


def by_path(pages: list[Page]) -> dict[str, Page]:
    return {p.path: p for p in pages}


@pytest.mark.parametrize("service", SERVICES)
def test_service_page_fills_every_section(pages: list[Page], service: str) -> None:
    # The loader already checks that every section is there, in order; this checks none is empty.
    page = by_path(pages)[f"services/{service}.md"]
    assert page.kind == "service"
    for name in SERVICE_SECTION_ORDER:
        section = page.doc.section(name)
        assert section is not None and section.text.strip(), f"{service}: '{name}' is empty"
    urgent = page.doc.section("Urgent route").text
    assert "DSL" in urgent or "designated safeguarding lead" in urgent.lower()


def test_services_index_helps_pick_a_service(pages: list[Page]) -> None:
    index = by_path(pages)["services/index.md"]
    links = {link for s in index.doc.sections for b in s.blocks for link in b.links}
    for service in SERVICES:
        assert any(link.startswith(f"{service}.md") for link in links), f"index does not link {service}"


def test_every_timescale_appears_with_its_source(pages: list[Page]) -> None:
    rows = [b for s in by_path(pages)["statutory/timescales.md"].doc.sections for b in s.blocks if b.kind == "row"]
    assert rows
    for timescale, source in TIMESCALES:
        matching = [r for r in rows if re.search(timescale, r.text, re.I) and re.search(source, r.text, re.I)]
        assert matching, f"no timescale row states '{timescale}' with source '{source}'"
    text = "\n".join(b.text for s in by_path(pages)["statutory/timescales.md"].doc.sections for b in s.blocks)
    assert not re.search(r"trust (SEND )?policy|reference document", text, re.I), (
        "a national deadline cites a local policy"
    )
    assert not re.search(r"\bregulation 2\b", text, re.I), "annual reviews are section 44, not regulation 2"
    for exception in ("regulation 5(4)", "regulation 10(4)", "regulation 13(3)", "Ombudsman"):
        assert exception in text, exception


def test_glossary_has_the_core_acronyms(pages: list[Page]) -> None:
    terms = {t["term"] for t in by_path(pages)["glossary.md"].meta["terms"]}
    for term in ("SENCO", "EHCP", "SEMH", "SLCN", "CAMHS", "DSL", "EBSA", "ELSA", "DLD", "ADHD", "EAL", "TA"):
        assert term in terms, term
    assert len(terms) >= 60


def test_local_details_are_only_on_service_pages(pages: list[Page]) -> None:
    phone = re.compile(r"\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b")
    for page in pages:
        if page.kind != "service":
            text = "\n".join(b.text for s in page.doc.sections for b in s.blocks)
            assert not phone.search(text), f"{page.path} has a phone number outside a service page"


# --- every statutory statement is sourced ----------------------------------------------------------
# A citation in the text: an Act, a regulation, a section, a Code of Practice paragraph, a rule or guidance.
CITATION = re.compile(
    r"\b(sections?|regulations?|paragraphs?|Schedules?|rule|Part|chapters?)\s+\d"
    r"|\bCode of Practice\b|\bAct \d{4}\b|\bRegulations \d{4}\b|\b\d{4} Regulations\b|\bguidance\b|\bJCQ\b"
    r"|\b\d{1,2}\.\d{1,3}\b",
    re.I,
)
# A source title that names the exact provision, not just the document.
SPECIFIC_SOURCE = re.compile(r"\b(sections?|regulations?|paragraphs?|Schedules?|rule|Part|chapters?)\s+[\dA-Z]", re.I)
LAW_SOURCE = re.compile(r"\bAct \d{4}\b|\bRegulations \d{4}\b|\bCode of Practice\b|statutory guidance|\bRules \d{4}\b")
NEW_REFERENCE_PAGES = [
    "ehc-plans", "exclusions-and-part-time-timetables", "equality-act", "access-arrangements",
    "preparing-for-adulthood", "complaints-and-redress", "whats-changing",
]  # fmt: skip


def statutory_pages(pages: list[Page]) -> list[Page]:
    found = [p for p in pages if p.path.startswith("statutory/")]
    assert len(found) >= 14
    return found


def test_every_statutory_page_names_the_law_it_relies_on(pages: list[Page]) -> None:
    for page in statutory_pages(pages):
        titles = [str(source["title"]) for source in page.meta["sources"]]
        assert any(LAW_SOURCE.search(t) for t in titles), f"{page.path}: no Act, regulations or Code in sources"
        assert any(SPECIFIC_SOURCE.search(t) for t in titles), f"{page.path}: sources name no section or paragraph"


def test_every_statutory_duty_cites_its_source(pages: list[Page]) -> None:
    """Each paragraph, list item or table row on a statutory page that says "must" carries its citation."""
    missing = []
    for page in statutory_pages(pages):
        for blocks in [page.doc.intro, *(s.blocks for s in page.doc.sections)]:
            for block in blocks:
                if re.search(r"\bmust\b", block.text) and not CITATION.search(block.text):
                    missing.append(f"{page.path}: {block.text[:100]}")
    assert not missing, "\n".join(missing)


def test_the_citation_check_can_fail() -> None:
    assert not CITATION.search("The local authority must decide within 4 weeks.")
    assert CITATION.search("The local authority must decide within 4 weeks (regulation 20).")
    assert CITATION.search("The legal test (Children and Families Act 2014, section 36(8)).")


@pytest.mark.parametrize("stem", NEW_REFERENCE_PAGES)
def test_reference_pages_are_in_the_nav_and_the_statutory_index(pages: list[Page], stem: str) -> None:
    from tests.conftest import ROOT

    assert f"statutory/{stem}.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    index = by_path(pages)["statutory/index.md"]
    links = {link for s in index.doc.sections for b in s.blocks for link in b.links}
    assert f"{stem}.md" in links


def test_ehc_needs_assessment_page_states_the_legal_test(pages: list[Page]) -> None:
    page = by_path(pages)["statutory/ehc-needs-assessment.md"]
    intro = " ".join(b.text for b in page.doc.intro)
    assert "36(8)" in intro and "at any time" in intro and "without the school" in intro
    text = "\n".join(b.text for s in page.doc.sections for b in s.blocks)
    assert "over compulsory school age and under 25" in text
    for wrong in ("minimum of three cycles", "three cycles of intervention", "notional £6,000", "aged 16 to 25"):
        assert wrong not in text, wrong
    assert "discrepancy" not in text.lower()  # the outdated IQ-attainment rule is gone


def test_no_page_sets_cycles_or_spending_as_a_gate(pages: list[Page]) -> None:
    gate = re.compile(
        r"minimum of three cycles|at least three (review )?cycles|notional £6,000|"
        r"only when that is not enough|after several (recorded )?cycles|young people aged 16 to 25",
        re.I,
    )
    for page in pages:
        text = "\n".join(b.text for b in page.doc.intro) + "\n".join(
            b.text for s in page.doc.sections for b in s.blocks
        )
        match = gate.search(text)
        assert not match, f"{page.path}: '{match.group(0) if match else ''}'"


def test_slt_is_never_left_ambiguous(pages: list[Page]) -> None:
    """SLT means senior leadership team and also speech and language therapist: pages write both in full."""
    for page in pages:
        if page.kind == "glossary":
            continue
        text = "\n".join(b.text for b in page.doc.intro) + "\n".join(
            b.text for s in page.doc.sections for b in s.blocks
        )
        assert not re.search(r"\bSLT\b", text), f"{page.path} uses the ambiguous acronym SLT"
    terms = {t["term"]: t for t in by_path(pages)["glossary.md"].meta["terms"]}
    assert "speech and language therapist" in terms["SLT"]["stands_for"]
    assert "senior leadership team" in terms["SLT"]["stands_for"]
    assert "old name" in terms["SENDIST"]["stands_for"]


def test_safeguarding_page_covers_fgm_prevent_and_operation_encompass(pages: list[Page]) -> None:
    page = by_path(pages)["services/designated-safeguarding-lead.md"]
    text = "\n".join(b.text for s in page.doc.sections for b in s.blocks)
    assert "section 5B" in text and "cannot make the report for you" in text
    assert "Counter-Terrorism and Security Act 2015, section 26" in text
    assert "Operation Encompass" in text
    assert "before the pupil goes home" in page.doc.section("Urgent route").text


@pytest.mark.parametrize("service", ["virtual-school", "designated-teacher"])
def test_previously_looked_after_includes_adoption_from_abroad(pages: list[Page], service: str) -> None:
    text = "\n".join(b.text for s in by_path(pages)[f"services/{service}.md"].doc.sections for b in s.blocks)
    assert "adopted from state care outside England and Wales" in text


def test_no_page_recommends_coloured_overlays(pages: list[Page]) -> None:
    for page in pages:
        for section in page.doc.sections:
            for block in section.blocks:
                if re.search(r"overlay", block.text, re.I):
                    assert re.search(
                        r"no good evidence|not rely|little evidence|evidence .{0,40}weak", block.text, re.I
                    ), page.path
