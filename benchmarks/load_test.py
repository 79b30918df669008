"""Load test (not a unit test): the real service with the recommended workers, many clients, zero errors?

    python benchmarks/load_test.py                    # 2 workers, 32 clients, 60 seconds, all scenarios
    python benchmarks/load_test.py --write            # also rewrites the tables in docs/benchmarks.md
    python benchmarks/load_test.py --workers 1 --clients 8 --seconds 20 --only load

Scenarios, each against a fresh service on 127.0.0.1 with its own copy of the index:
- load: `clients` threads post to /api/suggest while a probe in its own process asks /healthz every
  50 ms on a new connection, as a load balancer does. Floor: /healthz p99 at most 250 ms, zero errors.
- swap: a corrupt build is switched in as index/current while serving. Floor: zero failed suggests,
  and /readyz stays 200 with a warning.
- rebuild: python build_index.py runs beside the live service (at its default lower priority and one
  thread); throughput and /healthz are measured while it runs.
- forged: 40 requests with a different forged X-Forwarded-For each, at a 20-a-minute limit.
  Floor: at least 15 refused.

Needs python build_index.py and mkdocs build first. The rate limit is off except in "forged", because
every simulated client comes from the same address.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    ROOT,
    LoadResult,
    Service,
    descriptions,
    probe_in_own_process,
    run_load,
    write_between_markers,
)
from handbook.index_store import current_build_path
from handbook.settings import Settings

HEALTH_P99_FLOOR_MS = 250.0


def copy_index(target: Path) -> Path:
    shutil.copytree(Settings().index_dir, target, symlinks=True)
    return target


def switch_current(index: Path, build: Path) -> None:
    link = index / ".current-next"
    link.symlink_to(Path("builds") / build.name)
    link.replace(index / "current")


def with_probe(url: str, clients: int, seconds: float, texts: list[str], during=None) -> tuple[LoadResult, LoadResult]:  # type: ignore[no-untyped-def]
    """Suggest load and a /healthz probe at once; `during` runs in the main thread meanwhile."""
    outcome: dict[str, LoadResult] = {}
    workers = [
        threading.Thread(target=lambda: outcome.__setitem__("load", run_load(url, clients, seconds, texts))),
        threading.Thread(target=lambda: outcome.__setitem__("health", probe_in_own_process(url, "/healthz", seconds))),
    ]
    for worker in workers:
        worker.start()
    if during:
        during()
    for worker in workers:
        worker.join()
    return outcome["load"], outcome["health"]


def row(name: str, value: str) -> str:
    return f"| {name} | {value} |"


def latency(result: LoadResult) -> str:
    s = result.summary()
    return f"{s['p50_ms']:.0f} / {s['p95_ms']:.0f} / {s['p99_ms']:.0f} ms"


def scenario_load(args: argparse.Namespace, texts: list[str], tmp: Path) -> tuple[list[str], bool]:
    env = {"SEND_HANDBOOK_INDEX_DIR": str(copy_index(tmp / "index-load"))}
    with Service(workers=args.workers, env=env) as service:
        load, health = with_probe(service.url, args.clients, args.seconds, texts)
        held, peak = service.memory_mb()
    s, h = load.summary(), health.summary()
    ok = not load.errors and not health.errors and h["p99_ms"] <= HEALTH_P99_FLOOR_MS
    rows = [
        row("Suggest requests (errors)", f"{s['requests']:.0f} ({s['errors']:.0f})"),
        row("Suggest throughput", f"{s['rps']:.1f} requests per second"),
        row("Suggest latency p50 / p95 / p99", latency(load)),
        row("/healthz during the load: p50 / p95 / p99 (errors)", f"{latency(health)} ({h['errors']:.0f})"),
        row("Memory held after the load (RSS), the supervisor and all workers", f"{held:.0f} MB"),
        row("Peak memory, the supervisor and all workers", f"{peak:.0f} MB"),
    ]
    return rows, ok


def scenario_swap(args: argparse.Namespace, texts: list[str], tmp: Path) -> tuple[list[str], bool]:
    index = copy_index(tmp / "index-swap")
    good = current_build_path(index)
    assert good is not None
    bad = index / "builds" / "29990101T000000000000Z"
    shutil.copytree(good, bad)
    (bad / "vectors.faiss").write_bytes((bad / "vectors.faiss").read_bytes()[:1000])
    env = {"SEND_HANDBOOK_INDEX_DIR": str(index), "SEND_HANDBOOK_RELOAD_CHECK_SECONDS": "0.2"}
    seconds = min(args.seconds, 20)
    with Service(workers=args.workers, env=env) as service:

        def swap() -> None:
            time.sleep(seconds / 3)
            switch_current(index, bad)

        load, _ = with_probe(service.url, args.clients, seconds, texts, during=swap)
        ready = httpx.get(service.url + "/readyz", timeout=30)
        log = service.stop()
    warning = ready.json().get("warning", "") if ready.status_code == 200 else ""
    warned = bad.name in warning and "refused" in warning
    if not warned:
        print(f"/readyz said: {ready.text}\nThe service's log ended:\n{log[-4000:]}", flush=True)
    rows = [
        row("Corrupt build switched in: suggests served (failed)", f"{load.requests} ({len(load.errors)})"),
        row("/readyz afterwards", f"{ready.status_code}, warning names the refused build: {warned}"),
    ]
    return rows, not load.errors and warned


def scenario_rebuild(args: argparse.Namespace, texts: list[str], tmp: Path) -> tuple[list[str], bool]:
    index = copy_index(tmp / "index-rebuild")
    env = {"SEND_HANDBOOK_INDEX_DIR": str(index)}
    timing: dict[str, float] = {}
    with Service(workers=args.workers, env=env) as service:
        quiet = run_load(service.url, args.clients, 10, texts).summary()

        def rebuild() -> None:
            began = time.perf_counter()
            subprocess.run(
                [sys.executable, "build_index.py", "--index", str(tmp / "index-rebuilt")],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            timing["build"] = time.perf_counter() - began

        outcome: dict[str, tuple[LoadResult, LoadResult]] = {}
        loader = threading.Thread(
            target=lambda: outcome.__setitem__("r", with_probe(service.url, args.clients, args.rebuild_seconds, texts))
        )
        loader.start()
        rebuild()
        loader.join()
    load, health = outcome["r"]
    s = load.summary()
    rows = [
        row("Suggest throughput, no build running (10 s)", f"{quiet['rps']:.1f} requests per second"),
        row(
            f"Suggest throughput while build_index.py runs ({args.rebuild_seconds:.0f} s)",
            f"{s['rps']:.1f} requests per second ({s['errors']:.0f} errors)",
        ),
        row("/healthz while the build runs: p50 / p95 / p99", latency(health)),
        row("Build time beside the live service", f"{timing['build']:.0f} s"),
    ]
    return rows, not load.errors and not health.errors


def scenario_forged(args: argparse.Namespace, texts: list[str], tmp: Path) -> tuple[list[str], bool]:
    env = {
        "SEND_HANDBOOK_INDEX_DIR": str(copy_index(tmp / "index-forged")),
        "SEND_HANDBOOK_RATE_LIMIT_PER_MINUTE": "20",
    }
    with Service(workers=1, env=env) as service, httpx.Client(base_url=service.url, timeout=30) as session:
        codes = [
            session.get("/api/training", headers={"x-forwarded-for": f"203.0.113.{n}"}).status_code for n in range(40)
        ]
    refused = codes.count(429)
    return [row("40 requests with forged X-Forwarded-For at 20 a minute: refused", f"{refused}")], refused >= 15


SCENARIOS = {"load": scenario_load, "swap": scenario_swap, "rebuild": scenario_rebuild, "forged": scenario_forged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (recommended: one per core)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rebuild-seconds", type=float, default=40, help="load measured while the build runs")
    parser.add_argument("--only", choices=sorted(SCENARIOS), action="append", help="run only these scenarios")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    texts = descriptions()
    rows: list[str] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only or list(SCENARIOS):
            scenario_rows, ok = SCENARIOS[name](args, texts, Path(tmp))
            rows += scenario_rows
            if not ok:
                failed.append(name)
            print("\n".join(scenario_rows), flush=True)
    table = "\n".join(
        [
            f"{args.workers} workers, {args.clients} concurrent clients posting /api/suggest with the evaluation "
            f"descriptions, {args.seconds:.0f} seconds; a probe in its own process asks /healthz every 50 ms "
            "on a new connection.",
            "",
            "| Measure | Result |",
            "|---|---|",
            *rows,
            "",
            f"Floors: {'all met' if not failed else 'NOT met: ' + ', '.join(failed)}.",
        ]
    )
    print(table)
    if args.write:
        write_between_markers(ROOT / "docs" / "benchmarks.md", "load", table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
