"""The learned need ranker's pieces without a model: the numpy head, the fusion and the confidence."""

import numpy as np
import pytest

from handbook.index_records import NeedRecord
from handbook.linear import LinearHead
from handbook.training import fit_temperature, recall_threshold
from search_service.confidence import UNRELATED_DENSE, judge
from search_service.ranker import NeedRanker
from tests.handbook.record_examples import need_dict


def need(slug: str, clarify: str) -> NeedRecord:
    rows = {"start": 0, "stop": 0}
    return NeedRecord.model_validate(need_dict(slug, [], title=slug.title(), clarify=clarify, sign_rows=rows))


NEEDS = {slug: need(slug, f"Is it mostly {slug}?") for slug in ("a", "b", "c", "d")}


def head(labels=("a", "b", "c", "d")) -> LinearHead:
    weights = np.eye(len(labels), 4, dtype=np.float32) * 5
    return LinearHead(tuple(labels), weights, np.zeros(len(labels), dtype=np.float32))


def test_the_head_round_trips_through_its_array() -> None:
    original = head()
    again = LinearHead.from_array(original.labels, original.to_array(), 1.0, 0.5)
    vector = np.array([[0.1, 0.9, 0.0, 0.0]], dtype=np.float32)
    assert np.allclose(original.probabilities(vector), again.probabilities(vector))
    assert np.isclose(original.probabilities(vector).sum(), 1.0)


def test_a_binary_head_gives_one_probability() -> None:
    binary = LinearHead(("risk",), np.ones((1, 4), dtype=np.float32), np.zeros(1, dtype=np.float32))
    assert binary.probabilities(np.zeros((1, 4))).shape == (1,)
    assert binary.probabilities(np.zeros((1, 4)))[0] == pytest.approx(0.5)


def test_fusion_lets_the_ranker_lift_a_need_retrieval_missed() -> None:
    ranker = NeedRanker(head(), weight=2.0)
    probabilities = ranker.probabilities(np.array([[0, 0, 1, 0]], dtype=np.float32))
    retrieved = [("a", 0.5, "hit-a"), ("b", 0.4, "hit-b"), ("c", 0.3, "hit-c")]
    fused = ranker.fuse(retrieved, probabilities)
    assert fused[0][0] == "c"  # third in retrieval, first for the ranker
    assert fused[0][2] == "hit-c"  # the chunk retrieval matched is kept
    assert {slug for slug, _, _ in fused} == {"a", "b", "c", "d"}


def test_no_ranker_keeps_the_retrieval_order() -> None:
    retrieved = [("a", 0.5, None), ("b", 0.4, None)]
    assert NeedRanker(None).fuse(retrieved, {}) == retrieved


def test_confidence_high_when_one_need_stands_out() -> None:
    ranked = [("a", 1.0, None), ("b", 0.5, None)]
    result = judge(ranked, {"a": 0.8, "b": 0.1, "c": 0.05, "d": 0.05}, 0.6, NEEDS, set())
    assert result.level == "high" and result.clarify == []


def test_confidence_low_with_questions_when_needs_tie() -> None:
    ranked = [("a", 1.0, None), ("b", 0.9, None), ("c", 0.8, None), ("d", 0.1, None)]
    result = judge(ranked, {"a": 0.35, "b": 0.33, "c": 0.25, "d": 0.07}, 0.6, NEEDS, set())
    assert result.level == "low"
    assert [c["slug"] for c in result.clarify] == ["a", "b", "c"]
    assert result.clarify[0]["question"] == "Is it mostly a?"


def test_clarify_falls_back_to_the_description_and_skips_excluded_needs() -> None:
    needs = {**NEEDS, "b": need("b", "")}
    ranked = [("a", 1.0, None), ("b", 0.9, None), ("c", 0.8, None)]
    result = judge(ranked, {"a": 0.4, "b": 0.4, "c": 0.2}, 0.6, needs, exclude={"a"})
    assert [c["slug"] for c in result.clarify] == ["b", "c"]
    assert result.clarify[0]["question"] == "About b."


def test_confidence_none_when_nothing_fits() -> None:
    ranked = [("a", 0.1, None), ("b", 0.1, None)]
    assert judge(ranked, {"a": 0.05, "b": 0.05, "c": 0.05, "d": 0.05}, 0.1, NEEDS, set()).level == "none"
    assert judge([], {}, 0.9, NEEDS, set()).level == "none"


def test_text_naming_no_pupil_needs_a_close_chunk() -> None:
    ranked = [("a", 1.0, None), ("b", 0.5, None)]
    probabilities = {"a": 0.8, "b": 0.1, "c": 0.05, "d": 0.05}
    below, above = UNRELATED_DENSE - 0.05, UNRELATED_DENSE + 0.05
    assert judge(ranked, probabilities, below, NEEDS, set(), names_a_pupil=False).level == "none"
    assert judge(ranked, probabilities, above, NEEDS, set(), names_a_pupil=False).level == "high"
    assert judge(ranked, probabilities, below, NEEDS, set(), names_a_pupil=True).level == "high"


def test_temperature_fitting_softens_overconfident_logits() -> None:
    logits = np.array([[10.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 0.0]])
    truth = np.array([0, 1, 1, 1])  # half of the confident answers are wrong
    assert fit_temperature(logits, truth) > 1.0


def test_recall_threshold_keeps_the_recall_asked_for() -> None:
    probabilities = np.array([0.9, 0.8, 0.7, 0.2, 0.1, 0.6])
    positive = np.array([True, True, True, True, False, False])
    threshold = recall_threshold(probabilities, positive, 0.75)
    assert (probabilities[positive] >= threshold).mean() >= 0.75
    assert threshold == pytest.approx(0.7)


def test_a_ranker_with_ngrams_reads_the_words_as_well_as_the_vector() -> None:
    """Two needs whose examples share one vector: only their words tell them apart, slips included."""
    from handbook.training import fit_ranker, ranker_design

    texts = ["reading is slow", "reads slowly", "listening in class", "does not listen", "hates noise", "loud hall"] * 3
    targets = ["a", "a", "b", "b", "c", "c"] * 3
    vectors = np.ones((len(texts), 4), dtype=np.float32) / 2
    fitted = fit_ranker(("a", "b", "c"), ranker_design(vectors, texts), targets)
    assert fitted.reads_ngrams and fitted.dimension == 4
    ranker = NeedRanker(fitted)
    vector = np.ones((1, 4), dtype=np.float32) / 2
    assert max(ranker.probabilities(vector, "his raeding is slow").items(), key=lambda kv: kv[1])[0] == "a"
    assert max(ranker.probabilities(vector, "won't lisen in clas").items(), key=lambda kv: kv[1])[0] == "b"


def test_a_ranker_without_ngrams_reads_the_vector_only() -> None:
    from handbook.training import fit_ranker, ranker_design

    vectors = np.eye(3, 4, dtype=np.float32).repeat(3, axis=0)
    fitted = fit_ranker(("a", "b", "c"), ranker_design(vectors, None), ["a"] * 3 + ["b"] * 3 + ["c"] * 3)
    assert not fitted.reads_ngrams
    probabilities = NeedRanker(fitted).probabilities(vectors[:1])
    assert probabilities["a"] > probabilities["b"]
