"""Every need in needs.yaml has a complete page: front matter, sections in order, minimum counts."""

import re

import pytest

from handbook.chunks import build_catalogue
from handbook.contract import load_contract
from handbook.pages import CLARIFY_OPTIONAL, START_SECTION, Page
from scripts.check_style import sentences
from tests.conftest import CONTENT, CONTRACT

SLUGS = load_contract(CONTRACT).slugs
MINIMUM_ITEMS = {"What you might notice": 10, "Wave 1: in every classroom": 8, "Wave 2: targeted support": 4}
START_HERE_MAX_WORDS = 120
GET_HELP = "Get help straight away if"
# From the page title to the end of Wave 1, as a reader scrolls: about two minutes (the content guide).
# The ceiling only ever goes down.
TOP_TO_WAVE_1_MAX_WORDS = 450
SAFEGUARDING_STEPS_MAX_WORDS = 500  # its 14 steps are the answer, and none may be cut


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’']+", text))


def body(slug: str, contract_area: str) -> str:
    text = (CONTENT / "needs" / contract_area / f"{slug}.md").read_text(encoding="utf-8")
    return text.split("\n---", 1)[1]


def need_page(pages: list[Page], slug: str) -> Page:
    matches = [p for p in pages if p.kind == "need" and p.stem == slug]
    assert len(matches) == 1, f"expected one page for {slug}"
    return matches[0]


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter(pages: list[Page], slug: str) -> None:
    # The loader already checks the required fields, the folder, the area and the review dates
    # (tests/handbook/test_pages.py and test_schema.py); these lists may be empty there, not here.
    meta = need_page(pages, slug).meta
    for key in ("related_needs", "training", "services"):
        assert meta.get(key), f"{slug}: {key}"
    assert len(meta["aliases"]) >= 5


@pytest.mark.parametrize("slug", SLUGS)
def test_sections_have_their_minimum_counts(pages: list[Page], slug: str) -> None:
    # The loader already refuses a missing or misplaced section.
    page = need_page(pages, slug)
    for name, minimum in MINIMUM_ITEMS.items():
        section = page.doc.section(name)
        assert section is not None
        items = [b for b in section.blocks if b.kind == "item"]
        assert len(items) >= minimum, f"{slug}: '{name}' has {len(items)} items, needs {minimum}"
    for block in page.doc.section("Wave 1: in every classroom").blocks:
        if block.kind == "item":
            assert block.lead, f"{slug}: each Wave 1 strategy starts with a bold imperative"


@pytest.mark.parametrize("slug", SLUGS)
def test_wave2_items_say_evidence_how_to_run_and_review(pages: list[Page], slug: str) -> None:
    section = need_page(pages, slug).doc.section("Wave 2: targeted support")
    for block in [b for b in section.blocks if b.kind == "item"]:
        details = " ".join(block.details).lower()
        for word in ("evidence", "how to run", "review"):
            assert word in details, f"{slug}: '{block.lead}' has no '{word}' note"


@pytest.mark.parametrize("slug", SLUGS)
def test_wave3_links_a_service_and_training_links_modules(pages: list[Page], slug: str) -> None:
    page = need_page(pages, slug)
    wave3_links = [link for b in page.doc.section("Wave 3: specialist support").blocks for link in b.links]
    assert any("services/" in link for link in wave3_links), f"{slug}: Wave 3 links no service"
    training_links = [link for b in page.doc.section("Training").blocks for link in b.links]
    assert any("training/" in link for link in training_links), f"{slug}: Training links no module"


@pytest.mark.parametrize("slug", SLUGS)
def test_safeguarding_always_points_to_the_dsl(pages: list[Page], slug: str) -> None:
    text = need_page(pages, slug).doc.section("When to seek more help").text
    assert "DSL" in text or "designated safeguarding lead" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_opening_paragraph_is_one_to_three_sentences(pages: list[Page], slug: str) -> None:
    intro = need_page(pages, slug).doc.intro
    assert len(intro) == 1 and intro[0].kind == "paragraph", f"{slug}: the opening must be one paragraph"
    count = len(sentences(intro[0].text))
    assert 1 <= count <= 3, f"{slug}: the opening paragraph has {count} sentences"


