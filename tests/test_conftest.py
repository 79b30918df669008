"""The suite's own plumbing (tests/conftest.py): a stopped run still tidies up after itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from handbook.settings import ROOT
from tests.waiting import wait_for

WAITING_TEST = """
import time
from pathlib import Path

import pytest


@pytest.fixture
def server():
    Path({started!r}).write_text("started")
    yield
    Path({finalised!r}).write_text("finalised")  # where the records tests stop their PostgreSQL server


def test_waits(server):
    time.sleep(120)
"""


def test_sigterm_ends_a_run_as_ctrl_c_does_and_the_fixtures_still_finalise(tmp_path: Path) -> None:
    started, finalised = tmp_path / "started", tmp_path / "finalised"
    test_file = tmp_path / "test_waits.py"
    test_file.write_text(WAITING_TEST.format(started=str(started), finalised=str(finalised)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEND_HANDBOOK_TEST_")}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider", str(test_file)]
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(started.exists, 60, 0.1), "the test never started"
        run.send_signal(signal.SIGTERM)
        output, _ = run.communicate(timeout=60)
    finally:
        run.kill()
    assert finalised.exists(), output[-2000:]
    assert run.returncode == 2 and "KeyboardInterrupt" in output, output[-2000:]
