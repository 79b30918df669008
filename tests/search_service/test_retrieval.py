from search_service.retrieval import KeywordIndex, requested_wave


def test_a_named_wave_is_one_keyword_on_both_sides() -> None:
    index = KeywordIndex(["Reading: Wave 2, targeted support", "Reading: Wave 1, universal", "Maths practice"])
    scores = index.scores("what should wave 2 look like for reading")
    assert scores[0] > scores[1] > scores[2]


def test_requested_wave() -> None:
    assert requested_wave("what should Wave 3 look like") == 3
    assert requested_wave("a wave of worry") is None
