"""The HTTP side of `jjjkg serve`: a Starlette app, run by uvicorn (see graph/serve.py).

Paths:
- `/` jjjkg's query page (YASGUI from npm's @zazuko/yasgui, vendored in serve_static/yasgui/, set up
  by serve_static/jjjkg-query.js to ask no host but this one; a Content-Security-Policy keeps it so),
  `/prefixes.json` jjjkg's prefixes in the prefix.cc format YASGUI reads;
- `/query` (and `/sparql`) the SPARQL 1.1 Protocol's query operation: GET `?query=`, POST a form
  or `application/sparql-query`, with `default-graph-uri` and `named-graph-uri`; the answer in the
  format the Accept header asks for (graph/query_workers.py lists them);
- `/update` answers 403: the graph is read-only. Anything else is a 404.

What a request may cost is bounded before a worker sees it: the body (MAX_BODY_BYTES, read within
BODY_TIMEOUT_S), the query (graph/sparql_guard.py: no SERVICE, no update, bounded length and
nesting, a 400 saying why), the number of queries waiting (`--queue` per worker, then 503 with
Retry-After) and the time a query runs (the workers' deadline: 422, the query was too costly). A
client that goes away cancels its query, which kills the worker running it.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import sys
import threading
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from .namespaces import PREFIX_IRIS
from .query_workers import QueryRequest, QueryWorkers, WorkerDied
from .sparql_guard import RefusedQuery, check_query

STATIC = Path(__file__).resolve().parent / "serve_static"
MAX_BODY_BYTES = 2 * 1024 * 1024
BODY_TIMEOUT_S = 30.0
DISCONNECT_POLL_S = 0.5
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Server": "jjjkg"}
QUERY_HEADERS = {**COMMON_HEADERS, "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*"}


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.headers = status, headers or {}


def page_files() -> dict[str, tuple[str, bytes]]:
    """The files of the query page: path -> (content type, bytes)."""
    return {
        "/": ("text/html; charset=utf-8", (STATIC / "index.html").read_bytes()),
        "/jjjkg-query.js": ("text/javascript; charset=utf-8", (STATIC / "jjjkg-query.js").read_bytes()),
        "/yasgui.min.js": ("text/javascript; charset=utf-8", (STATIC / "yasgui" / "yasgui.min.js").read_bytes()),
        "/yasgui.min.css": ("text/css; charset=utf-8", (STATIC / "yasgui" / "yasgui.min.css").read_bytes()),
        "/prefixes.json": ("application/json", json.dumps(PREFIX_IRIS, indent=1).encode() + b"\n"),
    }


def accepted_types(header: str) -> tuple[str, ...]:
    """The media types of an Accept header, most wanted first (q=0 dropped; ties keep their order)."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:50]):
        media_type, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type and 0 < quality <= 1:
            ranked.append((-quality, position, media_type.lower()))
    return tuple(media_type for _, _, media_type in sorted(ranked))


def _one(values: dict[str, list[str]], name: str, required: bool = False) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise Refused(400, f"give the parameter {name} once")
    if required and not found:
        raise Refused(400, "give a SPARQL query in the parameter 'query' (GET or a form) or as an "
                           "application/sparql-query body")
    return found[0] if found else None


