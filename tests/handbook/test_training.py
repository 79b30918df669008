"""The safeguarding classifier's pieces without a model: n-gram features, the wide head and the threshold."""

import numpy as np
import pytest

from handbook.linear import LinearHead
from handbook.ngrams import NGRAM_BUCKETS, ngram_features, ngram_matrix
from handbook.training import (
    PAGE_GROUP,
    RISK_LABEL,
    detector_threshold,
    out_of_fold,
    recall_first_threshold,
    safeguarding_design,
)
from search_service.safeguarding import SafeguardingDetector, rules


def test_ngram_features_are_a_fixed_unit_vector() -> None:
    first = ngram_features("he said his dad hits him")
    again = ngram_features("he said his dad hits him")
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
    assert np.all(np.diff(first[0]) > 0)  # sorted and distinct
    assert first[0].max() < NGRAM_BUCKETS
    assert np.dot(first[1], first[1]) == pytest.approx(1.0)
    assert len(ngram_features("")[0]) == 0 and len(ngram_features("?!")[0]) == 0


def test_a_typo_shares_many_letter_pieces_with_the_right_spelling() -> None:
    right, typo, other = (set(ngram_features(t)[0]) for t in ("bruises", "bruisse", "reading"))
    assert len(right & typo) > len(right) / 3
    assert len(right & other) < len(right & typo)


def test_the_sparse_matrix_matches_the_features() -> None:
    data, indices, indptr = ngram_matrix(["a cat", "", "the dog barks"])
    assert list(np.diff(indptr)) == [len(ngram_features(t)[0]) for t in ("a cat", "", "the dog barks")]
    start, end = indptr[2], indptr[3]
    assert np.array_equal(indices[start:end], ngram_features("the dog barks")[0])
    assert np.allclose(data[start:end], ngram_features("the dog barks")[1])


def wide_head(word_weight: float, word: str = "eczema") -> LinearHead:
    """A head over a 4-number embedding and the n-grams, with weight on one word's n-grams alone."""
    weights = np.zeros((1, 4 + NGRAM_BUCKETS), dtype=np.float32)
    weights[0, :4] = [1.0, 0.0, 0.0, 0.0]
    indices, _ = ngram_features(word)
    weights[0, 4 + indices] = word_weight
    return LinearHead((RISK_LABEL,), weights, np.zeros(1, dtype=np.float32), 1.0, 0.5)


def test_a_wide_head_reads_the_text_and_round_trips_through_its_array() -> None:
    head = wide_head(-3.0)
    assert head.reads_ngrams and head.dimension == 4
    again = LinearHead.from_array(head.labels, head.to_array(), 1.0, 0.5)
    assert again.reads_ngrams and again.dimension == 4
    vector = np.array([[2.0, 0.0, 0.0, 0.0]], dtype=np.float32)
    plain = head.probabilities(vector, ["scratches on her arms"])[0]
    explained = again.probabilities(vector, ["scratches on her arms from eczema"])[0]
    assert plain > 0.8 and explained < plain
    with pytest.raises(ValueError, match="n-grams"):
        head.probabilities(vector)


def test_an_embedding_only_head_ignores_the_text() -> None:
    head = LinearHead((RISK_LABEL,), np.ones((1, 4), dtype=np.float32), np.zeros(1, dtype=np.float32))
    assert not head.reads_ngrams and head.dimension == 4
    vector = np.zeros((1, 4), dtype=np.float32)
    assert head.probabilities(vector)[0] == pytest.approx(head.probabilities(vector, ["anything"])[0])


def test_the_detector_threshold_counts_what_the_rules_catch() -> None:
    probabilities = np.array([0.9, 0.8, 0.3, 0.2, 0.1, 0.05, 0.6])
    positive = np.array([True, True, True, True, True, False, False])
    flagged = np.array([False, False, False, False, True, False, False])  # a pattern catches the fifth
    blocked = np.zeros(7, dtype=bool)
    # 4 of 5 (0.8): the pattern catches one, so the classifier must catch 3 of the other 4
    assert detector_threshold(probabilities, positive, flagged, blocked, 0.8) == pytest.approx(0.3)
    # everything: it must catch all 4
    assert detector_threshold(probabilities, positive, flagged, blocked, 1.0) == pytest.approx(0.2)
    # a positive the guard answers is lost whatever the threshold, so the others must all be caught
    blocked = np.array([False, False, False, True, False, False, False])
    assert detector_threshold(probabilities, positive, flagged, blocked, 0.8) == pytest.approx(0.3)


