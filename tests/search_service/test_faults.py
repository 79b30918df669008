"""Faults: a broken, stale or foreign index is refused with the reason; builds are atomic; swaps lose nothing."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from handbook.index_store import current_build_path, read_manifest
from handbook.settings import ROOT, Settings
from search_service.app import create_app
from tests.conftest import LiveServer, copy_content
from tests.handbook.record_examples import catalogue, chunks
from tests.waiting import wait_for


def copy_index(source: Settings, target: Path) -> Path:
    shutil.copytree(source.index_dir, target, symlinks=True)
    return target


def readiness(settings: Settings, caplog: pytest.LogCaptureFixture) -> tuple[int, str, str]:
    caplog.set_level(logging.INFO, logger="search_service")
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
        suggest = client.post("/api/suggest", json={"description": "struggles with listening"})
        assert suggest.status_code == response.status_code  # ready means search answers; refused means 503
    return response.status_code, response.json().get("reason", ""), caplog.text


def test_truncated_vectors_are_refused(built_index: Settings, tmp_path: Path, caplog) -> None:
    index = copy_index(built_index, tmp_path / "index")
    vectors = current_build_path(index) / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:1000])
    status, reason, log = readiness(built_index.model_copy(update={"index_dir": index}), caplog)
    assert status == 503
    assert "truncated or corrupted" in reason
    assert "python build_index.py" in log


def test_corrupted_chunks_are_refused(built_index: Settings, tmp_path: Path, caplog) -> None:
    index = copy_index(built_index, tmp_path / "index")
    chunks = current_build_path(index) / "chunks.jsonl"
    data = bytearray(chunks.read_bytes())
    data[100:110] = b"##########"
    chunks.write_bytes(bytes(data))
    status, reason, _ = readiness(built_index.model_copy(update={"index_dir": index}), caplog)
    assert status == 503 and "corrupted" in reason


def test_index_from_another_model_is_refused(built_index: Settings, tmp_path: Path, caplog) -> None:
    index = copy_index(built_index, tmp_path / "index")
    manifest_path = current_build_path(index) / "manifest.json"
    manifest = read_manifest(manifest_path.parent)
    manifest.model.name = "sentence-transformers/all-mpnet-base-v2"
    manifest_path.write_text(manifest.model_dump_json(), encoding="utf-8")
    status, reason, _ = readiness(built_index.model_copy(update={"index_dir": index}), caplog)
    assert status == 503 and "built with model 'sentence-transformers/all-mpnet-base-v2'" in reason


def test_content_changed_since_the_build_is_refused(built_index: Settings, tmp_path: Path, caplog) -> None:
    content = copy_content(tmp_path)
    page = content / "needs" / "semh" / "anxiety.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    status, reason, _ = readiness(built_index.model_copy(update={"content_dir": content}), caplog)
    assert status == 503 and "content has changed" in reason


class Killed(BaseException):
    """Stands in for the process dying at one exact point of the write."""


@pytest.mark.parametrize(
    "step",
    ["faiss.write_index", "json.dumps", "np.save", "index_store._fsync_file", "os.replace", "Path.symlink_to"],
)
def test_build_dying_at_any_write_step_leaves_the_previous_index(
    built_index: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    import numpy as np

    from handbook import index_store

    index = copy_index(built_index, tmp_path / "index")
    before = current_build_path(index)

    def die(*_args: object, **_kwargs: object) -> None:
        raise Killed

    owner, name = step.split(".")
    target = {"faiss": index_store.faiss, "json": index_store.json, "np": index_store.np, "os": index_store.os,
              "index_store": index_store, "Path": Path}[owner]  # fmt: skip
    monkeypatch.setattr(target, name, die)
    manifest = read_manifest(before)
    with pytest.raises(Killed):
        index_store.write_index(
            index,
            "new-build",
            np.zeros((1, 384), dtype=np.float32),
            chunks(1),
            catalogue(),
            manifest.model_dump(exclude={"format_version", "build_id", "files", "heads"}),
            np.zeros((3, 384), dtype=np.float32),
        )
    monkeypatch.undo()
    assert current_build_path(index) == before
    with TestClient(create_app(built_index.model_copy(update={"index_dir": index}))) as client:
        assert client.get("/readyz").status_code == 200


def test_killed_build_leaves_the_previous_index_intact(built_index: Settings, tmp_path: Path) -> None:
    """SIGKILL in the middle of a real build (as it starts on the vectors), not at a chosen line of code:
    the served build is untouched. (Dying at each write step: the test above.)"""
    index = copy_index(built_index, tmp_path / "index")
    before = current_build_path(index)
    process = subprocess.Popen(
        [sys.executable, "build_index.py", "--index", str(index)],
        cwd=ROOT,
        env=os.environ | {"SEND_HANDBOOK_EMBEDDING_CACHE_DIR": str(tmp_path / "cache")},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("Embedding"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert lines and lines[-1].startswith("Embedding"), "".join(lines)
    assert current_build_path(index) == before
    assert read_manifest(before).build_id


def shipped_copy(index: Path, build_id: str) -> Path:
    """A new build as a rollout ships it: the served build's files under a new id, with its manifest."""
    served = current_build_path(index)
    assert served is not None
    target = index / "builds" / build_id
    shutil.copytree(served, target)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["build_id"] = build_id
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def test_a_new_build_is_swapped_in_under_load_without_a_failed_request(
    built_index: Settings, built_site: Path, tmp_path: Path
) -> None:
    """What build_index.py and a rollout do at the end, under four busy clients. (A real rebuild beside
    the live service is measured by benchmarks/load_test.py; the build's own writing is tested in
    tests/handbook/test_build.py.)"""
    index = copy_index(built_index, tmp_path / "index")
    server = LiveServer(index, built_site, env={"SEND_HANDBOOK_RELOAD_CHECK_SECONDS": "0.2"}).start()
    try:
        first = httpx.get(server.url + "/readyz", timeout=60).json()["index"]["build_id"]
        failures: list[str] = []
        served = 0
        stop = threading.Event()

        def load() -> None:
            nonlocal served
            with httpx.Client(base_url=server.url, timeout=60) as session:
                while not stop.is_set():
                    response = session.post("/api/suggest", json={"description": "struggles with listening in class"})
                    if response.status_code != 200 or response.json()["needs"][0]["slug"] != "attention-and-listening":
                        failures.append(f"{response.status_code}")
                    served += 1

        threads = [threading.Thread(target=load) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # the clients are busy before the switch
        switch_current(index, shipped_copy(index, "29990101T000000000000Z"))
        deadline = time.monotonic() + 60
        while (
            time.monotonic() < deadline
            and httpx.get(server.url + "/readyz", timeout=60).json()["index"]["build_id"] == first
        ):
            time.sleep(0.2)
        time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join()
        ready = httpx.get(server.url + "/readyz", timeout=60).json()
        assert ready["index"]["build_id"] == "29990101T000000000000Z" and "warning" not in ready
        assert served > 20
        assert failures == []
    finally:
        log = server.stop()
    assert "Serving index 29990101T000000000000Z" in log
    assert "POST /api/suggest 200" in log  # the service logged the requests ...
    assert "struggles" not in log  # ... and never what was typed


def switch_current(index: Path, build: Path) -> None:
    """What build_index.py and a rollout do: point index/current at another build in one step."""
    link = index / ".current-next"
    link.symlink_to(Path("builds") / build.name)
    link.replace(index / "current")


def test_a_refused_new_build_leaves_the_last_good_one_serving(
    built_index: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="search_service")
    index = copy_index(built_index, tmp_path / "index")
    good = current_build_path(index)
    bad = index / "builds" / "29990101T000000000000Z"
    shutil.copytree(good, bad)
    vectors = bad / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:1000])
    settings = built_index.model_copy(update={"index_dir": index, "reload_check_seconds": 0})
    with TestClient(create_app(settings)) as client:
        served = client.get("/readyz").json()["index"]["build_id"]
        switch_current(index, bad)
        holder = client.app.state.holder
        client.get("/readyz")  # notices the new build and tries it in the background
        wait_for(lambda: bool(holder.warning), 60, 0.1)
        ready = client.get("/readyz")
        suggest = client.post("/api/suggest", json={"description": "struggles with listening"})
    assert ready.status_code == 200
    assert ready.json()["index"]["build_id"] == served
    assert bad.name in ready.json()["warning"] and "truncated or corrupted" in ready.json()["warning"]
    assert str(tmp_path) not in ready.json()["warning"]
    assert suggest.status_code == 200
    assert "Refused the new index build 29990101T000000000000Z" in caplog.text
    assert "python build_index.py" in caplog.text


