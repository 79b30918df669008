from pathlib import Path

import pytest

from handbook.contract import NeedsContract
from handbook.errors import ContentError
from handbook.pages import load_page, load_pages, page_url
from tests.conftest import CONTENT, copy_content


def test_page_urls_follow_directory_urls() -> None:
    assert page_url("index.md") == "/"
    assert page_url("needs/semh/anxiety.md") == "/needs/semh/anxiety/"
    assert page_url("needs/semh/index.md") == "/needs/semh/"


def test_real_content_loads(pages: list, contract: NeedsContract) -> None:
    need_pages = {p.stem for p in pages if p.kind == "need"}
    assert need_pages == set(contract.slugs)


def write(content: Path, relative: str, text: str) -> Path:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_slug_fails_with_file_and_reason(tmp_path: Path, contract: NeedsContract) -> None:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    path = write(tmp_path, "needs/semh/worry.md", source)
    with pytest.raises(ContentError) as error:
        load_page(tmp_path, path, contract)
    assert error.value.path == "needs/semh/worry.md"
    assert "unknown need slug 'worry'" in error.value.reason


def test_missing_section_fails(tmp_path: Path, contract: NeedsContract) -> None:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    path = write(tmp_path, "needs/semh/anxiety.md", source.replace("## Check first", "## Check this"))
    with pytest.raises(ContentError, match="Check first' is missing"):
        load_page(tmp_path, path, contract)


def test_wrong_area_fails(tmp_path: Path, contract: NeedsContract) -> None:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    path = write(tmp_path, "needs/semh/anxiety.md", source.replace("area: semh", "area: cognition-learning", 1))
    with pytest.raises(ContentError, match=r"does not match needs\.yaml"):
        load_page(tmp_path, path, contract)


def test_need_page_in_another_areas_folder_fails(tmp_path: Path, contract: NeedsContract) -> None:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    path = write(tmp_path, "needs/cognition-learning/anxiety.md", source)
    with pytest.raises(ContentError, match="the page must sit in needs/semh/"):
        load_page(tmp_path, path, contract)


def test_missing_review_date_fails(tmp_path: Path, contract: NeedsContract) -> None:
    path = write(
        tmp_path,
        "about.md",
        "---\ntitle: A\ndescription: d\nsources: [{title: s}]\nlast_reviewed: 2026-01-01\n---\n# A\n",
    )
    with pytest.raises(ContentError, match="review_due"):
        load_page(tmp_path, path, contract)


def test_unknown_training_module_fails_across_pages(tmp_path: Path, contract: NeedsContract) -> None:
    content = copy_content(tmp_path)
    page = content / "needs/semh/anxiety.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("training: [", "training: [no-such-module, ", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="unknown training module 'no-such-module'"):
        load_pages(content, contract)


def anxiety_with(tmp_path: Path, old: str, new: str) -> Path:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    assert old in source
    return write(tmp_path, "needs/semh/anxiety.md", source.replace(old, new, 1))


def clarify_line() -> str:
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    return next(line for line in source.splitlines() if line.startswith("clarify:"))


@pytest.mark.parametrize(
    ("replacement", "reason"),
    [
        ("", "missing 'clarify'"),
        ('clarify: "Is it mostly worry"', "ends with '\\?'"),
        ('clarify: ["Is it worry?"]', "valid string"),
        ('clarify: "Is it mostly about worry, fear, panic, dread or nerves before tests and speaking?"', "12 or fewer"),
    ],
)
def test_bad_clarify_question_fails(tmp_path: Path, contract: NeedsContract, replacement: str, reason: str) -> None:
    path = anxiety_with(tmp_path, clarify_line(), replacement)
    with pytest.raises(ContentError, match=reason):
        load_page(tmp_path, path, contract)


def test_start_here_is_required_and_first(tmp_path: Path, contract: NeedsContract) -> None:
    path = anxiety_with(tmp_path, "## Start here", "## Begin here")
    with pytest.raises(ContentError, match="Start here' is missing"):
        load_page(tmp_path, path, contract)
    source = (CONTENT / "needs/semh/anxiety.md").read_text(encoding="utf-8")
    start = source.index("## Start here")
    end = source.index("## What you might notice")
    moved = source[:start] + source[end:].replace("## Check first", source[start:end] + "## Check first", 1)
    path = write(tmp_path, "needs/semh/anxiety.md", moved)
    with pytest.raises(ContentError, match="out of order"):
        load_page(tmp_path, path, contract)


def test_bad_training_front_matter_names_the_file_and_every_problem(tmp_path: Path, contract: NeedsContract) -> None:
    source = (CONTENT / "training/cond-autism.md").read_text(encoding="utf-8")
    broken = source.replace("category: condition-specific", "category: basic", 1).replace(
        "duration_minutes:", "duration_minutes: -5\nold_duration:", 1
    )
    path = write(tmp_path, "training/cond-autism.md", broken)
    with pytest.raises(ContentError) as error:
        load_page(tmp_path, path, contract)
    assert error.value.path == "training/cond-autism.md"
    assert "'category' is 'basic', which is not one of 'core'" in error.value.reason
    assert "'duration_minutes' must be a positive whole number" in error.value.reason
    assert "unknown field 'old_duration'" in error.value.reason


def test_loaded_pages_carry_their_typed_front_matter(pages: list) -> None:
    from handbook.schema import FRONT_MATTER_MODELS

    assert all(isinstance(p.front, FRONT_MATTER_MODELS[p.kind]) for p in pages)
