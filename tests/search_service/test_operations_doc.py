"""Every test that README.md and docs/operations.md cite as proof exists, under the name they give."""

from __future__ import annotations

import re

import pytest

from handbook.settings import ROOT

DOCS = ("README.md", "docs/operations.md")
CITATION = re.compile(r"`((?:tests/[\w/]+/)?test_\w+\.py)(?:::(\w+))?`")


def citations() -> list[tuple[str, str, str | None]]:
    found = []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        found += [(doc, match.group(1), match.group(2)) for match in CITATION.finditer(text)]
        # "`test_middleware.py::a`, `b`": a bare name after a cited file belongs to that file
        for match in re.finditer(r"`((?:tests/[\w/]+/)?test_\w+\.py)::\w+`((?:, `test_\w+`)+)", text):
            found += [(doc, match.group(1), name) for name in re.findall(r"`(test_\w+)`", match.group(2))]
    return found


def test_the_docs_cite_tests_at_all() -> None:
    assert len(citations()) >= 8


@pytest.mark.parametrize(("doc", "file", "name"), citations())
def test_each_cited_test_exists(doc: str, file: str, name: str | None) -> None:
    paths = [ROOT / file] if "/" in file else sorted((ROOT / "tests").rglob(file))
    assert paths and paths[0].is_file(), f"{doc} cites {file}, which does not exist"
    if name:
        assert any(f"def {name}(" in path.read_text(encoding="utf-8") for path in paths), f"{doc} cites {file}::{name}"
