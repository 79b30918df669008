"""Every need in needs.yaml has a complete page. The loader (handbook.schema) already enforces the
front matter types, the file's place and the section order; these tests check the content rules it does not."""

import pytest

from handbook.contract import load_contract
from handbook.pages import Page
from tests.conftest import CONTRACT

SLUGS = load_contract(CONTRACT).slugs
MINIMUM_ITEMS = {"What you might notice": 10, "Wave 1: in every classroom": 8, "Wave 2: targeted support": 4}


def need_page(pages: list[Page], slug: str) -> Page:
    matches = [p for p in pages if p.kind == "need" and p.stem == slug]
    assert len(matches) == 1, f"expected one page for {slug}"
    return matches[0]


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_links_its_neighbours_and_has_enough_aliases(pages: list[Page], slug: str) -> None:
    meta = need_page(pages, slug).meta
    for key in ("related_needs", "training", "services"):  # the loader allows empty lists; a full page has all three
        assert meta.get(key), f"{slug}: {key}"
    assert len(meta["aliases"]) >= 5


@pytest.mark.parametrize("slug", SLUGS)
def test_sections_have_minimum_counts(pages: list[Page], slug: str) -> None:
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


def test_safeguarding_page_has_its_extra_sections(pages: list[Page]) -> None:
    page = need_page(pages, "safeguarding-concerns")
    headings = [s.heading for s in page.doc.sections if s.level == 2]
    assert headings[:3] == [
        "What every adult must do today",
        "Why SEND can hide signs of harm",
        "What you might notice",
    ]
    today = page.doc.section("What every adult must do today").text.lower()
    assert "straight away" in today and "before the pupil goes home" in today


def test_every_area_has_an_index_page(pages: list[Page], contract) -> None:
    areas = {p.path.split("/")[1] for p in pages if p.kind == "area"}
    assert areas == set(contract.areas)
