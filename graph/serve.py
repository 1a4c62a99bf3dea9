"""A read-only SPARQL 1.1 Protocol endpoint: `jjjkg serve`.

The built graph (data in the default graph, the ontology in a named graph) is written to an on-disk
Oxigraph store in a temporary directory (or a store folder `jjjkg import-csv` wrote is used as it
is). Queries run in worker processes that each hold the store open read-only and are killed at the
deadline (graph/query_workers.py); the HTTP side is a Starlette app (graph/serve_app.py) run by
uvicorn, bound to the address the user asked for once the workers answer.

Why this design rather than the Oxigraph server behind a filter: Oxigraph 0.5 cannot stop every
query (a 4-way cross product runs on after its timeout, upstream oxigraph/oxigraph#1336), streams an
answer before knowing whether it will finish (a cancelled query ends in a broken 200), sends SERVICE
requests to any host and dies of a stack overflow on deeply nested queries. A killed process always
stops, and uvicorn (h11) and Starlette are well-kept HTTP parts where the stdlib server is not.
"""
from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .oxigraph import memory_store
from .problems import ConfigError
from .query import Engine, store_folder
from .query_workers import QueryWorkers, WorkerDied
from .serve_app import make_app
from .settings import Built

MAX_TIMEOUT_S = 3600.0
MAX_WORKERS = 32
MAX_QUEUE = 1000
MAX_CONNECTIONS = 512
HEADER_LIMIT_BYTES = 64 * 1024
HEADER_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ServeOptions:
    """What `jjjkg serve` was asked for, checked before anything is built."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout_s: float = 30.0
    workers: int = 0  # 0: one per CPU core, at least 2
    queue: int = 16  # queries that may wait per worker before a 503

    def check(self) -> ServeOptions:
        if not 0 < self.port < 65536:
            raise ConfigError(f"--port: {self.port} is not a port number (1-65535)")
        if not (math.isfinite(self.timeout_s) and 0 < self.timeout_s <= MAX_TIMEOUT_S):
            raise ConfigError(f"--timeout-s: give a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}")
        if not 0 <= self.workers <= MAX_WORKERS:
            raise ConfigError(f"--workers: give 1 to {MAX_WORKERS} (or 0: one per CPU core)")
        if not 0 <= self.queue <= MAX_QUEUE:
            raise ConfigError(f"--queue: give 0 to {MAX_QUEUE} queries waiting per worker")
        if not self.host or len(self.host) > 253 or any(not ch.isprintable() or ch.isspace() for ch in self.host):
            raise ConfigError(f"--host: {self.host[:60]!r} is not a host name or address")
        return self

    @property
    def worker_count(self) -> int:
        return self.workers or max(2, min(os.cpu_count() or 2, 8))


def write_store(built: Built, location: Path) -> Path:
    """The built graph (data and ontology) in an on-disk Oxigraph store at location."""
    memory = memory_store(built.ntriples, built.schema.graph, built.derived)
    disk = ox.Store(str(location))
    disk.bulk_extend(memory.quads_for_pattern(None, None, None, None))
    disk.flush()
    del disk
    return location


def open_socket(host: str, port: int) -> socket.socket:
    """The public address, bound (a busy port is a clear error before the workers start) but not yet
    listening: connections are refused until uvicorn listens, once the workers answer."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise ConfigError(f"--host: cannot resolve {host!r}: {exc}") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"--port: cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(built: Built | None, options: ServeOptions, store: Path | None = None,
          ready: Callable[[ServeOptions], None] = lambda options: None) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM): the built graph from a temporary store (removed
    on the way out), or a store folder that `jjjkg import-csv` wrote. ready is called (to print the
    banner) once queries are answered."""
    options.check()
    with tempfile.TemporaryDirectory(prefix="jjjkg-serve-") as tmp:
        if store is not None:
            location = store_folder(store)
            Engine.open(location)  # a store it cannot open (corrupted, say) is an error naming --store
        else:
            assert built is not None
            location = write_store(built, Path(tmp) / "store")
        answers = Path(tmp) / "answers"
        answers.mkdir()
        sock = open_socket(options.host, options.port)
        try:
            workers = QueryWorkers(location, options.worker_count, options.timeout_s)  # each has opened the store
        except WorkerDied as exc:
            sock.close()
            raise ConfigError(f"the query workers did not start: {exc}") from None
        try:
            return _run_http(make_app(workers, options.queue, answers), sock, lambda: ready(options))
        finally:
            workers.close()
            sock.close()


class _Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 (h11) with a deadline for each request's headers, which uvicorn lacks: a
    client sending a header line now and then would otherwise hold its connection for ever
    ("slowloris"). The clock starts when the connection opens and after each answer."""

    header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def _await_headers(self) -> None:
        self._stop_header_timer()
        self.header_timer = self.loop.call_later(HEADER_TIMEOUT_S, self._headers_late)

    def _stop_header_timer(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_late(self) -> None:
        self.header_timer = None
        if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:  # a request's headers are in
            self._stop_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)


class _Server(uvicorn.Server):
    """uvicorn's server, saying when it listens."""

    def __init__(self, config: uvicorn.Config, listening: Callable[[], None]) -> None:
        super().__init__(config)
        self.listening = listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self.listening()


def _run_http(app: object, sock: socket.socket, listening: Callable[[], None]) -> int:
    """uvicorn on the bound socket until Ctrl-C or SIGTERM; both stop it in order and exit 0.
    listening() is called once connections are accepted."""
    config = uvicorn.Config(app, http=_Protocol, lifespan="off", log_level="critical", access_log=False,  # type: ignore[arg-type]
                            server_header=False, limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5,
                            h11_max_incomplete_event_size=HEADER_LIMIT_BYTES, timeout_graceful_shutdown=5)
    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # uvicorn handles it, then raises it again
    try:
        _Server(config, listening).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has stopped
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    sys.stdout.flush()
    return 0
