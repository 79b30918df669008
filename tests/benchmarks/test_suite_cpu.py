"""benchmarks/suite_cpu.py --accounting: lastcomm's lines, summed by program."""

from benchmarks.suite_cpu import accounted

LINES = [
    "pytest            F    root     __        12.50 secs Fri Dec  4 00:54",
    "python                 root     __         4.00 secs Fri Dec  4 00:54",
    "ThreadPoolForeg   F    root     __         3.25 secs Fri Dec  4 00:55",
    "chromium               root     __         1.00 secs Fri Dec  4 00:55",
    "postgres         F     postgres __         0.50 secs Fri Dec  4 00:56",
    "tokio-rt-worker        root     __         2.00 secs Fri Dec  4 00:53",
    "sed                    root     __         0.25 secs Fri Dec  4 00:53",
    "not a lastcomm line",
]


def test_accounted_sums_each_program_and_counts_chromium_helpers_as_chromium() -> None:
    per_group = accounted(LINES)
    assert per_group["pytest (all parts)"] == 12.5
    assert per_group["Chromium (all its processes)"] == 4.25
    assert per_group["PostgreSQL"] == 0.5
    assert per_group["install (uv, pip)"] == 2.0
    assert per_group["other"] == 0.25
    assert sum(per_group.values()) == 12.5 + 4.0 + 4.25 + 0.5 + 2.0 + 0.25
