"""handbook.contract: the needs contract loads, and a broken one is refused with the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.contract import NeedsContract, load_contract
from handbook.errors import ContentError

GOOD = """areas:
  semh: Social, emotional and mental health
needs:
  - slug: anxiety
    area: semh
    scope: worry
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "needs.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_contract(contract: NeedsContract) -> None:
    assert len(contract.slugs) == len(set(contract.slugs)) >= 40
    assert set(contract.areas) >= {"communication-interaction", "cognition-learning", "semh", "sensory-physical"}
    assert contract.need("anxiety").area == "semh"
    with pytest.raises(KeyError):
        contract.need("no-such-need")


def test_a_small_contract(tmp_path: Path) -> None:
    contract = load_contract(write(tmp_path, GOOD))
    assert contract.areas == {"semh": "Social, emotional and mental health"}
    assert contract.slugs == ["anxiety"] and contract.need("anxiety").scope == "worry"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("areas: [unclosed\n", "cannot read the needs contract"),
        ("just a string\n", "cannot read the needs contract"),
        ("areas:\n  semh: S\n", "cannot read the needs contract ('needs')"),
        ("areas:\n  semh: S\nneeds:\n  - slug: anxiety\n    area: semh\n", "cannot read the needs contract ('scope')"),
        (GOOD.replace("area: semh", "area: feelings"), "need 'anxiety' has unknown area 'feelings'"),
    ],
)
def test_a_broken_contract_names_the_file_and_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ContentError) as error:
        load_contract(path)
    assert error.value.path == str(path)
    assert reason in error.value.reason


def test_a_missing_contract(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="cannot read the needs contract"):
        load_contract(tmp_path / "nowhere.yaml")
