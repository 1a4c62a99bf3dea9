"""A read-only SPARQL 1.1 Protocol endpoint: the real Oxigraph server (`oxigraph serve-read-only`).

The built graph (data in the default graph, the ontology in a named graph) is loaded into an
on-disk Oxigraph store in a temporary directory, which the Oxigraph server then serves read-only
with the union of the graphs as its default graph and a per-query timeout, on a private loopback
port. In front of it, on the address the user asked for, `serve_front` serves jjjkg's query page
at `/` (Oxigraph's YASGUI, asking no other host, with jjjkg's prefixes) and forwards the SPARQL
paths to Oxigraph; see that module for why.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .build import Built, ConfigError
from .query import Engine, store_folder
from .serve_front import FrontServer, open_front

START_TIMEOUT_S = 60.0


def oxigraph_binary() -> str:
    """The `oxigraph` server installed beside this Python (PyPI package `oxigraph`), else on PATH."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ConfigError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def prepare_store(built: Built, directory: Path) -> Path:
    """Write the graph as N-Quads and load it with `oxigraph load`; returns the store location."""
    quads = directory / "jjjkg.nq"
    with open(quads, "wb") as fh:
        Engine(built).store.dump(fh, format=ox.RdfFormat.N_QUADS)
    location = directory / "store"
    result = subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(quads)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(f"oxigraph load failed: {' '.join(result.stderr.split())[:300]}")
    return location


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if jjjkg dies (even by SIGKILL), so no server outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def server_command(location: Path, host: str, port: int, timeout_s: float) -> list[str]:
    return [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", f"{timeout_s:g}"]


def serve(built: Built | None, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
          store: Path | None = None) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM): the built graph from a temporary store (removed
    on the way out), or a store folder that `jjjkg import-csv` wrote."""
    if not 0 < port < 65536:
        raise ConfigError(f"--port: {port} is not a port number (1-65535)")
    if timeout_s <= 0:
        raise ConfigError(f"--timeout-s: {timeout_s} must be positive")
    if store is not None:
        return _run(store_folder(store), host, port, timeout_s)
    assert built is not None
    with tempfile.TemporaryDirectory(prefix="jjjkg-serve-") as tmp:
        return _run(prepare_store(built, Path(tmp)), host, port, timeout_s)


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(process: subprocess.Popen[bytes], address: tuple[str, int], log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(address, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    log.seek(0)
    said = " ".join(log.read().decode(errors="replace").split())[:300]
    raise ConfigError(f"the Oxigraph server did not start (exit code {process.poll()}): {said or 'no message'}")


def _run(location: Path, host: str, port: int, timeout_s: float) -> int:
    """Run `oxigraph serve-read-only` on location behind the front until either stops. The public
    address is bound once the store is ready, so that a connection there means the server is up."""
    front = open_front(host, port, ("127.0.0.1", _free_loopback_port()), timeout_s)
    try:
        return _serve_with(front, location, timeout_s)
    finally:
        front.server_close()


def _serve_with(front: FrontServer, location: Path, timeout_s: float) -> int:
    stopping = threading.Event()
    process: subprocess.Popen[bytes] | None = None

    def stop(*_: object) -> None:
        stopping.set()
        threading.Thread(target=front.shutdown, daemon=True).start()

    def watch(server: subprocess.Popen[bytes]) -> None:
        server.wait()
        if not stopping.is_set():
            threading.Thread(target=front.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop)
    linux = sys.platform.startswith("linux")  # there the server dies with jjjkg, so it can have its
    # own session: Ctrl-C then reaches jjjkg only, which stops the server in order
    try:
        with tempfile.TemporaryFile() as log:  # Oxigraph's messages name the private port: kept for errors
            process = subprocess.Popen(server_command(location, *front.upstream, timeout_s), stdout=log,
                                       stderr=log, preexec_fn=_die_with_parent if linux else None,
                                       start_new_session=linux)
            _wait_until_listening(process, front.upstream, log)
            threading.Thread(target=watch, args=(process,), daemon=True).start()
            front.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        stopping.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process is not None and process.poll() is None:
            stopping.set()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if process is not None and process.returncode not in (0, -signal.SIGINT) and not stopping.is_set():
        raise ConfigError(f"the Oxigraph server stopped with exit code {process.returncode}")
    return 0
