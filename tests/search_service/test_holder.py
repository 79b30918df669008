"""The engine holder: why it is not ready, loading, keeping the last good index, and when it reloads."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from handbook.index_store import current_build_path
from search_service import holder as holder_module
from search_service.holder import EngineHolder
from tests.handbook.test_index_records import replace_file
from tests.search_service.small_index import FakeEmbedder, small_settings, write_small_index
from tests.waiting import wait_for


def ready_holder(index_dir: Path) -> EngineHolder:
    holder = EngineHolder(small_settings(index_dir))
    holder._embedder = FakeEmbedder()  # what load_model sets; the real model is not needed here
    return holder


def break_catalogue(build: Path) -> None:
    """A need without `training`, with the checksum made to match: only the record checks can tell."""
    data = json.loads((build / "catalogue.json").read_text(encoding="utf-8"))
    del data["needs"]["anxiety"]["training"]
    replace_file(build, "catalogue.json", json.dumps(data).encode())


def test_a_model_that_cannot_load_is_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("model.onnx is missing")

    monkeypatch.setattr(holder_module, "get_embedder", broken)
    holder = EngineHolder(small_settings(tmp_path))
    holder.load_model()
    holder.load()
    assert holder.engine is None
    assert "could not be loaded (model.onnx is missing)" in holder.reason and "pip install" in holder.reason


def test_no_index_is_the_reason_until_one_is_built(tmp_path: Path) -> None:
    holder = ready_holder(tmp_path)
    holder.load()
    assert holder.engine is None and "No search index found" in holder.reason
    write_small_index(tmp_path)
    holder.load()
    assert holder.engine is not None and holder.reason == "" and holder.warning == ""
    assert holder.engine.manifest.build_id == "b1"


def test_a_schema_broken_first_index_is_refused_with_the_reason(tmp_path: Path) -> None:
    break_catalogue(write_small_index(tmp_path))
    holder = ready_holder(tmp_path)
    holder.load()
    assert holder.engine is None
    assert "breaks the record schema" in holder.reason and "'training' is missing" in holder.reason
    assert str(tmp_path) not in holder.reason


def test_an_index_without_the_safeguarding_need_is_refused(tmp_path: Path) -> None:
    from tests.handbook.record_examples import need_dict

    write_small_index(tmp_path, needs={"anxiety": need_dict("anxiety", [], sign_rows={"start": 0, "stop": 0})})
    holder = ready_holder(tmp_path)
    holder.load()
    assert holder.engine is None and "no 'safeguarding-concerns' need" in holder.reason


def test_a_refused_new_build_keeps_the_last_good_engine(tmp_path: Path) -> None:
    write_small_index(tmp_path, "b1")
    holder = ready_holder(tmp_path)
    holder.load()
    good = holder.engine
    break_catalogue(write_small_index(tmp_path, "b2"))
    holder.load()
    assert holder.engine is good
    assert holder.warning.startswith("The new index build b2 was refused, so build b1 is still served")
    assert "breaks the record schema" in holder.warning
    write_small_index(tmp_path, "b3")
    holder.load()
    assert holder.engine is not good and holder.engine is not None and holder.warning == ""


def test_reload_runs_only_for_a_new_build_and_never_twice_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_small_index(tmp_path, "b1")
    holder = ready_holder(tmp_path)
    holder.load()
    started: list[object] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            started.append(self)

    monkeypatch.setattr(holder_module.threading, "Thread", Recorded)
    holder.maybe_reload()
    assert started == []  # current still points at the build being served
    write_small_index(tmp_path, "b2")
    holder.maybe_reload()
    holder.maybe_reload()  # the first reload holds the lock until it finishes
    assert len(started) == 1
    assert current_build_path(tmp_path) != holder._tried_build


def test_the_check_is_throttled(tmp_path: Path) -> None:
    write_small_index(tmp_path, "b1")
    holder = EngineHolder(small_settings(tmp_path).model_copy(update={"reload_check_seconds": 3600}))
    holder._embedder = FakeEmbedder()
    holder.load()
    holder._last_check = time.monotonic()  # a check has just been made
    write_small_index(tmp_path, "b2")
    holder.maybe_reload()
    assert holder.engine is not None and holder.engine.manifest.build_id == "b1"
    assert holder._tried_build == (tmp_path / "builds" / "b1").resolve()


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[EngineHolder]:
    """A holder serving build b1 and watching for new builds every 0.2 s, without any request."""
    write_small_index(tmp_path, "b1")
    holder = EngineHolder(small_settings(tmp_path).model_copy(update={"reload_check_seconds": 0.2}))
    holder._embedder = FakeEmbedder()
    holder.load()
    holder.watch()
    yield holder
    holder.stop_watching()
    assert holder._watcher is None


def test_the_watcher_swaps_in_a_new_build_without_any_request(tmp_path: Path, watched: EngineHolder) -> None:
    """A worker that gets no traffic still notices a rebuilt index (uvicorn shares connections unevenly)."""
    write_small_index(tmp_path, "b2")
    assert wait_for(lambda: watched.engine is not None and watched.engine.manifest.build_id == "b2", 10)


def test_the_watcher_records_a_refused_build_without_any_request(tmp_path: Path, watched: EngineHolder) -> None:
    break_catalogue(write_small_index(tmp_path, "b2"))
    assert wait_for(lambda: "b2 was refused" in watched.warning, 10)
    assert watched.engine is not None and watched.engine.manifest.build_id == "b1"
    assert "b2 was refused" in watched.readiness_warning()


def test_readiness_names_a_new_build_while_it_is_still_being_checked(tmp_path: Path) -> None:
    write_small_index(tmp_path, "b1")
    holder = EngineHolder(small_settings(tmp_path).model_copy(update={"reload_check_seconds": 3600}))
    holder._embedder = FakeEmbedder()
    holder.load()
    assert holder.readiness_warning() == ""
    write_small_index(tmp_path, "b2")
    assert holder.readiness_warning() == "A new index build b2 was found and is being checked; b1 is served meanwhile."
    holder.load()
    assert holder.readiness_warning() == ""
