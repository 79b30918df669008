"""The FastAPI application: built by a factory from one Settings object; the model and index load once
in the lifespan; the API lives under /api and the built site is served read-only at /."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from handbook.settings import Settings
from search_service.errors import install_error_handlers
from search_service.holder import EngineHolder
from search_service.middleware import AccessLog, BodySizeLimit, RateLimit, SecurityHeaders, content_security_policy
from search_service.records.web import install_records
from search_service.routes import api, health

log = logging.getLogger("search_service")
CSP_HASHES_FILE = "csp-script-hashes.json"  # written by the site build (site_hooks/hooks.py)

NO_SITE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SEND Handbook</title></head>
<body><h1>The site has not been built yet</h1><p>Run <code>mkdocs build</code>, then reload this page.
The API is available under <a href="/docs">/docs</a>.</p></body></html>"""


def site_script_hashes(site_dir: Path) -> list[str]:
    try:
        hashes = json.loads((site_dir / CSP_HASHES_FILE).read_text(encoding="utf-8"))
        return [h for h in hashes if isinstance(h, str) and h.startswith("sha256-")]
    except (OSError, ValueError):
        return []


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    holder = EngineHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder.load_model()
        holder.load()
        if holder.engine is None:
            log.error("Search is NOT ready: %s", holder.reason)
        records.start()  # training records: open the database and migrate it, once, under a lock
        yield
        records.close()

    app = FastAPI(
        title="SEND Handbook search",
        version="1.0.0",
        description="Find strategies, training and services for a pupil's needs. Never send a pupil's name.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.holder = holder
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api.router)
    records = install_records(app, settings)

    if settings.site_dir.is_dir():
        app.mount("/", StaticFiles(directory=settings.site_dir, html=True), name="site")
    else:

        @app.get("/", include_in_schema=False)
        def no_site() -> HTMLResponse:
            return HTMLResponse(NO_SITE_PAGE, status_code=503)

    # Outermost last: the access log sees every response, including refusals by the limits.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["content-type"],
        )
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(site_script_hashes(settings.site_dir)))
    app.add_middleware(AccessLog)
    return app
