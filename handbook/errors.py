"""Errors that explain themselves to the person running the build or the service."""

from __future__ import annotations


class ContentError(Exception):
    """A content file is broken. The message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexNotReady(Exception):
    """The index cannot be served. The message says why and how to fix it."""


class ModelIntegrityError(Exception):
    """A model file is missing or differs from its pinned SHA-256: it is refused, never loaded."""
