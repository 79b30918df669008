"""The safeguarding classifier's fine classes: which of them are look-alikes."""

from handbook.risk_classes import is_lookalike


def test_only_the_kinds_of_safeguarding_look_alike_are_look_alikes() -> None:
    assert is_lookalike("ordinary:medical") and is_lookalike("ordinary:skin-condition")
    assert not is_lookalike("risk:neglect")
    assert not is_lookalike("ordinary:needs:semh") and not is_lookalike("ordinary:pages:semh")
    assert not is_lookalike("ordinary:unrelated")
