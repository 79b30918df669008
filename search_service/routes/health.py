"""Liveness and readiness, as a load balancer or a Kubernetes probe uses them.

- /healthz (liveness): 200 while the process can answer. Never looks at the index, so a broken index
  never gets a replica restarted; restart only when this stops answering.
- /readyz (readiness): 200 while an index is loaded and served (with a `warning` when a newer build
  was refused and the last good one is still served); 503 with the reason while none is. Take the
  replica out of rotation on 503, put it back on 200.

Both answer GET and HEAD, on the event loop, without waiting for a search to finish.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="200 while the process is up")
@router.head("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="200 while an index is served (a `warning` if a newer build was refused); 503 with the reason otherwise",
)
@router.head("/readyz", include_in_schema=False)
async def readyz(request: Request) -> JSONResponse:
    holder = request.app.state.holder
    holder.maybe_reload()
    engine = holder.engine
    if engine is None:
        return JSONResponse({"status": "not ready", "reason": holder.reason, "detail": holder.reason}, status_code=503)
    manifest = engine.manifest
    body: dict[str, Any] = {
        "status": "ready",
        "index": {
            "build_id": manifest.build_id,
            "built_at": manifest.built_at,
            "model": manifest.model.name,
            "counts": manifest.counts,
        },
    }
    warning = holder.readiness_warning()
    if warning:
        body["warning"] = warning
    return JSONResponse(body)
