"""Where the time of one /api/suggest goes, in-process, with the service's query backend. Not a test.

    python benchmarks/profile_suggest.py            # needs python build_index.py first
    python benchmarks/profile_suggest.py --backend torch

Times each step of the engine for every evaluation description (median per request): embedding the
query, dense search, BM25, fusion and need ranking, the safeguarding check, filling in the answer,
and encoding the answer (a SuggestResponse) with pydantic, as the service does, and with orjson.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pydantic_core import to_json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import descriptions
from handbook.embedding import get_embedder
from handbook.index_store import read_index
from handbook.query import prepare
from handbook.settings import Settings
from search_service.engine import SearchEngine


def timed(function: Callable[[], Any], timings: list[float]) -> Any:
    began = time.perf_counter()
    result = function()
    timings.append((time.perf_counter() - began) * 1000)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["onnx", "torch"], default="onnx")
    args = parser.parse_args()
    settings = Settings.from_env(query_backend=args.backend)
    embedder = get_embedder(settings.resolved_model_path(), 1, backend=settings.query_backend)
    stored = read_index(settings.index_dir, settings.model_name, embedder.fingerprint, embedder.dimension, None)
    engine = SearchEngine(stored, embedder)
    retriever = engine.retriever
    steps: dict[str, list[float]] = {
        name: []
        for name in (
            "vocabulary expansion",
            "embed the query",
            "dense search (FAISS)",
            "BM25 scores",
            "fusion and need ranking",
            "safeguarding check",
            "whole engine.suggest",
            "JSON: pydantic (what the service sends)",
            "JSON: model_dump then orjson",
        )
    }
    texts = descriptions()
    for text in texts[:20]:
        engine.suggest(text, None, 5)  # warm up
    for text in texts:
        expanded = timed(lambda: retriever.vocabulary.expand(text), steps["vocabulary expansion"])  # noqa: B023
        vector = timed(lambda: embedder.encode_query(expanded), steps["embed the query"])  # noqa: B023
        timed(lambda: retriever.dense_scores(vector), steps["dense search (FAISS)"])  # noqa: B023
        timed(lambda: retriever.keywords.scores(expanded), steps["BM25 scores"])  # noqa: B023
        began = time.perf_counter()
        engine.rank_needs(retriever.search(expanded, vector))
        fused = (time.perf_counter() - began) * 1000
        steps["fusion and need ranking"].append(fused - steps["dense search (FAISS)"][-1] - steps["BM25 scores"][-1])
        normalised = prepare(text, engine.vocabulary, engine.known_words).normalised
        timed(lambda: engine.safeguarding.check(normalised, vector), steps["safeguarding check"])  # noqa: B023
        answer = timed(lambda: engine.suggest(text, None, 5), steps["whole engine.suggest"])  # noqa: B023
        timed(lambda: to_json(answer), steps["JSON: pydantic (what the service sends)"])  # noqa: B023
        timed(lambda: orjson.dumps(answer.model_dump()), steps["JSON: model_dump then orjson"])  # noqa: B023
    print(f"Backend {args.backend}, {len(texts)} descriptions, median ms per request:\n")
    print("| Step | Median ms |\n|---|---|")
    for name, values in steps.items():
        print(f"| {name} | {statistics.median(values):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