def test_a_shipped_index_serves_without_content(built_index: Settings, tmp_path: Path, caplog) -> None:
    index = copy_index(built_index, tmp_path / "index")
    settings = built_index.model_copy(update={"index_dir": index, "content_dir": tmp_path / "no-content"})
    status, reason, _ = readiness(settings, caplog)
    assert status == 200, reason


def test_the_freshness_check_can_be_switched_off(built_index: Settings, tmp_path: Path, caplog) -> None:
    content = copy_content(tmp_path)
    page = content / "needs" / "semh" / "anxiety.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    settings = built_index.model_copy(update={"content_dir": content, "check_content_freshness": False})
    status, reason, _ = readiness(settings, caplog)
    assert status == 200, reason


def test_an_index_not_checked_for_the_services_embedder_is_refused(
    built_index: Settings, tmp_path: Path, caplog
) -> None:
    index = copy_index(built_index, tmp_path / "index")
    manifest_path = current_build_path(index) / "manifest.json"
    manifest = read_manifest(manifest_path.parent)
    assert [check.fingerprint.split("-")[0] for check in manifest.query_embedders] == ["onnx"]
    manifest.query_embedders = []
    manifest_path.write_text(manifest.model_dump_json(), encoding="utf-8")
    settings = built_index.model_copy(update={"index_dir": index, "query_backend": "onnx"})
    status, reason, _ = readiness(settings, caplog)
    assert status == 503 and "but the service uses" in reason and "(onnx-" in reason