@pytest.mark.parametrize("slug", SLUGS)
def test_start_here_comes_first_with_three_actions_and_a_get_help_line(pages: list[Page], contract, slug: str) -> None:
    page = need_page(pages, slug)
    headings = [s.heading for s in page.doc.sections if s.level == 2]
    assert headings[0] == START_SECTION, f"{slug}: '## {START_SECTION}' must follow the opening paragraph"
    section = page.doc.section(START_SECTION)
    items = [b for b in section.blocks if b.kind == "item"]
    paragraphs = [b for b in section.blocks if b.kind == "paragraph"]
    assert len(items) == 3, f"{slug}: Start here needs exactly three things to do tomorrow"
    assert all(not b.details for b in items), f"{slug}: Start here items have no nested lists"
    assert len(paragraphs) == 1 and paragraphs[0].text.startswith(GET_HELP), f"{slug}: one '{GET_HELP} ...' line"
    assert section.blocks[-1] is paragraphs[0], f"{slug}: the get-help line comes after the three actions"
    raw = body(slug, contract.need(slug).area).split(f"## {START_SECTION}\n", 1)[1].split("\n## ", 1)[0]
    numbered = [line for line in raw.splitlines() if re.match(r"\d\. ", line)]
    assert [line[:3] for line in numbered] == ["1. ", "2. ", "3. "], f"{slug}: the three actions are a numbered list"
    count = words(section.text)
    assert count <= START_HERE_MAX_WORDS, f"{slug}: Start here has {count} words (at most {START_HERE_MAX_WORDS})"


@pytest.mark.parametrize("slug", SLUGS)
def test_end_of_wave_1_is_a_short_read(contract, slug: str) -> None:
    text = body(slug, contract.need(slug).area)
    # Wave 1 comes straight after Start here. The safeguarding page puts what every adult must do first:
    # that part must be quick to reach.
    end = "\n## Why SEND can hide signs of harm" if slug == "safeguarding-concerns" else "\n## What you might notice"
    assert end in text
    top = text.split(end, 1)[0]
    prose = re.sub(r"\]\([^)]*\)", "]", top)  # count link text, not link targets
    count = words(prose)
    ceiling = SAFEGUARDING_STEPS_MAX_WORDS if slug == "safeguarding-concerns" else TOP_TO_WAVE_1_MAX_WORDS
    assert count <= ceiling, f"{slug}: {count} words to the end of Wave 1 (at most {ceiling})"


@pytest.mark.parametrize("slug", SLUGS)
def test_clarify_question_is_short_and_everyday(pages: list[Page], slug: str) -> None:
    # The loader already refuses a question without '?' or over CLARIFY_MAX_WORDS words.
    question = need_page(pages, slug).meta.get("clarify")
    if question is None and slug in CLARIFY_OPTIONAL:
        pytest.skip("the safeguarding page is always shown first, never offered as a choice")
    assert isinstance(question, str)
    assert "/" not in question and "(" not in question, f"{slug}: one plain question, no alternatives in brackets"


def test_clarify_questions_are_all_different_and_reach_the_catalogue(pages: list[Page]) -> None:
    needs = build_catalogue(pages).needs
    questions = {slug: record.clarify for slug, record in needs.items() if record.clarify}
    assert len(set(questions.values())) == len(questions), "two needs share a clarifying question"
    assert set(needs) - set(questions) <= CLARIFY_OPTIONAL
    assert questions["understanding-language"] == need_page(pages, "understanding-language").meta["clarify"]


