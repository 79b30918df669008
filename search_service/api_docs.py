"""/api/docs: Swagger UI 5 from the assets packaged in `swagger-ui-py` (Apache-2.0; the licence ships
beside the assets, in swagger_ui/static/LICENSE), served by this service. Nothing loads from another
host, and the page needs no inline script, so it runs under the site's own Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/api/docs"
ASSETS_URL = "/api/docs/assets"
OPENAPI_URL = "/api/openapi.json"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>SEND Handbook search API</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{DOCS_URL}/init.js"></script>
</body>
</html>
"""

INIT = f"""window.ui = SwaggerUIBundle({{
  url: "{OPENAPI_URL}",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
}});
"""


def swagger_assets() -> Path:
    """Only the static files of the package are used (it needs OpenAPI 3.1 support: Swagger UI 5)."""
    import swagger_ui

    return Path(swagger_ui.__file__).parent / "static"


def install_api_docs(app: FastAPI) -> None:
    """Call with FastAPI(docs_url=None): these routes replace FastAPI's CDN-based page."""

    @app.get(DOCS_URL, include_in_schema=False)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @app.get(DOCS_URL + "/init.js", include_in_schema=False)
    async def docs_init() -> Response:
        return Response(INIT, media_type="text/javascript")

    app.mount(ASSETS_URL, StaticFiles(directory=swagger_assets()), name="api-docs-assets")