def test_the_recall_first_threshold_serves_every_category_with_enough_positives() -> None:
    # eight neglect risks the classifier finds easily, five self-harm risks it scores low, two FGM risks
    probabilities = np.array([0.9] * 8 + [0.4, 0.35, 0.3, 0.25, 0.2] + [0.1, 0.15] + [0.5, 0.6])
    positive = np.array([True] * 15 + [False] * 2)
    categories = np.array(["neglect"] * 8 + ["self-harm"] * 5 + ["fgm"] * 2 + ["lookalike"] * 2)
    none = np.zeros(17, dtype=bool)

    def threshold(*args: float, floor: float | None = None) -> float:
        return recall_first_threshold(probabilities, positive, none, none, categories, *args, classifier_recall=floor)

    # overall 0.8 of 15 allows 3 misses; self-harm (5 positives) at 0.8 allows one miss: 0.25
    assert threshold(0.8, 0.8) == pytest.approx(0.25)
    # every self-harm risk must be caught: 0.2; FGM has too few positives to decide (overall allows 3 misses)
    assert threshold(0.8, 1.0) == pytest.approx(0.2)
    # with FGM counted as a category too, both its risks must be caught
    assert threshold(0.8, 1.0, 2) == pytest.approx(0.1)
    # a pattern that catches the low self-harm scores does not raise the bar the classifier alone must meet
    flagged = np.array([False] * 8 + [True] * 5 + [False] * 4)
    lenient = recall_first_threshold(
        probabilities, positive, flagged, none, categories, 0.8, 1.0, classifier_recall=None
    )
    assert lenient == pytest.approx(0.9)
    floored = recall_first_threshold(
        probabilities, positive, flagged, none, categories, 0.8, 1.0, classifier_recall=0.9
    )
    assert floored == pytest.approx(0.15)


def test_out_of_fold_keeps_the_pages_in_every_fold_and_never_predicts_them() -> None:
    seen: list[int] = []

    class Model:
        classes_ = np.array([False, True])

        def predict_proba(self, x: np.ndarray) -> np.ndarray:
            return np.column_stack([1 - x[:, 0], x[:, 0]])

    def fit(x: np.ndarray, y: np.ndarray) -> Model:
        seen.append(int((x[:, 1] == 1).sum()))  # the page rows in this fold's training part
        return Model()

    groups = [PAGE_GROUP] * 2 + [f"site{i}" for i in range(6)]
    x = np.column_stack([np.linspace(0.1, 0.8, 8), [1, 1, 0, 0, 0, 0, 0, 0]])
    y = np.array([True, False, True, False, True, False, True, False])
    result = out_of_fold(x, y, groups, fit, always=PAGE_GROUP)
    assert seen == [2] * 5
    assert np.all(result[:2] == 0) and np.allclose(result[2:, 1], x[2:, 0])


def test_the_rules_flag_block_or_leave_it_to_the_classifier() -> None:
    assert rules("she says her step-dad hits her").flagged
    eczema = rules("scratches on her arms from her eczema")
    assert eczema.blocked and not eczema.flagged
    reading = rules("struggles to read longer words")
    assert not reading.flagged and not reading.blocked and reading.matches == ()


def test_the_detector_passes_the_text_to_a_wide_head() -> None:
    detector = SafeguardingDetector(wide_head(-5.0, "football"))
    vector = np.array([[2.0, 0.0, 0.0, 0.0]], dtype=np.float32)
    assert detector.check("he seems sad and withdrawn", vector).risk
    assert not detector.check("he seems sad after football", vector).risk


def test_the_build_stores_a_safeguarding_head_that_reads_ngrams(built_index, embedder) -> None:
    from handbook.index_store import read_index

    settings = built_index
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    head = stored.heads["safeguarding"]
    assert head.reads_ngrams and head.dimension == embedder.dimension
    info = stored.manifest.heads["safeguarding"]
    assert info.training["ngram_buckets"] == NGRAM_BUCKETS
    assert 0.0 < head.threshold < 1.0


