"""What the running service loads, checked in a fresh process (so other tests' imports do not count):
after start-up and a first suggest request,
- torch, transformers and sentence-transformers have never been imported (queries are embedded with ONNX);
- no Markdown code is: not handbook.pages, handbook.markdown_parse or handbook.chunks, not markdown,
  markdown-it, mdit-py-plugins, MkDocs or the site hooks. The service reads the index format and the schema.

Every `import` statement is watched (builtins.__import__), so an import of a module another part
already loaded is caught too. The training records (search_service.records) count: they read the
training pages' front matter as YAML and check it with the schema, never through the Markdown parser.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from handbook.settings import ROOT, Settings

HEAVY = ("torch", "transformers", "sentence_transformers")
MARKDOWN = ("markdown", "markdown_it", "mdit_py_plugins", "mkdocs", "material", "site_hooks", "frontmatter")
BUILD_ONLY = ("handbook.pages", "handbook.markdown_parse", "handbook.chunks", "handbook.build", "handbook.training")

SCRIPT = """
import builtins, json, sys
HEAVY, MARKDOWN, BUILD_ONLY = (tuple(x) for x in json.loads(sys.argv[2]))

def forbidden(name):
    return name.split(".")[0] in MARKDOWN or any(name == m or name.startswith(m + ".") for m in BUILD_ONLY)

edges = []  # (importer, imported) for every import statement that reaches Markdown or build-only code
original = builtins.__import__

def watching(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {}).get("__name__") or "?"
    absolute = name
    if level:
        package = (globals or {}).get("__package__") or importer
        base = package.rsplit(".", level - 1)[0] if level > 1 else package
        absolute = f"{base}.{name}" if name else base
    targets = [absolute] + [f"{absolute}.{item}" for item in (fromlist or ()) if isinstance(item, str)]
    for target in targets:
        if forbidden(target) and not forbidden(importer):
            edges.append((importer, target))
    return original(name, globals, locals, fromlist, level)

builtins.__import__ = watching
from fastapi.testclient import TestClient
from handbook.settings import Settings
from search_service.app import create_app
settings = Settings(index_dir=sys.argv[1], rate_limit_per_minute=0)
with TestClient(create_app(settings)) as client:
    ready = client.get("/readyz").status_code
    suggest = client.post("/api/suggest", json={"description": "struggles with listening in class"})
    top = suggest.json()["needs"][0]["slug"]
    records = client.get("/api/records/session").status_code  # the records read the training modules
    training = client.get("/api/training", params={"role": "teaching-assistant"}).status_code
outside = sorted(set(edges))
# The watch itself: an import of an already-loaded module from service code is seen.
before = len(edges)
exec("import handbook.schema, handbook.markdown_parse", {"__name__": "search_service.control"})
control = edges[before:]
print(json.dumps({
    "ready": ready,
    "suggest": suggest.status_code,
    "records": records,
    "training": training,
    "top": top,
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in HEAVY),
    "outside": outside,
    "control": control,
}))
"""


@pytest.fixture(scope="module")
def started(built_index: Settings) -> dict[str, Any]:
    lists = json.dumps([HEAVY, MARKDOWN, BUILD_ONLY])
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(built_index.index_dir), lists],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["ready"] == 200 and outcome["suggest"] == 200
    assert outcome["records"] == 200 and outcome["training"] == 200
    assert outcome["top"] == "attention-and-listening"
    return outcome


def test_the_service_never_imports_torch(started: dict[str, Any]) -> None:
    assert started["heavy"] == []


def test_the_service_imports_no_markdown_or_build_code(started: dict[str, Any]) -> None:
    assert started["control"] == [["search_service.control", "handbook.markdown_parse"]], "the watch sees nothing"
    assert started["outside"] == [], "the service imports Markdown or build-only code"
