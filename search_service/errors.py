"""Turn validation errors into sentences a person understands, and keep every other error a clean JSON reply."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

FIELD_NAMES = {"q": "q (the search words)", "k": "k (how many results)"}


def describe(error: dict[str, Any]) -> str:
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    field = FIELD_NAMES.get(location[-1], location[-1]) if location else "the request body"
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    message = str(error.get("msg", "is not valid"))
    if kind == "missing":
        return f"{field} is required"
    if kind in ("json_invalid", "json_type"):
        return 'The request body must be valid JSON, for example {"description": "struggles with listening"}'
    if kind == "model_attributes_type" or kind == "dict_type":
        return 'The request body must be a JSON object, for example {"description": "struggles with listening"}'
    if kind == "extra_forbidden":
        return f"'{location[-1]}' is not a field this endpoint accepts"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field} must be a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{field} must be a whole number in the allowed range ({message.lower()})"
    if kind in ("literal_error", "enum"):
        return f"{field} must be one of: {ctx.get('expected', '')}"
    if kind in ("string_type",):
        return f"{field} must be text"
    if kind == "value_error":
        return f"{field} {message.removeprefix('Value error, ')}"
    if kind in ("string_too_short",):
        return f"{field} is too short"
    if kind in ("string_too_long",):
        return f"{field} is too long"
    return f"{field}: {message}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        messages = [describe(error) for error in exc.errors()]
        fields = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "message": m}
            for e, m in zip(exc.errors(), messages, strict=True)
        ]
        return JSONResponse({"detail": "; ".join(dict.fromkeys(messages)), "errors": fields}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "Request failed"
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    # Unexpected errors are handled once, by middleware.ErrorBoundary, inside the security headers.
