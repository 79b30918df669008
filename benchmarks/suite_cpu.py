"""Where the test command's time goes: the CPU time of each program it starts, and how busy the cores were.

Runs `scripts/test` (with any arguments given here) and samples `ps` once a second. A program's CPU time
is the most its process showed in any sample, so a process that lives less than a second is missed; the
cores' busy time comes from /proc/stat and misses nothing. Linux only.

    python benchmarks/suite_cpu.py            # the whole suite, as CI runs it
    python benchmarks/suite_cpu.py --accounting   # count every process instead (root, Debian's acct)

With --accounting it uses BSD process accounting instead of sampling: the kernel records every process
that ends, however short its life, so nothing is missed (`accton`, `lastcomm`, from Debian's `acct`
package; needs root). Each program is then known only by its process name: Chromium's helpers are named
after their threads, and they are all counted as Chromium. It runs the `scripts/test` of this checkout.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = re.compile(r"\bpytest\b(.*)")
GROUPS = [  # (label, pattern on the command line); the first that matches names the process
    ("index build", re.compile(r"build_index\.py")),
    ("site build", re.compile(r"mkdocs")),
    ("services the tests start", re.compile(r"-m search_service|uvicorn")),
    ("mypy", re.compile(r"\bmypy\b")),
    ("install (uv, pip)", re.compile(r"\buv\b|-m pip")),
    ("PostgreSQL", re.compile(r"postgres")),
    ("Playwright driver", re.compile(r"node")),
    ("other Python", re.compile(r"python")),
]


def busy_and_total() -> tuple[int, int]:
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def sample(seen: dict[str, tuple[int, str, str]], before: dict[str, int]) -> None:
    out = subprocess.run(["ps", "-eo", "pid=,comm=,cputimes=,args="], capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 3 or not parts[2].isdigit() or parts[0] in before:
            continue
        seconds = int(parts[2])
        if parts[0] not in seen or seconds >= seen[parts[0]][0]:
            seen[parts[0]] = (seconds, parts[1], parts[3] if len(parts) > 3 else "")


def group(comm: str, args: str) -> str:
    if comm == "chromium":
        kind = re.search(r"--type=(\S+)", args)
        return f"Chromium ({kind.group(1) if kind else 'browser'})"
    pytest = PYTEST.search(args)
    if pytest:  # named by its arguments, which say which part of the suite it runs
        return f"pytest{pytest.group(1)[:70]}"
    for label, pattern in GROUPS:
        if pattern.search(f"{comm} {args}"):
            return label
    return "other"


# Process names that Chromium's processes have when they end (its helpers are named after a thread).
CHROMIUM_NAMES = re.compile(
    r"^(chromium|chrome|headless|ThreadPool|Chrome_|Cr[A-Z]|Viz|HangWatcher|SignalInspector|DedicatedWorker"
    r"|sandbox_ipc|ANGLE|PerfettoTrace|MemoryInfra|Compositor|ThreadCache|inotify_reader|Media)"
)
ACCOUNTED = {  # process name: label
    "pytest": "pytest (all parts)",
    "python": "other Python (index build, servers the tests start, command-line tests)",
    "python3.11": "other Python (index build, servers the tests start, command-line tests)",
    "mypy": "mypy",
    "uv": "install (uv, pip)",
    "tokio-rt-worker": "install (uv, pip)",
    "node": "Playwright driver",
    "node-MainThread": "Playwright driver",
    "postgres": "PostgreSQL",
    "apt-get": "Debian's packages (apt, dpkg)",
    "dpkg": "Debian's packages (apt, dpkg)",
    "dpkg-deb": "Debian's packages (apt, dpkg)",
    "http": "Debian's packages (apt, dpkg)",
}
LASTCOMM = re.compile(r"^(\S+)\s.*?([\d.]+) secs ")


def accounted(lines: list[str]) -> collections.Counter[str]:
    """CPU seconds by program from `lastcomm` lines."""
    per_group: collections.Counter[str] = collections.Counter()
    for line in lines:
        match = LASTCOMM.match(line)
        if not match:
            continue
        name, seconds = match.group(1), float(match.group(2))
        label = "Chromium (all its processes)" if CHROMIUM_NAMES.match(name) else ACCOUNTED.get(name, "other")
        per_group[label] += seconds
    return per_group


def with_accounting() -> int:
    import shutil
    import tempfile

    if not (shutil.which("accton") and shutil.which("lastcomm")):
        print("--accounting needs Debian's acct package: apt-get install -y acct", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "pacct"
        record.touch()
        subprocess.run(["accton", str(record)], check=True, capture_output=True)
        began = time.perf_counter()
        try:
            suite = subprocess.run(["scripts/test", *sys.argv[2:]], cwd=ROOT, stdout=sys.stderr, stderr=sys.stderr)
        finally:
            subprocess.run(["accton", "off"], capture_output=True)
        wall = time.perf_counter() - began
        lines = subprocess.run(["lastcomm", "-f", str(record)], capture_output=True, text=True).stdout.splitlines()
    per_group = accounted(lines)
    total = sum(per_group.values())
    print(f"scripts/test: exit {suite.returncode}, {wall:.0f} s; {total:.0f} CPU-s ({total / wall:.1f} cores)")
    print("| Program | CPU seconds |\n|---|---|")
    for label, seconds in per_group.most_common():
        if seconds >= 0.5:
            print(f"| {label} | {seconds:.0f} |")
    return suite.returncode


def main() -> int:
    if sys.argv[1:2] == ["--accounting"]:
        return with_accounting()
    started_ps = subprocess.run(["ps", "-eo", "pid="], capture_output=True, text=True).stdout.split()
    before = dict.fromkeys(started_ps, 0)  # processes that were running already are not counted
    seen: dict[str, tuple[int, str, str]] = {}
    busy0, total0 = busy_and_total()
    began = time.perf_counter()
    suite = subprocess.Popen(["scripts/test", *sys.argv[1:]], cwd=ROOT, stdout=sys.stderr, stderr=sys.stderr)
    while suite.poll() is None:
        sample(seen, before)
        time.sleep(1)
    wall = time.perf_counter() - began
    busy1, total1 = busy_and_total()
    cores = (total1 - total0) / max(1, wall * 100)  # /proc/stat counts in hundredths of a second per core
    per_group: collections.Counter[str] = collections.Counter()
    for seconds, comm, args in seen.values():
        per_group[group(comm, args)] += seconds
    print(f"scripts/test: exit {suite.returncode}, {wall:.0f} s")
    print(f"cores busy: {(busy1 - busy0) / 100:.0f} CPU-s of {(total1 - total0) / 100:.0f} ({cores:.1f} cores)")
    print("| Program | CPU seconds |\n|---|---|")
    for label, seconds in per_group.most_common():
        if seconds:
            print(f"| {label} | {seconds} |")
    print(f"| all sampled processes | {sum(per_group.values())} |")
    return suite.returncode


if __name__ == "__main__":
    sys.exit(main())
