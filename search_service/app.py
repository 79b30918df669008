"""The FastAPI application: built by a factory from one Settings object; the model and index load once
in the lifespan; the API lives under /api and the built site is served read-only at /."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from handbook.settings import Settings
from search_service.api_docs import OPENAPI_URL, install_api_docs
from search_service.compute import make_limiter
from search_service.errors import install_error_handlers
from search_service.holder import EngineHolder
from search_service.logs import configure_logging
from search_service.memory import release_freed_memory
from search_service.middleware import (
    AccessLog,
    BodySizeLimit,
    ErrorBoundary,
    RateLimit,
    SecurityHeaders,
    content_security_policy,
)
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


ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def install_api_fallback(app: FastAPI) -> None:
    """Under /api/ a wrong method gets 405 with the allowed methods and an unknown path 404, both as
    JSON: never the site's HTML page. The allowed methods come from the API's own OpenAPI schema."""
    allowed: dict[str, str] = {}

    def methods_for(path: str) -> str:
        if not allowed:
            for route_path, operations in app.openapi()["paths"].items():
                allowed[route_path] = ", ".join(sorted(method.upper() for method in operations))
        return allowed.get(path, "")

    @app.api_route("/api/{rest:path}", methods=ALL_METHODS, include_in_schema=False)
    async def api_fallback(request: Request, rest: str) -> JSONResponse:
        listed = methods_for("/api/" + rest)
        if listed:
            return JSONResponse(
                {"detail": f"{request.method} is not allowed here. Use: {listed}."},
                status_code=405,
                headers={"allow": listed},
            )
        return JSONResponse({"detail": "There is no API endpoint at this address."}, status_code=404)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)  # runs in every worker process: uvicorn calls this factory there
    holder = EngineHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.compute_limiter = make_limiter(settings.resolved_search_threads())
        holder.load_model()
        holder.load()
        if holder.engine is None:
            log.error("Search is NOT ready: %s", holder.reason)
        records.start()  # training records: open the database and migrate it, once, under a lock
        release_freed_memory()  # what loading the model, the index and the migrations left behind
        holder.watch()
        yield
        holder.stop_watching()
        records.close()

    app = FastAPI(
        title="SEND Handbook search",
        version="1.0.0",
        description="Find strategies, training and services for a pupil's needs. Never send a pupil's name.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN; api_docs serves packaged assets
        redoc_url=None,
        openapi_url=OPENAPI_URL,
    )
    app.state.holder = holder
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api.router)
    records = install_records(app, settings)
    install_api_docs(app)
    install_api_fallback(app)

    if settings.site_dir.is_dir():
        app.mount("/", StaticFiles(directory=settings.site_dir, html=True), name="site")
    else:

        @app.get("/", include_in_schema=False)
        def no_site() -> HTMLResponse:
            return HTMLResponse(NO_SITE_PAGE, status_code=503)

    # Added innermost first. From the outside in: the access log sees every response; the security
    # headers go on every response, the error boundary's 500 included; CORS headers go on the limits'
    # 413 and 429 too.
    app.add_middleware(
        RateLimit,
        per_minute=settings.rate_limit_per_minute,
        max_clients=settings.rate_limit_clients,
        trusted_proxies=settings.trusted_proxies,
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, body_timeout=settings.body_timeout_seconds)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["content-type"],
            expose_headers=["retry-after"],
        )
    app.add_middleware(ErrorBoundary)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(site_script_hashes(settings.site_dir)))
    app.add_middleware(AccessLog)
    return app
