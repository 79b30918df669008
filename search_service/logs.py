"""Logging for every worker process: uvicorn starts each worker afresh, so each sets itself up."""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Timestamps and the worker's process id on every line. Leaves an existing setup (pytest's
    capture, an embedding application) alone."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=level.upper(), format=FORMAT)
    logging.getLogger("search_service").setLevel(level.upper())
