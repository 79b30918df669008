"""Give memory freed while loading back to the operating system.

Loading the model and an index allocates large temporary buffers (onnxruntime folds the int8 weights
into float ones and then drops the originals). glibc keeps freed memory for reuse, so without this a
worker holds about 50 MB it no longer uses. On a C library without malloc_trim this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util


def _malloc_trim() -> object | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None)
    except OSError:
        return None


_TRIM = _malloc_trim()


def release_freed_memory() -> bool:
    """True when the C library was asked to return its free memory."""
    if _TRIM is None:
        return False
    _TRIM(0)  # type: ignore[operator]
    return True
