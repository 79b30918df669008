"""The engine answers with the response models, filled from the typed records of one index.

Most tests use a tiny index and an embedder stand-in (tests/search_service/small_index.py); the last
ones use the session index and the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.embedding import Embedder
from handbook.index_store import read_index
from handbook.settings import Settings
from search_service import engine as engine_module
from search_service.engine import SearchEngine
from search_service.schemas import SearchResponse, SuggestResponse, TrainingModule
from tests.search_service.small_index import DIMENSION, FINGERPRINT, MODEL, FakeEmbedder, write_small_index


@pytest.fixture
def small(tmp_path: Path) -> SearchEngine:
    write_small_index(tmp_path)
    return SearchEngine(read_index(tmp_path, MODEL, FINGERPRINT, DIMENSION, None), FakeEmbedder())


def test_suggest_answers_with_the_response_model(small: SearchEngine) -> None:
    answer = small.suggest("worried and has stomach aches before school", None, 5)
    assert isinstance(answer, SuggestResponse)
    assert [need.slug for need in answer.needs] == ["anxiety"]
    first = answer.needs[0]
    assert first.matched is not None and first.matched.url == "/needs/semh/anxiety/#wave-1"
    assert [item.text for item in first.strategies.wave1] == ["Do one thing for anxiety."]
    assert first.strategies.wave1[0].phase is None
    assert answer.safeguarding is False and answer.safeguarding_steps == []
    assert list(SuggestResponse.model_validate_json(answer.model_dump_json()).model_dump()) == [
        "needs", "training", "services", "safeguarding", "safeguarding_steps", "confidence", "clarify", "notice",
        "phase",
    ]  # fmt: skip


def test_a_phase_puts_its_notes_first_in_wave_1(small: SearchEngine) -> None:
    wave1 = small.strategies("anxiety", "primary").wave1
    assert [(item.text, item.phase) for item in wave1] == [
        ("Use a worry box.", "primary"),
        ("Do one thing for anxiety.", None),
    ]
    assert small.strategies("anxiety", "secondary").wave1 == small.strategies("anxiety", None).wave1


def test_training_and_services_skip_unknown_ids_and_put_the_dsl_first_at_risk(small: SearchEngine) -> None:
    assert [ref.id for ref in small.training_for(["anxiety"])] == ["cond-anxiety"]  # not-a-module is skipped
    assert [ref.id for ref in small.services_for(["anxiety"], risk=False)] == ["camhs"]
    assert [ref.id for ref in small.services_for(["anxiety"], risk=True)] == ["designated-safeguarding-lead", "camhs"]
    assert small.training_for(["anxiety"])[0].model_dump() == {
        "id": "cond-anxiety",
        "title": "Anxiety in class",
        "url": "/training/cond-anxiety/",
        "category": "condition-specific",
        "duration_minutes": 30,
    }


def test_training_and_services_are_capped(small: SearchEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "MAX_SERVICES", 1)
    monkeypatch.setattr(engine_module, "MAX_TRAINING", 0)
    assert [ref.id for ref in small.services_for(["anxiety"], risk=True)] == ["designated-safeguarding-lead"]
    assert small.training_for(["anxiety"]) == []


def test_a_risk_puts_safeguarding_first_with_the_steps(small: SearchEngine) -> None:
    answer = small.suggest("he says his dad hits him and he is scared to go home", None, 5)
    assert answer.safeguarding is True
    assert answer.needs[0].slug == "safeguarding-concerns" and answer.needs[0].matched is None
    assert answer.safeguarding_steps == ["Listen.", "Tell the DSL straight away."]
    assert answer.confidence == "high"


def test_search_answers_with_the_response_model_and_skips_sign_items(small: SearchEngine) -> None:
    answer = small.search("calm start for worried pupils", 10)
    assert isinstance(answer, SearchResponse)
    assert answer.results[0].text == "Give worried pupils a calm start."
    assert all(result.text != "Chunk 1." for result in answer.results)  # the sign item is inside its section
    assert len(small.search("worried", 1).results) == 1


def test_the_training_list_filters_and_sorts(small: SearchEngine) -> None:
    modules = small.training(role="teacher", category=None, need="anxiety")
    assert [m.id for m in modules] == ["cond-anxiety"] and isinstance(modules[0], TrainingModule)
    assert small.training(role="governor", category=None, need=None) == []
    assert small.training(role=None, category="core", need=None) == []


# --- the session index and the real model -------------------------------------------------------------
@pytest.fixture(scope="module")
def real(built_index: Settings, embedder: Embedder) -> SearchEngine:
    stored = read_index(built_index.index_dir, built_index.model_name, embedder.fingerprint, embedder.dimension, None)
    return SearchEngine(stored, embedder)


def test_every_need_of_the_real_index_has_its_strategies_for_every_phase(real: SearchEngine) -> None:
    for slug, need in real.needs.items():
        for phase, notes in need.phase_notes.items():
            wave1 = real.strategies(slug, phase).wave1
            assert [item.text for item in wave1[: len(notes)]] == [note.text for note in notes]
        assert len(real.strategies(slug, None).wave2) == len(need.strategies.wave2)


def test_the_real_answer_fits_the_contract(real: SearchEngine) -> None:
    answer = real.suggest("struggles with listening in class", "primary", 3)
    assert answer.needs[0].slug == "attention-and-listening"
    assert len(answer.needs) <= 3 and answer.phase == "primary"
    assert all(ref.url.startswith("/training/") for ref in answer.training)
