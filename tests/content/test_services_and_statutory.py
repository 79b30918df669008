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
    (r"12 months", r"section 44|regulation 2|reg(ulation)?\.? ?2\b"),
    (r"2 weeks|two weeks", r"regulation 20|reg(ulation)?\.? ?20\b"),
    (r"4 weeks|four weeks", r"regulation 20|reg(ulation)?\.? ?20\b"),
    (r"15 February", r"regulation 18|reg(ulation)?\.? ?18\b"),
    (r"31 March", r"regulation 18|reg(ulation)?\.? ?18\b"),
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
