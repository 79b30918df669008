"""Load test (not a unit test): the real service with the recommended workers, many clients, zero errors?

    python benchmarks/load_test.py                    # 2 workers, 32 clients, 60 seconds
    python benchmarks/load_test.py --write            # also rewrites the table in docs/benchmarks.md
    python benchmarks/load_test.py --workers 1 --clients 8 --seconds 20

Needs python build_index.py and mkdocs build first. The per-client rate limit is switched off for the
run, because every simulated client comes from the same address.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import ROOT, Service, descriptions, peak_rss_mb, run_load, write_between_markers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (recommended: one per core)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with Service(workers=args.workers) as service:
        result = run_load(service.url, args.clients, args.seconds, descriptions())
        memory = peak_rss_mb(service.process.pid if service.process else 0)
    summary = result.summary()
    table = "\n".join(
        [
            f"{args.workers} workers, {args.clients} concurrent clients, {result.seconds:.0f} seconds, "
            "POST /api/suggest with the evaluation descriptions.",
            "",
            "| Measure | Result |",
            "|---|---|",
            f"| Requests | {summary['requests']:.0f} |",
            f"| Errors | {summary['errors']:.0f} |",
            f"| Throughput | {summary['rps']:.1f} requests per second |",
            "| Latency p50 / p95 / p99 | "
            f"{summary['p50_ms']:.0f} / {summary['p95_ms']:.0f} / {summary['p99_ms']:.0f} ms |",
            f"| Peak memory, all workers | {memory:.0f} MB |",
        ]
    )
    print(table)
    if result.errors:
        print("Errors seen:", sorted(set(result.errors)))
    if args.write:
        write_between_markers(ROOT / "docs" / "benchmarks.md", "load", table)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
