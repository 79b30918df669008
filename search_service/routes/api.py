"""The public API: /api/search, /api/suggest and /api/training."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from handbook.schema import ROLE_IDS, TrainingCategory
from search_service.compute import compute
from search_service.engine import SearchEngine
from search_service.fast_json import encoded, json_response
from search_service.schemas import (
    MAX_DESCRIPTION,
    Problem,
    SearchResponse,
    SuggestRequest,
    SuggestResponse,
    TrainingResponse,
    clean_text,
)

ROLES = ROLE_IDS
TRAINING_CATEGORIES = tuple(category.value for category in TrainingCategory)
router = APIRouter(prefix="/api", tags=["api"])
NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "description": "The index is not loaded; the detail says why"}
}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "The input is not valid; the detail says what to change"}
}


async def ready_engine(request: Request) -> SearchEngine:
    holder = request.app.state.holder
    holder.maybe_reload()
    engine: SearchEngine | None = holder.engine
    if engine is None:
        raise HTTPException(503, detail=f"Search is not available yet: {holder.reason}")
    return engine


Engine = Annotated[SearchEngine, Depends(ready_engine)]


@router.post("/suggest", response_model=SuggestResponse, responses=NOT_READY | INVALID)
async def suggest(request: Request, body: SuggestRequest, engine: Engine) -> Response:
    """Rank the needs that fit a description and fill in their wave 1-3 strategies, training and services."""
    # CPU-bound: computed in the bounded thread pool, so the event loop stays free (search_service/compute.py).
    # The engine builds a SuggestResponse; it is encoded there too, and not validated a second time.
    return json_response(await compute(request, encoded, engine.suggest, body.description, body.phase, body.limit))


@router.get("/search", response_model=SearchResponse, responses=NOT_READY | INVALID)
async def search(
    request: Request,
    engine: Engine,
    q: Annotated[str, Query(description="What to search for, 2 to 1000 characters")],
    k: Annotated[int, Query(ge=1, le=50, description="How many results, 1 to 50")] = 10,
) -> Response:
    """Search every page of the handbook, section by section."""
    query = clean_text(q)
    if len(query) < 2:
        raise HTTPException(422, detail="q (the search words) is too short: type at least 2 characters")
    if len(query) > MAX_DESCRIPTION:
        raise HTTPException(422, detail=f"q (the search words) is too long: keep it under {MAX_DESCRIPTION} characters")
    return json_response(await compute(request, encoded, engine.search, query, k))


@router.get("/training", response_model=TrainingResponse, responses=NOT_READY | INVALID)
def training(
    engine: Engine,
    role: Annotated[str | None, Query(description=f"One of: {', '.join(ROLES)}")] = None,
    category: Annotated[str | None, Query(description=f"One of: {', '.join(TRAINING_CATEGORIES)}")] = None,
    need: Annotated[str | None, Query(description="A need slug from needs.yaml")] = None,
) -> TrainingResponse:
    """List training modules, optionally only those for a role, a category or a need."""
    if role is not None and role not in ROLES:
        raise HTTPException(422, detail=f"role must be one of: {', '.join(ROLES)}")
    if category is not None and category not in TRAINING_CATEGORIES:
        raise HTTPException(422, detail=f"category must be one of: {', '.join(TRAINING_CATEGORIES)}")
    if need is not None and need not in engine.needs:
        raise HTTPException(422, detail="need must be a need slug, for example attention-and-listening")
    return TrainingResponse(modules=engine.training(role, category, need))
