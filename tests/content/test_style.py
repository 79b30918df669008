"""Plain English and respectful language on every page (the same checks as scripts/check_style.py)."""

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ROOT

spec = importlib.util.spec_from_file_location("check_style", ROOT / "scripts" / "check_style.py")
assert spec and spec.loader
check_style = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_style)

FILES = sorted(CONTENT.rglob("*.md"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_page_reads_in_plain_english(path: Path) -> None:
    assert check_style.check(path) == []


def test_the_checker_catches_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\n---\nThe pupil suffers from anxiety and the SENDCo says " + "very " * 20 + "much.\n")
    problems = check_style.check(bad)
    assert any("suffers" in p for p in problems)
    assert any("SENCO" in p for p in problems)
    assert any("words" in p for p in problems)


def test_no_real_names_from_the_reference_documents() -> None:
    """The reference documents name individuals; the content must name teams instead."""
    # The shared reference folder sits beside the checkout, or beside the folder of worktrees.
    found = [
        p / "reference" for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "reference").is_dir()
    ]
    if not found:
        pytest.skip("the shared reference folder is not beside this checkout")
    reference = found[0]
    import re

    names = set(
        re.findall(
            r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b(?=[^\n]{0,40}@|,? (?:Head|Lead|Manager|Principal|Senior))",
            "\n".join(p.read_text(errors="ignore") for p in reference.glob("*.txt")),
        )
    )
    text = "\n".join(p.read_text(encoding="utf-8") for p in FILES)
    assert not [n for n in names if n in text]
