"""Issue 15: every statutory deadline is sourced, proposals are kept apart from the law, nothing is copied.

These tests cover the rules of the content issue that the other content tests do not: a source for every
deadline on a statutory page, the "what is changing" page, who can ask for an EHC needs assessment, the
mediation-certificate exemptions, the Ombudsman's remit, clean front matter and no copied runs of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook.markdown_parse import Block, Section
from handbook.pages import Page
from tests.conftest import CONTENT, ROOT
from tests.content.test_services_and_statutory import CITATION, by_path, statutory_pages

# A deadline: "within 6 weeks", "at least 15 days", "before 15 February", "45 school days of".
DEADLINE = re.compile(
    r"\b(within|at least|before|after|up to|no more than|at most)\s+(\d+|one|two|three|four|five|six)\s+"
    r"(working\s+|school\s+|calendar\s+)?(days?|weeks?|months?|years?)\b"
    r"|\bbefore \d{1,2} (February|March)\b"
    r"|\b\d+ (calendar |school |working )?days? of\b",
    re.I,
)
GOOD_PRACTICE = re.compile(r"\bgood practice\b", re.I)


def blocks_of(page: Page) -> Iterable[Block]:
    yield from page.doc.intro
    for section in page.doc.sections:
        yield from section.blocks


def section(page: Page, heading: str) -> Section:
    found = page.doc.section(heading)
    assert found is not None, f"{page.path} has no section '{heading}'"
    return found


def unsourced_deadlines(page: Page) -> list[str]:
    """Deadlines that cite no Act, regulation, Code paragraph or guidance and do not say they are good practice."""
    return [
        f"{page.path}: {block.text[:120]}"
        for block in blocks_of(page)
        if DEADLINE.search(block.text) and not CITATION.search(block.text) and not GOOD_PRACTICE.search(block.text)
    ]


# --- every deadline on a statutory page cites its source --------------------------------------------------
def test_every_statutory_deadline_cites_its_source(pages: list[Page]) -> None:
    team = by_path(pages)["services/statutory-assessment-team.md"]  # the service page that runs the statutory path
    missing = [line for page in [*statutory_pages(pages), team] for line in unsourced_deadlines(page)]
    assert not missing, "\n".join(missing)


def test_the_deadline_check_can_fail() -> None:
    assert DEADLINE.search("The final plan follows within 8 weeks.")
    assert DEADLINE.search("Plans must be amended before 15 February.")
    assert DEADLINE.search("A pupil can have at most 45 school days of suspension.")
    assert not DEADLINE.search("Invite the parents and the pupil.")
    assert not CITATION.search("The final plan follows within 8 weeks.")
    assert CITATION.search("The final plan follows within 8 weeks (regulation 22).")
    assert GOOD_PRACTICE.search("As good practice, start at least 6 weeks before the meeting.")


def test_a_national_deadline_never_cites_a_local_or_trust_policy(pages: list[Page]) -> None:
    for page in statutory_pages(pages):
        for block in blocks_of(page):
            if DEADLINE.search(block.text):
                assert not re.search(r"\btrust (SEND )?policy\b|\breference document\b", block.text, re.I), (
                    f"{page.path}: a deadline cites a local policy: {block.text[:100]}"
                )


ASSESSMENT = re.compile(r"\bEHC\)? needs assessment|education, health and care needs assessment", re.I)
CYCLE_COUNT = re.compile(
    r"\b(at least|a minimum of|after|over|despite)\s+(two|three|four|several|\d)\s+(review\s+|support\s+)?cycles\b"
    r"|\bneeds assessment (request )?(would|must) (also )?need\b",
    re.I,
)
NOT_A_GATE = re.compile(r"\bdo not wait\b|\bnot a (condition|gate)\b|\bat any time\b", re.I)


def test_no_block_ties_an_ehc_needs_assessment_to_a_number_of_cycles(pages: list[Page]) -> None:
    """Cycles are evidence the authority weighs (Code of Practice 9.14), never a count to reach first."""
    tied = [
        f"{page.path}: {block.text[:120]}"
        for page in pages
        for block in blocks_of(page)
        if ASSESSMENT.search(block.text) and CYCLE_COUNT.search(block.text) and not NOT_A_GATE.search(block.text)
    ]
    assert not tied, "\n".join(tied)


def test_the_cycle_count_check_can_fail() -> None:
    text = "Bring what an EHC needs assessment would also need: notes from at least two cycles."
    assert ASSESSMENT.search(text) and CYCLE_COUNT.search(text)
    assert not CYCLE_COUNT.search("Bring the notes from your recent reviews.")
    assert CYCLE_COUNT.search("A request should show severe needs despite several review cycles.")
    assert NOT_A_GATE.search("Where needs are clearly severe, do not wait for several review cycles.")


# A sentence anywhere in the handbook that says what the law requires.
LEGAL_CLAIM = re.compile(
    r"\b(the law (says|requires|lets|allows)|by law|statutory (duty|requirement)|local authority must"
    r"|governing (body|board) must|schools? must|every (mainstream )?school must)\b",
    re.I,
)


def test_a_legal_claim_on_any_page_cites_its_source(pages: list[Page]) -> None:
    """Need, service and training pages state the law too: each such statement names its Act, regulation or guidance."""
    missing = [
        f"{page.path}: {block.text[:120]}"
        for page in pages
        for block in blocks_of(page)
        if LEGAL_CLAIM.search(block.text) and not CITATION.search(block.text)
    ]
    assert not missing, "\n".join(missing)


def test_the_legal_claim_check_can_fail() -> None:
    claim = "The local authority must then arrange suitable education."
    assert LEGAL_CLAIM.search(claim) and not CITATION.search(claim)
    assert CITATION.search("The local authority must then arrange suitable education (Education Act 1996, section 19).")
    assert not LEGAL_CLAIM.search("Ask the statutory assessment and review team.")


# --- what is changing: proposals apart from the law -------------------------------------------------------
def test_whats_changing_says_what_is_proposed_and_what_is_law_today(pages: list[Page]) -> None:
    page = by_path(pages)["statutory/whats-changing.md"]
    intro = " ".join(b.text for b in page.doc.intro)
    assert "Nothing in the law has changed yet" in intro
    names = [s.heading for s in page.doc.sections]
    law = next(n for n in names if n.startswith("The law today"))
    assert re.search(r"\(\d{1,2} \w+ 20\d\d\)", law), "the law-today heading gives the date it was checked"
    assert "What is proposed, not law" in names
    for item in section(page, law).blocks:  # each right that still stands names its source
        if item.kind == "item" and "SENDIASS" not in item.text:
            assert CITATION.search(item.text), f"the law today, without a source: {item.text}"
    proposals = [b for b in section(page, "What is proposed, not law").blocks if b.kind == "item"]
    assert len(proposals) >= 5
    for item in proposals:  # a proposal is conditional: it "would" happen, never "will"
        assert not re.search(r"\bwill\b", item.text), f"a proposal is stated as fact: {item.text}"
    sources = " ".join(str(s["title"]) for s in page.meta["sources"])
    dated = [b.text for b in section(page, "What has been published").blocks if b.kind == "item"]
    assert len([text for text in dated if re.match(r"\d{1,2} [A-Z][a-z]+", text)]) >= 3, "steps start with a date"
    dates = [date for text in dated for date in re.findall(r"\d{1,2} [A-Z][a-z]+ 20\d\d", text)]
    for date in dates:
        assert date in sources, f"{date} is not in the page's sources"
    urls = [str(s.get("url", "")) for s in page.meta["sources"]]
    assert any(u.startswith("https://www.gov.uk/government/consultations/") for u in urls)


# --- who can ask for an EHC needs assessment -------------------------------------------------------------
def test_who_can_ask_follows_section_36_and_code_9_8_and_9_9(pages: list[Page]) -> None:
    page = by_path(pages)["statutory/ehc-needs-assessment.md"]
    text = " ".join(b.text for b in blocks_of(page))
    who = " ".join(b.text for b in section(page, "Who can ask").blocks)
    assert "section 36(1)" in who and "Code of Practice 9.8" in who
    early_years = next(b.text for b in section(page, "Who can ask").blocks if "early years" in b.text.lower())
    assert "cannot make the request" in early_years and "9.9" in early_years
    assert "section 80" in who, "capacity: section 80"
    assert "Code of Practice 9.16" in text and "blanket policy" in text


def test_the_local_guidelines_box_says_it_is_not_the_legal_test() -> None:
    data = yaml.safe_load((CONTENT / "local.yml").read_text(encoding="utf-8"))
    box = data["boxes"]["assessment-guidelines"]
    assert "not the legal test" in box["title"]
    assert "9.16" in box["intro"]


# --- mediation, appeals and the Ombudsman ------------------------------------------------------------------
def test_mediation_certificate_exemptions_are_complete(pages: list[Page]) -> None:
    page = by_path(pages)["statutory/timescales.md"]
    items = [b.text for b in section(page, "When no mediation certificate is needed").blocks if b.kind == "item"]
    assert any("school or college named" in i and "51(2)(c)(iii)" in i for i in items)
    assert any("type of school" in i and "51(2)(c)(iii)" in i for i in items)
    assert any("no school or college is named" in i and "51(2)(c)(iv)" in i for i in items)
    assert any("disability discrimination" in i and "Schedule 17" in i for i in items)
    rows = " ".join(b.text for s in page.doc.sections for b in s.blocks if b.kind == "row")
    assert "regulation 33" in rows.lower() and "regulation 34" in rows.lower()


def test_the_advice_clock_is_not_the_request_clock(pages: list[Page]) -> None:
    page = by_path(pages)["statutory/timescales.md"]
    blocks = section(page, "EHC needs assessment and EHC plan").blocks
    lead = " ".join(b.text for b in blocks if b.kind != "row")
    assert "advice clock starts when the local authority asks" in lead
    advice = next(b.text for b in blocks if b.kind == "row" and "advice" in b.text.lower())
    assert "asking for it" in advice and "Regulation 8" in advice


def test_the_ombudsman_remit_is_stated_with_its_sources(pages: list[Page]) -> None:
    text = " ".join(b.text for b in blocks_of(by_path(pages)["statutory/complaints-and-redress.md"]))
    for cite in ("section 26B", "section 26(6)(a)", "Schedule 5, paragraph 5(2)"):
        assert cite in text, cite
    assert "Ombudsman" in " ".join(b.text for b in blocks_of(by_path(pages)["statutory/timescales.md"]))


# --- clean front matter ------------------------------------------------------------------------------------
class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that fails on a repeated key instead of silently keeping the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    if repeated:
        raise yaml.constructor.ConstructorError(None, None, f"repeated key {repeated}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def front_matter(text: str) -> str:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.md")), ids=lambda p: str(p.relative_to(CONTENT)))
def test_front_matter_has_no_repeated_keys(path: Path) -> None:
    yaml.load(front_matter(path.read_text(encoding="utf-8")), Loader=_UniqueKeyLoader)


def test_the_repeated_key_check_can_fail() -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="url"):
        yaml.load("sources:\n  - title: x\n    url: a\n    url: b\n", Loader=_UniqueKeyLoader)


# --- no copied runs from the reference documents -----------------------------------------------------------
RUN = 12  # words in a row: longer than any phrase two writers would share by chance
# Names that must be quoted exactly: the Code of Practice's four areas of need.
ALLOWED = ["communication and interaction cognition and learning social emotional and mental health"]


def words(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", " | ", text)  # an address is a break, never part of a run
    return re.findall(r"[a-z']+|\|", text.lower())


def copied_runs(text: str, grams: set[tuple[str, ...]], length: int = RUN) -> list[str]:
    tokens = words(text)
    for phrase in ALLOWED:
        tokens = " ".join(tokens).replace(phrase, "|").split()
    hits = [i for i in range(len(tokens) - length + 1) if tuple(tokens[i : i + length]) in grams]
    return [" ".join(tokens[i : i + length]) for i in hits if "|" not in tokens[i : i + length]]


def ngrams(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def reference_folder() -> Path | None:
    # The shared reference folder sits beside the checkout, or beside the folder of worktrees.
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / "reference").is_dir():
            return shared / "reference"
    return None


def test_no_page_copies_a_run_of_words_from_the_reference_documents() -> None:
    folder = reference_folder()
    if folder is None:
        pytest.skip("the shared reference folder is not beside this checkout")
    grams: set[tuple[str, ...]] = set()
    for document in sorted(folder.glob("*.txt")):
        grams |= ngrams(document.read_text(encoding="utf-8", errors="ignore"))
    assert grams
    problems = []
    for path in sorted([*CONTENT.rglob("*.md"), CONTENT / "local.yml"]):
        for run in copied_runs(path.read_text(encoding="utf-8"), grams):
            problems.append(f"{path.relative_to(CONTENT)}: '{run}'")
    assert not problems, "write these in your own words:\n" + "\n".join(sorted(set(problems)))


def test_the_copied_run_check_can_fail() -> None:
    source = "Pupils should be given time to rest between tasks so that they can return to learning calmly."
    grams = ngrams(source)
    assert copied_runs("Staff said: pupils should be given time to rest between tasks so that they can return.", grams)
    assert not copied_runs("Give pupils a short rest between tasks. They come back to learning calmer.", grams)
    four_areas = (
        "the four areas: communication and interaction, cognition and learning, social, emotional and mental health"
    )
    assert not copied_runs(four_areas, ngrams(four_areas))