def test_the_risk_share_of_a_multinomial_head_sums_its_risk_classes() -> None:
    from handbook.risk_classes import fine_class, risk_share

    labels = (fine_class(False, "medical"), fine_class(True, "neglect"), fine_class(True, "online-harm"))
    assert labels == ("ordinary:medical", "risk:neglect", "risk:online-harm")
    probabilities = np.array([[0.5, 0.2, 0.3], [0.9, 0.05, 0.05]])
    assert risk_share(probabilities, labels) == pytest.approx([0.5, 0.1])
    assert risk_share(np.array([0.7]), ("risk",)) == pytest.approx([0.7])  # a binary head, as before
    with pytest.raises(ValueError, match="risk"):
        risk_share(probabilities, ("ordinary:a", "ordinary:b", "ordinary:c"))


def test_class_weights_balance_the_classes_or_the_two_sides() -> None:
    from handbook.training import class_weights

    classes = np.array(["risk:a", "risk:a", "risk:b", "ordinary:c", "ordinary:c", "ordinary:c"])
    balanced = class_weights(classes, "balanced")
    totals = {name: balanced[classes == name].sum() for name in set(classes.tolist())}
    assert len(set(np.round(list(totals.values()), 9))) == 1  # every class weighs the same in total
    sides = class_weights(classes, "sides")
    assert sides[classes != "ordinary:c"].sum() == pytest.approx(sides[classes == "ordinary:c"].sum())
    with pytest.raises(ValueError, match="weighting"):
        class_weights(classes, "nonsense")


def test_a_multinomial_head_separates_kinds_and_the_detector_reads_its_risk_share() -> None:
    from handbook.training import fit_multinomial

    texts = [
        "he told me his dad hurts him",
        "she said her uncle hurts her",
        "no food at home again and always hungry",
        "he came in hungry with no coat again",
        "eczema on her arms again",
        "eczema flare on his hands",
        "struggles to read long words",
        "finds reading long words hard",
    ]
    classes = np.array(["risk:disclosure"] * 2 + ["risk:neglect"] * 2 + ["ordinary:skin"] * 2 + ["ordinary:needs"] * 2)
    vectors = np.ones((len(texts), 4), dtype=np.float32) / 2
    head = fit_multinomial(safeguarding_design(vectors, texts), classes, c=16.0)
    assert head.labels == ("ordinary:needs", "ordinary:skin", "risk:disclosure", "risk:neglect")
    detector = SafeguardingDetector(LinearHead(head.labels, head.weights, head.bias, 1.0, 0.5))
    vector = np.ones((1, 4), dtype=np.float32) / 2
    assert detector.check("his dad hurts him", vector).risk
    assert not detector.check("eczema on her hands", vector).risk


def test_look_alike_classes_can_weigh_more_within_the_ordinary_side() -> None:
    from handbook.training import class_weights

    classes = np.array(["risk:a", "risk:b", "risk:b", "ordinary:medical", "ordinary:needs:semh", "ordinary:needs:semh"])
    plain = class_weights(classes, "sides", 1.0)
    heavy = class_weights(classes, "sides", 2.0)
    assert heavy[classes == "risk:a"] == pytest.approx(plain[classes == "risk:a"])  # the risk side is unchanged
    ordinary = np.char.startswith(classes, "ordinary:")
    assert heavy[ordinary].sum() == pytest.approx(plain[ordinary].sum())  # the ordinary side still weighs half
    lookalike, need = heavy[classes == "ordinary:medical"].sum(), heavy[classes == "ordinary:needs:semh"].sum()
    assert lookalike == pytest.approx(2 * need)
    assert plain[classes == "ordinary:medical"].sum() == pytest.approx(plain[classes == "ordinary:needs:semh"].sum())


