"""YAML through the safe C loader, and front matter read without the Markdown parser."""

from __future__ import annotations

import pytest
import yaml

from handbook.settings import ROOT
from handbook.yaml_loader import front_matter, load_yaml


def test_it_loads_plain_data_and_refuses_python_objects() -> None:
    assert load_yaml("a: [1, two]\nb: null\n") == {"a": [1, "two"], "b": None}
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_broken_yaml_says_where() -> None:
    with pytest.raises(yaml.YAMLError, match="line 2"):
        load_yaml("title: ok\nlist: [unclosed\n")


def test_front_matter_is_the_block_between_the_first_two_lines() -> None:
    assert front_matter("---\ntitle: Hello\nid: x\n---\n# Hello\n\n---\nnot: this\n") == {"title": "Hello", "id": "x"}


@pytest.mark.parametrize("text", ["title: no opening line\n---\n", "---\ntitle: never closed\n"])
def test_missing_front_matter_lines_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"front matter|---"):
        front_matter(text)


def test_a_real_training_page_gives_its_id() -> None:
    text = (ROOT / "content" / "training" / "team-teach.md").read_text(encoding="utf-8")
    assert front_matter(text)["id"] == "team-teach"
