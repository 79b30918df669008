"""Start the service: python -m search_service [--host 127.0.0.1] [--port 8000] [--workers N]

Every value comes from the Settings object (SEND_HANDBOOK_* variables); a flag given here wins over
its variable, for this start only, and is handed to the workers through the same variables."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import socket
import sys

import uvicorn

from handbook.settings import ENV_PREFIX, Settings
from search_service.logs import configure_logging

log = logging.getLogger("search_service")


FLAGS = {  # flag destination: the setting it stands for
    "host": "host",
    "port": "port",
    "workers": "workers",
    "index": "index_dir",
    "site": "site_dir",
    "trusted_proxies": "trusted_proxies",
}


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings, from SEND_HANDBOOK_* with the flags given on top, checked by the one Settings model.
    Workers are separate processes that read the environment, so the flags are handed on there too."""
    given = {FLAGS[flag]: value for flag, value in vars(args).items() if flag in FLAGS and value is not None}
    overrides = {
        name: [part.strip() for part in value.split(",") if part.strip()] if name == "trusted_proxies" else value
        for name, value in given.items()
    }
    settings = Settings.from_env(**overrides)
    for name in given:
        value = getattr(settings, name)
        os.environ[ENV_PREFIX + name.upper()] = ",".join(value) if isinstance(value, list) else str(value)
    return settings


def address_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port (a socket left waiting by a stopped server does not
    count: uvicorn reuses those too)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the SEND Handbook site and search API.")
    parser.add_argument("--host", help="the address to listen on (default: SEND_HANDBOOK_HOST, or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="the port (default: SEND_HANDBOOK_PORT, or 8000)")
    parser.add_argument("--workers", type=int, help="worker processes, one per core (default: SEND_HANDBOOK_WORKERS)")
    parser.add_argument("--index", help="index folder (default: SEND_HANDBOOK_INDEX_DIR, or index/)")
    parser.add_argument("--site", help="built site folder (default: SEND_HANDBOOK_SITE_DIR, or site/)")
    parser.add_argument("--ssl-certfile", help="serve HTTPS with this certificate chain (PEM)")
    parser.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    parser.add_argument(
        "--check", action="store_true", help="only check the settings and that the address is free, then exit"
    )
    parser.add_argument(
        "--trusted-proxies",
        help="comma-separated addresses of reverse proxies whose X-Forwarded-For is believed "
        "(SEND_HANDBOOK_TRUSTED_PROXIES); uvicorn's --proxy-headers is not used",
    )
    args = parser.parse_args(argv)
    settings = settings_from(args)
    configure_logging(settings.log_level)
    if address_in_use(settings.host, settings.port):
        print(
            f"Something is already using {settings.host}:{settings.port}, perhaps the handbook started earlier. Stop "
            f"it (Ctrl+C in its window), or choose another port: SEND_HANDBOOK_PORT={settings.port + 1} scripts/run",
            file=sys.stderr,
        )
        return 1
    if args.check:
        return 0
    scheme = "https" if args.ssl_certfile else "http"
    log.info("SEND Handbook on %s://%s:%s with %s worker(s)", scheme, settings.host, settings.port, settings.workers)
    uvicorn.run(
        "search_service.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
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
