"""Wire the records routes into the FastAPI app: one router under /api/records, one store per process."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI

from handbook.settings import Settings
from search_service.records import routes_auth, routes_records
from search_service.records.store import RecordsStore
from search_service.schemas import Problem

ANSWERS = {
    401: "Not signed in, or wrong sign-in details",
    403: "Signed in, but this account may not do this, or the X-CSRF-Token header is missing",
    404: "No such person or record",
    409: "Already recorded",
    422: "The input is not valid; the detail says what to change",
    429: "Too many failed sign-ins; the detail says how long to wait",
    503: "The records database is not available; the detail says why",
}
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": text} for status, text in ANSWERS.items()
}
router = APIRouter(prefix="/api/records", tags=["training records"], responses=ERRORS)
router.include_router(routes_auth.router)
router.include_router(routes_records.router)


def install_records(app: FastAPI, settings: Settings) -> RecordsStore:
    store = RecordsStore(settings)
    app.state.records = store
    app.include_router(router)
    return store
