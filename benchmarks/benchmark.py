"""Speed of the search service, measured end to end. Not a test: run it by hand and read the numbers.

    python benchmarks/benchmark.py           # needs python build_index.py and mkdocs build first
    python benchmarks/benchmark.py --write   # also rewrites the table in docs/benchmarks.md

Reports: the raw time to embed one query (the floor the service cannot beat); /api/suggest latency
over loopback HTTP for one client and for 8 concurrent clients; requests per second; cold start to
ready; index build time for the whole content; and peak memory of the build and of the service.
"""

from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    ROOT,
    Service,
    descriptions,
    peak_rss_mb,
    percentile,
    run_load,
    write_between_markers,
)


def embed_floor(texts: list[str]) -> float:
    from handbook.embedding import get_embedder
    from handbook.settings import Settings

    embedder = get_embedder(Settings().resolved_model_path())
    for text in texts[:20]:
        embedder.encode_query(text)  # warm up
    timings = []
    for text in texts:
        began = time.perf_counter()
        embedder.encode_query(text)
        timings.append((time.perf_counter() - began) * 1000)
    return percentile(timings, 50)


def build_time() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        subprocess.run([sys.executable, "build_index.py", "--index", tmp], cwd=ROOT, check=True, capture_output=True)
        seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def single_client(url: str, texts: list[str]) -> list[float]:
    timings = []
    with httpx.Client(base_url=url, timeout=30) as session:
        for text in texts[:20]:
            session.post("/api/suggest", json={"description": text})
        for text in texts:
            began = time.perf_counter()
            response = session.post("/api/suggest", json={"description": text})
            response.raise_for_status()
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--seconds", type=float, default=20, help="length of the concurrent run")
    args = parser.parse_args()
    texts = descriptions()
    floor = embed_floor(texts)
    build_seconds, build_peak = build_time()
    with Service(workers=1) as service:
        single = single_client(service.url, texts)
        concurrent = run_load(service.url, 8, args.seconds, texts).summary()
        service_peak = peak_rss_mb(service.process.pid if service.process else 0)
        cold = service.cold_start_seconds
    p50 = percentile(single, 50)
    rows = [
        ("Raw time to embed one query (median, the floor)", f"{floor:.1f} ms"),
        (
            "/api/suggest, 1 client: p50 / p95 / p99",
            f"{p50:.1f} / {percentile(single, 95):.1f} / {percentile(single, 99):.1f} ms",
        ),
        ("p50 as a multiple of the embedding floor", f"{p50 / floor:.2f}x"),
        ("/api/suggest, 1 client: requests per second", f"{1000 / (sum(single) / len(single)):.0f}"),
        (
            "/api/suggest, 8 clients: p50 / p95 / p99",
            f"{concurrent['p50_ms']:.1f} / {concurrent['p95_ms']:.1f} / {concurrent['p99_ms']:.1f} ms",
        ),
        ("/api/suggest, 8 clients: requests per second (errors)", f"{concurrent['rps']:.0f} ({concurrent['errors']})"),
        ("Cold start to ready (1 worker)", f"{cold:.1f} s"),
        ("Index build, whole content (new process, model load included)", f"{build_seconds:.1f} s"),
        ("Peak memory: index build", f"{build_peak:.0f} MB"),
        ("Peak memory: service, 1 worker", f"{service_peak:.0f} MB"),
    ]
    table = "\n".join(
        [
            f"Machine: {platform.machine()}, {platform.python_version()}, "
            f"{len(texts)} descriptions from evaluation/queries.yaml, {args.seconds:.0f} s concurrent run.",
            "",
            "| Measure | Result |",
            "|---|---|",
            *[f"| {name} | {value} |" for name, value in rows],
        ]
    )
    print(table)
    if args.write:
        write_between_markers(ROOT / "docs" / "benchmarks.md", "benchmark", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
