import pytest

from handbook.errors import ContentError
from handbook.markdown_parse import parse_markdown

PAGE = """---
title: Example
---
# Example

An **answer** first, with a [link](other.md).

## Wave 1: in every classroom

- **Say the pupil's name first.** It cues attention.
    - *Evidence:* small studies.
- Plain item

## Phase notes

### Early years

- Keep carpet time short.

| Need | Wave 1 |
|---|---|
| Speech | Model words |
"""


def test_parses_title_intro_and_sections() -> None:
    doc = parse_markdown("x.md", PAGE)
    assert doc.title == "Example"
    assert doc.front_matter == {"title": "Example"}
    assert doc.intro[0].text == "An answer first, with a link."
    assert doc.intro[0].links == ["other.md"]
    assert [s.heading for s in doc.sections] == ["Wave 1: in every classroom", "Phase notes", "Early years"]


def test_items_keep_their_bold_lead_and_nested_details() -> None:
    wave1 = parse_markdown("x.md", PAGE).sections[0]
    first, second = wave1.blocks
    assert first.kind == "item"
    assert first.lead == "Say the pupil's name first."
    assert first.details == ["Evidence: small studies."]
    assert "It cues attention." in first.text
    assert second.lead == ""


def test_anchors_match_python_markdown_toc() -> None:
    doc = parse_markdown("x.md", PAGE)
    assert doc.sections[0].anchor == "wave-1-in-every-classroom"
    assert doc.sections[2].anchor == "early-years"
    assert doc.sections[2].parent == "Phase notes"


def test_duplicate_headings_get_unique_anchors() -> None:
    doc = parse_markdown("x.md", "---\ntitle: t\n---\n# T\n\n## Notes\n\ntext\n\n## Notes\n\nmore\n")
    assert [s.anchor for s in doc.sections] == ["notes", "notes_1"]


def test_table_rows_become_blocks_without_the_header() -> None:
    doc = parse_markdown("x.md", PAGE)
    rows = [b for b in doc.sections[2].blocks if b.kind == "row"]
    assert [r.cells for r in rows] == [["Speech", "Model words"]]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# No front matter\n", "no YAML front matter"),
        ("---\ntitle: [unclosed\n---\n# T\n", "not valid YAML"),
        ("---\n- a list\n---\n# T\n", "must be a YAML mapping"),
    ],
)
def test_broken_front_matter_names_the_file_and_reason(text: str, reason: str) -> None:
    with pytest.raises(ContentError) as error:
        parse_markdown("needs/semh/anxiety.md", text)
    assert "needs/semh/anxiety.md" in str(error.value)
    assert reason in str(error.value)
