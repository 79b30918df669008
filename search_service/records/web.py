"""Wire the records routes into the FastAPI app: one router under /api/records, one store per process."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from handbook.settings import Settings
from search_service.records import routes_auth, routes_records
from search_service.records.store import RecordsStore

router = APIRouter(prefix="/api/records", tags=["training records"])
router.include_router(routes_auth.router)
router.include_router(routes_records.router)


def install_records(app: FastAPI, settings: Settings) -> RecordsStore:
    store = RecordsStore(settings)
    app.state.records = store
    app.include_router(router)
    return store
