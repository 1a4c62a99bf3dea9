"""SPARQL queries run in worker processes that are killed at the deadline.

Oxigraph 0.5 cancels a query only where its evaluator checks (a COUNT over a 4-way cross product is
never cancelled, upstream oxigraph/oxigraph#1336), and a cancelled query it has begun to stream
ends in a broken 200 answer. So `jjjkg serve` runs each query in one of a few worker processes, each
holding the store open read-only and talking to jjjkg over a pipe of its own. A worker evaluates
the query and writes the whole answer to a file before anything is sent, so the answer's status is
known before its first byte: 200 with a Content-Length, or an error with a message. At the deadline,
or when the client goes away, the worker is killed (SIGKILL) whatever the query is doing, and a new
one takes its place, so one query holds a core for the deadline and no longer.

Why not Pebble's ProcessPool (tried first): its idle workers share one pipe under a lock, and a worker
killed while idle (the OOM killer, an operator) leaves the lock taken and the pool broken for good
("Unexpected error within the Pool"). Here each worker has its own pipe; a dead one is replaced.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .namespaces import PREFIX_IRIS
from .store_layout import query_dataset

MAX_ANSWER_BYTES = 200 * 1024 * 1024
START_TIMEOUT_S = 60.0
POLL_S = 0.05
# Media types of answers (the SPARQL 1.1 Protocol's and Oxigraph's), first the default of each kind.
RESULTS_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON, "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML, "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3, "text/plain": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL Protocol query, already through graph/sparql_guard.py (serve_app checks it before
    it is queued): its text, the dataset it names, the media types the client takes (best first;
    empty means any)."""

    text: str
    accepts: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A status with either a file holding the whole answer (200) or a one-line message."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    message: str = ""


class TooLarge(OSError):
    pass


class _CappedFile:
    """A file that refuses to grow past MAX_ANSWER_BYTES."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.written = handle, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > MAX_ANSWER_BYTES:
            raise TooLarge(f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MB; add a LIMIT")
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()


_store: ox.Store | None = None


def _worker_main(connection: Connection, location: str) -> None:  # pragma: no cover - runs in the worker
    """A worker: open the store read-only, then answer requests until the pipe closes."""
    global _store
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for `jjjkg serve`, which stops its workers
    os.environ.pop("RUST_BACKTRACE", None)  # no Rust backtraces on the server's stderr
    _store = ox.Store.read_only(location)
    connection.send("ready")
    while True:
        try:
            request, answer_path = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(run_query(request, answer_path))


def _choose(accepts: tuple[str, ...], types: dict[str, object]) -> str | None:
    for media_type in accepts or ("*/*",):
        if media_type in types:
            return media_type
        if media_type in ("*/*", "application/*", "text/*"):
            return next((t for t in types if t.startswith(media_type[:-1]) or media_type == "*/*"), None)
    return None


def run_query(request: QueryRequest, answer_path: str) -> Answer:
    """In a worker: evaluate the query and write its whole answer to answer_path."""
    assert _store is not None
    try:
        dataset = query_dataset(request.text, request.default_graphs, request.named_graphs)
        result = _store.query(request.text, prefixes=PREFIX_IRIS, **dataset)  # type: ignore[arg-type]
    except (SyntaxError, ValueError) as exc:
        return Answer(400, message=" ".join(str(exc).split()))
    types: dict[str, object] = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULTS_TYPES
    chosen = _choose(request.accepts, types)
    if chosen is None:
        return Answer(406, message=f"this answer can be given as {', '.join(types)}; none is in the Accept header")
    try:
        with open(answer_path, "wb") as handle:
            result.serialize(_CappedFile(handle), types[chosen])  # type: ignore[arg-type]
    except TooLarge as exc:
        return Answer(422, message=str(exc))
    except (OSError, RuntimeError, ValueError) as exc:
        return Answer(400, message="the query failed: " + " ".join(str(exc).split()))
    charset = "; charset=utf-8" if chosen.startswith("text/") else ""
    return Answer(200, content_type=chosen + charset)


class WorkerDied(RuntimeError):
    pass


class _Worker:
    """One worker process and jjjkg's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext, location: str) -> None:
        self.connection, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(target=_worker_main, args=(theirs, location), daemon=True)
        self.process.start()
        theirs.close()
        if not self.connection.poll(START_TIMEOUT_S):
            self.kill()
            raise WorkerDied(f"a query worker did not start within {START_TIMEOUT_S:g} s")
        try:
            self.connection.recv()
        except (EOFError, OSError):
            self.kill()
            raise WorkerDied(f"a query worker could not open the store (exit code {self.process.exitcode})") from None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class QueryWorkers:
    """Worker processes over one store folder; each query with a deadline. A thread per worker
    waits for its answer, so the caller (the server's event loop) never blocks."""

    def __init__(self, location: Path, count: int, timeout_s: float) -> None:
        self.location, self.count, self.timeout_s = str(location), count, timeout_s
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self.threads = ThreadPoolExecutor(max_workers=count, thread_name_prefix="jjjkg-query")
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        try:
            for _ in range(count):
                self._add()
        except WorkerDied:
            self.close()  # the workers that did start
            raise

    def _add(self) -> None:
        worker = _Worker(self.context, self.location)
        with self.lock:
            self.all.add(worker)
        self.idle.put(worker)

    def submit(self, request: QueryRequest, answer_path: Path, cancelled: threading.Event | None = None
               ) -> Future[Answer]:
        """The answer, or TimeoutError at the deadline, WorkerDied if the worker died; setting
        cancelled stops the query (its worker is killed and replaced)."""
        return self.threads.submit(self._run, request, str(answer_path), cancelled or threading.Event())

    def _run(self, request: QueryRequest, answer_path: str, cancelled: threading.Event) -> Answer:
        worker = self.idle.get()
        while not worker.process.is_alive():  # killed while idle (the OOM killer, an operator)
            self._replace(worker)
            worker = self.idle.get()
        deadline = time.monotonic() + self.timeout_s
        try:
            worker.connection.send((request, answer_path))
            while not worker.connection.poll(POLL_S):
                if cancelled.is_set() or time.monotonic() > deadline or not worker.process.is_alive():
                    if not worker.connection.poll(0):
                        break
            else:
                answer: Answer = worker.connection.recv()
                self.idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass
        self._replace(worker)
        if cancelled.is_set() or time.monotonic() > deadline:
            raise TimeoutError(f"the query ran past {self.timeout_s:g} s")
        raise WorkerDied(f"the query worker stopped (exit code {worker.process.exitcode})")

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self.lock:
            self.all.discard(worker)
        try:
            self._add()
        except WorkerDied as exc:  # the pool is one worker short; the others go on
            print(f"jjjkg serve: {exc}", file=sys.stderr)

    def close(self) -> None:
        with self.lock:
            workers = list(self.all)
        for worker in workers:
            worker.kill()
        self.threads.shutdown(wait=False, cancel_futures=True)
