"""Memory freed while loading goes back to the operating system."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from search_service.memory import release_freed_memory


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line")


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_memory_inside_the_heap_is_returned() -> None:
    # 2,000 blocks of 100 KB (under malloc's mmap threshold, so they live in the heap); every other one
    # is freed, which leaves holes that malloc never gives back by itself.
    blocks = [np.ones(12_800) for _ in range(2_000)]
    kept = blocks[1::2]
    del blocks
    before = resident_mb()
    assert release_freed_memory() is True
    after = resident_mb()
    assert before - after > 50, f"resident memory went from {before:.0f} MB to {after:.0f} MB"
    assert len(kept) == 1_000


def test_importing_the_service_does_not_import_the_migration_tool() -> None:
    """alembic is needed for a moment at start-up, after the model has loaded, never at import."""
    code = "import sys, search_service.app; print('alembic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