def test_the_unrelated_sentences_train_a_class_of_their_own_in_every_fold(pages, tmp_path) -> None:
    from handbook.chunks import build_catalogue
    from handbook.risk_classes import UNRELATED
    from handbook.training import safeguarding_classes, safeguarding_examples

    catalogue = build_catalogue(pages)
    (tmp_path / UNRELATED).mkdir()
    (tmp_path / UNRELATED / "train.yaml").write_text("- text: the bins go out on tuesday\n- text: the ferry is late\n")
    without = safeguarding_examples(catalogue, "train", tmp_path, unrelated=False)
    with_them = safeguarding_examples(catalogue, "train", tmp_path, unrelated=True)
    assert with_them.texts[: len(without)] == without.texts
    added = with_them.texts[len(without) :]
    assert added == ["the bins go out on tuesday", "the ferry is late"]
    assert set(with_them.groups[len(without) :]) == {PAGE_GROUP}  # in every fold's training part, never predicted
    assert set(with_them.labels[len(without) :]) == {"ordinary"}
    assert set(safeguarding_classes(with_them)[len(without) :].tolist()) == {"ordinary:unrelated"}
    assert safeguarding_examples(catalogue, "tune", tmp_path, unrelated=True).texts == []  # training only


def test_the_unrelated_sentences_are_our_own_and_none_of_them_judges_the_classifier() -> None:
    import re

    from evaluation.evaluate import OFF_TOPIC, OTHER_LANGUAGES
    from evaluation.tune_nonsense import DEVELOPMENT
    from handbook.datasets import DATA_DIR, load_split
    from handbook.risk_classes import UNRELATED
    from tests.conftest import ROOT

    path = DATA_DIR / UNRELATED / "train.yaml"
    assert "written by the project" in path.read_text(encoding="utf-8").splitlines()[0]

    def words(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    texts = [words(str(item["text"])) for item in load_split(UNRELATED, "train")]
    assert 150 <= len(texts) == len(set(texts))
    judging = re.findall(
        r'^\s+"([^"]+)",', (ROOT / "tests/search_service/test_api_nonsense.py").read_text("utf-8"), re.M
    )
    assert len(judging) > 10  # the parse found the test's examples
    judges = {words(text) for text in [*DEVELOPMENT, *OFF_TOPIC, *OTHER_LANGUAGES, *judging]}
    assert not judges & set(texts)


def test_the_manifest_records_every_setting_the_classifier_was_trained_with(built_index) -> None:
    from handbook import training
    from handbook.index_store import current_build_path, read_manifest

    build = current_build_path(built_index.index_dir)
    assert build is not None
    recorded = read_manifest(build).heads["safeguarding"].training
    assert recorded["regularisation_c"] == training.MULTINOMIAL_REGULARISATION
    assert recorded["lookalike_class_weight"] == training.LOOKALIKE_CLASS_WEIGHT
    assert recorded["unrelated_class_weight"] == training.UNRELATED_CLASS_WEIGHT
    assert recorded["threshold_recall_target"] == training.SAFEGUARDING_RECALL
    assert recorded["unrelated_examples"] > 0


def test_safeguarding_examples_record_each_need_description_and_page_signs_topic(pages, tmp_path) -> None:
    """Examples.topics: the first topic of a need description and the need of a page sign, "" otherwise
    (evaluation/tune_safeguarding.py's classes by topic read it)."""
    from handbook.chunks import build_catalogue
    from handbook.training import safeguarding_examples

    catalogue = build_catalogue(pages)
    (tmp_path / "needs").mkdir()
    (tmp_path / "needs" / "train.yaml").write_text(
        "- {text: wont sit still on the carpet, needs: [attention-and-hyperactivity, anxiety], source: {url: https://a.example/x}}\n"
    )
    examples = safeguarding_examples(catalogue, "train", tmp_path, unrelated=False)
    assert len(examples.topics) == len(examples.texts)
    row = examples.texts.index("wont sit still on the carpet")
    assert examples.topics[row] == "attention-and-hyperactivity"
    signs = {slug: need.signs for slug, need in catalogue.needs.items() if need.signs}
    slug, need_signs = next(iter(signs.items()))
    assert examples.topics[examples.texts.index(need_signs[0])] == slug
    assert examples.topics[examples.texts.index("the child may be at risk of harm at home")] == ""  # a risk statement
