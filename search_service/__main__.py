"""Start the service: python -m search_service --host 127.0.0.1 --port 8000 [--workers N]"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import uvicorn

from handbook.settings import ENV_PREFIX, Settings


def main(argv: list[str] | None = None) -> int:
    defaults = Settings.from_env()
    parser = argparse.ArgumentParser(description="Serve the SEND Handbook site and search API.")
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument(
        "--workers", type=int, default=defaults.workers, help="worker processes (2 on a 2-core machine)"
    )
    parser.add_argument("--index", help="index folder (default: index/)")
    parser.add_argument("--site", help="built site folder (default: site/)")
    args = parser.parse_args(argv)
    # Workers are separate processes: hand them the settings through the environment.
    for name, value in {"index_dir": args.index, "site_dir": args.site, "workers": str(args.workers)}.items():
        if value:
            os.environ[ENV_PREFIX + name.upper()] = value
    logging.basicConfig(level=defaults.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(
        "search_service.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,  # uvicorn's access log would record query strings; ours does not
        log_config=None,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
