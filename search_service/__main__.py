"""Start the service: python -m search_service --host 127.0.0.1 --port 8000 [--workers N]"""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn

from handbook.settings import ENV_PREFIX, Settings
from search_service.logs import configure_logging


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
    parser.add_argument("--ssl-certfile", help="serve HTTPS with this certificate chain (PEM)")
    parser.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    parser.add_argument(
        "--trusted-proxies",
        help="comma-separated addresses of reverse proxies whose X-Forwarded-For is believed "
        "(SEND_HANDBOOK_TRUSTED_PROXIES); uvicorn's --proxy-headers is not used",
    )
    args = parser.parse_args(argv)
    # Workers are separate processes: hand them the settings through the environment.
    passed = {
        "index_dir": args.index,
        "site_dir": args.site,
        "workers": str(args.workers),
        "trusted_proxies": args.trusted_proxies,
    }
    for name, value in passed.items():
        if value:
            os.environ[ENV_PREFIX + name.upper()] = value
    configure_logging(defaults.log_level)
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
        # The client address is worked out by middleware.RateLimit, trusting only configured proxies.
        proxy_headers=False,
        http="search_service.protocol:TimedH11Protocol",  # header read timeout
        timeout_keep_alive=5,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
