"""Ordinarily available provision: complete tables, checklists that match them, rows that search can find."""

import html
import re
from pathlib import Path

import pytest

from handbook.pages import Page

AREAS = ["general", "communication-interaction", "cognition-learning", "semh", "sensory-physical"]
CROSS_CUTTING = ["Assessment and monitoring", "Who coordinates", "Learning environment", "Resources and equipment",
                 "Staff skills and training", "Transition"]  # fmt: skip


def provision(pages: list[Page], area: str) -> Page:
    return next(p for p in pages if p.path == f"provision/{area}.md")


@pytest.mark.parametrize("area", AREAS)
def test_every_table_has_enough_rows(pages: list[Page], area: str) -> None:
    # The loader (handbook.schema.ProvisionRow) already refuses empty cells and unknown need slugs.
    page = provision(pages, area)
    assert page.kind == "provision"
    assert len(page.meta["rows"]) >= 8


@pytest.mark.parametrize("area", AREAS[1:])
def test_area_tables_cover_their_sub_needs_and_cross_cutting_rows(pages: list[Page], contract, area: str) -> None:
    rows = provision(pages, area).meta["rows"]
    linked = {slug for row in rows for slug in row["needs"]}
    assert {n.slug for n in contract.needs if n.area == area} <= linked
    topics = " ".join(row["topic"].lower() for row in rows)
    for name in CROSS_CUTTING:
        assert name.lower().split()[0] in topics, f"{area}: no '{name}' row"


def test_explanation_page_covers_the_waves_and_the_legal_test(pages: list[Page]) -> None:
    sections = provision(pages, "index").doc.sections
    text = " ".join([s.heading for s in sections] + [b.text for s in sections for b in s.blocks]).lower()
    for words in ("wave 1", "wave 2", "wave 3", "sen support", "graduated approach", "mainstream"):
        assert words in text, words


@pytest.mark.parametrize("area", AREAS)
def test_checklist_matches_the_table(built_site: Path, pages: list[Page], area: str) -> None:
    def text_of(path: Path) -> str:  # the page as a reader sees it: tags (such as acronym tooltips) removed
        return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))

    checklist = text_of(built_site / "provision" / "checklists" / area / "index.html")
    table = text_of(built_site / "provision" / area / "index.html")
    for row in provision(pages, area).meta["rows"]:
        for wave in ("wave1", "wave2", "wave3"):
            cell = " ".join(row[wave].split())
            assert cell in checklist, f"{area} checklist is missing: {cell[:60]}"
            assert cell in table
    assert checklist.count("☐") == 3 * 3 * len(provision(pages, area).meta["rows"])


def test_search_finds_wave_2_cells_for_reading(client) -> None:
    results = client.get("/api/search", params={"q": "what should wave 2 look like for reading", "k": 10}).json()[
        "results"
    ]
    cells = [r for r in results if r["kind"] == "provision" and r["wave"] == 2]
    assert cells and cells[0]["area"] == "cognition-learning"
