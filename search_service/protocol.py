"""uvicorn's HTTP/1.1 protocol with a header read timeout: a connection that has not sent a whole
request head within `header_timeout_seconds` (from connecting, or from the end of its previous
response) is closed. uvicorn's own keep-alive timer restarts on every byte, so a client that trickles
one byte a second would otherwise hold its connection for ever. The body timeout is enforced in
middleware.BodySizeLimit."""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from handbook.settings import Settings


class TimedH11Protocol(H11Protocol):
    header_timeout = Settings.from_env().header_timeout_seconds  # read in each worker, from the environment

    _header_timer: asyncio.TimerHandle | None = None

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timed_out)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_timed_out(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()  # the request head never arrived: nothing to answer

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:
            self._cancel_header_timer()  # the head has arrived

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)