def test_safeguarding_page_has_its_extra_sections(pages: list[Page]) -> None:
    page = need_page(pages, "safeguarding-concerns")
    headings = [s.heading for s in page.doc.sections if s.level == 2]
    assert headings[:4] == [
        START_SECTION,
        "What every adult must do today",
        "Why SEND can hide signs of harm",
        "Wave 1: in every classroom",
    ]
    today = page.doc.section("What every adult must do today").text.lower()
    assert "straight away" in today and "before the pupil goes home" in today


def test_every_area_has_an_index_page(pages: list[Page], contract) -> None:
    areas = {p.path.split("/")[1] for p in pages if p.kind == "area"}
    assert areas == set(contract.areas)


def page_text(page: Page) -> str:
    blocks = page.doc.intro + [b for s in page.doc.sections for b in s.blocks]
    return " ".join(b.text for b in blocks)


def test_medical_conditions_covers_allergy_and_seizure_emergencies(pages: list[Page]) -> None:
    page = need_page(pages, "medical-conditions")
    text = page_text(page)
    for phrase in (
        "anaphylaxis",
        "adrenaline auto-injector",
        "spare auto-injectors",
        "emergency salbutamol inhalers",
        "allergy action plan",
        "call 999",
        "one seizure follows another without recovery",
        "longer than is usual for this pupil, or longer than the healthcare plan says",
        "Children and Families Act 2014, section 100",
    ):
        assert phrase.lower() in text.lower(), f"medical-conditions does not say '{phrase}'"
    sources = " ".join(s["title"] for s in page.meta["sources"])
    assert "section 100" in sources and "auto-injectors" in sources and "salbutamol" in sources


def test_eating_disorder_warning_signs_go_to_the_dsl_and_health_services(pages: list[Page]) -> None:
    page = need_page(pages, "eating-and-drinking")
    help_items = [b.text for b in page.doc.section("When to seek more help").blocks if b.kind == "item"]
    warning = [item for item in help_items if "eating disorder" in item]
    assert warning and all("DSL" in item and "before the pupil goes home" in item for item in warning)
    wave3 = page.doc.section("Wave 3: specialist support")
    links = [link for b in wave3.blocks for link in b.links]
    assert any("designated-safeguarding-lead" in link for link in links)
    assert any("camhs" in link or "school-nursing" in link for link in links)


def test_self_care_page_leaves_eating_to_its_own_page(pages: list[Page]) -> None:
    page = need_page(pages, "self-care-and-independence")
    assert "eating and drinking" not in [a.lower() for a in page.meta["aliases"]]
    assert "eating-and-drinking" in page.meta["related_needs"]


def test_reading_decoding_follows_systematic_synthetic_phonics(pages: list[Page]) -> None:
    text = page_text(need_page(pages, "reading-decoding")).lower()
    assert "systematic synthetic phonics" in text
    for banned in ("reading recovery", "switch-on", "book level", "use the picture", "use the first letter"):
        assert banned not in text, f"reading-decoding still suggests '{banned}'"
    assert 'never "look at the picture"' in text or 'rather than "look at the picture"' in text


@pytest.mark.parametrize("slug", SLUGS)
def test_contested_labels_come_with_a_neutral_note(pages: list[Page], slug: str) -> None:
    page = need_page(pages, slug)
    text = page_text(page)
    aliases = " ".join(page.meta.get("aliases", []))
    if "PDA" in text or "PDA" in aliases or "demand avoidance" in (text + aliases).lower():
        assert "contested" in text, f"{slug}: mentions PDA without saying it is a contested profile"
    if "attachment disorder" in (text + aliases).lower():
        assert "rare diagnosis" in text and "Do not use it to describe a pupil" in text, slug


@pytest.mark.parametrize("slug", SLUGS)
def test_eye_contact_is_never_a_target(pages: list[Page], slug: str) -> None:
    page = need_page(pages, slug)
    for name in ("Wave 2: targeted support", "Wave 3: specialist support"):
        for block in page.doc.section(name).blocks:
            targets = " ".join(d for d in block.details if "review" in d.lower() or "target" in d.lower())
            assert "eye contact" not in targets.lower(), f"{slug}: use shared attention, not eye contact, as an outcome"
