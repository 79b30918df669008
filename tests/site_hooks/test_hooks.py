"""site_hooks/hooks.py: the parts of pages generated from front matter, checked on the real content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from handbook.pages import Page
from handbook.schema import Role, Wave
from site_hooks import hooks
from tests.conftest import copy_content


@pytest.fixture
def loaded(pages: list[Page], monkeypatch: pytest.MonkeyPatch) -> dict[str, Page]:
    """The hooks' page table as on_config fills it, without running MkDocs."""
    table = {page.path: page for page in pages}
    monkeypatch.setattr(hooks, "_pages", table)
    return table


def test_a_broken_page_fails_the_site_build_with_the_file_and_reason(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    page = content / "needs" / "semh" / "anxiety.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\ntitle:", "\nheading:", 1), encoding="utf-8")
    with pytest.raises(PluginError, match=r"Content check failed: needs/semh/anxiety\.md: .*'title'"):
        hooks.on_config({"docs_dir": str(content)})  # type: ignore[arg-type]


def test_the_provision_table_has_a_row_per_front_matter_row_and_links_its_needs(loaded: dict[str, Page]) -> None:
    page = loaded["provision/semh.md"]
    table = hooks.provision_table(page)
    rows = page.meta["rows"]
    assert table.count("<tr>") == len(rows) + 1  # the head row and one per row
    assert f'<td data-label="{Wave.TWO.label}">' in table
    first = rows[0]
    assert f"<strong>{first['topic']}</strong>" in table.replace("&#x27;", "'")
    assert "../../needs/semh/" in table  # need links are relative to the page
    assert "[Print the audit checklist for this table](checklists/semh.md)" in table


def test_the_checklist_has_every_row_for_every_wave(loaded: dict[str, Page]) -> None:
    page = loaded["provision/semh.md"]
    checklist = hooks.checklist_markdown(page)
    assert checklist.startswith('---\ntitle: "Audit checklist: ')
    assert checklist.count("| ☐ | ☐ | ☐ | |") == 3 * len(page.meta["rows"])
    assert [line for line in checklist.splitlines() if line.startswith("## ")] == [f"## {w.label}" for w in Wave]


def test_the_glossary_and_the_acronym_tooltips_come_from_its_front_matter(loaded: dict[str, Page]) -> None:
    terms = hooks.glossary_terms()
    assert terms
    glossary = hooks.glossary_markdown()
    assert all(f"**{hooks.cell(term['term'])}**" in glossary for term in terms)
    assert "*[DSL]: designated safeguarding lead" in hooks.abbreviations()


def test_the_pathway_table_has_a_column_and_a_section_per_role(loaded: dict[str, Page]) -> None:
    page = loaded["training/pathways.md"]
    table = hooks.role_pathway_table(page)
    header = next(line for line in table.splitlines() if line.startswith("| Module |"))
    assert header.count("|") == len(Role) + 3
    assert [line[4:] for line in table.splitlines() if line.startswith("### ")] == [role.label for role in Role]
    assert table.count("| [") == len(hooks.modules())


def test_the_planner_data_lists_every_module_role_and_need(loaded: dict[str, Page]) -> None:
    data = hooks.planner_data()
    assert [role["id"] for role in data["roles"]] == [role.value for role in Role]
    assert len(data["needs"]) == len(hooks.need_paths()) and len(data["modules"]) == len(hooks.modules())
    assert all(not module["url"].startswith("/") for module in data["modules"])
    html = hooks.planner_html(loaded["training/planner.md"])
    assert 'data-src="../../assets/data/training.json"' in html
    assert html.count('name="role"') == len(Role)


def test_the_safeguarding_steps_go_where_the_page_asks(loaded: dict[str, Page]) -> None:
    page = loaded["needs/semh/safeguarding-concerns.md"]
    steps = page.meta["steps"]
    at_marker = hooks.with_steps(f"# Title\n\nIntro.\n\n{hooks.STEPS_PLACEHOLDER}\n", page)
    assert hooks.STEPS_PLACEHOLDER not in at_marker
    assert f"    1. {hooks.cell(steps[0])}" in at_marker and f"    {len(steps)}. " in at_marker
    after_title = hooks.with_steps("# Title\n\nIntro.\n", page).split("\n")
    assert after_title[0] == "# Title" and after_title[2].startswith(f'!!! danger "{hooks.STEPS_TITLE}"')
    other = loaded["needs/semh/anxiety.md"]
    assert hooks.with_steps("# Anxiety\n", other) == "# Anxiety\n"


def test_the_footer_lists_sources_and_review_dates() -> None:
    meta = {
        "sources": [{"title": "SEND Code of Practice", "url": "https://www.gov.uk/x"}, {"title": "A | B"}],
        "last_reviewed": "2026-11-24",
        "review_due": "2027-11-24",
    }
    footer = hooks.sources_footer(meta)
    assert "- [SEND Code of Practice](https://www.gov.uk/x)" in footer and "- A \\| B" in footer
    assert "Last reviewed 24 November 2026. Next review due 24 November 2027." in footer


def test_after_the_build_the_planner_data_and_the_inline_script_hashes_are_written(
    loaded: dict[str, Page], tmp_path: Path
) -> None:
    (tmp_path / "page.html").write_text(
        '<script>var a = 1;</script><script src="x.js"></script><script type="application/ld+json">{}</script>',
        encoding="utf-8",
    )
    hooks.on_post_build({"site_dir": str(tmp_path)})  # type: ignore[arg-type]
    hashes = json.loads((tmp_path / hooks.CSP_HASHES).read_text(encoding="utf-8"))
    assert hashes == ["sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w="]  # the inline script only
    assert json.loads((tmp_path / hooks.PLANNER_DATA).read_text(encoding="utf-8")) == hooks.planner_data()
