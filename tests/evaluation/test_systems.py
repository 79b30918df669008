"""evaluation/systems.py: the single-retriever modes the evaluation compares, outside the serving engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.systems import retrieval_ranking
from handbook.index_store import read_index
from handbook.query import PreparedQuery
from search_service.engine import SearchEngine
from tests.search_service.small_index import DIMENSION, FINGERPRINT, MODEL, FakeEmbedder, write_small_index


@pytest.fixture
def engine(tmp_path: Path) -> SearchEngine:
    write_small_index(tmp_path)
    return SearchEngine(read_index(tmp_path, MODEL, FINGERPRINT, DIMENSION, None), FakeEmbedder())


def test_hybrid_is_what_the_service_retrieves(engine: SearchEngine) -> None:
    query = PreparedQuery("calm start", "calm start")
    vector = FakeEmbedder().encode_query("calm start")
    served = engine.rank_needs(engine.retriever.search(query.expanded, vector))
    assert retrieval_ranking(engine, query, vector, "hybrid") == served


def test_each_retriever_alone(engine: SearchEngine) -> None:
    vector = FakeEmbedder().encode_query("")
    dense = retrieval_ranking(engine, PreparedQuery("zzz", "zzz"), vector, "dense")
    assert [slug for slug, _, _ in dense] == ["anxiety"]  # chunk 0 points the query's way
    assert dense[0][2].bm25 == 0.0
    assert retrieval_ranking(engine, PreparedQuery("zzz", "zzz"), vector, "bm25") == []  # no word in common
    keyword = retrieval_ranking(engine, PreparedQuery("calm start", "calm start"), vector, "bm25")
    assert keyword[0][2].chunk.id == 0 and keyword[0][2].dense == 0.0


def test_an_unknown_mode_is_refused(engine: SearchEngine) -> None:
    with pytest.raises(ValueError, match="mode must be one of hybrid, dense, bm25"):
        retrieval_ranking(engine, PreparedQuery("a", "a"), FakeEmbedder().encode_query(""), "lunr")


def test_the_serving_engine_has_no_modes() -> None:
    assert not hasattr(SearchEngine, "retrieval_ranking")


def test_the_site_search_baseline_says_to_build_the_site_when_it_is_missing(tmp_path: Path) -> None:
    from evaluation.systems import LunrBaseline

    with pytest.raises(SystemExit, match=r"build the site first \(mkdocs build\)"):
        LunrBaseline(tmp_path / "site", {})


def test_the_safeguarding_page_is_set_aside_only_where_it_is_not_an_answer() -> None:
    from evaluation.systems import safeguarding_set_aside

    ranked = ["safeguarding-concerns", "handwriting", "motor-coordination"]
    assert safeguarding_set_aside(ranked, ["handwriting"]) == ["handwriting", "motor-coordination"]
    assert safeguarding_set_aside(ranked, ["safeguarding-concerns", "anxiety"]) == ranked
    assert safeguarding_set_aside(["anxiety"], ["anxiety"]) == ["anxiety"]
