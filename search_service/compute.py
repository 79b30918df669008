"""CPU-bound work runs in worker threads, at most `search_threads` at once, never on the event loop:
so /healthz, /readyz and the static site answer in milliseconds whatever the search load."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Request

T = TypeVar("T")


def make_limiter(threads: int) -> CapacityLimiter:
    return CapacityLimiter(threads)


async def compute(request: Request, function: Callable[..., T], *args: object) -> T:
    limiter: CapacityLimiter = request.app.state.compute_limiter
    return await anyio.to_thread.run_sync(function, *args, limiter=limiter)
