"""Speed of the search service, both query backends in one run. Not a test: run it and read the numbers.

    python benchmarks/benchmark.py           # needs python build_index.py and mkdocs build first
    python benchmarks/benchmark.py --write   # also rewrites the table in docs/benchmarks.md
    python benchmarks/benchmark.py --build   # also times a whole index build

For each backend (onnx, the service's default, and torch, the reference) it starts the real service
with one worker and reports: the raw time to embed one query in-process; /api/suggest latency
p50/p95/p99 over loopback HTTP for 1, 8 and 32 concurrent clients and requests per second; cold start
to ready; the memory the worker holds after the runs (RSS) and its peak; and the time to import
sentence-transformers, the floor the torch backend's start cannot beat.
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
    percentile,
    run_load,
    write_between_markers,
)

BACKENDS = ("onnx", "torch")

EMBED_SCRIPT = """
import sys, time
from handbook.embedding import get_embedder
from handbook.settings import Settings
texts = sys.stdin.read().split("\\n")
embedder = get_embedder(Settings().resolved_model_path(), 1, backend=sys.argv[1])
for text in texts[:20]:
    embedder.encode_query(text)
timings = []
for text in texts:
    began = time.perf_counter()
    embedder.encode_query(text)
    timings.append((time.perf_counter() - began) * 1000)
timings.sort()
print(timings[len(timings) // 2])
"""


def embed_floor(backend: str, texts: list[str]) -> float:
    """Median time to embed one query, one thread, in a fresh process (as a worker of 2 on 2 cores)."""
    result = subprocess.run(
        [sys.executable, "-c", EMBED_SCRIPT, backend],
        input="\n".join(texts),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def import_seconds(module: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - began


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


def measure(backend: str, texts: list[str], seconds: float, workers: int) -> dict[str, str]:
    env = {"SEND_HANDBOOK_QUERY_BACKEND": backend, "SEND_HANDBOOK_WORKERS": str(workers)}
    floor = embed_floor(backend, texts)
    with Service(workers=workers, env=env) as service:
        cold = service.cold_start_seconds
        single = single_client(service.url, texts)
        eight = run_load(service.url, 8, seconds, texts).summary()
        many = run_load(service.url, 32, seconds, texts).summary()
        held, peak = service.memory_mb()
    p50 = percentile(single, 50)
    who = "the worker" if workers == 1 else "all workers"

    def trio(s: dict[str, float]) -> str:
        return f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f} / {s['p99_ms']:.1f} ms"

    return {
        "Raw time to embed one query (median, 1 thread)": f"{floor:.1f} ms",
        "/api/suggest, 1 client: p50 / p95 / p99": (
            f"{p50:.1f} / {percentile(single, 95):.1f} / {percentile(single, 99):.1f} ms"
        ),
        "/api/suggest, 1 client: requests per second": f"{1000 / (sum(single) / len(single)):.0f}",
        "/api/suggest, 8 clients: p50 / p95 / p99": trio(eight),
        "/api/suggest, 8 clients: requests per second (errors)": f"{eight['rps']:.0f} ({eight['errors']:.0f})",
        "/api/suggest, 32 clients: p50 / p95 / p99": trio(many),
        "/api/suggest, 32 clients: requests per second (errors)": f"{many['rps']:.0f} ({many['errors']:.0f})",
        "Cold start to ready": f"{cold:.2f} s",
        f"Resident memory after the runs (RSS), {who}": f"{held:.0f} MB",
        f"Peak resident memory (while loading the model), {who}": f"{peak:.0f} MB",
        "_p50": f"{p50}",
        "_floor": f"{floor}",
        "_cold": f"{cold}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--seconds", type=float, default=15, help="length of each concurrent run")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--build", action="store_true", help="also time a whole index build")
    args = parser.parse_args()
    texts = descriptions()
    results = {backend: measure(backend, texts, args.seconds, args.workers) for backend in BACKENDS}
    st_import = import_seconds("sentence_transformers")
    names = [name for name in results["onnx"] if not name.startswith("_")]
    rows = [f"| {name} | {results['onnx'][name]} | {results['torch'][name]} |" for name in names]
    onnx, torch = results["onnx"], results["torch"]
    rows += [
        f"| onnx p50 / torch's raw embedding time | {float(onnx['_p50']) / float(torch['_floor']):.2f}x | |",
        f"| Cold start / importing sentence-transformers ({st_import:.2f} s) | "
        f"{float(onnx['_cold']) / st_import:.2f}x | {float(torch['_cold']) / st_import:.2f}x |",
    ]
    if args.build:
        build_seconds, build_peak = build_time()
        rows.append(f"| Index build, whole content (new process; nice 10, 1 thread) | {build_seconds:.1f} s | |")
        rows.append(f"| Peak memory: index build | {build_peak:.0f} MB | |")
    table = "\n".join(
        [
            f"Machine: {platform.machine()}, Python {platform.python_version()}, {args.workers} worker(s), "
            f"{len(texts)} descriptions from evaluation/queries.yaml, {args.seconds:.0f} s per concurrent run. "
            "Both backends in one run.",
            "",
            "| Measure | onnx (default) | torch |",
            "|---|---|---|",
            *rows,
        ]
    )
    print(table)
    if args.write:
        write_between_markers(ROOT / "docs" / "benchmarks.md", "benchmark", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
