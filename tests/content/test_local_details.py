"""Local details live in content/local.yml only; every box renders, and nothing shows a placeholder."""

import importlib.util
import logging
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook.errors import ContentError
from site_hooks import hooks
from site_hooks.local_details import (
    LOCAL_FILE,
    expand_markers,
    load_local_details,
    markers,
    parse_local_details,
    render_box,
)
from tests.conftest import CONTENT, ROOT

spec = importlib.util.spec_from_file_location("check_style", ROOT / "scripts" / "check_style.py")
assert spec and spec.loader
check_style = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_style)

# Placeholder text a reader must never see: "Add the local ... here", "... here", TODO and friends.
PLACEHOLDER = re.compile(
    r"\bAdd (the|your|any|where)\b[^.<]{0,160}\bhere\b"
    r"|\bAdd the (local|name|team)\b"
    r"|\.\.\. ?here\b|…\s?here\b"
    r"|\b(TODO|TBC|TBD|FIXME|lorem ipsum)\b"
    r"|\[(Type|Insert) [^\]]*\]"
    r"|<!-- local-details",
    re.I,
)
PAGES = sorted(CONTENT.rglob("*.md"))


def minimal(**detail: Any) -> dict[str, Any]:
    base = {"label": "Crisis line", "value": "", "ask": "for the local crisis line", "national": "Call NHS 111."}
    return {"area": "Testshire", "boxes": {"camhs": {"title": "Local details", "details": [base | detail]}}}


# --- the loader and the renderer --------------------------------------------------------------------
def test_an_empty_value_renders_the_ask_line_and_the_national_route() -> None:
    details = parse_local_details(minimal())
    box = render_box(details.boxes["camhs"], details.area)
    assert box.startswith('!!! abstract "Local details (Testshire)"')
    assert "**Crisis line:** Ask your SENCO for the local crisis line. Call NHS 111." in box
    assert details.empty_values() == ["camhs: Crisis line"]


def test_a_filled_value_renders_as_it_is() -> None:
    details = parse_local_details(minimal(value="0800 000 0000 (24 hours)."))
    assert "**Crisis line:** 0800 000 0000 (24 hours)." in render_box(details.boxes["camhs"], details.area)
    assert details.empty_values() == []


@pytest.mark.parametrize(
    ("detail", "reason"),
    [
        ({"value": "crisis.team@example.gov.uk"}, "email"),
        ({"national": ""}, "'national' is missing"),
        ({"national": "Call NHS 111"}, "full sentence"),
        ({"ask": "the crisis line"}, "'ask' must start"),
        ({"who": "Dr Smith"}, "'who' must be one of"),
        ({"phone": "0800"}, "unknown keys"),
        ({"value": 111}, "must be text"),
    ],
)
def test_a_bad_detail_fails_with_a_clear_reason(detail: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContentError, match=reason) as error:
        parse_local_details(minimal(**detail))
    assert LOCAL_FILE in str(error.value)


@pytest.mark.parametrize("data", [None, [], {"area": "x"}, {"area": "x", "boxes": {"Bad Name": {}}}])
def test_a_broken_file_fails_clearly(data: Any) -> None:
    with pytest.raises(ContentError):
        parse_local_details(data)


def test_an_unknown_box_fails_the_page_by_name() -> None:
    details = parse_local_details(minimal())
    page = "Intro.\n\n<!-- local-details: camhs -->\n\n<!-- local-details: nowhere -->\n"
    with pytest.raises(ContentError, match=r"services/x\.md: unknown local details box 'nowhere'"):
        expand_markers(page, details, "services/x.md")
    assert "Ask your SENCO" in expand_markers(page.split("\n\n<!-- local-details: nowhere")[0], details, "x.md")


