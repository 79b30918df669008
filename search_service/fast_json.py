"""JSON bodies encoded inside the worker thread with the search itself, off the event loop: the
suggest answer carries every strategy of five needs. The engine answers with a response model
(search_service.schemas), which pydantic's Rust serializer encodes in its field order."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.responses import Response
from pydantic import BaseModel
from pydantic_core import to_json


def encoded(function: Callable[..., BaseModel], *args: object) -> bytes:
    """Call `function` and return the response model it builds as JSON bytes."""
    return to_json(function(*args))


def json_response(body: bytes) -> Response:
    return Response(body, media_type="application/json")
