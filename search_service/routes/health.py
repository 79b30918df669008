"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="200 while the process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="200 once the index is loaded and matches the model; 503 with the reason otherwise")
def readyz(request: Request) -> JSONResponse:
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
    return JSONResponse(body)