def _fields(text: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=100,
                                     errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(400, f"the parameters cannot be read: {exc.__class__.__name__}") from None


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Refused(413, f"the request body is {int(declared):,} bytes; at most {MAX_BODY_BYTES:,} are accepted")
    pieces: list[bytes] = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for piece in request.stream():
            size += len(piece)
            if size > MAX_BODY_BYTES:
                raise Refused(413, f"the request body is larger than {MAX_BODY_BYTES:,} bytes")
            pieces.append(piece)

    try:
        await asyncio.wait_for(read(), BODY_TIMEOUT_S)
    except asyncio.TimeoutError:
        raise Refused(408, f"the request body did not arrive within {BODY_TIMEOUT_S:g} s") from None
    return b"".join(pieces)


async def query_request(request: Request) -> QueryRequest:
    """The SPARQL Protocol query operation in this request, or Refused."""
    url_fields = _fields(request.url.query)
    text = None
    if request.method == "POST":
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request)
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        if media_type == "application/sparql-query":
            text = decoded
        elif media_type == "application/x-www-form-urlencoded":
            url_fields = {**url_fields, **_fields(decoded)}
        else:
            raise Refused(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")
    if "update" in url_fields:
        raise Refused(403, "updates are refused: this endpoint is read-only")
    if text is None:
        text = _one(url_fields, "query", required=True)
    assert text is not None
    try:
        await run_in_threadpool(check_query, text)
    except RefusedQuery as exc:
        raise Refused(400, str(exc)) from None
    return QueryRequest(text, accepted_types(request.headers.get("accept", "")),
                        tuple(url_fields.get("default-graph-uri", [])), tuple(url_fields.get("named-graph-uri", [])))


class Endpoint:
    """The query operation: requests in, answers from the workers."""

    def __init__(self, workers: QueryWorkers, waiting_per_worker: int, answers: Path) -> None:
        self.workers, self.answers = workers, answers
        self.capacity = workers.count * (1 + waiting_per_worker)
        self.in_flight = 0
        self.numbers = itertools.count()

    async def answer(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**QUERY_HEADERS, "Access-Control-Allow-Methods": "GET, POST",
                                                      "Access-Control-Allow-Headers": "Content-Type, Accept"})
        query = await query_request(request)
        if self.in_flight >= self.capacity:
            raise Refused(503, "the endpoint is busy; try again in a moment", {"Retry-After": "1"})
        self.in_flight += 1
        path = self.answers / f"answer-{next(self.numbers)}"
        try:
            return await self._run(request, query, path)
        finally:
            self.in_flight -= 1

    async def _run(self, request: Request, query: QueryRequest, path: Path) -> Response:
        cancelled = threading.Event()
        running = asyncio.wrap_future(self.workers.submit(query, path, cancelled))
        try:
            while not (await asyncio.wait({running}, timeout=DISCONNECT_POLL_S))[0]:
                if await request.is_disconnected():  # the client went away: stop its query
                    cancelled.set()
            answer = running.result()
        except asyncio.CancelledError:
            cancelled.set()
            path.unlink(missing_ok=True)
            raise
        except TimeoutError:
            path.unlink(missing_ok=True)
            raise Refused(422, f"the query ran longer than this endpoint's {self.workers.timeout_s:g} s limit and "
                               "was stopped; narrow its patterns or add a LIMIT") from None
        except WorkerDied as exc:
            path.unlink(missing_ok=True)
            print(f"jjjkg serve: {exc}; a new worker has taken its place", file=sys.stderr)
            raise Refused(500, "the query stopped its worker process; it has been replaced") from None
        if answer.status != 200:
            path.unlink(missing_ok=True)
            raise Refused(answer.status, answer.message)
        return FileResponse(path, media_type=answer.content_type, headers=QUERY_HEADERS,
                            background=BackgroundTask(path.unlink, missing_ok=True))


def _page(files: dict[str, tuple[str, bytes]]) -> Callable[[Request], Awaitable[Response]]:
    async def page(request: Request) -> Response:
        content_type, body = files[request.url.path]
        headers = {**COMMON_HEADERS, "Cache-Control": "no-cache"}
        if request.url.path == "/":
            headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return Response(body, media_type=content_type, headers=headers)
    return page


async def _update(request: Request) -> Response:
    raise Refused(403, "updates are refused: this endpoint is read-only")


def _error(status: int, message: str, extra: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers={**QUERY_HEADERS, **(extra or {})})


def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Refused becomes its answer; anything else a 500 and one line on stderr, never a traceback."""
    async def answer(request: Request) -> Response:
        try:
            return await handler(request)
        except Refused as exc:
            return _error(exc.status, str(exc), exc.headers)
        except Exception as exc:  # noqa: BLE001 - the server keeps answering
            print(f"jjjkg serve: {exc.__class__.__name__}: {' '.join(str(exc).split())[:300]}", file=sys.stderr)
            return _error(500, "internal error")
    return answer


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(404, f"no such page: {request.url.path[:200]} (the SPARQL endpoint is /query)")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return _error(405, f"{request.method} is not answered here", {"Allow": "GET, POST, OPTIONS"})


def make_app(workers: QueryWorkers, waiting_per_worker: int, answers: Path) -> Starlette:
    files = page_files()
    endpoint = Endpoint(workers, waiting_per_worker, answers)
    routes = [Route(path, guarded(_page(files)), methods=["GET", "HEAD"]) for path in files]
    routes += [Route(path, guarded(endpoint.answer), methods=["GET", "POST", "OPTIONS"])
               for path in ("/query", "/sparql")]
    routes.append(Route("/update", guarded(_update), methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]))
    return Starlette(routes=routes, exception_handlers={404: _not_found, 405: _not_allowed})
