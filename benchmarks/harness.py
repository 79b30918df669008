"""Shared by the benchmark and the load test: start the real service, fire requests, summarise latencies."""

from __future__ import annotations

import contextlib
import http.client
import json
import multiprocessing
import multiprocessing.queues
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent


def write_between_markers(path: Path, name: str, text: str) -> None:
    """Replace what sits between <!-- name:start --> and <!-- name:end --> in a docs page."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    page = path.read_text(encoding="utf-8")
    before, rest = page.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descriptions() -> list[str]:
    queries = yaml.safe_load((ROOT / "evaluation" / "queries.yaml").read_text(encoding="utf-8"))
    return [q["query"] for q in queries]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def _service_pids(pid: int) -> list[int]:
    """The service process and its children (uvicorn's workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return pids


def _status_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (uvicorn workers), from /proc (VmHWM)."""
    return sum(_status_mb(one, "VmHWM") for one in _service_pids(pid))


def rss_mb(pid: int) -> float:
    """Resident memory held now by a process and its children (VmRSS): what a worker keeps."""
    return sum(_status_mb(one, "VmRSS") for one in _service_pids(pid))


class Service:
    """The real service in its own process, as `python -m search_service` starts it.

    The tests and the benchmarks both use it. Its output goes to a file, never a pipe: an unread
    pipe fills up and then blocks the service on its next log line. stop() returns the log.
    """

    def __init__(
        self,
        workers: int = 1,
        env: dict[str, str] | None = None,
        log: Path | None = None,
        ready_path: str = "/readyz",
        timeout: float = 180,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = os.environ | {"SEND_HANDBOOK_RATE_LIMIT_PER_MINUTE": "0"} | (env or {})
        self.ready_path = ready_path
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.cold_start_seconds = 0.0
        self.keep_log = log is not None
        self.log_path = log or Path(tempfile.mkstemp(prefix="service-", suffix=".log")[1])

    def start(self) -> Self:
        started = time.perf_counter()
        command = [sys.executable, "-m", "search_service", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--workers", str(self.workers)]
        with self.log_path.open("wb") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(self.url + self.ready_path, timeout=2).status_code == 200:
                    self.cold_start_seconds = time.perf_counter() - started
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.02)
        log = self.stop()
        raise RuntimeError(f"The service did not become ready (did you run python build_index.py?):\n{log[-3000:]}")

    def stop(self) -> str:
        """Stop the service and return what it logged."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        log = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        if not self.keep_log:
            self.log_path.unlink(missing_ok=True)
        return log

    def memory_mb(self) -> tuple[float, float]:
        """(held now, peak) resident memory of the service and its workers, in MB."""
        pid = self.process.pid if self.process else 0
        return rss_mb(pid), peak_rss_mb(pid)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def summary(self) -> dict[str, float]:
        return {
            "requests": self.requests,
            "errors": len(self.errors),
            "rps": self.requests / self.seconds if self.seconds else 0.0,
            "p50_ms": percentile(self.latencies_ms, 50),
            "p95_ms": percentile(self.latencies_ms, 95),
            "p99_ms": percentile(self.latencies_ms, 99),
            "mean_ms": statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan"),
        }


def timed_request(
    connection: http.client.HTTPConnection,
    result: LoadResult,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    lock: threading.Lock | None = None,
) -> bool:
    """One request on `connection`, its latency or its error recorded in `result` (under `lock` when
    threads share it). False when the connection failed and must be closed."""
    began = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as error:
        with lock or contextlib.nullcontext():
            result.errors.append(type(error).__name__)
        return False
    elapsed = (time.perf_counter() - began) * 1000
    with lock or contextlib.nullcontext():
        if response.status == 200:
            result.latencies_ms.append(elapsed)
        else:
            result.errors.append(f"HTTP {response.status}")
    return True


def probe(url: str, path: str, seconds: float, interval: float = 0.05) -> LoadResult:
    """One client asking for `path` every `interval` seconds, each on a new connection, as a load
    balancer's health check does: a plain HTTP/1.1 GET with a 2-second timeout."""
    address = urlsplit(url)
    result = LoadResult()
    stop = time.monotonic() + seconds
    began = time.perf_counter()
    while time.monotonic() < stop:
        connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=2)
        timed_request(connection, result, "GET", path)
        connection.close()
        time.sleep(interval)
    result.seconds = time.perf_counter() - began
    return result


def _probe_into(queue: multiprocessing.queues.Queue, url: str, path: str, seconds: float) -> None:  # type: ignore[type-arg]
    queue.put(probe(url, path, seconds))


def probe_in_own_process(url: str, path: str, seconds: float) -> LoadResult:
    """probe() in a process of its own. A load balancer is not inside the load generator: a probe thread
    beside 32 client threads would wait for their interpreter lock and time that, not the service."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_probe_into, args=(queue, url, path, seconds), daemon=True)
    worker.start()
    result: LoadResult = queue.get(timeout=seconds + 60)
    worker.join(timeout=10)
    return result


def run_load(url: str, clients: int, seconds: float, texts: list[str]) -> LoadResult:
    """`clients` threads, each with its own keep-alive connection, posting to /api/suggest for `seconds`.

    The clients use the standard library's plain HTTP client with the bodies encoded beforehand, so the
    load generator, which shares the machine's cores with the service, spends as little of them as it can."""
    address = urlsplit(url)
    host, port = address.hostname or "127.0.0.1", address.port
    bodies = [json.dumps({"description": text}).encode() for text in texts]
    headers = {"content-type": "application/json"}
    result = LoadResult()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        i = offset
        while time.monotonic() < stop:
            body = bodies[i % len(bodies)]
            i += clients
            if not timed_request(connection, result, "POST", "/api/suggest", body, headers, lock):
                connection.close()  # reconnect for the next request
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result