def break_a_record(build: Path) -> None:
    """A need without `training`, with its checksum made to match: the index looks whole."""
    from tests.handbook.test_index_records import replace_file

    catalogue_path = build / "catalogue.json"
    data = json.loads(catalogue_path.read_text(encoding="utf-8"))
    del data["needs"]["attention-and-listening"]["training"]
    replace_file(build, "catalogue.json", json.dumps(data).encode())


def test_a_schema_broken_index_is_refused_with_the_reason_never_a_500(
    built_index: Settings, tmp_path: Path, caplog
) -> None:
    index = copy_index(built_index, tmp_path / "index")
    break_a_record(current_build_path(index))
    status, reason, log = readiness(built_index.model_copy(update={"index_dir": index}), caplog)
    assert status == 503  # readiness() also checks that suggest answers 503, not 500
    assert "breaks the record schema: catalogue.json: 'needs' 'attention-and-listening' 'training' is missing" in reason
    assert "python build_index.py" in log


def test_a_schema_broken_new_build_leaves_the_last_good_one_serving(built_index: Settings, tmp_path: Path) -> None:
    index = copy_index(built_index, tmp_path / "index")
    bad = index / "builds" / "29990101T000000000000Z"
    shutil.copytree(current_build_path(index), bad)
    break_a_record(bad)
    settings = built_index.model_copy(update={"index_dir": index, "reload_check_seconds": 0})
    with TestClient(create_app(settings)) as client:
        served = client.get("/readyz").json()["index"]["build_id"]
        switch_current(index, bad)
        holder = client.app.state.holder
        client.get("/readyz")
        wait_for(lambda: bool(holder.warning), 60, 0.1)
        ready = client.get("/readyz")
        suggest = client.post("/api/suggest", json={"description": "struggles with listening"})
    assert ready.status_code == 200 and ready.json()["index"]["build_id"] == served
    assert "breaks the record schema" in ready.json()["warning"]
    assert suggest.status_code == 200
    assert suggest.json()["needs"][0]["slug"] == "attention-and-listening"
