from handbook.vocabulary import Vocabulary
from tests.handbook.record_examples import catalogue, need_dict

CATALOGUE = catalogue(
    need_dict("medical-conditions", title="Medical conditions", aliases=["fit", "seizures"]),
    glossary=[
        {"term": "EP", "stands_for": "educational psychologist", "meaning": "..."},
        {
            "term": "SENCO",
            "stands_for": "special educational needs co-ordinator",
            "meaning": "...",
            "aliases": ["SENDCo"],
        },
        {"term": "EBSA", "stands_for": "emotionally based school avoidance", "meaning": "..."},
        {"term": "Wave 1", "meaning": "a term with no expansion adds nothing"},
    ],
)


def test_acronyms_expand_case_sensitively_when_short() -> None:
    vocabulary = Vocabulary.from_catalogue(CATALOGUE)
    assert "educational psychologist" in vocabulary.expand("EP said working memory is low")
    assert vocabulary.expand("step by step") == "step by step"


def test_longer_terms_and_aliases_expand_in_any_case() -> None:
    vocabulary = Vocabulary.from_catalogue(CATALOGUE)
    assert "special educational needs co-ordinator" in vocabulary.expand("ask the sendco")
    assert "emotionally based school avoidance" in vocabulary.expand("ebsa")
    assert "Medical conditions" in vocabulary.expand("what to do if a child has a fit")
