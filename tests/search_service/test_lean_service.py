"""The service embeds queries with ONNX: after start-up and a first request, torch, transformers and
sentence-transformers have never been imported."""

from __future__ import annotations

import json
import subprocess
import sys

from handbook.settings import ROOT, Settings

SCRIPT = """
import json, sys
from fastapi.testclient import TestClient
from handbook.settings import Settings
from search_service.app import create_app
settings = Settings(index_dir=sys.argv[1], rate_limit_per_minute=0)
with TestClient(create_app(settings)) as client:
    ready = client.get("/readyz").status_code
    suggest = client.post("/api/suggest", json={"description": "struggles with listening in class"})
    top = suggest.json()["needs"][0]["slug"]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers", "sentence_transformers"))
print(json.dumps({"ready": ready, "suggest": suggest.status_code, "top": top, "heavy": heavy}))
"""


def test_the_service_never_imports_torch(built_index: Settings) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(built_index.index_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["ready"] == 200 and outcome["suggest"] == 200
    assert outcome["top"] == "attention-and-listening"
    assert outcome["heavy"] == []