def test_the_warning_option_lists_every_empty_value(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for page in PAGES:
        target = content / page.relative_to(CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
    (content / LOCAL_FILE).write_text(yaml.safe_dump(minimal()), encoding="utf-8")
    config: Any = {"docs_dir": str(content)}
    with caplog.at_level(logging.WARNING):
        monkeypatch.delenv("SEND_HANDBOOK_WARN_EMPTY_LOCAL_DETAILS", raising=False)
        hooks.on_config(config)
        assert not [r for r in caplog.records if LOCAL_FILE in r.getMessage()]
        monkeypatch.setenv("SEND_HANDBOOK_WARN_EMPTY_LOCAL_DETAILS", "1")
        hooks.on_config(config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("no value yet for camhs: Crisis line" in w for w in warnings), warnings
    hooks.on_config({"docs_dir": str(CONTENT)})  # leave the hook loaded with the real content


# --- the real file -----------------------------------------------------------------------------------
def test_local_file_loads_and_every_marker_has_a_box() -> None:
    details = load_local_details(CONTENT)
    used = {key for page in PAGES for key in markers(page.read_text(encoding="utf-8"))}
    assert used - set(details.boxes) == set(), "pages ask for boxes the local file does not have"
    assert set(details.boxes) - used == set(), "the local file has boxes no page shows"


def test_every_service_page_shows_local_details() -> None:
    for page in sorted((CONTENT / "services").glob("*.md")):
        if page.stem != "index":
            assert markers(page.read_text(encoding="utf-8")), f"{page.name} has no local details box"


def test_local_details_are_not_written_into_pages() -> None:
    """A page gets local details only from the local file: no hand-written 'Local details' box."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert '!!! abstract "Local details' not in text, f"{page.relative_to(CONTENT)} has a hand-written box"


def test_local_file_is_filled_from_the_reference_teams() -> None:
    details = load_local_details(CONTENT)
    filled = [d.value for box in details.boxes.values() for d in box.details if d.value]
    assert len(filled) >= 25
    assert any("024 7678 6174" in value for value in filled)  # the sensory team, from the reference document


def test_local_file_has_no_personal_emails_or_named_people() -> None:
    text = (CONTENT / LOCAL_FILE).read_text(encoding="utf-8")
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    # The shared reference folder sits beside the checkout, or beside the folder of worktrees.
    reference = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), None)
    if reference is not None:
        reference = reference / "reference"
        names = set(
            re.findall(
                r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b(?=[^\n]{0,40}@|,? (?:Head|Lead|Manager|Principal|Senior))",
                "\n".join(p.read_text(errors="ignore") for p in reference.glob("*.txt")),
            )
        )
        assert not [n for n in names if n in text]


def test_every_box_reads_in_plain_english() -> None:
    details = load_local_details(CONTENT)
    for box in details.boxes.values():
        lines = [box.intro] + [detail.value or detail.missing_line for detail in box.details]
        for line in filter(None, lines):
            for sentence in check_style.sentences(line):
                words = len(sentence.split())
                assert words <= check_style.MAX_WORDS, f"{box.key}: {words} words: {sentence}"


# --- the built site ------------------------------------------------------------------------------------
def test_the_placeholder_pattern_catches_the_old_lines() -> None:
    for old in (
        "Add the local children's social care front door and out-of-hours number.",
        "Add the local CAMHS single point of access, referral form and crisis line here.",
        "Add your school's concern form, how to book time with the SENCO and their days in school here.",
        "Add the name of the MHST that covers your school and how to make a request.",
        "Give the crisis line ... here.",
    ):
        assert PLACEHOLDER.search(old), old
    assert not PLACEHOLDER.search("Add the strategies to the pupil passport and support plan.")


def test_no_built_page_shows_placeholder_text(built_site: Path) -> None:
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        main = text.split('<article class="md-content__inner', 1)[-1]
        for match in PLACEHOLDER.finditer(main):
            problems.append(f"{page.relative_to(built_site)}: {match.group(0)}")
    assert not problems, "\n".join(problems)


def test_built_service_pages_show_the_boxes(built_site: Path) -> None:
    sensory = (built_site / "services" / "sensory-team" / "index.html").read_text(encoding="utf-8")
    assert "024 7678 6174" in sensory and "Local details: sensory team (Coventry)" in sensory
    camhs = (built_site / "services" / "camhs-mental-health-support-team" / "index.html").read_text(encoding="utf-8")
    assert "NHS 111" in camhs and "Ask your" in camhs
    assert not (built_site / LOCAL_FILE).exists(), "the raw local file is not published"
